"""A linear-programming bound and a starting solution for large target-grade searches.

For instances with many clauses the branch and bound in solver.py spends its time proving that
no cheaper (or, at equal cost, earlier) set exists.  Two things from HiGHS (via highspy, imported
only here and only for large instances) shorten that proof; neither is trusted blindly (and
node_lp.py re-solves the relaxation at each node of the search, in the same way):

* The integer program (clauses x, goal steps y; each step reached only if some chosen clause
  lifts the goal that far; each framework's steps cover its shortfall) solved once, with a time
  limit: its solution is only an incumbent, used after the search checks, in exact integers,
  that it reaches every target.  The search still proves optimality and the tie-break itself.
* The duals of the linear relaxation: rounded to whole multiples of 1/SCALE and clipped to the
  right sign, they give, by weak duality and in exact integer arithmetic, for every set X of
  clauses reaching the targets:  SCALE * cost(X) >= base + sum(bonus[k] for k in X).  Any
  multipliers of the right sign make this true, so a poor answer from the LP solver only weakens
  the bound, it never makes it wrong.

Formulation (all coefficients integers): minimise sum c_k x_k subject to
    sum_{k lifts g to >= L_j} x_k - y_gj >= 0        (each step j of goal g)
    sum_{g in f, j} (L_j - L_{j-1}) y_gj >= deficit_f (each framework still short)
    0 <= x, y <= 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from gapdraft.planning.integer_form import _Int

SCALE = 1 << 20  # duals are rounded to multiples of 1 / SCALE
# The incumbent search stops here; the exact search goes on regardless.  HiGHS usually finds
# the optimum at its root node; on the hard benchmark family 0.3 s left the worst search no
# slower than 20 s did, and 0.1 s made it slower (poorer starting solutions).
MIP_SECONDS = 0.3


class LpBound(NamedTuple):
    base: int  # SCALE * cost(X) >= base + sum(bonus[k] for k in X), for every feasible X
    bonus: list[int]  # per clause, >= 0
    incumbent: tuple[int, ...]  # clause indices from the integer program (unchecked), or ()


class _Rows(NamedTuple):
    index: list[list[int]]  # per row, the columns
    value: list[list[int]]  # per row, the coefficients
    lower: list[int]  # per row, the right-hand side of ">="
    steps: int  # y columns, after the n clause columns


def _rows(
    og: list[list[tuple[int, int]]], gf: list[int], level0: list[int], deficit: list[int]
) -> _Rows:
    n = len(og)
    by_goal: dict[int, list[tuple[int, int]]] = {}
    for k, lifts in enumerate(og):
        for g, lift in lifts:
            by_goal.setdefault(g, []).append((lift, k))
    index: list[list[int]] = []
    value: list[list[int]] = []
    fw_cols: list[list[int]] = [[] for _ in deficit]
    fw_vals: list[list[int]] = [[] for _ in deficit]
    col = n
    for g in sorted(by_goal):
        prev = level0[g]
        for level in sorted({lift for lift, _ in by_goal[g]}):
            clauses = sorted(k for lift, k in by_goal[g] if lift >= level)
            index.append([*clauses, col])
            value.append([1] * len(clauses) + [-1])
            fw_cols[gf[g]].append(col)
            fw_vals[gf[g]].append(level - prev)
            prev, col = level, col + 1
    lower = [0] * len(index) + list(deficit)
    return _Rows(index + fw_cols, value + fw_vals, lower, col - n)


def lp_bound(
    cost: list[int],
    og: list[list[tuple[int, int]]],
    gf: list[int],
    level0: list[int],
    deficit: list[int],
    mip_seconds: float = MIP_SECONDS,
    rows: _Rows | None = None,
) -> LpBound | None:
    """The bound and incumbent above, or None when highspy is not installed.  The integer
    program gets at most `mip_seconds` (its incumbent only shortens the search); `rows` may be
    passed in when the caller built them already."""
    try:
        import highspy
        import numpy as np
    except ImportError:
        return None
    if rows is None:
        rows = _rows(og, gf, level0, deficit)
    n = len(cost)
    h = _model(highspy, np, cost, rows)
    h.run()
    duals = (
        list(h.getSolution().row_dual)
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        else []
    )
    base, bonus = _weak_dual(cost, rows, duals)
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    if mip_seconds <= 0:
        return LpBound(base, bonus, ())
    h.setOptionValue("time_limit", mip_seconds)
    h.run()
    values = h.getSolution().col_value
    incumbent = tuple(k for k in range(n) if values[k] > 0.5) if len(values) >= n else ()
    return LpBound(base, bonus, incumbent)


def _model(highspy, np, cost: list[int], rows: _Rows):  # type: ignore[no-untyped-def]
    h = _quiet(highspy)
    for option, value in (("threads", 1), ("mip_rel_gap", 0.0), ("random_seed", 0)):
        h.setOptionValue(option, value)
    n, cols = len(cost), len(cost) + rows.steps
    h.addVars(cols, np.zeros(cols), np.ones(cols))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(cost, dtype=float))
    inf = highspy.kHighsInf
    for idx, val, low in zip(rows.index, rows.value, rows.lower, strict=True):
        h.addRow(float(low), inf, len(idx), np.array(idx, dtype=np.int32), np.array(val, float))
    return h


def _quiet(highspy):  # type: ignore[no-untyped-def]
    """A Highs object that prints nothing: its banner goes to file descriptor 1 when it is made,
    which would land in the middle of `--format json` output."""
    import os
    import sys

    sys.stdout.flush()
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
    h.setOptionValue("output_flag", False)
    return h


def _weak_dual(cost: list[int], rows: _Rows, duals: list[float]) -> tuple[int, list[int]]:
    """Exact (base, bonus) from any multipliers: Y = duals rounded to 1/SCALE, clipped at 0."""
    n, cols = len(cost), len(cost) + rows.steps
    reduced = [c * SCALE for c in cost] + [0] * rows.steps  # SCALE * (c - A^T Y), exactly
    base = 0
    for r, (idx, val, low) in enumerate(zip(rows.index, rows.value, rows.lower, strict=True)):
        y = max(round(duals[r] * SCALE), 0) if r < len(duals) else 0
        if y:
            base += low * y
            for j, a in zip(idx, val, strict=True):
                reduced[j] -= a * y
    # c.v >= Y.b + D.v >= Y.b + sum(min(D_j, 0)) + sum over chosen clauses of max(D_k, 0)
    base += sum(d for d in reduced[:cols] if d < 0)
    return base, [max(d, 0) for d in reduced[:n]]


def root_fixing(p: _Int, hint: LpBound) -> tuple[_Int, LpBound, dict[int, int]]:
    """The problem without the clauses that no optimal set can hold, by reduced-cost fixing:
    a clause k with ceil((base + bonus[k]) / SCALE) above the best known cost (greedy, or the
    integer program's set once checked) lifts the cost of every set holding it above that.
    Where the root bound is close to the optimum this drops most clauses.  Returns the smaller
    problem (clauses in the same order, so the tie-break is kept), the bound restricted to it,
    and each kept clause's index in `p`."""
    from gapdraft.planning.integer_form import _feasible, _greedy, _restricted

    best = _greedy(p)[0]
    if hint.incumbent and _feasible(p, hint.incumbent):
        best = min(best, sum(p.cost[i] for i in hint.incumbent))
    keep = [k for k in range(p.n) if -(-(hint.base + hint.bonus[k]) // SCALE) <= best]
    back = dict(enumerate(keep))
    if len(keep) == p.n:
        return p, hint, back
    inside = {old: new for new, old in back.items()}
    incumbent = tuple(inside[i] for i in hint.incumbent if i in inside)
    if len(incumbent) < len(hint.incumbent):
        incumbent = ()  # it held a dropped clause: dearer than the best known set
    bonus = [hint.bonus[k] for k in keep]
    return _restricted(p, keep), LpBound(hint.base, bonus, incumbent), back
