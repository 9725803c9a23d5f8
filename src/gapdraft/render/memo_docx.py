"""The consultation memo as a Word document: a brief (header block, the ask and the result,
standing table and one native chart, recommendations, the "how firm" box) with a page of
sources; with --full, appendices holding every recommendation and the model language.
python-docx is imported here only, so `plan` stays fast; the chart is a native Word chart, so
no plotting library is needed and the analyst can edit it in Word."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.table import Table

from gapdraft.drafting.memo import (
    Chart,
    Memo,
    Recommendation,
    current_law_sentence,
    gains_table,
    projection_sentence,
    standing_table,
)
from gapdraft.render.bill_docx import add_marked_piece
from gapdraft.render.bill_md import section_paragraphs
from gapdraft.render.docx_chart import Series, add_bar_chart
from gapdraft.render.docx_parts import (
    add_page_field,
    resolve_styles_once,
    set_core_properties,
    set_font,
)
from gapdraft.scoring import format_points

FONT = "Liberation Serif"
SIZES = {"Normal": 10.5, "Title": 20, "Heading 1": 13, "Heading 2": 11, "List Bullet": 10.5}
NOW, ADDED, OPEN = "1F4E79", "70AD47", "D9D9D9"


def chart_description(chart: Chart) -> str:
    """The chart's numbers in words: its alt text, so a screen reader (and a test) can read it."""
    bars = "; ".join(
        f"{b.group}, {b.label}: {format_points(b.points)} now, "
        f"+{format_points(b.added)} with the bill, of {format_points(b.max_points)}"
        for b in chart.bars
    )
    return f"{chart.title}. {bars}"


def chart_series(chart: Chart) -> tuple[list[str], list[Series]]:
    """Categories with a heading row for each scorecard, and three stacked series."""
    categories: list[str] = []
    rows: list[tuple[Decimal, Decimal, Decimal] | None] = []
    for bar in chart.bars:
        if not categories or bar.group.upper() not in categories:
            categories.append(bar.group.upper())
            rows.append(None)
        categories.append(bar.label)
        rest = max(bar.max_points - bar.points - bar.added, Decimal(0))
        rows.append((bar.points, bar.added, rest))
    names = ("Points now", "Added by the recommended bill", "Not yet met")
    series = [
        Series(name, tuple(r[k] if r else None for r in rows), color)
        for k, (name, color) in enumerate(zip(names, (NOW, ADDED, OPEN), strict=True))
    ]
    return categories, series


def _shade(table: Table, fill: str) -> None:
    for cell in table._cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


def _table(
    doc: DocxDocument,
    header: list[str],
    rows: list[list[str]],
    widths: Sequence[float],
    size: float = 9.5,
) -> None:
    """A ruled table with a bold header row; built in one pass over its cells, since python-docx
    looks cells up by XPath (per-cell lookups made tables the memo's slowest part)."""
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)  # LibreOffice reads the grid columns, Word the cells
    for row in table.rows:  # a row split over two pages leaves an empty sliver on the next
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    # the header row repeats where a page break falls inside the table
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    cells = table._cells
    for r, texts in enumerate([header, *rows]):
        for c, (text, width) in enumerate(zip(texts, widths, strict=True)):
            cell = cells[r * len(header) + c]
            cell.width = Inches(width)
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(size)
            run.bold = r == 0 or None


def _small(doc: DocxDocument, text: str, size: float = 9) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(text).font.size = Pt(size)


def _recommendation(
    doc: DocxDocument, r: Recommendation, where_bill: str = "of the model bill"
) -> None:
    where = f" ({r.bill_section} {where_bill})" if r.bill_section else ""
    heading = doc.add_heading(f"{r.number}. {r.title}{where}", level=2)
    heading.paragraph_format.keep_with_next = True
    doc.add_paragraph(r.summary).paragraph_format.keep_with_next = True
    _table(doc, *gains_table(r), widths=(1.4, 3.3, 0.9, 0.9))
    after = doc.add_paragraph(projection_sentence(r))
    after.paragraph_format.space_before = Pt(4)  # the table ends flush
    after.add_run().add_break()  # one paragraph: the two lines stay together
    after.add_run(current_law_sentence(r)).font.size = Pt(9.5)


def _header_block(doc: DocxDocument, memo: Memo) -> None:
    doc.add_heading("Memorandum", level=0)
    header = doc.add_table(rows=4, cols=2)
    header.autofit = False
    for row, (label, value) in zip(
        header.rows,
        (("To:", memo.to), ("From:", memo.from_), ("Date:", memo.date), ("Re:", memo.re)),
        strict=True,
    ):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].text = value
        row.cells[0].width, row.cells[1].width = Inches(0.9), Inches(5.6)
    # LibreOffice reads the grid columns, Word the cells: set both
    header.columns[0].width, header.columns[1].width = Inches(0.9), Inches(5.6)
    doc.add_paragraph()
    doc.add_paragraph(memo.opening)


def _standing(doc: DocxDocument, memo: Memo) -> None:
    doc.add_heading(f"Where {memo.state_name} stands", level=1)
    _table(doc, *standing_table(memo), widths=(1.4, 1.0, 1.5, 1.3, 1.3))
    categories, series = chart_series(memo.chart)
    heading = doc.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    heading.add_run(memo.chart.title).bold = True
    heading.paragraph_format.keep_with_next = True
    height = Inches(0.7 + 0.17 * len(categories))
    add_bar_chart(
        doc,
        categories,
        series,
        Inches(6.5),
        height,
        memo.chart.title,
        chart_description(memo.chart),
    )
    if memo.chart.note:
        _small(doc, memo.chart.note)


def _firmness_box(doc: DocxDocument, memo: Memo) -> None:
    doc.add_heading("How firm these numbers are", level=1).paragraph_format.keep_with_next = True
    box = doc.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    _shade(box, "F2F2F2")
    cant_split = OxmlElement("w:cantSplit")  # the box stays on one page
    box.rows[0]._tr.get_or_add_trPr().append(cant_split)
    cell = box.rows[0].cells[0]
    first = True
    for line in memo.firmness:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = "List Bullet"
        paragraph.add_run(line).font.size = Pt(9.5)
        paragraph.paragraph_format.space_after = Pt(2)


def _sources(doc: DocxDocument, memo: Memo) -> None:
    heading = doc.add_heading("Sources", level=1)
    heading.paragraph_format.page_break_before = True
    for source in memo.sources:
        text = source.title + (f" ({source.url})" if source.url else "")
        doc.add_paragraph(text, style="List Bullet").runs[0].font.size = Pt(9.5)
    if memo.statutes:
        doc.add_paragraph("Statutes cited (as coded; † not yet checked against the official code):")
        for law in memo.statutes:
            doc.add_paragraph(law, style="List Bullet").runs[0].font.size = Pt(9.5)


def _appendix(doc: DocxDocument, memo: Memo) -> None:
    appendix = memo.appendix
    if appendix is None:
        return
    heading = doc.add_heading("Appendix A: Every recommendation, for every unmet goal", level=1)
    heading.paragraph_format.page_break_before = True
    doc.add_paragraph(
        "Each provision in the order of the full plan, with the running totals if all of them "
        "were enacted; Appendix B sets out their model language."
    )
    for r in appendix.recommendations:
        _recommendation(doc, r, "in Appendix B")
    bill = appendix.bill
    heading = doc.add_heading("Appendix B: Model language", level=1)
    heading.paragraph_format.page_break_before = True
    doc.add_paragraph(
        f"The sections of the model bill, in {memo.state_name}'s format; the bill itself, with "
        "line numbers and the legend, is a separate document."
    )
    if bill.legend:
        doc.add_paragraph("; ".join(bill.legend)).runs[0].italic = True
    for line in (*bill.heading, bill.act_line):
        if line:
            doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(bill.title)
    doc.add_paragraph(bill.enacting_clause)
    for section in bill.sections:
        for para in section_paragraphs(section):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Inches(0.3 * para.depth)
            for piece in para.pieces:
                add_marked_piece(paragraph, piece, bill)


def _page_setup(doc: DocxDocument) -> None:
    for name, size in SIZES.items():
        set_font(doc.styles[name], FONT, size)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(8)
    doc.styles["Heading 2"].paragraph_format.space_after = Pt(2)
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_page_field(footer)


def build_memo_document(memo: Memo) -> DocxDocument:
    doc = Document()
    _page_setup(doc)
    resolve_styles_once(doc)
    _header_block(doc, memo)
    _standing(doc, memo)
    doc.add_heading("Recommendations, in plan order", level=1)
    doc.add_paragraph(memo.recommendations_intro)
    for r in memo.recommendations:
        _recommendation(doc, r)
    _firmness_box(doc, memo)
    _sources(doc, memo)
    _appendix(doc, memo)
    set_core_properties(
        doc, title=f"{memo.state_name} consultation memo", subject=memo.re, author=memo.from_
    )
    return doc


def write_memo_docx(memo: Memo, path: Path) -> None:
    build_memo_document(memo).save(str(path))
