"""Drafting: choose clauses for a state's gaps, render their Jinja2 text with the state's names,
letter the units, resolve cross-references, and assemble the bill (`bill.Bill`). Pure: no files
are written here."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from jinja2 import TemplateError, UndefinedError

from gapdraft.drafting.bill import Bill, BillSection, Run, Unit
from gapdraft.drafting.templates import compiled
from gapdraft.drafting.units import MarkupError, RawUnit, check_depths, number_units, parse_units
from gapdraft.errors import RenderError, UsageError, did_you_mean
from gapdraft.load.billstyle import BillStyle, reference, unit_label
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, Location, State
from gapdraft.planning.gaps import Gap
from gapdraft.planning.whatif import goal_lifts
from gapdraft.scoring import GoalLift

REF_TOKEN = re.compile("\x00ref:([^\x00]*)\x00")


# --- selection --------------------------------------------------------------------------------


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


# --- rendering --------------------------------------------------------------------------------


class _Names:
    """The state's names for templates; a missing one is an error naming clause and name."""

    def __init__(self, names: Mapping[str, str], clause: Clause, state: State) -> None:
        self._names, self._clause, self._state = names, clause, state

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key: str) -> str:
        if key not in self._names:
            raise RenderError(
                f'clause "{self._clause.id}" ({self._clause.loc.file}) uses names.{key}, which '
                f"{self._state.loc.file} does not define (add it under names:)"
            )
        return self._names[key]


def render_template(clause: Clause, key: str, state: State, adopted: set[str]) -> str:
    source = clause.text if key == "text" else clause.note
    missing = [n for n in clause.needs if n not in state.names]
    if missing:
        raise RenderError(
            f'clause "{clause.id}" needs names.{missing[0]}, which {state.loc.file} does '
            "not define (add it under names:)"
        )
    context: dict[str, Any] = {
        "state": SimpleNamespace(name=state.name, postal=state.postal, code_name=state.code_name),
        "names": _Names(state.names, clause, state),
        "ref": lambda anchor: f"\x00ref:{anchor}\x00",
        "has": lambda item: item in adopted,
    }
    try:
        return compiled(source).render(context)
    except UndefinedError as exc:
        line = clause.text_line if key == "text" else clause.note_line
        raise RenderError(
            f'clause "{clause.id}" ({clause.loc.file}:{line}): {key} uses an undefined name: '
            f"{exc.message}"
        ) from None
    except TemplateError as exc:
        raise RenderError(f'clause "{clause.id}" ({clause.loc.file}): {key}: {exc}') from None


# --- assembly ---------------------------------------------------------------------------------


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


@dataclass(frozen=True)
class _Part:
    """Units of one source (frame, clause or current statute) before lettering."""

    owner: str
    units: list[RawUnit]
    mark: str  # "plain" or "new"
    runs: list[tuple[Run, ...]] | None = None  # preset runs (amended current text)


def _parse(owner: Clause, text: str) -> list[RawUnit]:
    try:
        return parse_units(text)
    except MarkupError as exc:
        raise RenderError(
            f'clause "{owner.id}" ({owner.loc.file}:{owner.text_line}): {exc}'
        ) from None


def _amended_runs(
    units: list[RawUnit], clauses: Sequence[Clause], section_cite: str
) -> list[tuple[Run, ...]]:
    """Split the current text's units into plain / deleted / new runs per the amendments."""
    runs: list[list[Run]] = [[Run(u.text)] for u in units]
    for clause in clauses:
        for amendment in clause.amendments:
            hits = [i for i, u in enumerate(units) if amendment.find in u.text]
            total = sum(units[i].text.count(amendment.find) for i in hits)
            if total != 1:
                raise RenderError(
                    f'clause "{clause.id}": "{amendment.find}" occurs {total} times in section '
                    f"{section_cite} (it must occur exactly once)"
                )
            i = hits[0]
            new_runs: list[Run] = []
            for run in runs[i]:
                if run.mark == "plain" and amendment.find in run.text:
                    before, after = run.text.split(amendment.find, 1)
                    new_runs += [Run(before), Run(amendment.find, "deleted")]
                    if amendment.replace:
                        new_runs.append(Run(amendment.replace, "new"))
                    new_runs.append(Run(after))
                else:
                    new_runs.append(run)
            runs[i] = [r for r in new_runs if r.text]
    return [tuple(r) for r in runs]


def _letter(style: BillStyle, parts: list[_Part], frame: Clause) -> tuple[Unit, ...]:
    units = [u for p in parts for u in p.units]
    try:
        check_depths(units)
    except MarkupError as exc:
        raise RenderError(f'section "{frame.id}": {exc}') from None
    paths = number_units(units)
    anchors: dict[str, list[tuple[int, int]]] = {}
    for unit, path in zip(units, paths, strict=True):
        if unit.anchor:
            if unit.anchor in anchors:
                raise RenderError(f'section "{frame.id}": two units are named "{unit.anchor}"')
            anchors[unit.anchor] = path

    def resolve(text: str, owner: str) -> str:
        def one(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in anchors or not anchors[key]:
                raise RenderError(
                    f'clause "{owner}" refers to "{key}", which is not a lettered unit of section '
                    f'"{frame.id}" as drafted (a dangling cross-reference)'
                )
            return reference(style, anchors[key])

        return REF_TOKEN.sub(one, text)

    lettered: list[Unit] = []
    index = 0
    for part in parts:
        for k, unit in enumerate(part.units):
            path = paths[index]
            index += 1
            label = unit_label(style, *path[-1]) if path else ""
            if part.runs is not None:
                runs = tuple(Run(resolve(r.text, part.owner), r.mark) for r in part.runs[k])
            else:
                runs = (Run(resolve(unit.text, part.owner), part.mark),)  # type: ignore[arg-type]
            lettered.append(Unit(label=label, depth=unit.depth, runs=runs))
    return tuple(lettered)


def _effects(
    clauses: Sequence[Clause], state: State, frameworks: Mapping[str, Framework]
) -> tuple[GoalLift, ...]:
    """The goals a section raises above the state's law as it stands, in each framework's goal
    order (the drafter's note lists them as the scorecard does)."""
    points = {
        fid: {gid: g.points for gid, g in coding.goals.items()}
        for fid, coding in state.codings.items()
    }
    lifted = goal_lifts(state, frameworks, clauses, points)
    framework_rank = {fid: n for n, fid in enumerate(dict.fromkeys(g.framework_id for g in lifted))}

    def goal_rank(g: GoalLift) -> tuple[int, int]:
        goal_ids = [goal.id for goal in frameworks[g.framework_id].goals]
        return framework_rank[g.framework_id], goal_ids.index(g.goal_id)

    return tuple(sorted(lifted, key=goal_rank))


def draft_bill(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
    number: str | None = None,
    sponsor: str | None = None,
) -> Bill:
    style = state.bill_style
    if not isinstance(style, BillStyle):
        raise UsageError(
            f"{state.loc.file}: the state has no bill_style, so no bill can be drafted"
        )
    if not clause_ids:
        raise UsageError("no clauses selected: the state meets every selected goal")
    clauses = library.expand(clause_ids)
    adopted = {c.id for c in clauses} | {c.choice for c in clauses if c.choice}
    frames: dict[str, list[Clause]] = {}
    for clause in clauses:
        frames.setdefault(clause.frame_id, []).append(clause)

    drafted: list[tuple[tuple[Any, ...], BillSection]] = []
    caveats: list[str] = []
    numbers: dict[str, int] = {}  # new sections drafted so far per location
    for position, (frame_id, members) in enumerate(frames.items()):
        frame = library.clauses[frame_id]
        section, sort_key, caveat = _draft_section(
            style, state, frameworks, frame, members, adopted, position, numbers
        )
        drafted.append((sort_key, section))
        caveats += caveat
    drafted.sort(key=lambda item: item[0])

    sections = []
    for n, (_, section) in enumerate(drafted, start=1):
        label = style.section_label.format(n=n)
        sections.append(
            replace(section, number=n, label=label, note_title=f"Drafter's note: {label}")
        )
    phrases = [library.clauses[_frame_of(library, s)].title_phrase or "" for s in sections]
    title = style.title.format(
        subject=style.subject, provisions="; ".join(dict.fromkeys(p for p in phrases if p))
    )
    if style.title_upper:
        title = title.upper()
    if any(e.estimated for s in sections for e in s.effects):
        caveats.append(
            "Gains marked 'estimate' rest on our split of the scorecard's partial credit, "
            "which the publisher does not publish."
        )
    heading = tuple(
        line.format(
            number=number if number is not None else style.number, sponsor=sponsor or style.sponsor
        ).strip()
        for line in style.heading
    )
    return Bill(
        state_name=state.name,
        heading=heading,
        act_line=style.act_line,
        title=title,
        enacting_clause=style.enacting_clause,
        sections=tuple(sections),
        legend=style.legend,
        new_markup=style.new_markup,  # type: ignore[arg-type]
        deleted_markup=style.deleted_markup,  # type: ignore[arg-type]
        line_numbers=style.line_numbers,
        lines_per_page=style.lines_per_page,
        font_name=style.font_name,
        font_size=style.font_size,
        doc_title=f"{state.name} model bill: {style.subject.lower()}",
        doc_subject=title,
        doc_author=style.author,
        caveats=tuple(dict.fromkeys(caveats)),
        heading_align=style.heading_align,  # type: ignore[arg-type]
        footer=style.footer,
    )


def next_number(first: str, offset: int) -> str:
    """The number `offset` places after `first`: its last run of digits counts up, keeping its
    width ("20A.05" -> "20A.06", "30-52-3" -> "30-52-4")."""
    match = re.search(r"(\d+)(\D*)$", first)
    if match is None or offset == 0:
        return first
    digits = match.group(1)
    counted = str(int(digits) + offset).zfill(len(digits))
    return first[: match.start(1)] + counted + match.group(2)


NUMBER_PLACEHOLDER = "[section number]"


def _new_section_number(
    style: BillStyle, location: Location, numbers: dict[str, int], caveats: list[str]
) -> str:
    """The number of the next new section in `location`, for styles that print one."""
    if "{section}" not in style.new_section + style.catchline:
        return ""
    offset = numbers.get(location.key, 0)
    numbers[location.key] = offset + 1
    if location.next_section is None:
        caveats.append(
            f"New sections in {location.label} carry the placeholder {NUMBER_PLACEHOLDER}: "
            "the location gives no next_section number."
        )
        return NUMBER_PLACEHOLDER
    return next_number(location.next_section, offset)


def _frame_of(library: ClauseLibrary, section: BillSection) -> str:
    return library.clauses[section.clause_ids[0]].frame_id


def _draft_section(
    style: BillStyle,
    state: State,
    frameworks: Mapping[str, Framework],
    frame: Clause,
    members: list[Clause],
    adopted: set[str],
    position: int,
    numbers: dict[str, int],
) -> tuple[BillSection, tuple[Any, ...], list[str]]:
    placement = frame.placement
    assert placement is not None  # checked when the library loaded
    caveats: list[str] = []
    parts: list[_Part] = []
    catchline_text = frame.catchline or ""
    uncodified = False
    number = ""  # a new section's number, where the style prints one
    if placement.amend is not None:
        current = state.sections.get(placement.amend)
        if current is None:
            raise RenderError(
                f'clause "{frame.id}" amends "{placement.amend}", which {state.loc.file} '
                "does not list under sections:"
            )
        current_units = parse_units(current.text)
        parts.append(
            _Part(
                current.key,
                current_units,
                "plain",
                _amended_runs(current_units, members, current.cite),
            )
        )
        intro = style.amend_section.format(
            cite=current.cite,
            code_name=current.code_name or state.code_name,
            history=current.history,
        )
        tag, catch_mark, unit_mark = "", "plain", "new"
        catchline_text = current.catchline
        sort_key: tuple[Any, ...] = (0, _natural(current.cite), position)
        if current.status != "official":
            caveats.append(
                f"The current text of Section {current.cite} in the bill is {current.status}."
            )
    else:
        location = state.locations.get(placement.location or "")
        if location is None:
            raise RenderError(
                f'clause "{frame.id}" goes in location "{placement.location}", which '
                f"{state.loc.file} does not define (add it under locations:)"
                + did_you_mean(placement.location or "", state.locations)
            )
        uncodified = location.uncodified
        if uncodified:
            intro, tag, sort_key = style.uncodified_section, "", (1, (), position)
        else:
            number = _new_section_number(style, location, numbers, caveats)
            intro = style.new_section.format(
                location=location.label,
                code_name=location.code_name or state.code_name,
                section=number,
            )
            tag, sort_key = style.new_material_tag, (0, _natural(location.order), position)
        catch_mark = unit_mark = (
            "new" if style.mark_new_sections and not location.uncodified else "plain"
        )
        if location.status != "official":
            caveats.append(
                f'Placement "{location.label}" is {location.status}: check it against the code.'
            )
    if frame.kind == "section" and frame.text:
        parts.append(
            _Part(
                frame.id, _parse(frame, render_template(frame, "text", state, adopted)), unit_mark
            )
        )
    for clause in members:
        if clause.text:
            parts.append(
                _Part(
                    clause.id,
                    _parse(clause, render_template(clause, "text", state, adopted)),
                    unit_mark,
                )
            )
    units = _letter(style, parts, frame)
    catchline_text = catchline_text.upper() if style.catchline_upper else catchline_text
    if uncodified:  # a temporary section has no number and may have no catchline
        catchline = style.uncodified_catchline.format(catchline=catchline_text)
    else:
        catchline = style.catchline.format(catchline=catchline_text, section=number)
    notes = []
    if frame.kind == "section":
        notes.append(render_template(frame, "note", state, adopted).strip())
    for clause in members:
        notes.append(f"{clause.title}: {render_template(clause, 'note', state, adopted).strip()}")
    section = BillSection(
        number=0,
        label="",
        intro=intro,
        new_material_tag=tag,
        catchline=catchline,
        catchline_mark=catch_mark,  # type: ignore[arg-type]
        units=units,
        quoted=style.quote_sections and not uncodified,
        clause_ids=tuple(c.id for c in members),
        note_title="",
        note="\n\n".join(n for n in notes if n),
        effects=_effects(members, state, frameworks),
    )
    return section, sort_key, caveats
