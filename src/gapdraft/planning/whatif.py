"""What-if scoring: the scores a state would have if some clauses were enacted, and which goals
the clauses raise.

A clause lifts goals to given points; a goal keeps the highest points any enacted clause gives it
(lifts are not additive). Pure functions; the one place this is computed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, State
from gapdraft.scoring import FrameworkScore, GoalLift, score_coding

Points = dict[str, dict[str, Decimal]]  # framework -> goal -> points


def lifts_of(clauses: Sequence[Clause]) -> Points:
    """framework -> goal -> the highest points the clauses give it (lifts are not additive)."""
    lifts: Points = {}
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


def points_of(scores: Sequence[FrameworkScore]) -> Points:
    """A fresh framework -> goal -> points table to pass to `goal_lifts`."""
    return {s.framework.id: dict(s.goal_points) for s in scores}


def goal_lifts(
    state: State, frameworks: Mapping[str, Framework], clauses: Sequence[Clause], points: Points
) -> tuple[GoalLift, ...]:
    """Which goals the clauses raise above `points`, in the order the clauses name them.

    `points` is updated to the lifted values, so calling this clause after clause gives each
    clause only what the clauses before it did not. Frameworks not in `points` are left out.
    """
    lifted: list[GoalLift] = []
    for framework_id, goals in lifts_of(clauses).items():
        if framework_id not in points:
            continue
        framework = frameworks[framework_id]
        coding = state.codings[framework_id]
        for goal_id, to in goals.items():
            if goal_id not in coding.goals:
                continue  # not coded yet: what the clause gains there is unknown
            now = points[framework_id][goal_id]
            if to <= now:
                continue
            goal = framework.goal(goal_id)
            assert goal is not None  # the clause loader checked every goal id
            goal_coding = coding.goals[goal_id]
            lifted.append(
                GoalLift(
                    framework_id=framework_id,
                    framework_title=framework.short_title,
                    goal_id=goal_id,
                    goal_title=goal.title,
                    from_points=now,
                    to_points=to,
                    estimated=goal_coding.estimate,
                    current_law=tuple(c.label() for c in goal_coding.citations),
                )
            )
            points[framework_id][goal_id] = to
    return tuple(lifted)


def brought_with(
    library: ClauseLibrary, clause_ids: Sequence[str]
) -> list[tuple[Clause, tuple[str, ...], tuple[str, ...]]]:
    """Sections that come whole: for each section frame of the chosen clauses whose core clauses
    the choice did not name, (frame, the chosen clauses of that section, the core clauses it
    adds). Adopting any clause of a section enacts the section's core clauses with it."""
    chosen = list(dict.fromkeys(clause_ids))
    enacted = library.expand(chosen)
    found = []
    for frame_id in dict.fromkeys(library.get(c).section for c in chosen):
        if frame_id is None:
            continue
        mine = tuple(c for c in chosen if library.get(c).section == frame_id)
        added = tuple(c.id for c in enacted if c.section == frame_id and c.id not in chosen)
        if added:
            found.append((library.get(frame_id), mine, added))
    return found
