"""What-if scoring: the scores a state would have if some clauses were enacted.

A clause lifts goals to given points; a goal keeps the highest points any enacted clause gives it
(lifts are not additive). Pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from gapdraft.load.clauses import Clause
from gapdraft.model import Framework, State
from gapdraft.scoring import FrameworkScore, score_coding


def lifts_of(clauses: Sequence[Clause]) -> dict[str, dict[str, Decimal]]:
    """framework -> goal -> the highest points the clauses give it (lifts are not additive)."""
    lifts: dict[str, dict[str, Decimal]] = {}
    for clause in clauses:
        for s in clause.satisfies:
            goals = lifts.setdefault(s.framework_id, {})
            goals[s.goal_id] = max(goals.get(s.goal_id, Decimal(0)), s.points)
    return lifts


def score_with(
    state: State, frameworks: Mapping[str, Framework], clauses: Sequence[Clause]
) -> list[FrameworkScore]:
    """What-if: the state's scores if the clauses were enacted (a goal takes its highest lift)."""
    lifts = lifts_of(clauses)
    return [
        score_coding(frameworks[fid], coding, lifts.get(fid, {}))
        for fid, coding in state.codings.items()
    ]
