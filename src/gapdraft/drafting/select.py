"""Choosing clauses: the clause that lifts a goal highest, one per goal in the plan's order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gapdraft.errors import UsageError, did_you_mean
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework
from gapdraft.planning.gaps import Gap


@dataclass(frozen=True)
class Selection:
    clause_ids: tuple[str, ...]  # in plan order, no repeats
    uncovered: tuple[str, ...]  # "framework goal" with no clause in the library


def _lift(clause: Clause, framework_id: str, goal_id: str) -> Decimal:
    return next(
        (
            s.points
            for s in clause.satisfies
            if (s.framework_id, s.goal_id) == (framework_id, goal_id)
        ),
        Decimal(0),
    )


def best_clause(
    library: ClauseLibrary, framework_id: str, goal_id: str, taken: frozenset[str] = frozenset()
) -> Clause | None:
    """The clause that lifts the goal highest, skipping alternatives to a choice already taken;
    ties go to the clause meeting more goals, then to the id."""
    candidates = [c for c in library.meeting(framework_id, goal_id) if c.choice not in taken]
    if not candidates:
        return None
    return min(
        candidates, key=lambda c: (-_lift(c, framework_id, goal_id), -len(c.satisfies), c.id)
    )


def select_for_goals(library: ClauseLibrary, goals: Sequence[tuple[str, str]]) -> Selection:
    """One clause per goal, in the goals' order; a goal that a clause already chosen (or its
    section's core) meets as well as any clause could is not given a second one."""
    chosen: list[str] = []
    uncovered: list[str] = []
    for framework_id, goal_id in goals:
        enacted = library.expand(chosen) if chosen else []
        taken = frozenset(c.choice for c in enacted if c.choice)
        clause = best_clause(library, framework_id, goal_id, taken)
        if clause is None:
            if not any(_lift(c, framework_id, goal_id) for c in enacted):
                uncovered.append(f"{framework_id} {goal_id}")
            continue
        already = max((_lift(c, framework_id, goal_id) for c in enacted), default=Decimal(0))
        if already >= _lift(clause, framework_id, goal_id):
            continue
        if clause.id not in chosen:
            chosen.append(clause.id)
    return Selection(tuple(chosen), tuple(uncovered))


def select_for_gaps(library: ClauseLibrary, gaps: Sequence[Gap]) -> Selection:
    return select_for_goals(library, [(g.framework.id, g.goal.id) for g in gaps])


def parse_goal_refs(
    texts: Sequence[str], frameworks: Mapping[str, Framework], coded: Sequence[str]
) -> list[tuple[str, str]]:
    """'4.4' or 'sharedhope-2022:4.4' -> (framework, goal); a bare id must be unambiguous."""
    found: list[tuple[str, str]] = []
    for text in texts:
        if ":" in text:
            framework_id, goal_id = text.split(":", 1)
            framework = frameworks.get(framework_id)
            if framework is None:
                raise UsageError(
                    f'unknown framework "{framework_id}"' + did_you_mean(framework_id, frameworks)
                )
            if framework.goal(goal_id) is None:
                raise UsageError(
                    f'unknown goal "{goal_id}" in {framework_id}'
                    + did_you_mean(goal_id, [g.id for g in framework.goals])
                )
            found.append((framework_id, goal_id))
            continue
        matches = [fid for fid in coded if frameworks[fid].goal(text) is not None]
        if not matches:
            every = [g.id for fid in coded for g in frameworks[fid].goals]
            raise UsageError(f'unknown goal "{text}"' + did_you_mean(text, every))
        if len(matches) > 1:
            raise UsageError(f'goal "{text}" is in {", ".join(matches)}: write FRAMEWORK:{text}')
        found.append((matches[0], text))
    return found
