"""The bill as Markdown, and the text layout both bill renderers share: which pieces of text
make up each paragraph of a section (label, intro, quotation marks, tag, catchline, units).
`bill_docx.py` imports the layout from this module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gapdraft.drafting.bill import Bill, BillSection, Mark, Unit
from gapdraft.scoring import GoalLift, format_points

PieceRole = Literal["text", "section-label"]
ParagraphRole = Literal["section", "text"]


@dataclass(frozen=True)
class Piece:
    """A stretch of text with one markup; the section label is kept apart so the Word
    renderer can style it and anchor the drafter's note on it."""

    text: str
    mark: Mark = "plain"
    role: PieceRole = "text"


@dataclass(frozen=True)
class BillParagraph:
    """One paragraph of a section: the "SECTION n." line, or statutory text at a depth."""

    role: ParagraphRole
    depth: int
    pieces: tuple[Piece, ...]


# --- layout shared with the Word renderer -------------------------------------------------------


def _unit_pieces(unit: Unit) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    if unit.label:
        pieces.append(Piece(unit.label + (" " if unit.runs else "")))
    pieces.extend(Piece(run.text, run.mark) for run in unit.runs)
    return tuple(pieces)


def _opening_pieces(section: BillSection) -> list[Piece]:
    """'[NEW MATERIAL] CATCHLINE.--' (either part may be missing)."""
    pieces: list[Piece] = []
    if section.new_material_tag:
        pieces.append(Piece(section.new_material_tag))
    if section.catchline:
        if pieces:
            pieces.append(Piece(" "))
        pieces.append(Piece(section.catchline, section.catchline_mark))
    return pieces


def section_paragraphs(section: BillSection) -> list[BillParagraph]:
    """The section's paragraphs in order. The catchline shares its paragraph with unlettered
    text ('BENEFITS.--Subject to ...') but stands alone before lettered subsections, as NM
    bills set it; quoted text gets its opening and closing quotation marks."""
    lead: list[Piece] = [Piece(section.label, role="section-label")]
    if section.intro:
        lead.append(Piece(" " + section.intro))

    opening = _opening_pieces(section)
    units = list(section.units)
    body: list[BillParagraph] = []
    if opening:
        if units and units[0].depth == 0:
            # a tag without a catchline needs a space before the text; a catchline ends in "--"
            gap = [Piece(" ")] if not section.catchline else []
            body.append(BillParagraph("text", 0, (*opening, *gap, *_unit_pieces(units[0]))))
            units = units[1:]
        else:
            body.append(BillParagraph("text", 0, tuple(opening)))
    body.extend(BillParagraph("text", u.depth, _unit_pieces(u)) for u in units)

    if section.quoted and body:
        first = body[0]
        body[0] = BillParagraph(first.role, first.depth, (Piece('"'), *first.pieces))
        last = body[-1]  # re-read: may be the paragraph just given its opening mark
        body[-1] = BillParagraph(last.role, last.depth, (*last.pieces, Piece('"')))
    elif not section.intro and body and body[0].depth == 0:
        # an unquoted section with no intro runs on from its label: "SECTION 5. EFFECTIVE DATE.--"
        merged = (*lead, Piece(" "), *body[0].pieces)
        return [BillParagraph("section", 0, merged), *body[1:]]
    return [BillParagraph("section", 0, tuple(lead)), *body]


def effect_line(effect: GoalLift) -> str:
    """'Meets Shared Hope 2022 goal 4.4 (Vacatur): 1.5 -> 2.5 (+1), estimate'."""
    line = (
        f"Meets {effect.framework_title} goal {effect.goal_id} ({effect.goal_title}): "
        f"{format_points(effect.from_points)} -> {format_points(effect.to_points)} "
        f"(+{format_points(effect.gain)})"
    )
    return line + (", estimate" if effect.estimated else "")


def note_paragraphs(note: str) -> list[str]:
    """Paragraphs of a note: split at blank lines, single line breaks joined with a space."""
    blocks = re.split(r"\n\s*\n", note.strip())
    return [" ".join(line.strip() for line in b.splitlines()) for b in blocks if b.strip()]


def split_space(text: str) -> tuple[str, str, str]:
    """(leading space, core, trailing space): markup goes on the core only, so brackets hug
    the words and Markdown emphasis stays valid."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


# --- Markdown ---------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "*": "\\*", "_": "\\_", "`": "\\`", "<": "&lt;"}


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _escape_start(line: str) -> str:
    """Keep a paragraph from turning into a list, heading or quote."""
    if re.match(r"\d+[.)](\s|$)", line):
        digits = re.match(r"\d+", line)
        assert digits is not None
        return line[: digits.end()] + "\\" + line[digits.end() :]
    if line[:1] in ("#", "-", "+", "=", "|", ">"):
        return "\\" + line
    return line


def _md_piece(piece: Piece, bill: Bill) -> str:
    lead, core, trail = split_space(piece.text)
    if not core or piece.mark == "plain":
        return _escape(piece.text)
    text = _escape(core)
    if piece.mark == "placeholder":  # words the drafter replaces: never read as law
        text = f"**{text}**"
    elif piece.mark == "new":
        wrap = {"underline": ("<u>", "</u>"), "bold": ("**", "**"), "italic": ("*", "*")}
        before, after = wrap.get(bill.new_markup, ("", ""))
        text = before + text + after
    elif "strike" in bill.deleted_markup:  # deleted: always bracketed in Markdown
        text = f"<s>[{text}]</s>"
    else:  # bare brackets escaped, so "[x](1)" cannot read as a link
        text = f"\\[{text}\\]"
    return lead + text + trail


def _md_paragraph(paragraph: BillParagraph, bill: Bill) -> str:
    return _escape_start("".join(_md_piece(p, bill) for p in paragraph.pieces))


def _md_note(section: BillSection) -> str:
    title = section.note_title or "Drafter's note"
    if title[-1:] not in ".:!?":
        title += "."
    lines = [f"> **{_escape(title)}**"]
    effects = [f"> - {_escape(effect_line(e))}" for e in section.effects]
    if effects:
        lines += [">", *effects]
    for para in note_paragraphs(section.note):
        lines += [">", f"> {_escape(para)}"]
    return "\n".join(lines)


def _has_note(section: BillSection) -> bool:
    return bool(section.note.strip() or section.effects)


def bill_markdown(bill: Bill, heading_level: int = 2, notes: bool = True) -> str:
    """The whole bill as Markdown: legend, heading, title, enacting clause, sections with
    their drafter's notes as blockquotes, and the caveats at the end under a heading of
    `heading_level` (deeper when the bill is embedded in a memo's appendix). Without `notes`
    (the memo's model-language appendix, read by legislators), drafter's notes and caveats
    are left out."""
    blocks: list[str] = []
    if bill.legend:
        blocks.append("*Legend: " + "; ".join(_escape(line) for line in bill.legend) + "*")
    heading = [f"**{_escape(line)}**" for line in bill.heading if line.strip()]
    if heading:
        blocks.append("  \n".join(heading))  # hard line breaks keep the block together
    if bill.act_line:
        blocks.append(f"**{_escape(bill.act_line)}**")
    blocks.append(_escape_start(_escape(bill.title)))
    blocks.append(_escape_start(_escape(bill.enacting_clause)))
    for section in bill.sections:
        blocks.extend(_md_paragraph(p, bill) for p in section_paragraphs(section))
        if notes and _has_note(section):
            blocks.append(_md_note(section))
    if notes and bill.caveats:
        blocks.append("#" * heading_level + " Notes for the reader")
        blocks.append("\n".join(f"- {_escape(c)}" for c in bill.caveats))
    return "\n\n".join(b for b in blocks if b) + "\n"
