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

from gapdraft.errors import GapdraftError, SearchLimitReached, UsageError, did_you_mean
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, State
from gapdraft.planning.solver import MAX_SECONDS, Option, SearchTooLarge, Unreachable, solve
from gapdraft.planning.whatif import goal_lifts, lifts_of, points_of, score_with
from gapdraft.scoring import FrameworkScore, GoalLift, format_points, require_coded

ZERO = Decimal(0)


@dataclass(frozen=True)
class RankedClause:
    """What one clause (with its frame's core) adds to the state as it stands."""

    clause: Clause
    gains: Mapping[str, Decimal]  # framework -> points gained
    goals: tuple[GoalLift, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.gains.values(), ZERO)


@dataclass(frozen=True)
class Step:
    clause: Clause
    goals: tuple[GoalLift, ...]  # goals this step lifts, beyond the steps before it
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


def rank_clauses(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    assume: Sequence[str] = (),
    only_frameworks: Sequence[str] | None = None,
) -> tuple[list[FrameworkScore], list[RankedClause]]:
    require_coded(state, "a plan by clause")
    assumed = library.expand(assume) if assume else []
    start = score_with(state, frameworks, assumed)
    wanted = [
        s.framework.id for s in start if not only_frameworks or s.framework.id in only_frameworks
    ]
    taken = {c.id for c in assumed}
    ranked = []
    for clause in library.adoptable():
        if clause.id in taken:
            continue
        points = {fid: goals for fid, goals in points_of(start).items() if fid in wanted}
        goals = goal_lifts(state, frameworks, library.expand([clause.id]), points)
        gains: dict[str, Decimal] = {fid: ZERO for fid in wanted}
        for g in goals:
            gains[g.framework_id] += g.to_points - g.from_points
        if any(gains.values()):
            ranked.append(RankedClause(clause, gains, goals))
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
    search_seconds: float = MAX_SECONDS,
) -> TargetPlan:
    """The fewest (or least effort) clauses that bring every selected scorecard to `grade`, as
    steps in the order the solver chose them, each with the scores it leads to. The exact search
    gives up after `search_seconds` rather than return an answer it has not proved."""
    require_coded(state, "a target-grade plan")
    assumed = library.expand(assume) if assume else []
    start = score_with(state, frameworks, assumed)
    targets = _targets(start, grade, only_frameworks)
    current = {(s.framework.id, g): p for s in start for g, p in s.goal_points.items()}
    fixed = {s.framework.id: s.extra_credit for s in start}
    options = _options(library, {c.id for c in assumed}, fixed)
    try:
        solution = solve(current, fixed, options, targets, minimize, search_seconds)
    except Unreachable as exc:
        raise _unreachable(state, frameworks, grade, exc) from None
    except SearchTooLarge:
        raise SearchLimitReached(state.name, grade, search_seconds, len(options)) from None
    chosen = _drop_rival_alternatives(library, list(solution.chosen))
    steps = _steps(state, frameworks, library, assumed, start, chosen)
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


def _targets(
    start: Sequence[FrameworkScore], grade: str, only_frameworks: Sequence[str] | None
) -> dict[str, Decimal]:
    """framework -> the least total that earns `grade` on its scale."""
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
    return targets


def _options(library: ClauseLibrary, taken: set[str], fixed: Mapping[str, Decimal]) -> list[Option]:
    """Each clause not yet adopted, as the solver sees it: the goals it (with its section's core)
    lifts in the frameworks being planned, and its effort."""
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
    return options


def _unreachable(
    state: State, frameworks: Mapping[str, Framework], grade: str, exc: Unreachable
) -> TargetUnreachable:
    best = []
    for fid, total in sorted(exc.best_totals.items()):
        framework = frameworks[fid]
        grade_now = framework.grade_for(total) or "no grade"
        best.append(f"{framework.short_title} {format_points(total)} ({grade_now})")
    return TargetUnreachable(
        f"{state.name} cannot reach {grade} under every selected scorecard with the clauses in "
        f"the library; adopting all of them gives {', '.join(best)}"
    )


def _steps(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    assumed: list[Clause],
    start: Sequence[FrameworkScore],
    chosen: list[str],
) -> list[Step]:
    """The chosen clauses one after another: what each lifts beyond those before it, and the
    scores after it."""
    points = points_of(start)
    steps = []
    adopted: list[str] = []
    for clause_id in chosen:
        goals = goal_lifts(state, frameworks, library.expand([clause_id]), points)
        adopted.append(clause_id)
        scores = tuple(score_with(state, frameworks, assumed + library.expand(adopted)))
        steps.append(Step(library.get(clause_id), goals, scores))
    return steps


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
