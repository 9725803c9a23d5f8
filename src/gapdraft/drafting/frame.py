"""The bill's frame: heading, a title grouped by what the bill does, and the closing sections
(applicability, severability, effective date) the state's bill style asks for."""

from __future__ import annotations

from collections.abc import Sequence

from gapdraft.drafting.bill import BillSection, Run, Unit
from gapdraft.drafting.clause_text import render_phrase
from gapdraft.drafting.terms import section_span
from gapdraft.load.billstyle import BillStyle, FrameText
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import State


def heading_lines(style: BillStyle, number: str | None, sponsor: str | None) -> tuple[str, ...]:
    return tuple(
        line.format(
            number=number if number is not None else style.number, sponsor=sponsor or style.sponsor
        ).strip()
        for line in style.heading
    )


def provides_penalties(clause: Clause) -> bool:
    return "penalty(" in clause.text


def criminal(clause: Clause) -> bool:
    """A clause that creates or widens a crime or a penalty (prospective only)."""
    return clause.criminal or provides_penalties(clause)


def makes_appropriation(clause: Clause) -> bool:
    return "appropriation." in clause.text


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def title_of(
    style: BillStyle,
    library: ClauseLibrary,
    clauses: Sequence[Clause],
    sections: Sequence[BillSection],
    state: State,
    repealed: Sequence[str] = (),
) -> str:
    """'RELATING TO <subject>; <what each new provision does>; AMENDING SECTIONS ... ;
    PROVIDING PENALTIES; MAKING AN APPROPRIATION.'"""
    title = _title(style, library, clauses, sections, state, repealed, grouped=False)
    if style.frame.title_max and len(title) > style.frame.title_max:
        title = _title(style, library, clauses, sections, state, repealed, grouped=True)
    return title


def _title(
    style: BillStyle,
    library: ClauseLibrary,
    clauses: Sequence[Clause],
    sections: Sequence[BillSection],
    state: State,
    repealed: Sequence[str],
    grouped: bool,
) -> str:
    """The title with one phrase per provision, or (`grouped`) one per group of provisions."""
    frame = style.frame
    phrases: list[str] = []
    for section in sections:
        for clause_id in section.clause_ids:
            owner = library.clauses[library.clauses[clause_id].frame_id]
            phrase = (owner.title_group if grouped else None) or render_phrase(owner, state)
            if phrase:
                phrases.append(phrase)
    grouped_phrases = [
        p for p in phrases if p.lower() not in (frame.penalties, frame.appropriation)
    ]
    cites = _amended_cites(sections, state)
    if frame.amending and cites:
        count = "Section" if len(cites) == 1 else "Sections"
        grouped_phrases.append(
            frame.amending.format(sections=f"{count} {_join(cites)}", code_name=state.code_name)
        )
    if frame.repealing and repealed:
        count = "Section" if len(repealed) == 1 else "Sections"
        grouped_phrases.append(
            frame.repealing.format(sections=f"{count} {_join(repealed)}", code_name=state.code_name)
        )
    if frame.penalties and any(provides_penalties(c) for c in clauses):
        grouped_phrases.append(frame.penalties)
    if frame.appropriation and any(makes_appropriation(c) for c in clauses):
        grouped_phrases.append(frame.appropriation)
    provisions = "; ".join(dict.fromkeys(grouped_phrases))
    title = style.title.format(subject=style.subject, provisions=provisions)
    return title.upper() if style.title_upper else title


def _amended_cites(sections: Sequence[BillSection], state: State) -> list[str]:
    """Citations of the sections the bill amends that the state file knows."""
    known = {s.cite for s in state.sections.values()}
    cites = []
    for section in sections:
        for cite in known:
            if section.intro.startswith(f"Section {cite} ") and cite not in cites:
                cites.append(cite)
    return cites


def _closing(style: BillStyle, text: FrameText, sections: str) -> BillSection:
    body = text.text.format(effective_date=style.frame.effective_date, sections=sections)
    catch = text.catchline.upper() if style.catchline_upper else text.catchline
    return BillSection(
        number=0,
        label="",
        intro=style.uncodified_section,
        new_material_tag="",
        catchline=style.uncodified_catchline.format(catchline=catch),
        catchline_mark="plain",
        units=(Unit("", 0, (Run(body),)),),
        quoted=False,
        clause_ids=(),
        note_title="",
        note="",
        effects=(),
        kind="frame",
    )


def frame_sections(
    style: BillStyle, first_number: int, penal_numbers: Sequence[int]
) -> list[BillSection]:
    """Applicability (when the bill creates penalties), severability, effective date."""
    frame = style.frame
    wanted: list[tuple[FrameText, str]] = []
    if frame.applicability is not None and penal_numbers:
        wanted.append((frame.applicability, section_span(penal_numbers)))
    if frame.severability is not None:
        wanted.append((frame.severability, ""))
    if frame.effective is not None:
        wanted.append((frame.effective, ""))
    out = []
    for offset, (text, span) in enumerate(wanted):
        n = first_number + offset
        label = style.section_label.format(n=n)
        out.append(_closing(style, text, span)._replace(number=n, label=label))
    return out
