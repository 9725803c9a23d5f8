"""Honest figures: a total above a scorecard's maximum is the maximum plus extra credit, in every
format, and the outputs say that whether the publisher caps it is unknown."""

from __future__ import annotations

import json
from decimal import Decimal

from gapdraft.drafting.select import select_for_gaps
from gapdraft.figures import above_max, score_of_max, total_long, total_short
from gapdraft.planning.gaps import build_plan
from tests.helpers import REPO, run

CAP = "whether Shared Hope International caps the total at 100 is not published (unknown)"


def test_total_texts():
    assert total_short(Decimal(45), Decimal(100)) == "45"
    assert total_short(Decimal(104), Decimal(100)) == "100+4"
    assert total_long(Decimal("102.5"), Decimal(100)) == "102.5 = 100 + 2.5 extra credit"
    assert score_of_max(Decimal(67), Decimal(100)) == "67 / 100"
    assert score_of_max(Decimal(104), Decimal(100)) == "104 = 100 + 4 extra credit"
    assert above_max(Decimal(99), Decimal(100)) == 0


def every_clause(workspace, newmexico, library) -> str:
    gaps = build_plan(newmexico, workspace.frameworks).gaps
    return ",".join(select_for_gaps(library, gaps).clause_ids)


def test_score_adopt_shows_extra_credit_above_the_maximum(workspace, newmexico, library):
    ids = every_clause(workspace, newmexico, library)
    wide = {"COLUMNS": "200"}  # the note is one line when the terminal is wide enough
    table = run("--workspace", str(REPO), "score", "newmexico", "--adopt", ids, env=wide)
    assert table.exit_code == 0, table.stderr
    assert "100+4 / 100" in table.stdout and CAP in table.stdout
    assert " 104 " not in table.stdout
    data = json.loads(
        run(
            "--workspace", str(REPO), "score", "newmexico", "--adopt", ids, "--format", "json"
        ).stdout
    )
    sh = next(s for s in data["scores"] if s["framework"] == "sharedhope-2022")
    assert (sh["total"], sh["max"], sh["above_max"]) == (104, 100, 4)  # the contract stays
    assert sh["publisher_caps_total"] == "unknown"
    polaris = next(s for s in data["scores"] if s["framework"] == "polaris-record-relief")
    assert polaris["above_max"] == 0 and polaris["publisher_caps_total"] is None
    assert any(CAP in n for n in data["notes"])
    before = {s["framework"]: s["above_max"] for s in data["before"]}
    assert before == {"sharedhope-2022": 0, "polaris-record-relief": 0}


def test_plan_projections_above_the_maximum():
    data = json.loads(run("--workspace", str(REPO), "plan", "newmexico", "--format", "json").stdout)
    over = [g for g in data["gaps"] if g["projected_above_max"]]
    assert over, "meeting every Shared Hope goal passes 100 with New Mexico's extra credit"
    for g in over:
        assert g["projected_total"] - g["projected_above_max"] == 100
    assert any(CAP in n for n in data["notes"])
    table = run("--workspace", str(REPO), "plan", "newmexico", env={"COLUMNS": "200"}).stdout
    assert "100+4" in table and CAP in table
    md = run("--workspace", str(REPO), "plan", "newmexico", "--format", "md").stdout
    assert "| 100+4 |" in md and CAP in md
    # a plan that stays below the maximum says nothing about caps
    short = run("--workspace", str(REPO), "plan", "newmexico", "--top", "3").stdout
    assert "caps the total" not in short


def test_target_plan_to_a_marks_extra_credit():
    data = json.loads(
        run(
            "--workspace", str(REPO), "plan", "newmexico", "--target-grade", "A", "--format", "json"
        ).stdout
    )
    for step in data["plan"]:
        for s in step["projected"]:
            assert s["above_max"] == max(s["total"] - 100, 0)
