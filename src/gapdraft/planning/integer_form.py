"""The target-grade problem in integer units (solver.py): checking the inputs, building the
problem from the options with dominated options dropped, a greedy first solution, and the exact
feasibility check."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from gapdraft.planning.bounds import _multipliers, _weight

if TYPE_CHECKING:
    from gapdraft.planning.solver import GoalKey, Option


def _scale_of(values: list[Decimal]) -> int:
    """Least common denominator of the values, so that value * scale is an integer."""
    scale = 1
    for v in values:
        scale = math.lcm(scale, v.as_integer_ratio()[1])
    return scale


def _units(v: Decimal, scale: int) -> int:
    num, den = v.as_integer_ratio()
    return num * (scale // den)


# ---------------------------------------------------------------------------------------------
# Input checking and totals


def _dec(value: object, what: str) -> Decimal:
    # Floats are refused outright: 0.1 is not a point value anyone coded.
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{what} must be a Decimal (or int), not {type(value).__name__}")
    d = Decimal(value)
    if not d.is_finite():
        raise ValueError(f"{what} must be finite, got {d}")
    return d


def _checked(
    current: Mapping[GoalKey, Decimal],
    fixed: Mapping[str, Decimal],
    options: Sequence[Option],
    targets: Mapping[str, Decimal],
) -> tuple[dict[GoalKey, Decimal], dict[str, Decimal], dict[str, Decimal], list[Option]]:
    """The inputs as exact Decimals, with unique ids and positive integer efforts."""
    cur = {k: _dec(v, f"current points of {k}") for k, v in current.items()}
    fix = {k: _dec(v, f"fixed points of {k}") for k, v in fixed.items()}
    tgt = {k: _dec(v, f"target of {k}") for k, v in targets.items()}
    seen: set[str] = set()
    opts: list[Option] = []
    for o in options:
        if o.id in seen:
            raise ValueError(f"duplicate option id {o.id!r}")
        seen.add(o.id)
        if isinstance(o.effort, bool) or not isinstance(o.effort, int) or o.effort <= 0:
            raise ValueError(f"option {o.id!r}: effort must be a positive int, got {o.effort!r}")
        lifts = {k: _dec(v, f"lift of {k} by {o.id!r}") for k, v in o.lifts.items()}
        opts.append(replace(o, lifts=lifts))
    return cur, fix, tgt, opts


def _totals(
    frameworks: set[str],
    current: Mapping[GoalKey, Decimal],
    fixed: Mapping[str, Decimal],
    adopted: Sequence[Option],
) -> dict[str, Decimal]:
    level: dict[GoalKey, Decimal] = dict(current)
    for opt in adopted:
        for key, pts in opt.lifts.items():
            if pts > level.get(key, Decimal(0)):
                level[key] = pts
    totals = {fw: fixed.get(fw, Decimal(0)) for fw in frameworks}
    for (fw, _goal), pts in level.items():
        totals[fw] = totals.get(fw, Decimal(0)) + pts
    return totals


# ---------------------------------------------------------------------------------------------
# The integer problem


@dataclass
class _Int:
    """The problem in integer units, restricted to goals that matter.

    Options are indexed in tie-break order (by id).  ``og[i]`` lists (goal, lift) pairs with
    lift above the goal's current level; goals belong to the frameworks still short of target.
    """

    cost: list[int]
    og: list[list[tuple[int, int]]]
    gf: list[int]  # goal -> framework index
    level0: list[int]  # goal -> current points
    deficit0: list[int]  # framework -> target minus current total (all > 0)
    maxnb: list[int]  # option -> highest index of another option sharing a goal, or -1

    @property
    def n(self) -> int:
        return len(self.cost)


def _drop_dominated(
    og: list[dict[int, int]], cost: list[int], goal_opts: dict[int, list[int]]
) -> list[bool]:
    """keep[i] is False when some option lifts every goal of i at least as far, costs no more,
    and is strictly cheaper or earlier in id order: i is then never in the chosen set (swap it
    for the dominating option, or drop it when both are adopted)."""
    keep = [True] * len(og)
    for b, lifts_b in enumerate(og):
        rarest = min(lifts_b, key=lambda g: len(goal_opts[g]))
        for a in goal_opts[rarest]:
            if a == b or cost[a] > cost[b] or (cost[a] == cost[b] and a > b):
                continue
            lifts_a = og[a]
            if all(lifts_a.get(g, -1) >= lift for g, lift in lifts_b.items()):
                keep[b] = False
                break
    return keep


def _greedy(p: _Int) -> tuple[int, tuple[int, ...]]:
    """Best normalized gain per cost first, then drop what turned out redundant."""
    n, m = p.n, len(p.deficit0)
    level = list(p.level0)
    rem = list(p.deficit0)
    used = [False] * n
    chosen: list[int] = []
    while any(r > 0 for r in rem):
        mult = _multipliers(rem)
        best, best_w, best_c = -1, 0, 1
        for i in range(n):
            if used[i]:
                continue
            w = _weight(p.og[i], level, p.gf, rem, mult, m)
            # compare w / cost exactly; ties keep the lower index
            if w > 0 and w * best_c > best_w * p.cost[i]:
                best, best_w, best_c = i, w, p.cost[i]
        if best < 0:  # cannot happen: solve() checked that everything together suffices
            raise AssertionError("greedy found no progress on a reachable instance")
        used[best] = True
        chosen.append(best)
        for g, lift in p.og[best]:
            if lift > level[g]:
                rem[p.gf[g]] -= lift - level[g]
                level[g] = lift
    # Remove redundant picks, most expensive (then latest in id order) first.
    for i in sorted(chosen, key=lambda i: (-p.cost[i], -i)):
        trial = [j for j in chosen if j != i]
        if _feasible(p, trial):
            chosen = trial
    return sum(p.cost[i] for i in chosen), tuple(sorted(chosen))


def _feasible(p: _Int, chosen: Sequence[int]) -> bool:
    level = list(p.level0)
    rem = list(p.deficit0)
    for i in chosen:
        for g, lift in p.og[i]:
            if lift > level[g]:
                rem[p.gf[g]] -= lift - level[g]
                level[g] = lift
    return all(r <= 0 for r in rem)


def _integer_problem(
    cur: Mapping[GoalKey, Decimal],
    now: Mapping[str, Decimal],
    tgt: Mapping[str, Decimal],
    short: list[str],
    opts: list[Option],
    effort_mode: bool,
) -> tuple[_Int, list[Option]]:
    """Integer form: only frameworks still short, only goals some option can raise, options in
    id order without the dominated ones.  Also returns the options behind the indices."""
    fw_index = {fw: i for i, fw in enumerate(short)}
    relevant = [
        (o, {k: v for k, v in o.lifts.items() if k[0] in fw_index and v > cur.get(k, Decimal(0))})
        for o in opts
    ]
    relevant = sorted(((o, lifts) for o, lifts in relevant if lifts), key=lambda t: t[0].id)
    values = [tgt[fw] - now[fw] for fw in short]
    for _, lifts in relevant:
        for k, v in lifts.items():
            values += (v, cur.get(k, Decimal(0)))
    scale = _scale_of(values)
    goal_index: dict[GoalKey, int] = {}
    gf: list[int] = []
    level0: list[int] = []
    og_maps: list[dict[int, int]] = []
    for _, lifts in relevant:
        row: dict[int, int] = {}
        for k, v in lifts.items():
            g = goal_index.get(k)
            if g is None:
                g = goal_index[k] = len(gf)
                gf.append(fw_index[k[0]])
                level0.append(_units(cur.get(k, Decimal(0)), scale))
            row[g] = _units(v, scale)
        og_maps.append(row)
    costs = [o.effort if effort_mode else 1 for o, _ in relevant]
    kept, maxnb = _undominated(og_maps, costs)
    prob = _Int(
        cost=[costs[i] for i in kept],
        og=[sorted(og_maps[i].items()) for i in kept],
        gf=gf,
        level0=level0,
        deficit0=[_units(v, scale) for v in values[: len(short)]],
        maxnb=maxnb,
    )
    return prob, [relevant[i][0] for i in kept]


def _undominated(og_maps: list[dict[int, int]], costs: list[int]) -> tuple[list[int], list[int]]:
    """The options kept (not dominated), and for each the highest index of another kept option
    sharing a goal with it (-1 if none)."""
    goal_opts: dict[int, list[int]] = {}
    for i, row in enumerate(og_maps):
        for g in row:
            goal_opts.setdefault(g, []).append(i)
    keep = _drop_dominated(og_maps, costs, goal_opts)
    kept = [i for i in range(len(og_maps)) if keep[i]]
    new_index = {old: new for new, old in enumerate(kept)}
    maxnb = []
    for old in kept:
        nb = {new_index[o] for g in og_maps[old] for o in goal_opts[g] if keep[o]}
        nb.discard(new_index[old])
        maxnb.append(max(nb, default=-1))
    return kept, maxnb


def _restricted(p: _Int, keep: list[int]) -> _Int:
    """The problem with only the options `keep` (indices in increasing order, so the tie-break
    order is kept); goals and shortfalls are unchanged."""
    og = [p.og[i] for i in keep]
    goal_opts: dict[int, list[int]] = {}
    for new, lifts in enumerate(og):
        for g, _ in lifts:
            goal_opts.setdefault(g, []).append(new)
    maxnb = []
    for new, lifts in enumerate(og):
        nb = {o for g, _ in lifts for o in goal_opts[g] if o != new}
        maxnb.append(max(nb, default=-1))
    return _Int(
        cost=[p.cost[i] for i in keep],
        og=og,
        gf=p.gf,
        level0=p.level0,
        deficit0=p.deficit0,
        maxnb=maxnb,
    )
