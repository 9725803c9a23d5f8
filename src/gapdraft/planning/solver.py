"""Pick the fewest (or cheapest) clauses that bring every scorecard up to its target.

A clause lifts some goals to given points; a goal keeps the highest points any adopted clause
(or its current coding) gives it, so lifts on one goal never add up.  A framework's total is its
fixed points (extra credit) plus the points of its goals.  :func:`solve` finds an optimal set of
clauses exactly, by branch and bound over integer point units (no floats anywhere).

Method
    Points are scaled to integers (the least common denominator of every value); frameworks that
    already meet their target are dropped with their goals, and so are clauses that gain nothing
    or are dominated (another clause lifts every goal at least as far, at no greater cost, and is
    cheaper or earlier in the tie-break order).  A greedy solution is the first incumbent.  The
    search visits sets of clauses depth first in clause-id order, so a node whose last clause is
    i may only add clauses after i.  Lower bounds on the cost still needed, all exact integers:

    * suffix tables, built once: for each framework and each start index, the least cost of
      covering r units of shortfall with the clauses from that index on, by dynamic programming
      with gains treated as additive; a clause spanning several frameworks carries a share of
      its cost in each, so the frameworks' values add up (a Lagrangian-style split).  O(1) per
      node and per child;
    * at each node, relaxations over the remaining clauses with their gains against the node's
      levels, capped at each framework's shortfall, again additive: one per framework and one
      where a clause earns the sum of its capped gains divided by the frameworks' shortfalls
      (fewest largest items for counts, fractional knapsack rounded up for effort);
    * once the search has grown past a few dozen nodes, a goal-level bound per node: each
      clause's cost is shared among the goals it raises and every goal takes at most one
      clause, which sees that lifts on one goal do not add up.

    A clause whose goals no other remaining clause touches only matters through its gain vector,
    so at a node such a clause is skipped when an earlier one of them, tried at the same node,
    gains at least as much for no more cost.

    A search that grows past LP_AFTER nodes (LP_AFTER_SMALL on up to LP_FROM clauses) starts
    again with HiGHS's help: a starting solution from the integer program (lp_bound.py, checked
    exactly), the linear relaxation's bound at the root, and the relaxation re-solved at every
    node the search expands (node_lp.py), whose multipliers also bound each child at once.
    HiGHS only ever supplies multipliers and candidates: every bound is recomputed from them by
    weak duality in exact integers, so the answer never rests on floating point.  Before the
    search, clauses the root bound rules out are dropped for good (lp_bound.root_fixing).  On
    up to LP_FIRST_UP_TO clauses a node's LP is solved first and the per-node relaxations are
    skipped (they add little to it and cost a pass over every remaining clause); on more, an LP
    costs more than that pass, which goes first.  Most of such a search is spent where many sets
    share the optimal cost, proving that none earlier in the tie-break order exists; once a set
    as cheap as the proven least cost (the root bound) is reached, it is the answer (every
    earlier set was visited or ruled out) and the search stops.

    The problem is NP-hard (it contains set multicover), so the worst case is exponential; the
    search never trades exactness for time.

Tie-break
    Among the sets of minimal cost the result is the one whose clause ids, sorted as strings
    (Python's order, by code point), form the lexicographically smallest tuple (a proper prefix
    counts as smaller).  It does not depend on the order in which the options are given.  The
    depth-first search enumerates sets in exactly that order, which is why the pruning rules above
    never lose that set.

Presentation order of ``Solution.chosen``
    Greedy: first the chosen clause that closes the most of the remaining shortfall (points
    gained summed over the target frameworks, each capped at that framework's remaining
    shortfall), then the next one given the first, and so on; ties go to the larger uncapped gain
    over the target frameworks, then to the smaller id.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from gapdraft.planning.bounds import (
    _INF,
    _SHARE,
    _covers,
    _goal_lb,
    _goal_tables,
    _multipliers,
    _Relax,
    _suffix_tables,
)
from gapdraft.planning.integer_form import (
    _checked,
    _feasible,
    _greedy,
    _Int,
    _integer_problem,
    _totals,
)
from gapdraft.planning.lp_bound import MIP_SECONDS, SCALE, LpBound, _rows, lp_bound, root_fixing
from gapdraft.planning.node_lp import NodeLp, node_lp
from gapdraft.planning.outcomes import SearchTooLarge, Unreachable
from gapdraft.planning.solution_order import _presentation_order

GoalKey = tuple[str, str]  # (framework_id, goal_id)

_GOAL_BOUND_AFTER = 50  # expanded nodes before the per-node goal-level bound is computed
LP_FROM = 150  # clauses left after presolve beyond which the search may take lp_bound's help,
LP_AFTER = 50  # once it has expanded this many nodes without it (the easy benchmark never does);
LP_AFTER_SMALL = 200  # on fewer clauses, after this many (real libraries need far fewer)
# Up to this many clauses (after the root bound rules some out) a node solves its LP before the
# pass over every remaining clause, which the LP then mostly spares; beyond it an LP costs more
# than that pass, which goes first (on the hard benchmark family, 500 and 5,000 goals).
LP_FIRST_UP_TO = 2000


@dataclass(frozen=True)
class Option:
    id: str  # clause id
    lifts: Mapping[GoalKey, Decimal] = field(hash=False)  # goal -> points it reaches
    effort: int = 1


@dataclass(frozen=True)
class Solution:
    chosen: tuple[str, ...]  # clause ids in presentation order (see the module docstring)
    totals: Mapping[str, Decimal] = field(hash=False)  # framework -> total after all chosen
    cost: int  # number of clauses or total effort


# A hostile (or huge) library must not search for hours: the exact search stops after this many
# steps or seconds (real libraries take milliseconds) and says so; it never returns a guess.
MAX_NODES = 2_000_000
MAX_SECONDS = 3.0


class _Found(Exception):
    """The search reached a set as cheap as its proven floor: the answer (see _search)."""


class _OverBudget(Exception):
    """The search without the LP's help expanded more than LP_AFTER nodes."""


def _search(
    p: _Int,
    effort: bool,
    hint: LpBound | None = None,
    budget: int = _INF,
    deadline: float = math.inf,
    node_lp: NodeLp | None = None,
) -> tuple[int, tuple[int, ...]]:
    """Exact branch and bound; returns (cost, sorted option indices).  `hint` (lp_bound.py) adds
    a weak-duality bound on the total cost and, once checked, a starting solution."""
    n, m = p.n, len(p.deficit0)
    cost, og, gf, maxnb = p.cost, p.og, p.gf, p.maxnb
    level = list(p.level0)
    rem = list(p.deficit0)
    kcost = 1
    for c in set(cost):
        kcost = math.lcm(kcost, c)
    best_cost, best_set = _greedy(p)
    if hint is not None and hint.incumbent and _feasible(p, hint.incumbent):
        start = (sum(cost[i] for i in hint.incumbent), hint.incumbent)
        best_cost, best_set = min((best_cost, best_set), start)
    dual_base, bonus = (hint.base, hint.bonus) if hint is not None else (-_INF, [0] * n)
    # With the LP's bound the goal-level one rarely prunes more and costs most of the time (a
    # dynamic programme per node): on the hard benchmark family, 4x slower with it.
    goal_after = _GOAL_BOUND_AFTER if hint is None else _INF
    chosen: list[int] = []
    expanded = 0  # nodes that got past the cheap bounds; the goal-level bound starts later
    tables = _suffix_tables(p)

    def split_lb(first: int, short: list[int]) -> int:
        """Lower bound from the suffix tables: options first.. must cover `short`."""
        if tables is None:
            return 0
        total = 0
        for f, r in enumerate(short):
            if r > 0:
                total += tables[f][first][r]
        return -(-total // _SHARE) if total < _INF else _INF

    def dual_lb(acc: int) -> int:
        """Least total cost of a set containing clauses whose bonuses sum to acc."""
        return -(-(dual_base + acc) // SCALE)

    def beaten(total: int, prefix: tuple[int, ...]) -> bool:
        """True when sets starting with `prefix` and costing at least `total` cannot beat the
        incumbent: dearer, or as dear and later in tie-break (depth-first) order."""
        return total > best_cost or (total == best_cost and not prefix < best_set)

    def expand(last: int, spent: int, acc: int) -> Iterator[int]:
        """Yield the children worth visiting, in index order; the driver applies each one,
        expands it, and undoes it before asking for the next."""
        nonlocal best_cost, best_set, expanded
        here = tuple(chosen)
        active = [f for f in range(m) if rem[f] > 0]
        if not active:
            if spent < best_cost or (spent == best_cost and here < best_set):
                best_cost, best_set = spent, here
                if spent <= floor:  # nothing cheaper exists, nothing as cheap comes earlier
                    raise _Found
            return
        lb = split_lb(last + 1, rem)
        if beaten(spent + lb, here) or beaten(dual_lb(acc), here):
            return
        child_lp: list[int] = []
        if node_lp is not None and lp_first:  # prunes half the nodes it sees
            got = node_lp.bounds(chosen, last)
            if got is not None:
                if beaten(-(-got[0] // SCALE), here):
                    return
                child_lp = got[1]
        mult = _multipliers(rem)
        need = len(active) * mult[active[0]] * rem[active[0]]  # = len(active) * L
        # Capped marginal gains of the candidates (options after `last`), against this node.
        vec: dict[int, list[int]] = {}
        norm: list[tuple[int, int]] = []
        per_fw: list[list[tuple[int, int]]] = [[] for _ in range(m)]
        if child_lp:  # the LP's child bounds rule out most children: look at the others only
            cutoff = best_cost * SCALE
            span: Iterable[int] = [i for i in range(last + 1, n) if child_lp[i] <= cutoff]
        else:
            span = range(last + 1, n)
        for i in span:
            lifts = og[i]
            if len(lifts) == 1:
                g, lift = lifts[0]
                d = lift - level[g]
                if d <= 0:
                    continue
                f = gf[g]
                r = rem[f]
                if r <= 0:
                    continue
                if d > r:
                    d = r
                gains = [0] * m
                gains[f] = d
                norm.append((i, d * mult[f]))
                per_fw[f].append((i, d))
            else:
                gains = [0] * m
                for g, lift in lifts:
                    d = lift - level[g]
                    if d > 0:
                        gains[gf[g]] += d
                w = 0
                for f in active:
                    d = gains[f]
                    if d > 0:
                        if d > rem[f]:
                            d = gains[f] = rem[f]
                        w += d * mult[f]
                        per_fw[f].append((i, d))
                    else:
                        gains[f] = 0
                if w == 0:
                    continue
                norm.append((i, w))
            vec[i] = gains
        # Additive relaxations over every remaining option.  When the LP went first they would
        # need the gains of all of them, and prune little that its bounds leave: skipped.
        relax = [] if child_lp else [(_Relax(norm, cost, effort, kcost), -1)]
        if len(active) > 1 and relax:
            relax += [(_Relax(per_fw[f], cost, effort, kcost), f) for f in active]

        def lower(skip: int, gains: list[int] | None, w: int) -> int:
            lb = 0
            for rx, f in relax:
                if f < 0:
                    x = need - w  # the child's normalized shortfall is exactly need - w
                elif gains is None:
                    x = rem[f]
                else:
                    x = rem[f] - gains[f]
                b = rx.bound(x, skip, effort)
                if b > lb:
                    lb = b
            return lb

        lb = lower(-1, None, 0)
        if beaten(spent + lb, here):
            return
        if node_lp is not None and not lp_first:
            got = node_lp.bounds(chosen, last)
            if got is not None:
                if beaten(-(-got[0] // SCALE), here):
                    return
                child_lp = got[1]
        expanded += 1
        if expanded > budget:
            raise _OverBudget
        goal_tabs: list[list[int]] = []
        if expanded > goal_after:
            goal_tabs = _goal_tables(vec, og, level, gf, rem, cost)
            lb = _goal_lb(goal_tabs, rem, None)
            if beaten(spent + lb, here):
                return
        # Children, filtered first by the normalized bound alone (counting the child itself
        # among the remaining items, which only weakens it), then checked one by one.
        if effort or not relax:
            cands = sorted(vec)
        else:
            top = relax[0][0]
            room = best_cost - spent - 1  # options after the child, ties allowed
            if room < 0:
                return
            t = min(room, len(top.pre) - 1)
            floor_w = need - top.pre[t]
            cands = sorted(i for i, w in zip(top.order, top.ws, strict=True) if w >= floor_w)
        tried: list[tuple[list[int], int]] = []  # isolated children seen here: (gains, cost)
        for j in cands:
            gains = vec[j]
            cj = cost[j]
            isolated = maxnb[j] <= last
            if isolated:
                # Swapping j for an earlier isolated option with at least its capped gains
                # and no more cost gives a set no worse and earlier in tie-break order.
                if any(_covers(ga, ca, gains, cj) for ga, ca in tried):
                    continue
                tried = [(ga, ca) for ga, ca in tried if not _covers(gains, cj, ga, ca)]
                tried.append((gains, cj))
            if beaten(dual_lb(acc + bonus[j]), (*here, j)):
                continue
            if child_lp and beaten(-(-child_lp[j] // SCALE), (*here, j)):
                continue
            child_lb = (
                spent + cj + split_lb(j + 1, [r - d for r, d in zip(rem, gains, strict=True)])
            )
            if beaten(child_lb, (*here, j)):
                continue
            if goal_tabs:  # the node's goal tables, counting j's own lifts again (weaker)
                child_lb = spent + cj + _goal_lb(goal_tabs, rem, gains)
                if beaten(child_lb, (*here, j)):
                    continue
            w = sum(gains[f] * mult[f] for f in active)
            if beaten(spent + cj + lower(j, gains, w), (*here, j)):
                continue
            yield j

    # Depth-first driver with an explicit stack (no recursion limit on deep solutions).
    undo: list[list[tuple[int, int]]] = []
    spent = acc = 0
    stack: list[Iterator[int]] = [expand(-1, 0, 0)]
    steps = 0
    lp_first = n <= LP_FIRST_UP_TO
    floor = dual_lb(0)  # the least cost any set can have, as far as the search knows
    if node_lp is not None:
        got = node_lp.bounds([], -1)
        floor = max(floor, -(-got[0] // SCALE)) if got is not None else floor
    while stack:
        steps += 1
        if steps > MAX_NODES or time.monotonic() > deadline:
            raise SearchTooLarge(f"more than {MAX_NODES:,} steps or its time limit")
        try:
            j = next(stack[-1], -1)
        except _Found:
            break
        if j < 0:
            stack.pop()
            if undo:
                i = chosen.pop()
                spent -= cost[i]
                acc -= bonus[i]
                for g, old in reversed(undo.pop()):
                    rem[gf[g]] += level[g] - old
                    level[g] = old
            continue
        changes: list[tuple[int, int]] = []
        for g, lift in og[j]:
            old = level[g]
            if lift > old:
                changes.append((g, old))
                rem[gf[g]] -= lift - old
                level[g] = lift
        undo.append(changes)
        chosen.append(j)
        spent += cost[j]
        acc += bonus[j]
        stack.append(expand(j, spent, acc))
    return best_cost, best_set


def _search_with_lp(p: _Int, effort: bool, deadline: float) -> tuple[int, tuple[int, ...]]:
    """The search with HiGHS's help (lp_bound.py, node_lp.py): the root bound, an incumbent
    from the integer program given at most MIP_SECONDS, and a bound at every node."""
    rows = _rows(p.og, p.gf, p.level0, p.deficit0)
    mip_seconds = min(MIP_SECONDS, max(deadline - time.monotonic(), 0.0))
    hint = lp_bound(p.cost, p.og, p.gf, p.level0, p.deficit0, mip_seconds, rows)
    if hint is None:  # no HiGHS: the search alone
        return _search(p, effort, None, _INF, deadline)
    p, hint, back = root_fixing(p, hint)
    rows = _rows(p.og, p.gf, p.level0, p.deficit0)
    cost, picked = _search(p, effort, hint, _INF, deadline, node_lp(p.cost, rows, deadline))
    return cost, tuple(back[i] for i in picked)


# ---------------------------------------------------------------------------------------------
# Public entry point


def solve(
    current: Mapping[GoalKey, Decimal],
    fixed: Mapping[str, Decimal],
    options: Sequence[Option],
    targets: Mapping[str, Decimal],
    minimize: Literal["count", "effort"] = "count",
    max_seconds: float = MAX_SECONDS,
) -> Solution:
    """Choose clauses so that every framework in ``targets`` reaches its target.

    Minimizes the number of clauses (``minimize="count"``) or their total effort
    (``"effort"``); ties go to the lexicographically smallest sorted tuple of clause ids.
    Raises :class:`Unreachable` (with the totals reached by adopting every clause) when even
    that falls short, and :class:`SearchTooLarge` when the search takes longer than
    ``max_seconds`` (or ``MAX_NODES`` steps) without proving its answer.
    """
    if minimize not in ("count", "effort"):
        raise ValueError(f"minimize must be 'count' or 'effort', not {minimize!r}")
    effort_mode = minimize == "effort"
    cur, fix, tgt, opts = _checked(current, fixed, options, targets)
    frameworks = set(tgt) | set(fix) | {fw for fw, _ in cur}
    for o in opts:
        frameworks |= {fw for fw, _ in o.lifts}
    now = _totals(frameworks, cur, fix, [])
    if all(now[fw] >= t for fw, t in tgt.items()):
        return Solution((), now, 0)
    everything = _totals(frameworks, cur, fix, opts)
    if any(everything[fw] < t for fw, t in tgt.items()):
        raise Unreachable(everything, tgt)
    short = sorted(fw for fw, t in tgt.items() if now[fw] < t)
    prob, kept = _integer_problem(cur, now, tgt, short, opts, effort_mode)
    deadline = time.monotonic() + max_seconds
    try:  # large and not quickly solved: worth a linear programme (and importing HiGHS)
        total_cost, picked = _search(
            prob, effort_mode, None, LP_AFTER if prob.n > LP_FROM else LP_AFTER_SMALL, deadline
        )
    except _OverBudget:
        total_cost, picked = _search_with_lp(prob, effort_mode, deadline)
    chosen_opts = [kept[i] for i in picked]
    ordered = _presentation_order(chosen_opts, cur, now, tgt, short)
    return Solution(
        tuple(o.id for o in ordered), _totals(frameworks, cur, fix, chosen_opts), total_cost
    )
