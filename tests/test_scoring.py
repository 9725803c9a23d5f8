"""The real data: New Mexico reproduces both published report cards, and the plan ranks its gaps."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from gapdraft.load.workspace import Workspace
from gapdraft.planning.gaps import build_plan
from gapdraft.scoring import compare_published, format_points, score_state
from tests.helpers import REPO, run


@pytest.fixture(scope="module")
def ws(workspace: Workspace) -> Workspace:
    return workspace


@pytest.fixture(scope="module")
def nm(newmexico):
    return newmexico


def test_shared_hope_reproduces_45_f_with_every_subtotal(ws, nm):
    score = {s.framework.id: s for s in score_state(nm, ws.frameworks)}["sharedhope-2022"]
    assert score.total == Decimal(45)
    assert score.grade == "F"
    assert score.extra_credit == Decimal(4)
    assert [format_points(i.points) for i in score.issues] == [
        "9.5",
        "12.5",
        "7.5",
        "7.5",
        "3",
        "1",
    ]
    published = nm.published["sharedhope-2022"]
    assert published.tier == "II"
    assert compare_published(score, published) == []


def test_polaris_reproduces_67_ranked_6th_with_every_category(ws, nm):
    score = {s.framework.id: s for s in score_state(nm, ws.frameworks)}["polaris-record-relief"]
    assert score.total == 67
    points = {i.issue.id: i.points for i in score.issues}
    assert points == {
        "range-of-relief": 4,
        "nexus-to-trafficking": 10,
        "confidentiality": 0,
        "burden-of-proof": 0,
        "offenses-covered": 23,
        "time-limits": 8,
        "official-documentation": 0,
        "restrictive-conditions": 2,
        "arrests-and-adjudications": 10,
        "judicial-discretion": 5,
        "hearing-requirement": 5,
    }
    published = nm.published["polaris-record-relief"]
    assert published.rank == 6
    assert compare_published(score, published) == []


def test_frameworks_have_the_published_shape(ws):
    sh = ws.frameworks["sharedhope-2022"]
    assert [len(i.goals) for i in sh.issues] == [7, 11, 6, 6, 4, 6]
    assert [format_points(i.max_points) for i in sh.issues] == [
        "17.5",
        "27.5",
        "15",
        "15",
        "10",
        "15",
    ]
    assert all(g.max_points == Decimal("2.5") for g in sh.goals)
    assert sh.max_points == 100
    polaris = ws.frameworks["polaris-record-relief"]
    assert len(polaris.goals) == 11 and polaris.max_points == 100
    assert polaris.goal("offenses-covered").levels[0].points == 5  # the rubric starts at 5


def test_polaris_gaps_rank_as_published_rubric_order(ws, nm):
    plan = build_plan(nm, ws.frameworks, only_frameworks=["polaris-record-relief"])
    assert [(g.goal.id, str(g.gain)) for g in plan.gaps] == [
        ("offenses-covered", "7"),
        ("range-of-relief", "6"),
        ("confidentiality", "5"),
        ("burden-of-proof", "5"),
        ("official-documentation", "5"),
        ("judicial-discretion", "5"),
    ]
    assert [str(g.projected_total) for g in plan.gaps] == ["74", "80", "85", "90", "95", "100"]
    # intermediate levels sit on the same row, not as extra rows
    range_gap = plan.gaps[1]
    assert [lv.id for lv in range_gap.steps] == ["vacatur", "vacatur-merits"]


def test_shared_hope_gains_add_up_to_59(ws, nm):
    plan = build_plan(nm, ws.frameworks, only_frameworks=["sharedhope-2022"])
    assert sum(g.gain for g in plan.gaps) == Decimal(59)
    assert plan.gaps[-1].projected_total == Decimal(45) + 59
    assert all(g.gain > 0 for g in plan.gaps)
    assert any(g.estimated for g in plan.gaps)


def test_plan_json_contract(nm):
    result = run("--workspace", str(REPO), "plan", "newmexico", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["state"] == "newmexico"
    scores = {s["framework"]: s for s in data["scores"]}
    assert scores["sharedhope-2022"]["total"] == 45
    assert scores["sharedhope-2022"]["published_grade"] == "F"
    assert scores["polaris-record-relief"]["total"] == 67
    assert scores["polaris-record-relief"]["published_total"] == 67
    for key in (
        "framework",
        "total",
        "max",
        "grade",
        "published_total",
        "published_grade",
        "issues",
    ):
        assert key in scores["sharedhope-2022"]
    gap = data["gaps"][0]
    for key in (
        "framework",
        "goal",
        "title",
        "current_points",
        "max_points",
        "gain",
        "projected_total",
        "projected_grade",
        "estimated",
    ):
        assert key in gap
    assert gap["goal"] == "offenses-covered" and gap["gain"] == 7
    assert isinstance(gap["current_points"], int)
    half = next(g for g in data["gaps"] if g["framework"] == "sharedhope-2022" and g["gain"] == 1.5)
    assert isinstance(half["gain"], float)  # a number, not a string
    assert len(data["gaps"]) == len({(g["framework"], g["goal"]) for g in data["gaps"]})


def test_plan_table_shows_published_figures_and_marks():
    result = run("--workspace", str(REPO), "plan", "newmexico")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "45, F, Tier II" in out and "67, ranked 6" in out
    assert "reproduced" in out
    assert "~+" in out  # estimates are marked
    assert "assumed cut-offs" in out
    assert "44.99" not in out and "45.0" not in out


def test_plan_filters_and_csv():
    result = run(
        "--workspace",
        str(REPO),
        "plan",
        "newmexico",
        "--framework",
        "sharedhope-2022",
        "--issue",
        "6",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["goal"] for r in rows} == {"6.1", "6.2", "6.4", "6.5", "6.6", "6.3"}
    assert rows[0]["rank"] == "1"
    top = run("--workspace", str(REPO), "plan", "newmexico", "--top", "3", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(top.stdout)))) == 3


def test_score_command_formats():
    md = run("--workspace", str(REPO), "score", "newmexico", "--format", "md")
    assert "| 1 | Criminal Provisions | 9.5 / 17.5 | 9.5 |" in md.stdout
    data = json.loads(
        run("--workspace", str(REPO), "score", "newmexico", "--format", "json").stdout
    )
    assert all(s["matches_published"] for s in data["scores"])


def test_validate_passes_on_the_repository():
    result = run("--workspace", str(REPO), "validate")
    assert result.exit_code == 0, result.stderr
    assert "reproduces the published 45" in result.stdout
    assert "reproduces the published 67" in result.stdout


def test_every_citation_is_honest_about_verification(nm):
    # FACTS.md: the record-relief section number is unverified; nothing here was checked against
    # the statute's text, so no citation may claim to be verified.
    for coding in nm.codings.values():
        for goal in coding.goals.values():
            for citation in goal.citations:
                assert citation.verified is False, (goal.goal_id, citation.cite)
