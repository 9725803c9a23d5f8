"""Immutable model objects: frameworks (scorecards), coded states and their published results.

Every object read from a file keeps a `Loc` (file and line) so later checks, such as a computed
total that differs from the published one, can point at the line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from gapdraft.load.billstyle import BillStyle

Status = Literal["official", "derived", "assumed", "unverified"]
STATUSES: tuple[str, ...] = ("official", "derived", "assumed", "unverified")


class Loc(NamedTuple):
    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Source(NamedTuple):
    title: str
    url: str | None
    status: Status
    document: str | None = None


class GradeBand(NamedTuple):
    grade: str
    min: Decimal


class GradeScale(NamedTuple):
    status: Status
    note: str
    bands: tuple[GradeBand, ...]  # highest first; the last starts at 0

    def grade_for(self, total: Decimal) -> str:
        for band in self.bands:
            if total >= band.min:
                return band.grade
        return self.bands[-1].grade

    def min_for(self, grade: str) -> Decimal | None:
        for band in self.bands:
            if band.grade == grade:
                return band.min
        return None

    def describe(self) -> str:
        return ", ".join(f"{b.grade} {b.min}" for b in self.bands if b.min > 0) + (
            f", {self.bands[-1].grade} below {self.bands[-2].min}" if len(self.bands) > 1 else ""
        )


class Level(NamedTuple):
    id: str
    points: Decimal
    criterion: str


class Goal(NamedTuple):
    id: str
    issue_id: str
    title: str
    wording: Status
    criterion: str
    note: str | None
    levels: tuple[Level, ...]  # ascending points
    loc: Loc

    @property
    def max_points(self) -> Decimal:
        return self.levels[-1].points

    def level(self, level_id: str) -> Level | None:
        return next((lvl for lvl in self.levels if lvl.id == level_id), None)


class Issue(NamedTuple):
    id: str
    title: str
    max_points: Decimal
    status: Status
    goals: tuple[Goal, ...]


class ExtraCreditCategory(NamedTuple):
    id: str
    title: str
    max_points: Decimal
    max_status: Status
    note: str | None


class ExtraCredit(NamedTuple):
    status: Status
    counts_toward_total: bool
    note: str | None
    categories: tuple[ExtraCreditCategory, ...]

    def category(self, category_id: str) -> ExtraCreditCategory | None:
        return next((c for c in self.categories if c.id == category_id), None)


class Framework(NamedTuple):
    id: str
    title: str
    short_title: str
    publisher: str
    edition: str
    sources: tuple[Source, ...]
    partial_credit: bool
    ungraded_at_zero: bool
    grade_scale: GradeScale
    issues: tuple[Issue, ...]
    extra_credit: ExtraCredit | None
    loc: Loc

    @property
    def goals(self) -> tuple[Goal, ...]:
        return tuple(goal for issue in self.issues for goal in issue.goals)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def issue(self, issue_id: str) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)

    @property
    def max_points(self) -> Decimal:
        return sum((issue.max_points for issue in self.issues), Decimal(0))

    def grade_for(self, total: Decimal) -> str | None:
        if self.ungraded_at_zero and total == 0:
            return None
        return self.grade_scale.grade_for(total)


class Citation(NamedTuple):
    cite: str
    title: str | None
    url: str | None
    verified: bool

    def label(self) -> str:
        text = self.cite + (f" ({self.title})" if self.title else "")
        return text if self.verified else text + " [unverified]"


class GoalCoding(NamedTuple):
    goal_id: str
    level_id: str | None  # None when coded as partial points
    points: Decimal
    status: Status
    estimate: bool
    note: str | None
    citations: tuple[Citation, ...]
    loc: Loc


class ExtraCreditCoding(NamedTuple):
    category_id: str
    points: Decimal
    status: Status
    note: str | None
    loc: Loc


class FrameworkCoding(NamedTuple):
    framework_id: str
    coder: str
    reviewed: str
    basis: str
    goals: Mapping[str, GoalCoding]
    extra_credit: Mapping[str, ExtraCreditCoding]
    loc: Loc
    # goals not coded yet (goal id, line): unknown, not zero; `validate` lists them
    uncoded: tuple[tuple[str, int], ...] = ()


class Published(NamedTuple):
    framework_id: str
    total: Decimal
    grade: str | None
    tier: str | None
    rank: int | None
    issues: Mapping[str, Decimal]
    extra_credit: Mapping[str, Decimal]
    source: Source
    loc: Loc
    lines: Mapping[str, int] = MappingProxyType({})  # "total", "grade", "issues.<id>" ...


class Location(NamedTuple):
    """Where a new section goes in a state's code."""

    key: str
    label: str  # "Chapter 30, Article 52 NMSA 1978"
    order: str  # sorts sections by their place in the code
    status: Status
    uncodified: bool  # a temporary section (an appropriation): no "new section of" formula
    code_name: str | None = None  # the code this location is in, where it is not the state's
    next_section: str | None = None  # the number the first new section here takes ("20A.05")


class Amendment(NamedTuple):
    """One change to a section's current text: strike `find`, insert `replace`."""

    find: str  # exact words of the current text to strike ("" with `after`: insert only)
    replace: str  # words inserted in their place ("" for a pure deletion); lines in the unit
    # markup after the first ("## ...") are new units inserted after the unit changed
    line: int
    after: str = ""  # words just before `find`, to pick one of several places it occurs


class StatuteSection(NamedTuple):
    """An existing section that clauses may amend: its citation and, where known, its current
    text (unit markup) with where it comes from and whether it is complete. The changes each
    clause makes to it are the state's (`amendments`, by clause id): a clause written for every
    state never carries find/replace text of one state's statute."""

    key: str
    cite: str
    history: str
    catchline: str
    status: Status
    text: str  # "" when the state file does not carry the text
    loc: Loc
    code_name: str | None = None  # the code this section is in, where it is not the state's
    complete: bool = True  # False: the text stops before the section's end
    source: str | None = None  # where the text was found (URL)
    amendments: Mapping[str, tuple[Amendment, ...]] = {}  # clause id -> its changes
    unneeded: Mapping[str, str] = {}  # clause id -> why this state's section needs no change
    note: str | None = None  # what is known about the text and what to fetch


class State(NamedTuple):
    slug: str
    name: str
    postal: str
    code_name: str
    names: Mapping[str, str]
    memo_to: str | None
    memo_from: str | None
    bill_style: BillStyle | None  # imported for type checkers only: `plan` never loads it
    locations: Mapping[str, Location]
    sections: Mapping[str, StatuteSection]
    codings: Mapping[str, FrameworkCoding]  # in file order
    published: Mapping[str, Published]
    loc: Loc
    vocabulary: Any = None  # gapdraft.load.vocabulary.Vocabulary: legal words clauses use
