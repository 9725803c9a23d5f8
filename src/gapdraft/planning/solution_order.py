"""The order in which a target-grade solution's clauses are presented (see "Presentation order"
in solver.py's docstring): the clause closing most of the remaining shortfall first."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapdraft.planning.solver import GoalKey, Option


def _presentation_order(
    chosen: list[Option],
    cur: Mapping[GoalKey, Decimal],
    now: Mapping[str, Decimal],
    tgt: Mapping[str, Decimal],
    short: list[str],
) -> list[Option]:
    """Greedy: the clause closing most of the remaining shortfall first (see module doc)."""
    level: dict[GoalKey, Decimal] = dict(cur)
    totals = {fw: now[fw] for fw in short}
    left = list(chosen)
    out: list[Option] = []
    while left:
        pick = min(left, key=lambda o: _step_score(o, level, totals, tgt))
        left.remove(pick)
        out.append(pick)
        for k, v in pick.lifts.items():
            old = level.get(k, Decimal(0))
            if v > old:
                if k[0] in totals:
                    totals[k[0]] += v - old
                level[k] = v
    return out


def _step_score(
    o: Option,
    level: Mapping[GoalKey, Decimal],
    totals: Mapping[str, Decimal],
    tgt: Mapping[str, Decimal],
) -> tuple[Decimal, Decimal, str]:
    """Sort key, smallest first: most shortfall closed, then most points, then id."""
    gain = dict.fromkeys(totals, Decimal(0))
    for k, v in o.lifts.items():
        old = level.get(k, Decimal(0))
        if k[0] in gain and v > old:
            gain[k[0]] += v - old
    closed = sum(
        (min(g, max(tgt[fw] - totals[fw], Decimal(0))) for fw, g in gain.items()), Decimal(0)
    )
    return (-closed, -sum(gain.values(), Decimal(0)), o.id)
