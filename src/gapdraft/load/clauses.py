"""Model-language clauses: loading, checking, and what adopting them does to the scores.

A clause is a provision a legislator can adopt; it lifts goals of one or more scorecards to a
level. A `kind: section` file is the frame several clauses fill (one record-relief section). A
`kind: part` file is a piece of a frame that meets no goal by itself but that the section cannot
stand without (how the court decides, what follows the order): it is always one of the frame's
core clauses and is never adopted on its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from gapdraft.errors import DataError, UsageError, did_you_mean
from gapdraft.load.terms import TermLibrary, check_uses, load_terms
from gapdraft.model import Framework, Loc

if TYPE_CHECKING:
    from gapdraft.load.checked import MapReader

# The readers (load/checked.py, load/keys.py) are imported by the functions that parse a file:
# a library from the parsed-data cache needs neither.


@dataclass(frozen=True)
class GoalLevel:
    """A level of a goal that a clause, once enacted, meets (its points come from the rubric)."""

    framework_id: str
    goal_id: str
    level_id: str
    points: Decimal


@dataclass(frozen=True)
class Placement:
    location: str | None  # a state location key (new section) ...
    amend: str | None  # ... or a state section key (amendment)


@dataclass(frozen=True)
class SectionChange:
    """A change the clause makes to an existing section, named by a state section key. The exact
    words struck and inserted are each state's (`sections.<key>.amendments.<clause id>` in the
    state file); `change` says in words what to do where a state has no text or no amendment."""

    section: str
    change: str | None
    line: int
    # plain words naming the section for a drafter who must find it where the state file does
    # not list it ("the section that sets the time limit for civil actions")
    describe: str | None = None


@dataclass(frozen=True)
class Clause:
    id: str
    kind: str  # "clause" | "section" | "part"
    title: str
    satisfies: tuple[GoalLevel, ...]
    effort: int
    choice: str | None
    needs: tuple[str, ...]
    uses: tuple[str, ...]  # ids of the defined terms (clauses/terms/) the text uses
    catchline: str | None
    title_phrase: str | None
    title_group: str | None  # the shorter phrase a long title groups this clause under
    criminal: bool  # creates or widens a crime or penalty: applies only to later offenses
    touches: tuple[str, ...]  # court rules the text states: evidence, privilege, procedure
    placement: Placement | None
    section: str | None  # the frame this clause fills
    order: int
    core: tuple[str, ...]  # frames only: clauses drafted whenever the frame is
    amends: tuple[SectionChange, ...]  # existing sections the clause changes
    replaces: tuple[str, ...]  # frames only: state section keys the new section replaces
    text: str  # Jinja2 source in the unit markup
    note: str  # Jinja2 source
    summary: str | None  # plain words for the memo: what the language does
    loc: Loc
    text_line: int
    note_line: int

    @property
    def frame_id(self) -> str:
        """The bill section this clause ends up in: its frame, or itself."""
        return self.section or self.id


@dataclass(frozen=True)
class ClauseLibrary:
    clauses: Mapping[str, Clause]  # every clause and frame, by id
    terms: TermLibrary = field(default_factory=TermLibrary)

    def get(self, clause_id: str) -> Clause:
        found = self.clauses.get(clause_id)
        if found is None:
            raise UsageError(
                f'unknown clause "{clause_id}"' + did_you_mean(clause_id, self.clauses)
            )
        return found

    def adoptable(self) -> list[Clause]:
        return [c for c in self.clauses.values() if c.kind == "clause"]

    def meeting(self, framework_id: str, goal_id: str) -> list[Clause]:
        return list(self._by_goal.get((framework_id, goal_id), ()))

    @functools.cached_property
    def _by_goal(self) -> dict[tuple[str, str], list[Clause]]:
        """The adoptable clauses meeting each goal, in library order; built once per library
        (validate asks for every unmet goal of every state)."""
        index: dict[tuple[str, str], list[Clause]] = {}
        for clause in self.adoptable():
            for goal in dict.fromkeys((s.framework_id, s.goal_id) for s in clause.satisfies):
                index.setdefault(goal, []).append(clause)
        return index

    def resolve(self, clause_ids: Iterable[str]) -> list[str]:
        """The ids as given, a section frame's id standing for its core clauses (so naming the
        record-relief section drafts it with what it cannot stand without)."""
        out: list[str] = []
        for clause_id in clause_ids:
            clause = self.get(clause_id)
            if clause.kind == "section":
                out += [c for c in clause.core if self.clauses[c].kind == "clause"]
            else:
                out.append(clause_id)
        return list(dict.fromkeys(out))

    def expand(self, clause_ids: Iterable[str]) -> list[Clause]:
        """The clauses a bill drafted from `clause_ids` would enact: the chosen ones plus the core
        clauses of their frames. An explicit choice replaces the core alternative of the same
        choice; two explicit alternatives of one choice are an error."""
        key = tuple(clause_ids)
        found = self._expanded.get(key)
        if found is None:  # an error is raised again each time, never kept
            found = self._expanded[key] = self._expand(key)
        return list(found)

    @functools.cached_property
    def _expanded(self) -> dict[tuple[str, ...], list[Clause]]:
        """`expand`'s answers, kept with the library (a pure function of it): validate expands
        every clause alone, twice, for every state."""
        return {}

    def __getstate__(self) -> dict[str, object]:
        """What the parsed-data cache keeps: the fields, not the answers kept in memory."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def _expand(self, clause_ids: tuple[str, ...]) -> list[Clause]:
        chosen = [self.get(cid) for cid in self.resolve(clause_ids)]
        for clause in chosen:
            if clause.kind != "clause":
                what = "a section frame" if clause.kind == "section" else "a part of a section"
                raise UsageError(f'"{clause.id}" is {what}, not a clause to adopt')
        by_choice: dict[str, Clause] = {}
        for clause in chosen:
            if clause.choice:
                other = by_choice.get(clause.choice)
                if other is not None:
                    raise UsageError(
                        f'clauses "{other.id}" and "{clause.id}" are alternatives '
                        f'(choice "{clause.choice}"): pick one'
                    )
                by_choice[clause.choice] = clause
        result = {c.id: c for c in chosen}
        for frame_id in dict.fromkeys(c.section for c in chosen if c.section):
            for core_id in self.clauses[frame_id].core:
                core = self.clauses[core_id]
                if core.choice and core.choice in by_choice:
                    continue
                result.setdefault(core.id, core)
        return sorted(result.values(), key=lambda c: (c.frame_id, c.order, c.id))


# --- loading ----------------------------------------------------------------------------------


def _read_satisfies(r: MapReader, frameworks: Mapping[str, Framework]) -> tuple[GoalLevel, ...]:
    from gapdraft.load import keys
    from gapdraft.load.checked import sub

    items = r.items("satisfies")
    lifts: list[GoalLevel] = []
    for node, line in zip(items, items.item_lines, strict=True):
        s = sub(r, node, "a satisfies entry", line, keys.SATISFIES)
        framework_id, goal_id, level_id = (
            s.req_text("framework"),
            s.req_text("goal"),
            s.req_text("level"),
        )
        s.done()
        framework = frameworks.get(framework_id)
        if framework is None:
            raise DataError(
                r.file,
                line,
                f'unknown framework "{framework_id}"' + did_you_mean(framework_id, frameworks),
            )
        goal = framework.goal(goal_id)
        if goal is None:
            raise DataError(
                r.file,
                line,
                f'unknown goal "{goal_id}" in {framework_id}'
                + did_you_mean(goal_id, [g.id for g in framework.goals]),
            )
        level = goal.level(level_id)
        if level is None:
            raise DataError(
                r.file,
                line,
                f'unknown level "{level_id}" for goal "{goal_id}"'
                + did_you_mean(level_id, [lv.id for lv in goal.levels]),
            )
        lifts.append(GoalLevel(framework_id, goal_id, level_id, level.points))
    seen: set[tuple[str, str]] = set()
    for lift, line in zip(lifts, items.item_lines, strict=True):
        if (lift.framework_id, lift.goal_id) in seen:
            raise DataError(
                r.file, line, f'goal "{lift.goal_id}" of {lift.framework_id} is listed twice'
            )
        seen.add((lift.framework_id, lift.goal_id))
    return tuple(lifts)


TOUCHES = ("evidence", "privilege", "procedure")


def _touches(r: MapReader) -> tuple[str, ...]:
    items = r.items("touches", required=False, allow_empty=True)
    for item, line in zip(items, items.item_lines, strict=True):
        if item not in TOUCHES:
            raise DataError(r.file, line, f'touches: "{item}" is not one of {", ".join(TOUCHES)}')
    return tuple(str(i) for i in items)


def _read_amends(r: MapReader, placement: Placement | None) -> tuple[SectionChange, ...]:
    from gapdraft.load import keys
    from gapdraft.load.checked import sub

    items = r.items("amends", required=False, allow_empty=True)
    changes: list[SectionChange] = []
    for node, line in zip(items, items.item_lines, strict=True):
        a = sub(r, node, "an amends entry", line, keys.AMENDS)
        changes.append(
            SectionChange(
                a.req_text("section"),
                a.req_text("change"),
                line,
                a.text("describe", required=False),
            )
        )
        a.done()
    amend = placement.amend if placement is not None else None
    if amend is not None and not any(c.section == amend for c in changes):
        changes.insert(0, SectionChange(amend, None, r.line_of("placement")))
    sections = [c.section for c in changes]
    if len(set(sections)) != len(sections):
        raise r.error("amends", "each section is listed once under amends")
    return tuple(changes)


def _check_template(r: MapReader, key: str, source: str) -> None:
    """Fail at load time on Jinja syntax errors, with the file line of the bad template line."""
    from jinja2 import TemplateSyntaxError

    from gapdraft.drafting.templates import check_source

    try:
        check_source(source)
    except TemplateSyntaxError as exc:
        # block scalars start on the line after their key
        line = r.line_of(key) + (exc.lineno or 1)
        raise DataError(r.file, line, f"template error in {key}: {exc.message}") from None


def load_clause(file: Path, frameworks: Mapping[str, Framework]) -> Clause:
    from gapdraft.load import keys
    from gapdraft.load.checked import MapReader
    from gapdraft.load.yamlnodes import load_yaml  # here: the parser's import costs start-up

    r = MapReader(file, load_yaml(file), "a clause file", 1, keys.CLAUSE)
    clause_id = r.req_text("id")
    if clause_id != file.stem:
        raise r.error("id", f'id "{clause_id}" must match the file name "{file.stem}"')
    kind = r.text("kind", required=False) or "clause"
    if kind not in ("clause", "section", "part"):
        raise r.error("kind", f'kind must be "clause", "section" or "part", not "{kind}"')
    placement = _read_placement(r)
    if "amendments" in r.node:
        raise r.error(
            "amendments",
            '"amendments" belong to each state: move them to the state file under '
            "sections.<key>.amendments." + clause_id,
        )
    amends = _read_amends(r, placement)
    needs_items = r.items("needs", required=False, allow_empty=True)
    # a clause that only amends existing sections may have no text of its own
    text = r.text("text", required=kind == "part" or (kind == "clause" and not amends)) or ""
    note = r.req_text("note")
    clause = Clause(
        id=clause_id,
        kind=kind,
        title=r.req_text("title")
        if kind != "section"
        else (r.text("title", required=False) or clause_id),
        satisfies=_read_satisfies(r, frameworks) if kind == "clause" else (),
        effort=r.integer("effort", required=kind == "clause") or 1,
        choice=r.text("choice", required=False),
        needs=tuple(str(n) for n in needs_items),
        uses=tuple(str(u) for u in r.items("uses", required=False, allow_empty=True)),
        catchline=r.text("catchline", required=False),
        title_phrase=r.text("title_phrase", required=False),
        title_group=r.text("title_group", required=False),
        criminal=r.flag("criminal", default=False),
        touches=_touches(r),
        placement=placement,
        section=r.text("section", required=False),
        order=r.integer("order") or 0,
        core=tuple(str(c) for c in r.items("core", required=False, allow_empty=True)),
        amends=amends,
        replaces=tuple(str(k) for k in r.items("replaces", required=False, allow_empty=True)),
        text=text,
        note=note,
        summary=r.text("summary", required=False),
        loc=r.loc,
        text_line=r.line_of("text"),
        note_line=r.line_of("note"),
    )
    _check_clause(r, clause)
    _check_template(r, "text", text)
    _check_template(r, "note", note)
    r.done()
    return clause


def _read_placement(r: MapReader) -> Placement | None:
    from gapdraft.load import keys
    from gapdraft.load.checked import sub

    node = r.mapping("placement", required=False)
    if node is None:
        return None
    p = sub(r, node, "placement", r.line_of("placement"), keys.PLACEMENT)
    placement = Placement(
        location=p.text("location", required=False), amend=p.text("amend", required=False)
    )
    p.done()
    if (placement.location is None) == (placement.amend is None):
        raise r.error("placement", 'placement needs either "location" or "amend"')
    return placement


def _check_clause(r: MapReader, clause: Clause) -> None:
    """The rules that tie a clause's keys together (which belong to a frame, and so on)."""
    clause_id, kind, placement = clause.id, clause.kind, clause.placement
    if not 1 <= clause.effort <= 5:
        raise r.error("effort", "effort must be a whole number from 1 to 5")
    if kind == "part" and (clause.section is None or clause.choice):
        raise r.error(None, 'a part needs the "section" it belongs to and cannot have "choice"')
    standalone = kind == "section" or clause.section is None
    if standalone:
        for key in ("catchline", "title_phrase", "placement"):
            if getattr(clause, key) is None:
                raise r.error(None, f'{clause_id}: a clause with no "section" needs "{key}"')
    else:
        for key in ("catchline", "title_phrase", "placement"):
            if key in r.node:
                raise r.error(
                    key,
                    f'"{key}" belongs to the section frame "{clause.section}", not to its clauses',
                )
    if kind == "section" and (clause.section or clause.choice):
        raise r.error(None, 'a section frame cannot have "section" or "choice"')
    if clause.replaces and kind != "section":
        raise r.error("replaces", '"replaces" belongs to a section frame (kind: section)')
    if clause.uses and placement is not None and placement.amend is not None:
        raise r.error(
            "uses",
            "a clause set into an existing section uses that act's own defined terms: "
            'drop "uses" or enact the text as a new section',
        )


def load_library(
    files: Sequence[Path],
    frameworks: Mapping[str, Framework],
    term_files: Sequence[Path] = (),
    load_one: Callable[[Path], Clause] | None = None,
    terms: TermLibrary | None = None,
) -> ClauseLibrary:
    """The clause library; `load_one` loads one clause file (the workspace passes its cached
    loader), by default `load_clause` against `frameworks`; `terms`, when given, are the
    already loaded `term_files` (the workspace caches them)."""
    terms = load_terms(term_files) if terms is None else terms
    clauses: dict[str, Clause] = {}
    for file in files:
        clause = load_one(file) if load_one else load_clause(file, frameworks)
        clauses[clause.id] = clause
    for clause in clauses.values():
        check_uses(terms, clause.uses, clause.loc)
        if clause.section is not None:
            frame = clauses.get(clause.section)
            if frame is None or frame.kind != "section":
                raise DataError(
                    clause.loc.file,
                    clause.loc.line,
                    f'"{clause.section}" is not a section frame'
                    + did_you_mean(
                        clause.section, [c.id for c in clauses.values() if c.kind == "section"]
                    ),
                )
        for core_id in clause.core:
            core = clauses.get(core_id)
            if core is None or core.section != clause.id:
                raise DataError(
                    clause.loc.file,
                    clause.loc.line,
                    f'core clause "{core_id}" is not a clause of section "{clause.id}"',
                )
        if clause.kind == "part" and clause.id not in clauses[clause.section or ""].core:
            raise DataError(
                clause.loc.file,
                clause.loc.line,
                f'part "{clause.id}" is not listed under "core" of section "{clause.section}" '
                "(a part meets no goal, so it is drafted only as part of its section)",
            )
    return ClauseLibrary(MappingProxyType(clauses), terms)
