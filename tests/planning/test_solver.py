"""Tests for gapdraft.planning.solver: exact choice of clauses that reach every scorecard target."""

from __future__ import annotations

import itertools
import pickle
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapdraft.planning import bounds
from gapdraft.planning import solver as targets
from gapdraft.planning.solver import Option, Solution, Unreachable, solve
from tests.planning.lp_problems import feasible_sets, random_problem

D = Decimal
FWS = ("alpha", "beta")

Instance = tuple[
    dict[tuple[str, str], Decimal], dict[str, Decimal], list[Option], dict[str, Decimal]
]


# ---------------------------------------------------------------------------------------------
# Reference: every subset


def totals_with(
    current: Mapping[tuple[str, str], Decimal],
    fixed: Mapping[str, Decimal],
    adopted: Sequence[Option],
    frameworks: Sequence[str],
) -> dict[str, Decimal]:
    level = dict(current)
    for opt in adopted:
        for key, pts in opt.lifts.items():
            level[key] = max(level.get(key, D(0)), pts)
    out = {fw: fixed.get(fw, D(0)) for fw in frameworks}
    for (fw, _), pts in level.items():
        out[fw] = out.get(fw, D(0)) + pts
    return out


def brute_force(inst: Instance, minimize: str) -> tuple[int, tuple[str, ...]] | None:
    """(cost, sorted ids) of the best set: least cost, then smallest sorted id tuple."""
    current, fixed, options, tgt = inst
    best: tuple[int, tuple[str, ...]] | None = None
    for size in range(len(options) + 1):
        for combo in itertools.combinations(options, size):
            tot = totals_with(current, fixed, combo, FWS)
            if all(tot[fw] >= t for fw, t in tgt.items()):
                cost = size if minimize == "count" else sum(o.effort for o in combo)
                key = (cost, tuple(sorted(o.id for o in combo)))
                if best is None or key < best:
                    best = key
    return best


HALF = st.integers(0, 10).map(lambda k: D(k) / 2)


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    goals = [(fw, f"g{i}") for fw in FWS for i in range(draw(st.integers(1, 6)))]
    current = {g: draw(HALF) for g in goals if draw(st.integers(0, 4))}  # some goals unlisted
    fixed = draw(st.dictionaries(st.sampled_from(FWS), HALF, max_size=2))
    ids = draw(
        st.lists(st.text("abcd", min_size=1, max_size=2), min_size=0, max_size=9, unique=True)
    )
    options: list[Option] = []
    for cid in ids:
        if options and draw(st.integers(0, 3)) == 0:  # a clone of an earlier clause
            lifts = dict(options[draw(st.integers(0, len(options) - 1))].lifts)
        else:
            keys = draw(st.lists(st.sampled_from(goals), min_size=1, max_size=4, unique=True))
            lifts = {k: draw(HALF) for k in keys}
        options.append(Option(cid, lifts, draw(st.integers(1, 5))))
    tgt: dict[str, Decimal] = {}
    for fw in draw(st.lists(st.sampled_from(FWS), min_size=1, max_size=2, unique=True)):
        now = fixed.get(fw, D(0)) + sum((v for k, v in current.items() if k[0] == fw), D(0))
        tgt[fw] = now + D(draw(st.integers(-2, 16))) / 2
    return current, fixed, options, tgt


# The search switches bounds on by size; force each variant on tiny instances too.
VARIANTS = {
    "default": {"_GOAL_BOUND_AFTER": targets._GOAL_BOUND_AFTER},
    "goal-bound-always": {"_GOAL_BOUND_AFTER": 0},
    "no-suffix-tables": {"_DP_CELLS": 0},  # in planning/bounds.py
    "lp-bound-always": {
        "LP_FROM": -1,
        "LP_AFTER": 0,
    },  # HiGHS's bound and incumbent, checked exactly
    "lp-after-the-pass": {
        "LP_FROM": -1,
        "LP_AFTER": 0,
        "LP_FIRST_UP_TO": -1,
    },  # the node LP after the relaxations (large instances), on tiny ones
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("minimize", ["count", "effort"])
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inst=instances())
def test_matches_brute_force(inst: Instance, minimize: str, variant: str) -> None:
    current, fixed, options, tgt = inst
    expected = brute_force(inst, minimize)
    module = bounds if "_DP_CELLS" in VARIANTS[variant] else targets
    with mock.patch.multiple(module, **VARIANTS[variant]):
        if expected is None:
            with pytest.raises(Unreachable) as err:
                solve(current, fixed, options, tgt, minimize=minimize)  # type: ignore[arg-type]
            every = totals_with(current, fixed, options, FWS)
            assert {fw: err.value.best_totals.get(fw, D(0)) for fw in FWS} == every
            return
        sol = solve(current, fixed, options, tgt, minimize=minimize)  # type: ignore[arg-type]
    assert (sol.cost, tuple(sorted(sol.chosen))) == expected
    adopted = [o for o in options if o.id in sol.chosen]
    assert len(adopted) == len(sol.chosen)
    assert sol.cost == (len(adopted) if minimize == "count" else sum(o.effort for o in adopted))
    tot = totals_with(current, fixed, adopted, FWS)
    assert {fw: sol.totals.get(fw, D(0)) for fw in FWS} == tot
    assert all(tot[fw] >= t for fw, t in tgt.items())


@settings(max_examples=60, deadline=None)
@given(inst=instances(), seed=st.integers(0, 10**6))
def test_result_does_not_depend_on_option_order(inst: Instance, seed: int) -> None:
    current, fixed, options, tgt = inst
    shuffled = list(options)
    random.Random(seed).shuffle(shuffled)
    for minimize in ("count", "effort"):
        try:
            a = solve(current, fixed, options, tgt, minimize=minimize)  # type: ignore[arg-type]
        except Unreachable:
            with pytest.raises(Unreachable):
                solve(current, fixed, shuffled, tgt, minimize=minimize)  # type: ignore[arg-type]
            continue
        b = solve(current, fixed, shuffled, tgt, minimize=minimize)  # type: ignore[arg-type]
        assert a == b


# ---------------------------------------------------------------------------------------------
# Hand-made cases


def test_lifts_on_one_goal_take_the_max_not_the_sum() -> None:
    current = {("a", "g1"): D(0), ("a", "g2"): D(0)}
    options = [Option("to8", {("a", "g1"): D(8)}), Option("to10", {("a", "g1"): D(10)})]
    sol = solve(current, {}, options, {"a": D(10)})
    assert sol.chosen == ("to10",)
    assert sol.totals["a"] == D(10)
    # 8 + 10 would be 18, but adopting both only reaches 10
    with pytest.raises(Unreachable) as err:
        solve(current, {}, options, {"a": D(11)})
    assert err.value.best_totals == {"a": D(10)}


def test_already_reached_returns_empty_solution() -> None:
    current = {("a", "g1"): D("2.5")}
    sol = solve(current, {"a": D(1)}, [Option("x", {("a", "g1"): D(5)})], {"a": D("3.5")})
    assert sol == Solution((), {"a": D("3.5")}, 0)


def test_no_targets_returns_empty_solution() -> None:
    sol = solve({("a", "g1"): D(1)}, {}, [Option("x", {("a", "g1"): D(5)})], {})
    assert sol.chosen == () and sol.cost == 0 and sol.totals == {"a": D(1)}


def test_unreachable_reports_best_totals_for_every_framework() -> None:
    current = {("a", "g1"): D(1), ("b", "g1"): D(0)}
    options = [
        Option("x", {("a", "g1"): D(3), ("b", "g1"): D("0.5")}),
        Option("y", {("b", "g1"): D(2)}),
    ]
    with pytest.raises(Unreachable) as err:
        solve(current, {"b": D(2)}, options, {"a": D(3), "b": D(5)})
    assert err.value.best_totals == {"a": D(3), "b": D(4)}
    assert "b: 4 < 5" in str(err.value)
    again = pickle.loads(pickle.dumps(err.value))
    assert again.best_totals == err.value.best_totals


def test_tie_break_is_smallest_sorted_ids() -> None:
    current = {("a", f"g{i}"): D(0) for i in range(4)}
    # each clause lifts its own goal by 1; any two reach the target
    options = [Option(cid, {("a", f"g{i}"): D(1)}) for i, cid in enumerate(["m", "c", "x", "b"])]
    assert sorted(solve(current, {}, options, {"a": D(2)}).chosen) == ["b", "c"]
    assert sorted(solve(current, {}, options[::-1], {"a": D(2)}).chosen) == ["b", "c"]
    # a clone of a better-placed clause: ids decide, not the order given
    clones = [Option("z", {("a", "g0"): D(2)}), Option("k", {("a", "g0"): D(2)})]
    assert solve(current, {}, clones, {"a": D(2)}).chosen == ("k",)


def test_tie_break_beats_an_equally_good_greedy_start() -> None:
    # Greedy takes z (3 points) first, then a: {a, z}.  {a, b} costs the same and sorts first.
    current = {("a", f"g{i}"): D(0) for i in range(4)}
    options = [
        Option("z", {("a", "g0"): D(3)}),
        Option("y", {("a", "g1"): D(1)}),
        Option("a", {("a", "g2"): D(2)}),
        Option("b", {("a", "g3"): D(2)}),
    ]
    sol = solve(current, {}, options, {"a": D(4)})
    assert sol.cost == 2 and sorted(sol.chosen) == ["a", "b"]


def test_tie_break_prefers_prefix_then_smaller_ids_in_effort_mode() -> None:
    current = {("a", "g1"): D(0), ("a", "g2"): D(0)}
    options = [
        Option("b", {("a", "g1"): D(2)}, effort=2),
        Option("a1", {("a", "g1"): D(1)}, effort=1),
        Option("a2", {("a", "g2"): D(1)}, effort=1),
    ]
    # {"a1", "a2"} and {"b"} both cost 2; ("a1", "a2") < ("b",)
    assert sorted(solve(current, {}, options, {"a": D(2)}, minimize="effort").chosen) == [
        "a1",
        "a2",
    ]


def test_effort_mode_prefers_two_cheap_clauses_over_one_expensive() -> None:
    current = {("a", "g1"): D(0), ("a", "g2"): D(0)}
    options = [
        Option("big", {("a", "g1"): D(2), ("a", "g2"): D(2)}, effort=5),
        Option("left", {("a", "g1"): D(2)}, effort=1),
        Option("right", {("a", "g2"): D(2)}, effort=2),
    ]
    by_count = solve(current, {}, options, {"a": D(4)}, minimize="count")
    assert by_count.chosen == ("big",) and by_count.cost == 1
    by_effort = solve(current, {}, options, {"a": D(4)}, minimize="effort")
    assert sorted(by_effort.chosen) == ["left", "right"] and by_effort.cost == 3


def test_clause_spanning_two_frameworks() -> None:
    current = {("a", "g"): D(0), ("b", "g"): D(0)}
    options = [
        Option("a-only", {("a", "g"): D(1)}),
        Option("b-only", {("b", "g"): D(1)}),
        Option("both", {("a", "g"): D(1), ("b", "g"): D(1)}, effort=3),
    ]
    tgt = {"a": D(1), "b": D(1)}
    assert solve(current, {}, options, tgt).chosen == ("both",)
    assert sorted(solve(current, {}, options, tgt, minimize="effort").chosen) == [
        "a-only",
        "b-only",
    ]


def test_exact_quarter_points() -> None:
    current = {("a", f"g{i}"): D("0.25") for i in range(3)}
    options = [Option(f"c{i}", {("a", f"g{i}"): D("0.5")}) for i in range(3)]
    # 0.75 now, each clause adds exactly 0.25; floats would be exact here too, but 0.1 would not
    sol = solve(current, {"a": D("0.1")}, options, {"a": D("1.35")})
    assert sol.cost == 2 and sol.totals["a"] == D("1.35")


def test_useless_and_other_framework_lifts_are_ignored_but_totalled() -> None:
    current = {("a", "g1"): D(3), ("a", "g2"): D(0)}
    options = [
        Option("useless", {("a", "g1"): D(2)}),
        Option("other", {("z", "g1"): D(9)}),
        Option("good", {("a", "g2"): D(1), ("z", "g2"): D(1)}),
    ]
    sol = solve(current, {}, options, {"a": D(4)})
    assert sol.chosen == ("good",)
    assert sol.totals == {"a": D(4), "z": D(1)}


def test_presentation_order_puts_biggest_step_first() -> None:
    current = {("a", f"g{i}"): D(0) for i in range(3)}
    options = [
        Option("a-small", {("a", "g0"): D(1)}),
        Option("b-large", {("a", "g1"): D(5)}),
        Option("c-mid", {("a", "g2"): D(3)}),
    ]
    sol = solve(current, {}, options, {"a": D(9)})
    assert sol.chosen == ("b-large", "c-mid", "a-small")


def test_many_interchangeable_clauses() -> None:
    # 40 identical single-goal clauses and a few overlapping ones: the search must not branch
    # on every permutation, and must still return the smallest ids.
    current = {("a", f"g{i}"): D(0) for i in range(40)}
    current |= {("b", f"g{i}"): D(0) for i in range(40)}
    options = [Option(f"a{i:02d}", {("a", f"g{i}"): D(1)}) for i in range(40)]
    options += [Option(f"b{i:02d}", {("b", f"g{i}"): D(1)}) for i in range(40)]
    options += [Option("z", {("a", "g0"): D(2), ("b", "g0"): D(2)}, effort=2)]
    sol = solve(current, {}, options, {"a": D(10), "b": D(10)})
    assert sol.cost == 17
    assert sorted(sol.chosen) == [f"a{i:02d}" for i in range(1, 9)] + [
        f"b{i:02d}" for i in range(1, 9)
    ] + ["z"]
    by_effort = solve(current, {}, options, {"a": D(10), "b": D(10)}, minimize="effort")
    assert by_effort.cost == 18 and sorted(by_effort.chosen) == sorted(sol.chosen)


def test_bad_input_is_refused() -> None:
    current = {("a", "g1"): D(0)}
    with pytest.raises(TypeError):
        solve({("a", "g1"): 0.5}, {}, [], {"a": D(1)})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="duplicate"):
        solve(current, {}, [Option("x", {}), Option("x", {})], {"a": D(1)})
    with pytest.raises(ValueError, match="effort"):
        solve(current, {}, [Option("x", {("a", "g1"): D(1)}, effort=0)], {"a": D(1)})
    with pytest.raises(ValueError, match="minimize"):
        solve(current, {}, [], {"a": D(0)}, minimize="speed")  # type: ignore[arg-type]


def test_lp_bound_holds_for_every_feasible_set_and_prints_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """SCALE * cost(X) >= base + bonuses of X for every set X that reaches the targets."""
    from gapdraft.planning.lp_bound import SCALE, lp_bound

    rng = random.Random(7)
    for _ in range(20):
        problem = random_problem(rng, max_options=7)
        cost = problem[0]
        bound = lp_bound(*problem)
        assert bound is not None and all(b >= 0 for b in bound.bonus)
        for combo in feasible_sets(problem):
            total = SCALE * sum(cost[k] for k in combo)
            assert total >= bound.base + sum(bound.bonus[k] for k in combo)
    out, _ = capfd.readouterr()
    assert out == ""  # HiGHS's banner must never reach stdout (it would break --format json)
