"""Repealing a section that a new section replaces.

A section frame may name state section keys it `replaces` (the record-relief section replaces a
state's existing trafficking-victim sealing section). For each one the state file lists under
`sections:`, the bill carries a repeal section in the state's form ("REPEAL.--Section 30-52-1.2
NMSA 1978 (being Laws ...) is repealed."), so the state is not left with two remedies under
different rules. A repeal needs the section's citation and history, not its text; a history the
state file does not carry is a visible placeholder, never a guess.
"""

from __future__ import annotations

from gapdraft.drafting.amend import placeholder
from gapdraft.drafting.bill import BillSection, Run, Unit
from gapdraft.errors import RenderError
from gapdraft.load.billstyle import BillStyle
from gapdraft.load.clauses import Clause
from gapdraft.model import State, StatuteSection


def replaced_sections(state: State, frame: Clause | None) -> list[StatuteSection]:
    """The sections of the state that the frame's new section replaces (those it lists)."""
    if frame is None:
        return []
    return [state.sections[k] for k in frame.replaces if k in state.sections]


def replaced_cites(state: State, frame: Clause | None) -> list[str]:
    """'Section 30-52-1.2 NMSA 1978' for each replaced section: the template name `replaced`."""
    return [f"Section {s.cite} {state.code_name}" for s in replaced_sections(state, frame)]


def _runs(text: str, history: str) -> tuple[Run, ...]:
    """The repeal sentence with the history as a marked placeholder when it is not known."""
    if history:
        return (Run(text.format(history=history)),)
    before, _, after = text.partition("{history}")
    missing = placeholder("LAWS CITATION")
    return tuple(r for r in (Run(before), Run(missing, "placeholder"), Run(after)) if r.text)


def repeal_section(
    style: BillStyle, state: State, section: StatuteSection, by: str
) -> tuple[BillSection, list[str]]:
    """The unnumbered repeal section and its caveats; `by` names what replaces the section."""
    repeal = style.frame.repeal
    if repeal is None:
        raise RenderError(
            f"{state.loc.file}: the bill repeals Section {section.cite}, but bill_style.frame "
            "has no repeal: (a catchline and a text with {cite}, {code_name} and {history})"
        )
    text = repeal.text.replace("{cite}", section.cite).replace("{code_name}", state.code_name)
    catch = repeal.catchline.upper() if style.catchline_upper else repeal.catchline
    known = f" ({section.catchline})" if section.catchline else ""
    notes = [
        f"Section {section.cite} {state.code_name}{known} is repealed because {by} replaces it."
    ]
    if not section.history:
        notes.append(
            f"The state file does not carry the history of Section {section.cite}: fetch it from "
            f"the official {state.code_name} and replace the placeholder."
        )
    if section.status != "official":
        notes.append(
            f"The citation is {section.status}: confirm in the official {state.code_name} that "
            f"Section {section.cite} is the provision described, and search the code for "
            "references to it, which need conforming amendments."
        )
    if section.note:
        notes.append(section.note)
    caveats = [f"Section {section.cite}, which the bill repeals, is cited {section.status}."]
    if not section.history:
        caveats.append(f"The history of Section {section.cite} is a placeholder.")
    bill_section = BillSection(
        number=0,
        label="",
        intro=style.uncodified_section,
        new_material_tag="",
        catchline=style.catchline.format(catchline=catch),
        catchline_mark="plain",
        units=(Unit("", 0, _runs(text, section.history)),),
        quoted=False,
        clause_ids=(),
        note_title="",
        note="\n\n".join(notes),
        effects=(),
        kind="repeal",
    )
    return bill_section, caveats
