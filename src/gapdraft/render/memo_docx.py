"""The consultation memo as a Word document: header block, standing table and charts,
recommendations, outcome, caveats, and appendices with the model language and the sources.
python-docx and matplotlib are imported here only, so `plan` stays fast."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt

from gapdraft.drafting.memo import (
    MARKS_NOTE,
    Chart,
    Memo,
    Recommendation,
    gains_table,
    outcome_table,
    projection_sentence,
    standing_table,
)
from gapdraft.render.bill_docx import add_marked_piece
from gapdraft.render.bill_md import section_paragraphs
from gapdraft.render.docx_parts import add_page_field, set_core_properties, set_font
from gapdraft.scoring import format_points

FONT = "Liberation Serif"


def chart_description(chart: Chart) -> str:
    """The chart's numbers in words: its alt text, so a screen reader (and a test) can read it."""
    bars = "; ".join(
        f"{b.label} {format_points(b.points)} of {format_points(b.max_points)}" for b in chart.bars
    )
    return f"{chart.framework_title}, points by issue area: {bars}"


def chart_png(chart: Chart) -> bytes:
    """A horizontal bar chart: each issue area's points against its maximum."""
    import matplotlib

    matplotlib.use("Agg")
    import textwrap

    from matplotlib import pyplot as plt

    labels = [textwrap.fill(b.label, 28) for b in chart.bars]
    points = [float(b.points) for b in chart.bars]  # floats only for drawing
    maxima = [float(b.max_points) for b in chart.bars]
    height = 0.9 + 0.42 * len(chart.bars)
    fig, ax = plt.subplots(figsize=(6.5, height), dpi=150)
    y = list(range(len(chart.bars)))[::-1]
    ax.barh(y, maxima, color="#d9d9d9", label="maximum", height=0.6)
    ax.barh(y, points, color="#1f4e79", label="points", height=0.6)
    for yi, m, b in zip(y, maxima, chart.bars, strict=True):
        ax.text(
            m + max(maxima) * 0.01,
            yi,
            f"{format_points(b.points)} / {format_points(b.max_points)}",
            va="center",
            fontsize=7,
        )
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xlim(0, max(maxima) * 1.18)
    ax.set_title(f"{chart.framework_title}: points by issue area", fontsize=9)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _table(doc: DocxDocument, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph()


def _recommendation(doc: DocxDocument, r: Recommendation) -> None:
    where = f" ({r.bill_section} of the model bill)" if r.bill_section else ""
    doc.add_heading(f"{r.number}. {r.title}{where}", level=2)
    doc.add_paragraph(r.summary)
    _table(doc, *gains_table(r))
    doc.add_paragraph(projection_sentence(r))
    for g in r.gains:
        cited = "; ".join(g.current_law) if g.current_law else "no statute on point found"
        doc.add_paragraph(f"Current law ({g.goal_id}): {cited}.", style="List Bullet")


def _appendix_bill(doc: DocxDocument, memo: Memo) -> None:
    bill = memo.bill
    doc.add_heading("Appendix A: Model language", level=1)
    doc.add_paragraph(
        "The same sections `gapdraft draft` writes for this selection; the bill itself, in "
        f"{memo.state_name}'s format with line numbers and the legend, is a separate document."
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


def build_memo_document(memo: Memo) -> DocxDocument:
    doc = Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        set_font(
            doc.styles[name],
            FONT,
            doc.styles[name].font.size.pt if doc.styles[name].font.size else 11,
        )
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_page_field(footer)

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

    doc.add_heading(f"Where {memo.state_name} stands", level=1)
    _table(doc, *standing_table(memo))
    for chart in memo.charts:
        doc.add_picture(io.BytesIO(chart_png(chart)), width=Inches(6.2))
        doc.inline_shapes[-1]._inline.docPr.set("descr", chart_description(chart))
        doc.inline_shapes[-1]._inline.docPr.set("title", f"{chart.framework_title} chart")
    for note in memo.grade_notes:
        doc.add_paragraph("* " + note).runs[0].font.size = Pt(9)

    doc.add_heading("Recommendations, in plan order", level=1)
    for r in memo.recommendations:
        _recommendation(doc, r)

    doc.add_heading("What the bill would achieve", level=1)
    _table(doc, *outcome_table(memo))

    doc.add_heading("Caveats", level=1)
    for caveat in memo.caveats:
        doc.add_paragraph(caveat, style="List Bullet")
    doc.add_paragraph(MARKS_NOTE)

    _appendix_bill(doc, memo)
    doc.add_heading("Appendix B: Sources", level=1)
    for source in memo.sources:
        doc.add_paragraph(
            source.title + (f" ({source.url})" if source.url else ""), style="List Bullet"
        )
    if memo.statutes:
        doc.add_paragraph("Statutes cited, as coded (unverified ones are marked):")
        for law in memo.statutes:
            doc.add_paragraph(law, style="List Bullet")
    set_core_properties(
        doc, title=f"{memo.state_name} consultation memo", subject=memo.re, author=memo.from_
    )
    return doc


def write_memo_docx(memo: Memo, path: Path) -> None:
    build_memo_document(memo).save(str(path))
