"""Tests for gapdraft.planning.node_lp: the bounds at search nodes hold for every feasible set,
whatever multipliers the LP solver hands back."""

from __future__ import annotations

import itertools
import random
from unittest import mock

import pytest

from gapdraft.planning.lp_bound import SCALE, _rows
from gapdraft.planning.node_lp import NodeLp, node_lp
from tests.planning.lp_problems import Problem, feasible_sets, random_problem


def check_every_node(lp: NodeLp, p: Problem, sets: list[tuple[int, ...]]) -> int:
    """Assert the node and child bounds at every node of the search tree; returns how many
    bounds were compared against a feasible set."""
    cost = p[0]
    n, checked = len(cost), 0
    nodes: list[tuple[int, ...]] = [()]
    for size in range(1, n + 1):
        nodes += list(itertools.combinations(range(n), size))
    for chosen in nodes:
        last = chosen[-1] if chosen else -1
        got = lp.bounds(list(chosen), last)
        if got is None:
            continue
        node, child = got
        for x in sets:
            if tuple(k for k in x if k <= last) != chosen:
                continue
            total = SCALE * sum(cost[k] for k in x)
            assert total >= node, (chosen, x)
            later = [k for k in x if k > last]
            if later:
                assert total >= child[later[0]], (chosen, x)
            checked += 1
    return checked


def test_node_bounds_hold_for_every_feasible_set() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(25):
        p = random_problem(rng)
        cost, og, gf, level0, deficit = p
        lp = node_lp(cost, _rows(og, gf, level0, deficit))
        assert lp is not None
        checked += check_every_node(lp, p, feasible_sets(p))
    assert checked > 500  # the instances are not all infeasible


class _Garbage:
    """A stand-in for HiGHS's solution with arbitrary multipliers, negative ones included."""

    def __init__(self, rng: random.Random, rows: int) -> None:
        self.row_dual = [rng.uniform(-3.0, 6.0) for _ in range(rows)]


def test_node_bounds_hold_whatever_the_lp_solver_answers() -> None:
    """Weak duality, recomputed exactly, makes any multipliers safe: bad ones only weaken."""
    rng = random.Random(5)
    checked = 0
    for _ in range(15):
        p = random_problem(rng)
        cost, og, gf, level0, deficit = p
        lp = node_lp(cost, _rows(og, gf, level0, deficit))
        assert lp is not None
        garbage = _Garbage(rng, lp.rows)
        with mock.patch.object(lp.h, "getSolution", lambda g=garbage: g):
            checked += check_every_node(lp, p, feasible_sets(p))
    assert checked > 300


def test_no_bound_without_an_optimal_lp() -> None:
    rng = random.Random(3)
    cost, og, gf, level0, deficit = random_problem(rng)
    lp = node_lp(cost, _rows(og, gf, level0, deficit))
    assert lp is not None
    with mock.patch.object(lp.h, "getModelStatus", lambda: None):
        assert lp.bounds([], -1) is None


@pytest.mark.parametrize("magnitude", [1e9, 1e12])
def test_bounds_refused_when_float_sums_might_not_be_exact(magnitude: float) -> None:
    rng = random.Random(9)
    cost, og, gf, level0, deficit = random_problem(rng)
    lp = node_lp(cost, _rows(og, gf, level0, deficit))
    assert lp is not None

    class Huge:
        row_dual = [magnitude] * lp.rows

    with mock.patch.object(lp.h, "getSolution", lambda: Huge()):
        assert lp.bounds([], -1) is None


def hard_like(seed: int, goals: int = 60) -> tuple[dict, list, dict]:
    """A small instance of the benchmark's hard family: several clauses per goal at different
    levels, multi-goal clauses across three frameworks, targets well above the current total."""
    from decimal import Decimal

    from gapdraft.planning.solver import Option

    rng = random.Random(seed)
    fws = ("a", "b", "c")
    keys = [(fws[i % 3], f"g{i:03d}") for i in range(goals)]
    top = {k: rng.randint(2, 10) for k in keys}
    now = {k: rng.randint(0, top[k] - 1) for k in keys}
    options = []
    for i, k in enumerate(keys):
        levels = sorted(rng.sample(range(now[k] + 1, top[k] + 1), min(2, top[k] - now[k])))
        for j, lv in enumerate(levels):
            options.append(Option(f"c{i:03d}{j}", {k: Decimal(lv) / 2}, rng.randint(1, 5)))
    for i in range(goals // 4):
        span = rng.sample(keys, rng.randint(2, 5))
        lifts = {k: Decimal(rng.randint(now[k] + 1, top[k])) / 2 for k in span}
        options.append(Option(f"m{i:03d}", lifts, rng.randint(1, 5)))
    current = {k: Decimal(now[k]) / 2 for k in keys}
    targets = {fw: sum((v for k, v in current.items() if k[0] == fw), Decimal(0)) + 6 for fw in fws}
    return current, options, targets


@pytest.mark.parametrize("minimize", ["count", "effort"])
def test_root_fixing_drops_clauses_and_keeps_the_answer(minimize: str) -> None:
    from gapdraft.planning import lp_bound
    from gapdraft.planning import solver as targets

    dropped = 0
    real = lp_bound.root_fixing

    def counting(p, hint):  # type: ignore[no-untyped-def]
        nonlocal dropped
        small, bound, back = real(p, hint)
        dropped += p.n - small.n
        return small, bound, back

    for seed in range(6):
        current, options, tgt = hard_like(seed)
        with mock.patch.multiple(targets, LP_FROM=-1, LP_AFTER=0):
            with mock.patch.object(targets, "root_fixing", counting):
                fixed = targets.solve(current, {}, options, tgt, minimize=minimize)
            with mock.patch.object(
                targets, "root_fixing", lambda p, h: (p, h, dict(enumerate(range(p.n))))
            ):
                whole = targets.solve(current, {}, options, tgt, minimize=minimize)
            with mock.patch.multiple(targets, LP_FROM=10**9):  # no LP at all
                plain = targets.solve(current, {}, options, tgt, minimize=minimize)
        assert fixed == whole == plain
    assert dropped > 0
