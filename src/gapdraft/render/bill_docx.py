"""The bill as a Word document: named styles in the bill's font (`bill_styles.py`), letter
paper, line numbers restarting on every page, a fixed number of lines per page, the legend and
page number in the footer, drafter's notes and caveats as Word comments, and core properties.

Written as WordprocessingML text (`ooxml.py`), not through python-docx: its import and object
layer cost more than pandoc takes for the whole bill. Tests read the file back with python-docx.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from gapdraft.drafting.bill import Bill, BillSection
from gapdraft.render import ooxml
from gapdraft.render.bill_md import (
    BillParagraph,
    Piece,
    effect_line,
    note_paragraphs,
    section_paragraphs,
    split_space,
)
from gapdraft.render.bill_styles import (
    ENACTING,
    HEADING,
    LEGEND,
    PAGE_NUMBER,
    SECTION,
    SECTION_LABEL,
    TEXT,
    TITLE,
    style_id,
    styles_xml,
    text_style_name,
)
from gapdraft.render.ooxml import Font, Para, paragraph, run

# twips (1/1440 inch)
PAGE_WIDTH, PAGE_HEIGHT = 12240, 15840  # US letter, 8.5 x 11 in
TOP_MARGIN = BOTTOM_MARGIN = RIGHT_MARGIN = 1440
LEFT_MARGIN = 2160  # 1.5 in: room for the line numbers
HEADER_DISTANCE = 720
FOOTER_DISTANCE = 504  # 0.35 in: page number and legend must fit below the body
LINE_NUMBER_DISTANCE = 504
AUTHOR = "gapdraft"
INITIALS = "GD"


def line_pitch(lines_per_page: int) -> int:
    """Exact line height in twips that fits `lines_per_page` lines in the body and not one
    more; rounded down, so rounding never pushes the last line onto the next page."""
    return (PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN) // lines_per_page


# --- page ---------------------------------------------------------------------------------------

_PAGE_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}


def _footer(bill: Bill) -> str:
    """The state's page line ('- n -' centred by default), then the legend lines: the footer
    repeats on every page. (NM prints the legend in the left margin; the footer keeps it on
    every page without a floating frame.)"""
    parts = [
        ooxml.field_runs(_PAGE_FIELDS[part]) if part in _PAGE_FIELDS else run(part)
        for part in re.split(r"({page}|{pages})", bill.footer)
        if part
    ]
    number = paragraph(parts, Para(style=style_id(PAGE_NUMBER)))
    legend = [paragraph(_text_run(line), Para(style=style_id(LEGEND))) for line in bill.legend]
    return ooxml.part("w:ftr", number + "".join(legend), {"w": ooxml.W_NS, "r": ooxml.R_NS})


def _section_properties(bill: Bill, footer_rid: str) -> str:
    numbering = (
        f'<w:lnNumType w:countBy="1" w:restart="newPage" w:distance="{LINE_NUMBER_DISTANCE}"/>'
        if bill.line_numbers
        else ""
    )
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{footer_rid}"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{TOP_MARGIN}" w:right="{RIGHT_MARGIN}" w:bottom="{BOTTOM_MARGIN}" '
        f'w:left="{LEFT_MARGIN}" w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" '
        f'w:gutter="0"/>{numbering}<w:cols w:space="720"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr>"
    )


# --- body ---------------------------------------------------------------------------------------


def _text_run(text: str) -> str:
    """A plain run, or nothing for no text (as python-docx's `add_paragraph("")`)."""
    return run(text) if text else ""


def marked_piece(piece: Piece, bill: Bill) -> str:
    """One piece of bill text as runs, marked as the state marks it; spaces at its ends stay
    unmarked. (The memo's model-language appendix marks its pieces the same way.)"""
    lead, core, trail = split_space(piece.text)
    if piece.mark == "plain" or not core:
        return run(piece.text)
    if piece.mark == "placeholder":  # words the drafter replaces: bold and highlighted
        marked = run(core, Font(bold=True, highlight="yellow"))
    elif piece.mark == "new":
        # underline words only: a single underline would run past the text on ragged lines
        underline = "words" if bill.new_markup == "underline" else None
        font = Font(bill.new_markup == "bold", bill.new_markup == "italic", underline=underline)
        marked = run(core, font)
    else:
        text = f"[{core}]" if "bracket" in bill.deleted_markup else core
        marked = run(text, Font(strike="strike" in bill.deleted_markup))
    return (run(lead) if lead else "") + marked + (run(trail) if trail else "")


def _paragraph_runs(para: BillParagraph, bill: Bill) -> tuple[list[str], int | None]:
    """The paragraph's runs, and the index of the section label's run if it has one."""
    runs: list[str] = []
    label: int | None = None
    for piece in para.pieces:
        if piece.role == "section-label":
            label = len(runs)
            runs.append(run(piece.text, Font(style=style_id(SECTION_LABEL))))
        else:
            runs.append(marked_piece(piece, bill))
    return runs, label


def _note_text(section: BillSection) -> list[str]:
    return [
        section.note_title or "Drafter's note",
        *(effect_line(e) for e in section.effects),
        *note_paragraphs(section.note),
    ]


def _section(section: BillSection, bill: Bill, comments: ooxml.Comments) -> str:
    """The section's paragraphs; its drafter's note is a comment on the section label."""
    paragraphs: list[tuple[str, list[str]]] = []
    label: tuple[int, int] | None = None
    for para in section_paragraphs(section):
        style = SECTION if para.role == "section" else text_style_name(para.depth)
        runs, found = _paragraph_runs(para, bill)
        if found is not None:
            label = (len(paragraphs), found)
        paragraphs.append((style, runs))
    if label is not None and (section.note.strip() or section.effects):
        runs = paragraphs[label[0]][1]
        runs[label[1]] = comments.anchor(runs[label[1]], _note_text(section), bold_first=True)
    return "".join(paragraph(runs, Para(style=style_id(s))) for s, runs in paragraphs)


def _front_matter(bill: Bill, comments: ooxml.Comments) -> str:
    """Heading block, blank line, AN ACT, title, blank line, enacting clause. The blank lines
    are ordinary 'Bill Text' paragraphs, one line each, so the line count stays exact."""
    title, enacting = _text_run(bill.title), _text_run(bill.enacting_clause)
    if bill.caveats and (title or enacting):
        # a bill is statutory text: what the reader must know goes in a comment, not the body
        notes = ["Notes for the reader", *bill.caveats]
        if title:
            title = comments.anchor(title, notes, bold_first=True)
        else:
            enacting = comments.anchor(enacting, notes, bold_first=True)
    heading, blank = Para(style=style_id(HEADING)), paragraph("", Para(style=style_id(TEXT)))
    out = [paragraph(_text_run(line), heading) for line in bill.heading]
    out.append(blank)
    if bill.act_line:
        out.append(paragraph(run(bill.act_line), heading))
    out += [paragraph(title, Para(style=style_id(TITLE))), blank]
    # the enacting clause never splits a page
    out.append(paragraph(enacting, Para(style=style_id(ENACTING), keep_lines=True)))
    return "".join(out)


# the kind of each part besides the body (both its relationship type and its content type)
_KINDS = {
    "styles.xml": "styles",
    "settings.xml": "settings",
    "footer1.xml": "footer",
    "comments.xml": "comments",
}


def _package(document: str, word: dict[str, str], core: str) -> dict[str, str | bytes]:
    """The .docx package around word/document.xml and the parts in `word/` by name, related
    in their order (rId1, rId2, ...)."""
    rel, wml = ooxml.REL, ooxml.WORD_CT
    doc_rels = [(f"rId{i}", f"{rel}/{_KINDS[name]}", name) for i, name in enumerate(word, 1)]
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        **{f"/word/{name}": f"{wml}.{_KINDS[name]}+xml" for name in word},
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
    }
    root_rels = [
        ("rId1", f"{rel}/officeDocument", "word/document.xml"),
        ("rId2", f"{ooxml.PKG_REL}/metadata/core-properties", "docProps/core.xml"),
    ]
    return {
        "[Content_Types].xml": ooxml.content_types(defaults, overrides),
        "_rels/.rels": ooxml.relationships(root_rels),
        "docProps/core.xml": core,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": ooxml.relationships(doc_rels),
        **{f"word/{name}": xml for name, xml in word.items()},
    }


def bill_parts(bill: Bill, created: dt.datetime | None = None) -> dict[str, str | bytes]:
    """Every part of the .docx package, by name."""
    comments = ooxml.Comments(AUTHOR, INITIALS, created)
    body = _front_matter(bill, comments)
    body += "".join(_section(section, bill, comments) for section in bill.sections)
    line = line_pitch(bill.lines_per_page) if bill.lines_per_page > 0 else None
    word = {"styles.xml": styles_xml(bill, line), "settings.xml": ooxml.SETTINGS}
    word["footer1.xml"] = _footer(bill)
    if len(comments):
        word["comments.xml"] = comments.part()
    body += _section_properties(bill, f"rId{list(word).index('footer1.xml') + 1}")
    namespaces = {"w": ooxml.W_NS, "r": ooxml.R_NS}
    document = ooxml.part("w:document", f"<w:body>{body}</w:body>", namespaces)
    core = ooxml.core_properties(bill.doc_title, bill.doc_subject, bill.doc_author, created)
    return _package(document, word, core)


def write_bill_docx(bill: Bill, path: Path) -> None:
    """Build the bill and save it to `path` (the caller makes the write atomic)."""
    ooxml.write_package(path, bill_parts(bill))
