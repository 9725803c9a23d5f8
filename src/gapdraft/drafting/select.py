"""Choosing clauses: the selection policy behind `draft` and `memo`, and the clause that lifts a
goal highest, one per goal in the plan's order.

A caller asks in one of four ways (`Request`): the first N gaps of the plan, named goals, named
clauses, or the fewest clauses that reach a grade; with none, every unmet goal. The answer
(`choose_clauses`) is the clause ids in plan order and the warnings for the caller to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from gapdraft.errors import SelectionConflict, UsageError, did_you_mean
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, State
from gapdraft.planning.gaps import Gap, build_plan


class Selection(NamedTuple):
    clause_ids: tuple[str, ...]  # in plan order, no repeats
    uncovered: tuple[str, ...] = ()  # "framework goal" with no clause in the library
    how: str = ""  # how the clauses were chosen, where the caller did not say

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(f"no clause in the library meets {goal}" for goal in self.uncovered)


def _lift(clause: Clause, framework_id: str, goal_id: str) -> Decimal:
    for s in clause.satisfies:
        if s.goal_id == goal_id and s.framework_id == framework_id:
            return s.points
    return Decimal(0)


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
    enacted: list[Clause] = []  # library.expand(chosen), redone only when chosen grows
    expanded = 0
    for framework_id, goal_id in goals:
        if len(chosen) != expanded:
            enacted, expanded = library.expand(chosen), len(chosen)
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


# --- the policy: what a caller's request selects -----------------------------------------------


class Request(NamedTuple):
    """How the caller chose: at most one of these is set."""

    top: int | None = None  # the first N gaps of the plan
    goals: tuple[str, ...] = ()  # "4.4" or "sharedhope-2022:4.4"
    clauses: tuple[str, ...] = ()  # clause ids
    target_grade: str | None = None  # the fewest clauses that reach this grade everywhere

    def given(self) -> tuple[str, ...]:
        ways = {
            "top": self.top is not None,
            "goals": bool(self.goals),
            "clauses": bool(self.clauses),
            "target_grade": self.target_grade is not None,
        }
        return tuple(name for name, set_ in ways.items() if set_)


WAYS = ("top", "goals", "clauses", "target_grade")


def choose_clauses(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    request: Request,
    library_folder: Path | None = None,
) -> Selection:
    """The clauses to draft: given outright, for the named goals, for the fewest clauses that
    reach a grade, or for the plan's gaps (the first N, or all). Goals no clause meets are
    warnings; when no goal has a clause, there is nothing to draft (an error), as is a state
    with no coded scorecard."""
    from gapdraft.scoring import require_coded

    require_coded(state, "drafting")
    selection = _choose(state, frameworks, library, request)
    if not selection.clause_ids and selection.uncovered:
        # not "meets every goal": the goals are unmet, the library has nothing for them
        where = f" ({library_folder})" if library_folder else ""
        shown = ", ".join(selection.uncovered[:3]) + (
            ", ..." if len(selection.uncovered) > 3 else ""
        )
        raise UsageError(
            f"no clause in the library{where} meets any of the {len(selection.uncovered)} "
            f"selected goals ({shown}): add clauses for them"
        )
    return selection


def _choose(
    state: State, frameworks: Mapping[str, Framework], library: ClauseLibrary, request: Request
) -> Selection:
    if len(request.given()) > 1:
        raise SelectionConflict(WAYS)
    if request.clauses:
        # an unknown id is an error naming the closest; a section's id stands for its core
        return Selection(tuple(library.resolve(request.clauses)))
    if request.target_grade is not None:
        from gapdraft.planning.clause_plans import plan_to_target

        result = plan_to_target(state, frameworks, library, request.target_grade.upper())
        return Selection(tuple(step.clause.id for step in result.steps))
    if request.goals:
        refs = parse_goal_refs(request.goals, frameworks, list(state.codings))
        return select_for_goals(library, refs)
    return select_for_gaps(library, build_plan(state, frameworks, top=request.top).gaps)


def memo_default(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    library_folder: Path | None = None,
) -> Selection:
    """The memo's default ask: the fewest clauses that lift the state's lowest grade one letter
    (every scorecard at least that grade); the plan's first five gaps where no such plan is
    possible (every scorecard at its top grade, or the library cannot reach the grade)."""
    from gapdraft.drafting.memo import default_target
    from gapdraft.planning.clause_plans import TargetUnreachable, plan_to_target
    from gapdraft.scoring import require_coded, score_state

    require_coded(state, "the memo")  # before the planner, so the message names the memo
    target = default_target(score_state(state, frameworks))
    if target is not None:
        try:
            steps = plan_to_target(state, frameworks, library, target).steps
            if steps:
                how = f"the fewest provisions that bring every scorecard to {target}"
                return Selection(tuple(step.clause.id for step in steps), how=how)
        except TargetUnreachable:
            pass
    chosen = choose_clauses(state, frameworks, library, Request(top=5), library_folder)
    return chosen._replace(how="the plan's first five gaps")
