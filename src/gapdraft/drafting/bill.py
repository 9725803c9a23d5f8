"""The drafted bill as plain data, between assembly (`drafting.py`) and the renderers
(`bill_docx.py`, `bill_md.py`). Markup is semantic here: the renderers apply the state's style
(underscore for new material, brackets and strike-through for deleted material)."""

from __future__ import annotations

from typing import Literal, NamedTuple

from gapdraft.scoring import GoalLift

# "placeholder": words the drafter must replace (current text not on file), shown highlighted
Mark = Literal["plain", "new", "deleted", "placeholder"]


class Run(NamedTuple):
    text: str
    mark: Mark = "plain"


class Unit(NamedTuple):
    """One paragraph of statutory text: a subsection, paragraph or subparagraph, or the section's
    unlettered text. `label` is "A.", "(1)", "(a)" or "" ; depth 0 is unlettered text."""

    label: str
    depth: int
    runs: tuple[Run, ...]


class BillSection(NamedTuple):
    number: int
    label: str  # "SECTION 1."
    intro: str  # "A new section of Chapter 30, Article 52 NMSA 1978 is enacted to read:"
    new_material_tag: str  # "[NEW MATERIAL]" or "" (amendments and uncodified sections)
    catchline: str  # "VACATUR OF CONVICTIONS.--" already styled
    catchline_mark: Mark  # "new" for new sections in states that underscore them
    units: tuple[Unit, ...]
    quoted: bool  # the section text is set in quotation marks
    clause_ids: tuple[str, ...]
    note_title: str  # "Drafter's note: SECTION 1"
    note: str  # plain text, paragraphs separated by blank lines
    effects: tuple[GoalLift, ...]  # what the section does to the state's scores
    kind: str = "new"  # "new" | "amend" | "repeal" | "definitions" | "frame" (applicability, dates)


class Bill(NamedTuple):
    state_name: str
    heading: tuple[str, ...]  # "HOUSE BILL", "58TH LEGISLATURE - ...", "INTRODUCED BY", sponsor
    act_line: str  # "AN ACT"
    title: str  # "RELATING TO ...; ...."
    enacting_clause: str
    sections: tuple[BillSection, ...]
    legend: tuple[str, ...]  # page legend lines; empty for none
    new_markup: Literal["underline", "bold", "italic", "none"]
    deleted_markup: Literal["bracket-strike", "bracket", "strike"]
    line_numbers: bool
    lines_per_page: int  # 0: let the page decide
    font_name: str
    font_size: float
    doc_title: str  # core properties
    doc_subject: str
    doc_author: str
    caveats: tuple[str, ...]  # what the reader must know (estimates, unverified placements)
    heading_align: Literal["center", "left", "right"] = "center"
    footer: str = "- {page} -"  # {page} and {pages} become page fields; "" for no footer line
