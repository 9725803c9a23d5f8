"""Drafting: from the chosen clauses to the bill (`bill.Bill`). Each bill section is planned
(where it goes, which clauses fill it, which defined terms it uses), drafted (opening, text,
drafter's note), then the sections are ordered, numbered and given their shared definitions,
and the frame (title, applicability, effective date) is added. Pure: no files are written."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gapdraft.drafting.amend import amended_section
from gapdraft.drafting.bill import Bill, BillSection, Unit
from gapdraft.drafting.clause_text import render_phrase, render_template
from gapdraft.drafting.effects import section_effects
from gapdraft.drafting.frame import criminal, frame_sections, heading_lines, title_of
from gapdraft.drafting.lettering import Part, check_letters, letter, parse_clause_text
from gapdraft.drafting.notes import (
    appropriation_caveat,
    court_rule_notes,
    placement_notes,
    successor_notes,
)
from gapdraft.drafting.opening import Opening, new_opening, styled_catchline
from gapdraft.drafting.repeal import repeal_section, replaced_cites, replaced_sections
from gapdraft.drafting.select import (
    Selection,
    best_clause,
    parse_goal_refs,
    select_for_gaps,
    select_for_goals,
)
from gapdraft.drafting.terms import inline_units, shared_units
from gapdraft.errors import RenderError, UsageError, did_you_mean
from gapdraft.load.billstyle import BillStyle
from gapdraft.load.clauses import Clause, ClauseLibrary, SectionChange
from gapdraft.load.terms import Term
from gapdraft.model import Framework, Location, State

__all__ = [
    "Selection",
    "best_clause",
    "draft_bill",
    "parse_goal_refs",
    "select_for_gaps",
    "select_for_goals",
]


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


@dataclass(frozen=True)
class _Context:
    style: BillStyle
    state: State
    frameworks: Mapping[str, Framework]
    library: ClauseLibrary
    adopted: set[str]
    checking: bool = False  # only what can fail is drafted (`check_clauses`)
    outline: bool = False  # no text: numbers, labels, clause ids, effects, caveats (the memo)
    numbers: dict[str, int] = field(default_factory=dict)  # new sections so far per place
    caveats: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    """One bill section before drafting: a new section (a frame and the clauses filling it), an
    existing section amended (`amend` is its state section key) or one repealed (`repeal`: the
    state section key; `frame`: the section that replaces it)."""

    key: str
    frame: Clause | None = None
    amend: str | None = None
    repeal: str | None = None
    members: list[Clause] = field(default_factory=list)
    changes: list[tuple[Clause, SectionChange]] = field(default_factory=list)
    location: Location | None = None
    terms: list[Term] = field(default_factory=list)  # shared with its place in the code
    local: list[Term] = field(default_factory=list)  # always defined in the section itself


# --- planning -----------------------------------------------------------------------------------


def unneeded(state: State, section_key: str, clause: Clause) -> str | None:
    """Why the state's section already does what the clause asks (then it is not amended)."""
    section = state.sections.get(section_key)
    return section.unneeded.get(clause.id) if section is not None else None


def _plans(ctx: _Context, clauses: Sequence[Clause]) -> list[_Plan]:
    plans: dict[str, _Plan] = {}
    for clause in clauses:
        placement = ctx.library.clauses[clause.frame_id].placement
        assert placement is not None  # checked when the library loaded
        if placement.amend is not None and unneeded(ctx.state, placement.amend, clause):
            continue
        if placement.amend is not None:
            key = f"amend:{placement.amend}"
            plans.setdefault(key, _Plan(key, amend=placement.amend)).members.append(clause)
        else:
            frame = ctx.library.clauses[clause.frame_id]
            plans.setdefault(frame.id, _Plan(frame.id, frame=frame)).members.append(clause)
    for clause in clauses:
        for change in clause.amends:
            why = unneeded(ctx.state, change.section, clause)
            if why:
                ctx.caveats.append(f"{clause.title}: not drafted for {ctx.state.name}: {why}")
                continue
            key = f"amend:{change.section}"
            plans.setdefault(key, _Plan(key, amend=change.section)).changes.append((clause, change))
    for plan in list(plans.values()):
        for section in replaced_sections(ctx.state, plan.frame):
            key = f"repeal:{section.key}"
            plans.setdefault(key, _Plan(key, frame=plan.frame, repeal=section.key))
    for plan in plans.values():
        if plan.frame is not None and plan.repeal is None:
            plan.location = _location(ctx.state, plan.frame)
            uses = [*plan.frame.uses, *(u for c in plan.members for u in c.uses)]
            every = ctx.library.terms.closure(uses)
            plan.terms = [t for t in every if not t.local]
            plan.local = [t for t in every if t.local]
    if not plans:
        raise UsageError(
            f"nothing to draft for {ctx.state.name}: its law already does what the selected "
            "clauses ask (" + "; ".join(ctx.caveats) + ")"
        )
    return list(plans.values())


def _location(state: State, frame: Clause) -> Location:
    assert frame.placement is not None
    location = state.locations.get(frame.placement.location or "")
    if location is None:
        raise RenderError(
            f'clause "{frame.id}" goes in location "{frame.placement.location}", which '
            f"{state.loc.file} does not define (add it under locations:)"
            + did_you_mean(frame.placement.location or "", state.locations)
        )
    return location


def _sort_key(ctx: _Context, plan: _Plan, position: int) -> tuple[Any, ...]:
    if plan.repeal is not None:  # after the codified and temporary sections, as repeals stand
        return (2, _natural(ctx.state.sections[plan.repeal].cite), position)
    if plan.location is None:
        section = ctx.state.sections.get(plan.amend or "")
        return (0, _natural(section.cite) if section else ("~",), position)
    if plan.location.uncodified:
        return (1, (), position)
    return (0, _natural(plan.location.order), position)


def _definition_groups(ctx: _Context, plans: Sequence[_Plan]) -> dict[str, list[_Plan]]:
    """Sections sharing one definitions section: by location (or the whole act), two or more
    sections that use defined terms."""
    groups: dict[str, list[_Plan]] = {}
    for plan in plans:
        if plan.terms and plan.location is not None:
            key = "act" if ctx.style.definitions == "act" else plan.location.label
            groups.setdefault(key, []).append(plan)
    return {k: v for k, v in groups.items() if len(v) > 1}


# --- drafting one section -----------------------------------------------------------------------


def _text_parts(ctx: _Context, plan: _Plan, mark: str, inline: bool) -> list[Part]:
    if ctx.outline:
        return []
    parts: list[Part] = []
    own = (
        sorted([*plan.terms, *plan.local], key=lambda t: t.phrase.lower()) if inline else plan.local
    )
    if own:
        parts.append(Part("definitions", inline_units(own, ctx.state, ctx.adopted), mark))  # type: ignore[arg-type]
    replaced = replaced_cites(ctx.state, plan.frame)
    sources = [c for c in plan.members if c.text]
    if plan.frame is not None and plan.frame.kind == "section" and plan.frame.text:
        sources.insert(0, plan.frame)
    for source in sources:
        text = render_template(source, "text", ctx.state, ctx.adopted, replaced)
        parts.append(Part(source.id, parse_clause_text(source, text), mark))  # type: ignore[arg-type]
    return parts


def _notes(ctx: _Context, plan: _Plan, extra: Sequence[str]) -> str:
    if ctx.outline:
        return ""
    notes: list[str] = []
    replaced = replaced_cites(ctx.state, plan.frame)
    if plan.frame is not None and plan.frame.kind == "section":
        notes.append(render_template(plan.frame, "note", ctx.state, ctx.adopted, replaced).strip())
    for clause in plan.members:
        note = render_template(clause, "note", ctx.state, ctx.adopted, replaced).strip()
        notes.append(f"{clause.title}: {note}")
    for clause, change in plan.changes:
        if clause not in plan.members and change.change:
            notes.append(
                f"{clause.title}: this section is amended so that it will {change.change}."
            )
    notes += court_rule_notes(ctx.state, plan.members)
    notes += extra
    return "\n\n".join(n for n in notes if n)


def _draft(ctx: _Context, plan: _Plan, inline: bool) -> tuple[BillSection, list[str]]:
    caveats: list[str] = []
    extra_notes: list[str] = []
    if plan.repeal is not None:
        assert plan.frame is not None
        by = f'the new section "{plan.frame.catchline}"'
        return repeal_section(ctx.style, ctx.state, ctx.state.sections[plan.repeal], by)
    if plan.amend is not None:
        adds = any(c.text for c in plan.members)
        amended = amended_section(ctx.style, ctx.state, plan.amend, plan.changes, adds)
        catch = ctx.style.catchline.format(
            catchline=styled_catchline(ctx.style, amended.catchline), section=amended.cite
        )
        opening = Opening(amended.intro, "", catch, "plain", "new", ctx.style.quote_sections)
        parts = amended.parts + _text_parts(ctx, plan, "new", inline=False)
        extra_notes += amended.notes
        caveats += amended.caveats
    else:
        assert plan.frame is not None and plan.location is not None
        opening = new_opening(
            ctx.style,
            ctx.state,
            ctx.numbers,
            ctx.caveats,
            plan.frame.catchline or "",
            plan.location,
        )
        parts = _text_parts(ctx, plan, opening.unit_mark, inline)
        extra_notes += placement_notes(plan.location)
        if plan.location.status != "official":
            caveats.append(
                f'Placement "{plan.location.label}" is {plan.location.status}: check it against '
                "the code."
            )
    units = _lettered(ctx, parts, plan.key)
    extra_notes += successor_notes(ctx.state, "\n".join(r.text for u in units for r in u.runs))
    section = BillSection(
        number=0,
        label="",
        intro=opening.intro,
        new_material_tag=opening.tag,
        catchline=opening.catchline,
        catchline_mark=opening.catch_mark,  # type: ignore[arg-type]
        units=units,
        quoted=opening.quoted,
        clause_ids=tuple(
            dict.fromkeys([c.id for c in plan.members] + [c.id for c, _ in plan.changes])
        ),
        note_title="",
        note=_notes(ctx, plan, extra_notes),
        effects=() if ctx.checking else section_effects(plan.members, ctx.state, ctx.frameworks),
        kind="amend" if plan.amend is not None else "new",
    )
    return section, caveats


def _lettered(ctx: _Context, parts: list[Part], section_id: str) -> tuple[Unit, ...]:
    """The units lettered; only checked (no units) when the bill is only checked."""
    if ctx.checking:
        check_letters(ctx.style, parts, section_id)
        return ()
    return letter(ctx.style, parts, section_id)


def _definitions_section(
    ctx: _Context, plans: Sequence[_Plan], numbers: Sequence[int]
) -> BillSection:
    location = plans[0].location
    assert location is not None
    terms = ctx.library.terms.closure(t.id for p in plans for t in p.terms)
    opening = new_opening(ctx.style, ctx.state, ctx.numbers, ctx.caveats, "Definitions", location)
    units = [] if ctx.outline else shared_units(terms, numbers, ctx.state, ctx.adopted)
    return BillSection(
        number=0,
        label="",
        intro=opening.intro,
        new_material_tag=opening.tag,
        catchline=opening.catchline,
        catchline_mark=opening.catch_mark,  # type: ignore[arg-type]
        units=_lettered(ctx, [Part("definitions", units, opening.unit_mark)], "definitions"),  # type: ignore[arg-type]
        quoted=opening.quoted,
        clause_ids=(),
        note_title="",
        note=(
            "The definitions the sections that follow use, each defined once (clauses/terms/). "
            "A term used in only one section is defined in that section instead."
        ),
        effects=(),
        kind="definitions",
    )


# --- the bill -----------------------------------------------------------------------------------


def _style_of(state: State) -> BillStyle:
    style = state.bill_style
    if not isinstance(style, BillStyle):
        raise UsageError(
            f"{state.loc.file}: the state has no bill_style, so no bill can be drafted"
        )
    return style


_Slot = tuple[BillSection | None, _Plan | list[_Plan]]  # a drafted section, or a definitions slot


def _ordered(ctx: _Context, plans: list[_Plan]) -> tuple[list[_Slot], list[str]]:
    """Sections in code order, a shared definitions slot before each group's first section."""
    groups = _definition_groups(ctx, plans)
    grouped = {id(p): key for key, members in groups.items() for p in members}
    keyed = sorted(
        ((_sort_key(ctx, p, i), i, p) for i, p in enumerate(plans)), key=lambda kp: kp[:2]
    )
    out: list[_Slot] = []
    caveats: list[str] = []
    for _, _, plan in keyed:
        group = grouped.get(id(plan))
        if group is not None and group in groups:
            out.append((None, groups.pop(group)))
        section, caveat = _draft(ctx, plan, inline=group is None)
        out.append((section, plan))
        caveats += caveat
    return out, caveats


def _numbered(ctx: _Context, ordered: list[_Slot]) -> list[BillSection]:
    where = {id(p): n for n, (_, p) in enumerate(ordered, start=1) if isinstance(p, _Plan)}
    sections: list[BillSection] = []
    for n, (section, plans) in enumerate(ordered, start=1):
        if section is None:
            assert isinstance(plans, list)
            section = _definitions_section(ctx, plans, [n, *(where[id(p)] for p in plans)])
        if ctx.checking:  # nothing reads the labels
            sections.append(section)
            continue
        label = ctx.style.section_label.format(n=n)
        sections.append(
            section._replace(number=n, label=label, note_title=f"Drafter's note: {label}")
        )
    return sections


def _begin(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
    checking: bool = False,
    outline: bool = False,
) -> tuple[_Context, list[Clause]]:
    style = _style_of(state)
    if not clause_ids:
        raise UsageError("no clauses selected: the state meets every selected goal")
    clauses = library.expand(clause_ids)
    adopted = {c.id for c in clauses} | {c.choice for c in clauses if c.choice}
    return _Context(style, state, frameworks, library, adopted, checking, outline), clauses


def check_clauses(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
) -> None:
    """Raise what `draft_bill` raises for these clauses, drafting only the steps that can fail:
    each section (its text, notes and lettering) and the title's phrases, not the scores the
    notes list nor the closing sections (`validate` drafts every clause alone for every state)."""
    ctx, clauses = _begin(state, frameworks, library, clause_ids, checking=True)
    ordered, _ = _ordered(ctx, _plans(ctx, clauses))
    for section in _numbered(ctx, ordered):
        for clause_id in section.clause_ids:
            render_phrase(library.clauses[library.clauses[clause_id].frame_id], state)


def draft_bill(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
    number: str | None = None,
    sponsor: str | None = None,
    outline: bool = False,
) -> Bill:
    """The bill. With `outline`, no template is rendered: the sections carry their numbers,
    labels, clause ids and effects but no text, notes or title, and the caveats are the full
    bill's (what the memo's brief says of the bill)."""
    ctx, clauses = _begin(state, frameworks, library, clause_ids, outline=outline)
    style = ctx.style
    ordered, caveats = _ordered(ctx, _plans(ctx, clauses))
    repealed = [
        state.sections[p.repeal].cite for _, p in ordered if isinstance(p, _Plan) and p.repeal
    ]
    body = _numbered(ctx, ordered)
    penal = [s.number for s in body if any(criminal(library.clauses[c]) for c in s.clause_ids)]
    sections = body + frame_sections(style, len(body) + 1, penal)
    caveats += appropriation_caveat(state, clauses)
    if any(e.estimated for s in sections for e in s.effects):
        caveats.append(
            "Gains marked 'estimate' rest on our split of the scorecard's partial credit, "
            "which the publisher does not publish."
        )
    title = "" if outline else title_of(style, library, clauses, sections, state, repealed)
    return Bill(
        state_name=state.name,
        heading=heading_lines(style, number, sponsor),
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
        caveats=tuple(dict.fromkeys(caveats + ctx.caveats)),
        heading_align=style.heading_align,  # type: ignore[arg-type]
        footer=style.footer,
    )
