"""The bill as a Word document: named styles in the bill's font, letter paper, line numbers
restarting on every page, a fixed number of lines per page, the legend and page number in the
footer, drafter's notes and caveats as Word comments, and core properties."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_UNDERLINE
from docx.section import Section
from docx.shared import Inches, Length, Pt, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gapdraft.drafting.bill import Bill, BillSection
from gapdraft.render.bill_md import (
    BillParagraph,
    Piece,
    effect_line,
    note_paragraphs,
    section_paragraphs,
    split_space,
)
from gapdraft.render.docx_parts import (
    add_comment,
    add_field,
    add_text,
    character_style,
    format_run,
    paragraph_style,
    resolve_styles_once,
    set_core_properties,
    set_fixed_lines,
    set_font,
    set_line_numbering,
    suppress_line_numbers,
)

PAGE_WIDTH = Inches(8.5)  # US letter
PAGE_HEIGHT = Inches(11)
TOP_MARGIN = Inches(1)
BOTTOM_MARGIN = Inches(1)
LEFT_MARGIN = Inches(1.5)  # room for the line numbers
RIGHT_MARGIN = Inches(1)
HEADER_DISTANCE = Inches(0.5)
FOOTER_DISTANCE = Inches(0.35)  # page number and legend must fit below the body
LINE_NUMBER_DISTANCE = Inches(0.35)
INDENT_STEP = Inches(0.5)  # first-line indent per level: section 1, A. 2, (1) 3, (a) 4
FOOTER_FONT_SIZE = 8.0
FOOTER_LINE = Pt(10)
FREE_LINE_SPACING = 2.0  # double spacing when the bill does not fix its lines per page
AUTHOR = "gapdraft"
INITIALS = "GD"

TEXT = "Bill Text"
HEADING = "Bill Heading"
TITLE = "Bill Title"
ENACTING = "Bill Enacting"
SECTION = "Bill Section"
SECTION_LABEL = "Bill Section Label"
PAGE_NUMBER = "Bill Page Number"
LEGEND = "Bill Legend"


_ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def text_style_name(depth: int) -> str:
    """'Bill Text' for unlettered text, 'Bill Text 1' for A., 'Bill Text 2' for (1), ..."""
    return TEXT if depth <= 0 else f"{TEXT} {depth}"


def line_pitch(lines_per_page: int) -> Length:
    """Exact line height that fits `lines_per_page` lines in the body and not one more. Whole
    twips, rounded down, so rounding never pushes the last line onto the next page."""
    usable = PAGE_HEIGHT.twips - TOP_MARGIN.twips - BOTTOM_MARGIN.twips
    return Twips(usable // lines_per_page)


# --- page and styles ---------------------------------------------------------------------------


def _setup_section(section: Section, bill: Bill) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP_MARGIN, BOTTOM_MARGIN
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    if bill.line_numbers:
        set_line_numbering(section, count_by=1, restart="newPage", distance=LINE_NUMBER_DISTANCE)


def _add_styles(doc: DocxDocument, bill: Bill) -> None:
    """Every body paragraph takes one of these styles; all derive from 'Bill Text', which
    holds the font and the line pitch, so a page always holds the same number of lines."""
    font = {"font_name": bill.font_name, "font_size": bill.font_size}
    set_font(doc.styles["Normal"], bill.font_name, bill.font_size)

    base = paragraph_style(doc, TEXT, **font, base="Normal")
    pitch = line_pitch(bill.lines_per_page) if bill.lines_per_page > 0 else FREE_LINE_SPACING
    set_fixed_lines(base, pitch)
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    base.paragraph_format.first_line_indent = INDENT_STEP

    layout = {
        HEADING: (_ALIGN[bill.heading_align], Inches(0)),
        TITLE: (WD_ALIGN_PARAGRAPH.LEFT, Inches(0)),
        ENACTING: (WD_ALIGN_PARAGRAPH.LEFT, INDENT_STEP),
        SECTION: (WD_ALIGN_PARAGRAPH.LEFT, INDENT_STEP),
    }
    for name, (alignment, indent) in layout.items():
        style = paragraph_style(doc, name, **font, base=TEXT)
        style.paragraph_format.alignment = alignment
        style.paragraph_format.first_line_indent = indent
    for depth in range(1, _max_depth(bill) + 1):
        style = paragraph_style(doc, text_style_name(depth), **font, base=TEXT)
        style.paragraph_format.first_line_indent = Length(INDENT_STEP * (depth + 1))

    character_style(doc, SECTION_LABEL, **font)
    # Word draws line numbers in its built-in "line number" character style (styleId
    # LineNumber), which otherwise takes the document default font, not the bill's
    character_style(doc, "line number", **font, builtin=True).style_id = "LineNumber"

    small = {"font_name": bill.font_name, "font_size": FOOTER_FONT_SIZE}
    for name, alignment in ((PAGE_NUMBER, WD_ALIGN_PARAGRAPH.CENTER),
                            (LEGEND, WD_ALIGN_PARAGRAPH.LEFT)):  # fmt: skip
        style = paragraph_style(doc, name, **small, base="Normal")
        set_fixed_lines(style, FOOTER_LINE)
        suppress_line_numbers(style)
        style.paragraph_format.alignment = alignment


def _max_depth(bill: Bill) -> int:
    return max((u.depth for s in bill.sections for u in s.units), default=0)


_PAGE_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}


def _add_footer(doc: DocxDocument, section: Section, bill: Bill) -> None:
    """The state's page line ('- n -' centred by default), then the legend lines: the footer
    repeats on every page. (NM prints the legend in the left margin; the footer keeps it on
    every page without a floating frame.)"""
    footer = section.footer
    footer.is_linked_to_previous = False
    number = footer.paragraphs[0]
    number.style = doc.styles[PAGE_NUMBER]
    for part in re.split(r"({page}|{pages})", bill.footer):
        if part in _PAGE_FIELDS:
            add_field(number, _PAGE_FIELDS[part])
        elif part:
            number.add_run(part)
    for line in bill.legend:
        footer.add_paragraph(line, style=LEGEND)


# --- body ---------------------------------------------------------------------------------------


def add_marked_piece(paragraph: Paragraph, piece: Piece, bill: Bill) -> Run:
    """One piece as runs; spaces at its ends stay unmarked. Returns the marked (core) run."""
    lead, core, trail = split_space(piece.text)
    if piece.mark == "plain" or not core:
        return add_text(paragraph, piece.text)
    if lead:
        add_text(paragraph, lead)
    if piece.mark == "placeholder":  # words the drafter replaces: bold and highlighted
        run = add_text(paragraph, core)
        format_run(run, bold=True)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    elif piece.mark == "new":
        run = add_text(paragraph, core)
        format_run(
            run,
            bold=True if bill.new_markup == "bold" else None,
            italic=True if bill.new_markup == "italic" else None,
        )
        if bill.new_markup == "underline":
            # words only: a single underline also marks the space where a line wraps, so the
            # underscore would run past the text on every ragged line end
            run.font.underline = WD_UNDERLINE.WORDS
    else:
        text = f"[{core}]" if "bracket" in bill.deleted_markup else core
        run = add_text(paragraph, text)
        if "strike" in bill.deleted_markup:
            format_run(run, strike=True)
    if trail:
        add_text(paragraph, trail)
    return run


def _add_paragraph(doc: DocxDocument, para: BillParagraph, bill: Bill) -> Run | None:
    """Add one section paragraph; returns the section label run, if the paragraph has one."""
    style = SECTION if para.role == "section" else text_style_name(para.depth)
    paragraph = doc.add_paragraph(style=style)
    label: Run | None = None
    for piece in para.pieces:
        if piece.role == "section-label":
            label = add_text(paragraph, piece.text, style=SECTION_LABEL)
        else:
            add_marked_piece(paragraph, piece, bill)
    return label


def _note_text(section: BillSection) -> list[str]:
    return [
        section.note_title or "Drafter's note",
        *(effect_line(e) for e in section.effects),
        *note_paragraphs(section.note),
    ]


def _add_section(doc: DocxDocument, section: BillSection, bill: Bill) -> None:
    label: Run | None = None
    for para in section_paragraphs(section):
        found = _add_paragraph(doc, para, bill)
        if found is not None:
            label = found
    if label is not None and (section.note.strip() or section.effects):
        add_comment(
            doc, label, _note_text(section), author=AUTHOR, initials=INITIALS, bold_first=True
        )


def _add_front_matter(doc: DocxDocument, bill: Bill) -> None:
    """Heading block, blank line, AN ACT, title, blank line, enacting clause. The blank lines
    are ordinary 'Bill Text' paragraphs, one line each, so the line count stays exact."""
    for line in bill.heading:
        doc.add_paragraph(line, style=HEADING)
    doc.add_paragraph(style=TEXT)
    if bill.act_line:
        doc.add_paragraph(bill.act_line, style=HEADING)
    title = doc.add_paragraph(bill.title, style=TITLE)
    doc.add_paragraph(style=TEXT)
    enacting = doc.add_paragraph(bill.enacting_clause, style=ENACTING)
    enacting.paragraph_format.keep_together = True  # the enacting clause never splits a page
    anchor = title.runs or enacting.runs  # a comment needs a run to hang on
    if bill.caveats and anchor:
        # a bill is statutory text: what the reader must know goes in a comment, not the body
        add_comment(
            doc,
            anchor,
            ["Notes for the reader", *bill.caveats],
            author=AUTHOR,
            initials=INITIALS,
            bold_first=True,
        )


def build_bill_document(bill: Bill) -> DocxDocument:
    """The complete document in memory (split from saving so tests can inspect it)."""
    doc = Document()
    _add_styles(doc, bill)
    resolve_styles_once(doc)
    for section in doc.sections:
        _setup_section(section, bill)
        _add_footer(doc, section, bill)
    _add_front_matter(doc, bill)
    for bill_section in bill.sections:
        _add_section(doc, bill_section, bill)
    set_core_properties(doc, title=bill.doc_title, subject=bill.doc_subject, author=bill.doc_author)
    return doc


def write_bill_docx(bill: Bill, path: Path) -> None:
    """Build the bill and save it to `path` (the caller makes the write atomic)."""
    build_bill_document(bill).save(str(path))
