"""Amending an existing section in place: the section is set out in full with the state's
changes marked (deleted words bracketed, new words underscored). Where the state file does not
carry the section's text, or carries only part of it, or has no amendment for a clause, the bill
prints a visible placeholder saying what to fetch and what to change, never a silent gap."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from gapdraft.drafting.bill import Run
from gapdraft.drafting.lettering import Part
from gapdraft.drafting.units import MarkupError, RawUnit, parse_units
from gapdraft.errors import RenderError
from gapdraft.load.billstyle import BillStyle
from gapdraft.load.clauses import Clause, SectionChange
from gapdraft.model import Amendment, State, StatuteSection


def placeholder(text: str) -> str:
    """Words the drafter must replace before introduction, in a form no reader takes for law.
    A placeholder never holds another one: the drafter could not tell what replaces what."""
    if "<<" in text or ">>" in text:
        raise ValueError(f"a placeholder inside a placeholder: {text!r}")
    return f"<<{text}>>"


class AmendedSection(NamedTuple):
    intro: str
    cite: str
    catchline: str  # unstyled
    sort_key: tuple[Any, ...]
    parts: list[Part]
    notes: list[str]  # drafter's note paragraphs: what to fetch, what is unverified
    caveats: list[str]
    placeholders: bool  # the section prints a placeholder for missing statute text


def _pattern(amendment: Amendment) -> re.Pattern[str]:
    """`find`, after its `after` context if any (the context itself is kept)."""
    lead = re.escape(amendment.after) + r"\s*" if amendment.after else ""
    return re.compile(lead + f"({re.escape(amendment.find)})")


def _strike(runs: list[Run], amendment: Amendment, inline: str) -> list[Run]:
    """Strike the one occurrence of `find` (in a plain run) and put `inline` after it."""
    out: list[Run] = []
    done = False
    for run in runs:
        match = _pattern(amendment).search(run.text) if run.mark == "plain" else None
        if done or match is None:
            out.append(run)
            continue
        start, end = match.span(1)
        out += [Run(run.text[:start]), Run(amendment.find, "deleted")]
        if inline:
            out.append(Run(inline, "new"))
        out.append(Run(run.text[end:]))
        done = True
    return [r for r in out if r.text]


def _split_replace(amendment: Amendment) -> tuple[str, list[RawUnit]]:
    """The words that replace `find` in place, and any new units given after them."""
    lines = amendment.replace.splitlines()
    first = next((k for k, line in enumerate(lines) if line.lstrip().startswith("#")), len(lines))
    inline = " ".join(line.strip() for line in lines[:first])
    try:
        units = parse_units("\n".join(lines[first:])) if first < len(lines) else []
    except MarkupError as exc:
        raise RenderError(f"amendment at line {amendment.line}: {exc}") from None
    return inline, units


def amended_runs(
    units: list[RawUnit], section: StatuteSection, changes: Sequence[tuple[str, Amendment]]
) -> tuple[list[RawUnit], list[list[Run]]]:
    """The current text's units split into plain / deleted / new runs per the amendments, with
    any new units the amendments insert (underscored) after the unit they change."""
    runs: list[list[Run]] = [[Run(u.text)] for u in units]
    inserted: dict[int, list[RawUnit]] = {}
    for clause_id, amendment in changes:
        total = sum(len(_pattern(amendment).findall(u.text)) for u in units)
        if total != 1:
            raise RenderError(
                f"{section.loc.file}:{amendment.line}: the amendment for clause "
                f'"{clause_id}": "{amendment.find}" occurs {total} '
                f"times in section {section.cite} (it must occur exactly once)"
            )
        i = next(k for k, u in enumerate(units) if _pattern(amendment).search(u.text))
        inline, new_units = _split_replace(amendment)
        if inline and not amendment.find:  # an insertion after its context: one space before
            inline = " " + inline
        runs[i] = _strike(runs[i], amendment, inline)
        inserted.setdefault(i, []).extend(new_units)
    all_units: list[RawUnit] = []
    all_runs: list[list[Run]] = []
    for i, unit in enumerate(units):
        all_units.append(unit)
        all_runs.append(runs[i])
        for new in inserted.get(i, []):
            all_units.append(new)
            all_runs.append([Run(new.text, "new")])
    return all_units, all_runs


def _current_text(
    section: StatuteSection, changes: list[tuple[Clause, SectionChange]]
) -> tuple[list[Part], list[str]]:
    """The section's known text with the state's amendments; placeholders for the changes the
    state file has no words for, and for the part of the text it does not carry."""
    struck = [
        (clause.id, a) for clause, _ in changes for a in section.amendments.get(clause.id, ())
    ]
    pending = [
        f"amend it so that it will {ch.change}"
        for clause, ch in changes
        if ch.change and clause.id not in section.amendments
    ]
    try:
        units = parse_units(section.text)
    except MarkupError as exc:
        raise RenderError(f"{section.loc.file}:{section.loc.line}: {exc}") from None
    units, runs = amended_runs(units, section, struck)
    tail = []
    if not section.complete:
        tail.append(
            f"REST OF SECTION {section.cite} NOT IN THE STATE FILE: set it out in full from "
            "the official text"
        )
    if pending:
        tail.append("DRAFTER: " + "; ".join(pending))
    if tail:
        runs[-1] = [*runs[-1], Run(" "), Run(placeholder(". ".join(tail)), "placeholder")]
    return [Part(section.key, units, "plain", [tuple(r) for r in runs])], pending


def _missing_text(
    name: str, changes: list[tuple[Clause, SectionChange]], adds_units: bool
) -> tuple[list[Part], list[str]]:
    """`name` is "SECTION 30-1-8", or "THE SECTION" where its number is a placeholder."""
    todo = [ch.change for _, ch in changes if ch.change]
    words = f"CURRENT TEXT OF {name} NOT IN THE STATE FILE: set out the section in full"
    if todo:
        words += ", amended so that it will " + "; and so that it will ".join(todo)
    if adds_units:
        words += (
            "; the new subsections below follow the existing ones: reletter them, and their "
            "cross-references, after the last existing subsection"
        )
    unit = RawUnit(0, None, placeholder(words))
    return [Part("placeholder", [unit], "placeholder")], todo


def amended_section(
    style: BillStyle,
    state: State,
    key: str,
    changes: list[tuple[Clause, SectionChange]],
    adds_units: bool = False,
) -> AmendedSection:
    """The opening, sort key and current-text parts of the section `key` as the bill amends
    it; the clauses' own new text is added by the caller."""
    section = state.sections.get(key)
    notes: list[str] = []
    caveats: list[str] = []
    if section is None:
        cite = placeholder(_number_words(changes))
        history = placeholder("LAWS CITATION")
        catchline = placeholder("CATCHLINE")
        parts, _ = _missing_text("THE SECTION", changes, adds_units)
        notes.append(
            f'The state file lists no section under "{key}": find the section this amendment '
            f"changes in the {state.code_name}, add it to {_short(state.loc.file)} under "
            "sections: with "
            "its text and source, and redraft."
        )
        sort_key: tuple[Any, ...] = (0, ("~", key))
    else:
        cite, catchline = section.cite, section.catchline or placeholder("CATCHLINE")
        history = section.history or placeholder("LAWS CITATION")
        sort_key = (0, _natural(section.cite))
        if section.text:
            parts, _ = _current_text(section, changes)
        else:
            parts, _ = _missing_text(f"SECTION {cite}", changes, adds_units)
        notes += _fetch_notes(state, section)
        if section.status != "official":
            caveats.append(
                f"The text of Section {section.cite} in the bill is {section.status}"
                + ("" if section.complete else " and partial")
                + "."
            )
    code_name = (section.code_name if section else None) or state.code_name
    intro = style.amend_section.format(cite=cite, code_name=code_name, history=history)
    has_placeholder = any(p.mark == "placeholder" for p in parts) or any(
        r.mark == "placeholder" for p in parts for rs in (p.runs or []) for r in rs
    )
    return AmendedSection(intro, cite, catchline, sort_key, parts, notes, caveats, has_placeholder)


def _short(file: object) -> str:
    """A state file as the workspace names it (samples/newmexico.yaml): the note goes into a
    document handed to others, where this machine's absolute path means nothing."""
    path = Path(str(file))
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _number_words(changes: list[tuple[Clause, SectionChange]]) -> str:
    """The number placeholder's words: what the section is, in the clause's plain words (never
    the state file's internal key, which means nothing to a drafter)."""
    described = next((ch.describe for _, ch in changes if ch.describe), None)
    return f"SECTION NUMBER of {described}" if described else "SECTION NUMBER"


def _fetch_notes(state: State, section: StatuteSection) -> list[str]:
    where = f" (found at {section.source})" if section.source else ""
    official = f"the official {state.code_name}"
    if not section.text:
        words = (
            f"Section {section.cite}: the state file does not carry the current text. Fetch it "
            f"from {official}, set the whole section out here and mark the change "
            "(new words underscored, deleted words bracketed)."
        )
    elif not section.complete:
        words = (
            f"Section {section.cite}: only part of the current text is on file{where}, "
            f"status {section.status}. Fetch the rest from {official} and set the whole "
            "section out before introduction."
        )
    elif section.status != "official":
        words = (
            f"Section {section.cite}: the current text is {section.status}{where}; check it "
            f"against {official}."
        )
    else:
        return [section.note] if section.note else []
    return [words + (f" {section.note}" if section.note else "")]


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))
