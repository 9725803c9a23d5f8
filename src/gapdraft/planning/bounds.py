"""Lower bounds for the exact target-grade search (solver.py): relaxations over the remaining
clauses, suffix tables built once, and the goal-level bound.  All in exact integers; see the
method in solver.py's docstring.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapdraft.planning.integer_form import _Int

_INF = 1 << 62  # "no completion" for the integer bounds


def _multipliers(rem: list[int]) -> list[int]:
    """mult[f] = L / rem[f] for the frameworks still short (0 for the others), L = lcm(rem)."""
    lcm = 1
    for r in rem:
        if r > 0:
            lcm = math.lcm(lcm, r)
    return [lcm // r if r > 0 else 0 for r in rem]


def _weight(
    lifts: list[tuple[int, int]],
    level: list[int],
    gf: list[int],
    rem: list[int],
    mult: list[int],
    m: int,
) -> int:
    """Normalized capped gain: sum over short frameworks of min(gain, rem) * L / rem."""
    if len(lifts) == 1:
        g, lift = lifts[0]
        d = lift - level[g]
        if d <= 0:
            return 0
        f = gf[g]
        r = rem[f]
        return (d if d < r else r) * mult[f] if r > 0 else 0
    gains = [0] * m
    for g, lift in lifts:
        d = lift - level[g]
        if d > 0:
            gains[gf[g]] += d
    return sum(min(d, r) * k for d, r, k in zip(gains, rem, mult, strict=True) if r > 0)


# Relaxation bounds.  Each works on a list of items sorted best first and its prefix sums, and
# can leave one item (the child being branched on) out.


def _kmin(pre: list[int], x: int, pos: int, val: int) -> int:
    """Fewest items from a descending list (prefix sums ``pre``) whose values reach x, without
    the item at ``pos`` (value ``val``; pos < 0: leave nothing out)."""
    if x <= 0:
        return 0
    k = bisect_left(pre, x)
    if k >= len(pre):
        return _INF
    if pos < 0 or k <= pos:
        return k
    k = bisect_left(pre, x + val)  # items 0..k-1 minus pos
    return k - 1 if k < len(pre) else _INF


def _fknap(pw: list[int], pc: list[int], ws: list[int], cs: list[int], x: int, pos: int) -> int:
    """Least cost, rounded up, of covering x with items taken fractionally in the given order
    (best gain per cost first), without the item at ``pos``."""
    if x <= 0:
        return 0
    k = bisect_left(pw, x)
    if k >= len(pw):
        return _INF
    i = k - 1  # the item taken fractionally
    if pos < 0 or i < pos:
        return pc[i] + -((pw[i] - x) * cs[i] // ws[i])
    wp, cp = ws[pos], cs[pos]
    k = bisect_left(pw, x + wp)
    if k >= len(pw):
        return _INF
    i = k - 1  # > pos
    return pc[i] - cp + -((pw[i] - wp - x) * cs[i] // ws[i])


class _Relax:
    """One additive relaxation at a node: items = candidate options with a positive value."""

    __slots__ = ("cs", "order", "pc", "pos", "pre", "ws")

    def __init__(self, items: list[tuple[int, int]], cost: list[int], effort: bool, k: int):
        # items: (option, value); order: best value (count) or best value per cost (effort)
        if effort:
            items.sort(key=lambda t: (-t[1] * (k // cost[t[0]]), t[0]))
        else:
            items.sort(key=lambda t: -t[1])
        self.order = [i for i, _ in items]
        self.ws = [v for _, v in items]
        self.pos = {i: n for n, i in enumerate(self.order)}
        pre = [0]
        acc = 0
        for v in self.ws:
            acc += v
            pre.append(acc)
        self.pre = pre
        if effort:
            self.cs = [cost[i] for i in self.order]
            pc = [0]
            acc = 0
            for c in self.cs:
                acc += c
                pc.append(acc)
            self.pc = pc
        else:
            self.cs = []
            self.pc = []

    def bound(self, x: int, skip: int, effort: bool) -> int:
        pos = self.pos.get(skip, -1) if skip >= 0 else -1
        if effort:
            return _fknap(self.pre, self.pc, self.ws, self.cs, x, pos)
        val = self.ws[pos] if pos >= 0 else 0
        return _kmin(self.pre, x, pos, val)


def _covers(ga: list[int], ca: int, gb: list[int], cb: int) -> bool:
    """Gains ga at cost ca are at least gains gb at cost cb, framework by framework."""
    return ca <= cb and all(a >= b for a, b in zip(ga, gb, strict=True))


_DP_CELLS = 4_000_000  # skip the suffix tables beyond this many cells (memory, build time)
_SHARE = 60  # costs are split between frameworks in sixtieths


def _suffix_tables(p: _Int) -> list[list[list[int]]] | None:
    """Per framework f, table[f][i][r] = least scaled cost of options i.. that cover r units of
    f's shortfall, each option counted with its gain against the starting levels (an upper
    bound on its gain later on) and with only its share of its cost, gains treated as additive.

    The shares of an option's cost add up to _SHARE * cost, so for any set of options the sum
    over frameworks of these least costs is at most _SHARE times its real cost: summing the
    frameworks' tables gives a lower bound that adds the frameworks up, unlike the max of the
    separate bounds.  A clause lifting goals of one framework only carries its whole cost there.
    Index i matches the search: a node whose last choice is i - 1 may only add options i...
    """
    n, m = p.n, len(p.deficit0)
    gains = [[0] * m for _ in range(n)]
    for i, lifts in enumerate(p.og):
        for g, lift in lifts:
            gains[i][p.gf[g]] += lift - p.level0[g]
    rows_built = [sum(1 for row in gains if row[f] > 0) for f in range(m)]
    if sum(k * (r + 1) for k, r in zip(rows_built, p.deficit0, strict=True)) > _DP_CELLS:
        return None  # too big to be worth it; the other bounds still hold
    share = [[0] * m for _ in range(n)]
    mult = _multipliers(p.deficit0)
    for i in range(n):
        total = _SHARE * p.cost[i]
        # split in proportion to the capped gain relative to each framework's shortfall
        wts = [min(gains[i][f], p.deficit0[f]) * mult[f] for f in range(m)]
        wsum = sum(wts)
        parts = [total * w // wsum for w in wts]
        parts[max(range(m), key=lambda f: wts[f])] += total - sum(parts)
        share[i] = parts
    tables: list[list[list[int]]] = []
    for f, top in enumerate(p.deficit0):
        size = top + 1
        row = [0] + [_INF] * (size - 1)
        rows: list[list[int]] = [row] * (n + 1)  # rows are shared until an option changes one
        for i in range(n - 1, -1, -1):
            g = gains[i][f]
            if g > 0:
                c = share[i][f]
                nxt = row
                row = [min(nxt[r], c + nxt[r - g if r > g else 0]) for r in range(size)]
            rows[i] = row
        tables.append(rows)
    return tables


def _goal_tables(
    cands: Iterable[int],
    og: list[list[tuple[int, int]]],
    level: list[int],
    gf: list[int],
    rem: list[int],
    cost: list[int],
) -> list[list[int]]:
    """Per framework f still short, vec[r] = least total share (in 1/_SHARE of a cost unit)
    of covering r units of f with the candidates, goal by goal.

    Each candidate's cost is shared among the goals it raises, in proportion to the gain
    (rounded down, so the shares never add up to more than the cost).  Every goal takes at
    most one candidate, as the true max semantics allow: a set of candidates raises a goal to
    its best lift only, and charging each goal the share of that best candidate charges no
    candidate more than its cost.  Unlike the suffix tables this sees overlapping lifts, but it
    costs a dynamic programme per node, so the search only turns it on once it has grown.
    """
    groups: dict[int, list[tuple[int, int]]] = {}
    for i in cands:
        raised = [(g, lift - level[g]) for g, lift in og[i] if lift > level[g] and rem[gf[g]] > 0]
        total = sum(d for _, d in raised)
        if not total:
            continue
        for g, d in raised:
            groups.setdefault(g, []).append((d, _SHARE * cost[i] * d // total))
    tables: list[list[int]] = [[] for _ in rem]
    for f, top in enumerate(rem):
        if top > 0:
            tables[f] = [0] + [_INF] * top
    # Goals with the same choices are interchangeable: beyond ceil(r / least gain) copies of
    # them no more are needed to cover r, so count them and cap the copies.
    alike: dict[tuple[int, tuple[tuple[int, int], ...]], int] = {}
    for g, choices in groups.items():
        f = gf[g]
        top = rem[f]
        key = (f, tuple(sorted((min(d, top), sh) for d, sh in choices)))
        alike[key] = alike.get(key, 0) + 1
    for (f, choices), copies in alike.items():
        least = min(d for d, _ in choices)
        size = rem[f] + 1
        for _ in range(min(copies, -(-rem[f] // least))):
            old = new = tables[f]
            for d, sh in choices:
                shifted = [sh] * d + [sh + x for x in old[: size - d]]
                new = list(map(min, new, shifted))
            tables[f] = new
    return tables


def _goal_lb(tables: list[list[int]], rem: list[int], gains: list[int] | None) -> int:
    """Lower bound on the cost still needed, from _goal_tables, after gaining `gains`."""
    total = 0
    for f, r in enumerate(rem):
        if gains is not None:
            r -= gains[f]
        if r > 0:
            total += tables[f][r]
    return -(-total // _SHARE) if total < _INF else _INF
