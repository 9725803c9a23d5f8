"""Scoring: coded levels -> points -> issue subtotals, totals and grades. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from gapdraft.errors import UsageError
from gapdraft.model import Framework, FrameworkCoding, Issue, Published, State

ZERO = Decimal(0)


class IssueScore(NamedTuple):
    issue: Issue
    points: Decimal

    @property
    def max_points(self) -> Decimal:
        return self.issue.max_points


class FrameworkScore(NamedTuple):
    framework: Framework
    issues: tuple[IssueScore, ...]
    goal_points: Mapping[str, Decimal]
    extra_credit: Decimal
    total: Decimal
    grade: str | None
    # goals not coded yet: unknown, so `total` is a lower bound and `grade` provisional
    uncoded: tuple[str, ...] = ()

    @property
    def max_points(self) -> Decimal:
        return self.framework.max_points

    @property
    def provisional(self) -> bool:
        return bool(self.uncoded)


def extra_credit_points(framework: Framework, coding: FrameworkCoding) -> Decimal:
    if framework.extra_credit is None or not framework.extra_credit.counts_toward_total:
        return ZERO
    return sum((c.points for c in coding.extra_credit.values()), ZERO)


def score_points(
    framework: Framework, goal_points: Mapping[str, Decimal], extra_credit: Decimal
) -> FrameworkScore:
    """Score a framework from the points of each goal (goals not given count 0)."""
    issues = tuple(
        IssueScore(issue, sum((goal_points.get(g.id, ZERO) for g in issue.goals), ZERO))
        for issue in framework.issues
    )
    total = sum((i.points for i in issues), ZERO) + extra_credit
    return FrameworkScore(
        framework=framework,
        issues=issues,
        goal_points=dict(goal_points),
        extra_credit=extra_credit,
        total=total,
        grade=framework.grade_for(total),
    )


def score_coding(
    framework: Framework, coding: FrameworkCoding, lifts: Mapping[str, Decimal] | None = None
) -> FrameworkScore:
    """Score a state's coding; `lifts` raises goals to at least the given points (what-if)."""
    points = {goal_id: c.points for goal_id, c in coding.goals.items()}
    for goal_id, lifted in (lifts or {}).items():
        points[goal_id] = max(points.get(goal_id, ZERO), lifted)
    score = score_points(framework, points, extra_credit_points(framework, coding))
    uncoded = tuple(goal_id for goal_id, _ in coding.uncoded if goal_id not in (lifts or {}))
    return score._replace(uncoded=uncoded) if uncoded else score


def uncoded_count(state: State) -> int:
    return sum(len(c.uncoded) for c in state.codings.values())


def require_coded(state: State, what: str) -> None:
    """Refuse work whose figures would rest on goals nobody has coded."""
    missing = [f"{fid} {g}" for fid, c in state.codings.items() for g, _ in c.uncoded]
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise UsageError(
            f"{state.loc.file}: {len(missing)} goals are not coded yet ({shown}); {what} needs "
            "every goal coded"
        )


def uncoded_note(scores: Sequence[FrameworkScore]) -> str | None:
    """The sentence every output prints for a partly coded state (None when fully coded)."""
    parts = [f"{len(s.uncoded)} of {s.framework.short_title}" for s in scores if s.uncoded]
    if not parts:
        return None
    return (
        f"Goals not coded yet: {', '.join(parts)}. They count as unknown, not as zero: totals "
        "are a lower bound (coded goals only) and grades are provisional."
    )


def score_state(state: State, frameworks: Mapping[str, Framework]) -> list[FrameworkScore]:
    return [score_coding(frameworks[fid], coding) for fid, coding in state.codings.items()]


class Mismatch(NamedTuple):
    line: int
    what: str
    computed: str
    published: str

    def describe(self) -> str:
        return f"computed {self.what} {self.computed} but the published figure is {self.published}"


def _fmt(value: Decimal | str | None) -> str:
    if value is None:
        return "none"
    return format_points(value) if isinstance(value, Decimal) else value


def compare_published(score: FrameworkScore, published: Published) -> list[Mismatch]:
    """Every published figure that the computed score does not reproduce."""
    mismatches: list[Mismatch] = []
    lines = published.lines

    def check(key: str, what: str, computed: Decimal | str | None, want: Decimal | str | None):
        if computed != want:
            mismatches.append(
                Mismatch(lines.get(key, published.loc.line), what, _fmt(computed), _fmt(want))
            )

    check("total", "total", score.total, published.total)
    if published.grade is not None:  # some report cards print no letter grade
        check("grade", "grade", score.grade, published.grade)
    for issue_score in score.issues:
        if issue_score.issue.id in published.issues:
            check(
                f"issues.{issue_score.issue.id}",
                f'issue "{issue_score.issue.id}" subtotal',
                issue_score.points,
                published.issues[issue_score.issue.id],
            )
    return mismatches


def format_points(value: Decimal) -> str:
    """2.50 -> '2.5', 45.0 -> '45': exact, never float noise."""
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True)
class GoalLift:
    """One goal lifted from one number of points to a higher one: by a clause, a plan step or a
    bill section. The one type for this idea, from the planner to the memo."""

    framework_id: str
    framework_title: str  # "Shared Hope 2022"
    goal_id: str
    goal_title: str
    from_points: Decimal
    to_points: Decimal
    estimated: bool  # the goal's current points rest on our split of partial credit
    current_law: tuple[str, ...] = ()  # citation labels, "[unverified]" where not verified

    @property
    def gain(self) -> Decimal:
        return self.to_points - self.from_points


def to_number(value: Decimal) -> int | float:
    """A JSON number: an int where whole, else the (exactly representable) decimal as float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
