"""Clause-level planning on real data and fixtures: --by clause, --target-grade, --assume."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal

import pytest

from gapdraft.load.workspace import Workspace
from gapdraft.planning.clause_plans import plan_to_target
from gapdraft.planning.whatif import score_with
from tests.helpers import REPO, TINY, assert_one_line_error, run


@pytest.fixture(scope="module")
def nm(workspace, newmexico, library):
    return workspace, newmexico, library


def test_nm_target_c_reaches_c_everywhere(nm):
    ws, state, library = nm
    plan = plan_to_target(state, ws.frameworks, library, "C")
    final = {s.framework.id: s for s in plan.steps[-1].scores}
    assert all(s.total >= 70 for s in final.values())
    # the steps' scores are what-if scores of the clauses so far
    ids = [step.clause.id for step in plan.steps]
    direct = {
        s.framework.id: s.total for s in score_with(state, ws.frameworks, library.expand(ids))
    }
    assert direct == {fid: s.total for fid, s in final.items()}
    assert plan.cost == len(plan.steps)


def test_nm_target_c_is_minimal_and_above_the_lower_bound(nm):
    """Optimality itself is proven against brute force in test_targets.py; here: no step can be
    dropped, and the count is at least the bound from the largest single-clause gains."""
    ws, state, library = nm
    plan = plan_to_target(state, ws.frameworks, library, "C")
    ids = [step.clause.id for step in plan.steps]
    for dropped in ids:
        rest = [i for i in ids if i != dropped]
        totals = [s.total for s in score_with(state, ws.frameworks, library.expand(rest))]
        assert min(totals) < 70, dropped
    start = {s.framework.id: s.total for s in plan.start}
    gains = sorted(
        (
            score_with(state, ws.frameworks, library.expand([c.id]))[0].total
            - start["sharedhope-2022"]
            for c in library.adoptable()
        ),
        reverse=True,
    )
    need = Decimal(70) - start["sharedhope-2022"]
    bound = next(k for k in range(1, len(gains) + 1) if sum(gains[:k]) >= need)
    assert plan.cost >= bound


def test_polaris_only_target_takes_one_section(nm):
    ws, state, library = nm
    plan = plan_to_target(
        state, ws.frameworks, library, "A", only_frameworks=["polaris-record-relief"]
    )
    assert len(plan.steps) == 1
    assert plan.steps[0].clause.section == "record-relief"


def test_assume_applies_clauses_first(nm):
    ws, state, library = nm
    plan = plan_to_target(
        state,
        ws.frameworks,
        library,
        "A",
        only_frameworks=["polaris-record-relief"],
        assume=["record-relief-confidentiality"],
    )
    assert plan.steps == () and "record-relief-confidentiality" in plan.assumed


def test_target_json_plan_list():
    result = run(
        "--workspace", str(REPO), "plan", "newmexico", "--target-grade", "C", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["target_grade"] == "C"
    step = data["plan"][0]
    assert {"clause", "goals_met", "projected"} <= set(step)
    last = {p["framework"]: p for p in data["plan"][-1]["projected"]}
    assert last["sharedhope-2022"]["grade"] == "C" and last["sharedhope-2022"]["total"] >= 70


def test_by_clause_ranks_combined_gain():
    data = json.loads(
        run(
            "--workspace", str(REPO), "plan", "newmexico", "--by", "clause", "--format", "json"
        ).stdout
    )
    totals = [c["total_gain"] for c in data["clauses"]]
    assert totals == sorted(totals, reverse=True)
    first = data["clauses"][0]
    assert first["gains"]["polaris-record-relief"] > 0 and first["gains"]["sharedhope-2022"] > 0


def test_unknown_grade_and_unreachable_target():
    assert_one_line_error(
        run("--workspace", str(REPO), "plan", "newmexico", "--target-grade", "E"),
        'grade "E" is not on',
    )
    result = run(
        "--workspace", str(TINY), "plan", "alpha", "--target-grade", "A", "--framework", "steps"
    )
    # steps tops out at B (8) here: range full 6 + seal 4 = 10 >= 8, so B reachable; A is not on the scale
    assert result.exit_code == 2


def test_unreachable_names_the_best_grade(tmp_path):
    from tests.helpers import copy_workspace

    ws = copy_workspace(TINY, tmp_path / "ws")
    (ws / "clauses" / "stepped-top.yaml").unlink()
    (ws / "clauses" / "stepped-mid.yaml").unlink()
    result = run(
        "--workspace", str(ws), "plan", "alpha", "--target-grade", "A", "--framework", "tiny"
    )
    assert_one_line_error(result, "cannot reach A", "Tiny 7 (C)")


def test_fixture_target_matches_brute_force():
    ws = Workspace.open(TINY)
    state, library = ws.load_state("alpha"), ws.load_library()
    for grade, frameworks in (("C", ["tiny"]), ("B", ["steps"]), ("A", ["tiny"]), ("D", ["steps"])):
        plan = plan_to_target(state, ws.frameworks, library, grade, frameworks)
        ids = [c.id for c in library.adoptable()]
        best = None
        for k in range(len(ids) + 1):
            for combo in itertools.combinations(ids, k):
                try:
                    scores = score_with(state, ws.frameworks, library.expand(combo))
                except Exception:  # alternatives that cannot be drafted together
                    continue
                if all(
                    s.total >= s.framework.grade_scale.min_for(grade)
                    for s in scores
                    if frameworks is None or s.framework.id in frameworks
                ):
                    best = k
                    break
            if best is not None:
                break
        assert plan.cost == best, (grade, frameworks)


def test_draft_with_target_grade():
    result = run(
        "--workspace", str(REPO), "draft", "newmexico", "--target-grade", "C", "--format", "md"
    )
    assert result.exit_code == 0, result.stderr
    assert "VACATUR" in result.stdout
