"""Planning by clause: rank clauses by their combined gain across scorecards, and find the fewest
(or least effort) clauses that bring every scorecard to a target grade. Pure.

A clause's lifts include the core clauses of its section frame: adopting any record-relief
clause enacts the whole record-relief section, so the whole section's lifts count. Clauses
already enacted or already in a bill (`assume`) are applied before anything is planned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from gapdraft.errors import GapdraftError, UsageError, did_you_mean
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, State
from gapdraft.planning.solver import Option, Unreachable, solve
from gapdraft.planning.whatif import lifts_of
from gapdraft.scoring import FrameworkScore, score_coding

ZERO = Decimal(0)


@dataclass(frozen=True)
class GoalStep:
    framework_id: str
    goal_id: str
    from_points: Decimal
    to_points: Decimal
    estimated: bool  # the goal's current points rest on our split of partial credit


@dataclass(frozen=True)
class ClauseGain:
    """What one clause (with its frame's core) adds to the state as it stands."""

    clause: Clause
    gains: Mapping[str, Decimal]  # framework -> points gained
    goals: tuple[GoalStep, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.gains.values(), ZERO)


@dataclass(frozen=True)
class Step:
    clause: Clause
    goals: tuple[GoalStep, ...]  # goals this step lifts, beyond the steps before it
    scores: tuple[FrameworkScore, ...]  # every framework after this step and those above


@dataclass(frozen=True)
class TargetPlan:
    grade: str
    frameworks: tuple[str, ...]  # the frameworks the target applies to
    minimize: str
    assumed: tuple[str, ...]
    start: tuple[FrameworkScore, ...]  # after the assumed clauses
    steps: tuple[Step, ...]
    cost: int


class TargetUnreachable(GapdraftError):
    """The target grade cannot be reached even with every clause in the library."""


def _current(
    state: State, frameworks: Mapping[str, Framework], assumed: Sequence[Clause]
) -> list[FrameworkScore]:
    lifts = lifts_of(assumed)
    return [
        score_coding(frameworks[fid], c, lifts.get(fid, {})) for fid, c in state.codings.items()
    ]


def _steps_of(
    state: State, clauses: Sequence[Clause], points: dict[str, dict[str, Decimal]]
) -> tuple[GoalStep, ...]:
    """Goals the clauses lift above `points` (which is updated), in framework and goal order."""
    steps = []
    for framework_id, goals in lifts_of(clauses).items():
        if framework_id not in points:
            continue
        for goal_id, lifted in goals.items():
            now = points[framework_id][goal_id]
            if lifted > now:
                estimated = state.codings[framework_id].goals[goal_id].estimate
                steps.append(GoalStep(framework_id, goal_id, now, lifted, estimated))
                points[framework_id][goal_id] = lifted
    return tuple(steps)


def rank_clauses(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    assume: Sequence[str] = (),
    only_frameworks: Sequence[str] | None = None,
) -> tuple[list[FrameworkScore], list[ClauseGain]]:
    assumed = library.expand(assume) if assume else []
    start = _current(state, frameworks, assumed)
    wanted = [
        s.framework.id for s in start if not only_frameworks or s.framework.id in only_frameworks
    ]
    taken = {c.id for c in assumed}
    ranked = []
    for clause in library.adoptable():
        if clause.id in taken:
            continue
        points = {s.framework.id: dict(s.goal_points) for s in start if s.framework.id in wanted}
        goals = _steps_of(state, library.expand([clause.id]), points)
        gains: dict[str, Decimal] = {fid: ZERO for fid in wanted}
        for g in goals:
            gains[g.framework_id] += g.to_points - g.from_points
        if any(gains.values()):
            ranked.append(ClauseGain(clause, gains, goals))
    ranked.sort(key=lambda c: (-c.total, c.clause.id))
    return [s for s in start if s.framework.id in wanted], ranked


def plan_to_target(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    grade: str,
    only_frameworks: Sequence[str] | None = None,
    assume: Sequence[str] = (),
    minimize: Literal["count", "effort"] = "count",
) -> TargetPlan:
    assumed = library.expand(assume) if assume else []
    start = _current(state, frameworks, assumed)
    targets: dict[str, Decimal] = {}
    for score in start:
        framework = score.framework
        if only_frameworks and framework.id not in only_frameworks:
            continue
        minimum = framework.grade_scale.min_for(grade)
        if minimum is None:
            grades = [b.grade for b in framework.grade_scale.bands]
            raise UsageError(
                f'grade "{grade}" is not on the {framework.short_title} scale ({", ".join(grades)})'
                + did_you_mean(grade, grades)
            )
        targets[framework.id] = minimum
    current = {(s.framework.id, g): p for s in start for g, p in s.goal_points.items()}
    fixed = {s.framework.id: s.extra_credit for s in start}
    taken = {c.id for c in assumed}
    options = []
    for clause in library.adoptable():
        if clause.id in taken:
            continue
        lifts = {
            (fid, gid): pts
            for fid, goals in lifts_of(library.expand([clause.id])).items()
            for gid, pts in goals.items()
            if fid in fixed
        }
        options.append(Option(clause.id, lifts, clause.effort))
    try:
        solution = solve(current, fixed, options, targets, minimize)
    except Unreachable as exc:
        best = []
        for fid, total in sorted(exc.best_totals.items()):
            framework = frameworks[fid]
            grade_now = framework.grade_for(total) or "no grade"
            best.append(f"{framework.short_title} {_fmt(total)} ({grade_now})")
        raise TargetUnreachable(
            f"{state.name} cannot reach {grade} under every selected scorecard with the clauses in "
            f"the library; adopting all of them gives {', '.join(best)}"
        ) from None
    chosen = _drop_rival_alternatives(library, list(solution.chosen))
    points = {s.framework.id: dict(s.goal_points) for s in start}
    steps = []
    adopted: list[Clause] = []
    for clause_id in chosen:
        clause = library.get(clause_id)
        goals = _steps_of(state, library.expand([clause_id]), points)
        adopted.append(clause)
        lifts = lifts_of(assumed + library.expand([c.id for c in adopted]))
        scores = tuple(
            score_coding(frameworks[fid], coding, lifts.get(fid, {}))
            for fid, coding in state.codings.items()
        )
        steps.append(Step(clause, goals, scores))
    final = {s.framework.id: s.total for s in (steps[-1].scores if steps else start)}
    short = [fid for fid, minimum in targets.items() if final[fid] < minimum]
    if short:  # never print a plan that does not do what it says
        missed = ", ".join(short)
        raise GapdraftError(f"internal error: the plan for {grade} falls short in {missed}")
    return TargetPlan(
        grade=grade,
        frameworks=tuple(targets),
        minimize=minimize,
        assumed=tuple(c.id for c in assumed),
        start=tuple(start),
        steps=tuple(steps),
        cost=solution.cost,
    )


def _drop_rival_alternatives(library: ClauseLibrary, chosen: list[str]) -> list[str]:
    """Two alternatives of one choice cannot both be drafted; an optimal set never needs both
    (the higher one lifts the shared goal further), so keep the one that lifts more."""
    by_choice: dict[str, str] = {}
    kept: list[str] = []
    for clause_id in chosen:
        clause = library.get(clause_id)
        if clause.choice is None:
            kept.append(clause_id)
            continue
        rival = by_choice.get(clause.choice)
        if rival is None:
            by_choice[clause.choice] = clause_id
            kept.append(clause_id)
            continue
        mine = sum((s.points for s in clause.satisfies), ZERO)
        theirs = sum((s.points for s in library.get(rival).satisfies), ZERO)
        if mine > theirs:
            kept[kept.index(rival)] = clause_id
            by_choice[clause.choice] = clause_id
    return kept


def _fmt(value: Decimal) -> str:
    from gapdraft.scoring import format_points

    return format_points(value)
