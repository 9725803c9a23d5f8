"""The consultation memo as a Word document: a brief (header block, the ask and the result,
standing table and one native chart, recommendations, the "how firm" box) with a page of
sources; with --full, appendices holding every recommendation and the model language.

The document's XML is written as text (render/ooxml.py), with no python-docx: importing it and
building its object tree made the memo cost several times what writing the XML does. The chart
is a native Word chart, so no plotting library is needed and the analyst can edit it in Word."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from gapdraft.drafting.memo import (
    Chart,
    Memo,
    Recommendation,
    current_law_sentence,
    gains_table,
    projection_sentence,
    standing_table,
)
from gapdraft.render import ooxml
from gapdraft.render.docx_chart import (
    CHART_CT,
    CHART_RT,
    PACKAGE_RT,
    Series,
    chart_drawing,
    chart_space,
    workbook_rows,
)
from gapdraft.render.memo_styles import NUMBERING, styles_xml, theme_xml
from gapdraft.render.ooxml import BREAK, Cell, Font, Para, paragraph, run
from gapdraft.render.xlsx_sheet import workbook_bytes
from gapdraft.scoring import format_points

if TYPE_CHECKING:
    from gapdraft.drafting.bill import Bill

FONT = "Liberation Serif"
SIZES = {"Normal": 10.5, "Title": 20, "Heading 1": 13, "Heading 2": 11, "List Bullet": 10.5}
SPACE = {"Normal after": 4, "Heading 2 before": 8, "Heading 2 after": 2}
NOW, ADDED, OPEN = "1F4E79", "70AD47", "D9D9D9"
TEXT_WIDTH = 6.5  # inches: a US Letter page less two 1-inch margins
_NINE_HALF, _NINE = Font(size=9.5), Font(size=9)
_HEADING = {0: "Title", 1: "Heading1", 2: "Heading2"}


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


def heading(text: str, level: int, **props: bool) -> str:
    return paragraph(run(text), Para(style=_HEADING[level], **props))


def _table(header: list[str], rows: list[list[str]], widths: Sequence[float]) -> str:
    """A ruled table with a bold header row that repeats on a new page; no row splits over two
    pages (a split row leaves an empty sliver on the next)."""
    cells = [
        [Cell(paragraph(run(text, Font(bold=r == 0, size=9.5)))) for text in texts]
        for r, texts in enumerate([header, *rows])
    ]
    return ooxml.table(cells, widths, style="TableGrid", header_rows=1, cant_split=True)


def _recommendation(r: Recommendation, where_bill: str = "of the model bill") -> str:
    where = f" ({r.bill_section} {where_bill})" if r.bill_section else ""
    return "".join(
        [
            heading(f"{r.number}. {r.title}{where}", 2, keep_next=True),
            paragraph(run(r.summary), Para(keep_next=True)),
            _table(*gains_table(r), widths=(1.4, 3.3, 0.9, 0.9)),
            paragraph(  # one paragraph: the two lines stay together; the table ends flush
                [run(projection_sentence(r)), BREAK, run(current_law_sentence(r), _NINE_HALF)],
                Para(space_before=4),
            ),
        ]
    )


def _header_block(memo: Memo) -> str:
    fields = (("To:", memo.to), ("From:", memo.from_), ("Date:", memo.date), ("Re:", memo.re))
    rows = [
        [Cell(paragraph(run(label, Font(bold=True)))), Cell(paragraph(run(value)))]
        for label, value in fields
    ]
    return (
        heading("Memorandum", 0)
        + ooxml.table(rows, (0.9, 5.6))
        + paragraph()
        + paragraph(run(memo.opening))
    )


def _standing(memo: Memo, chart_rid: str) -> str:
    categories, _ = chart_series(memo.chart)
    title = memo.chart.title
    drawing = chart_drawing(
        chart_rid, 1, TEXT_WIDTH, 0.7 + 0.17 * len(categories), title, chart_description(memo.chart)
    )
    parts = [
        heading(f"Where {memo.state_name} stands", 1),
        _table(*standing_table(memo), widths=(1.4, 1.0, 1.5, 1.3, 1.3)),
        paragraph(run(title, Font(bold=True)), Para(keep_next=True, space_before=12)),
        paragraph(drawing),
    ]
    if memo.chart.note:
        parts.append(paragraph(run(memo.chart.note, _NINE)))
    return "".join(parts)


def _firmness_box(memo: Memo) -> str:
    bullets = "".join(
        paragraph(run(line, _NINE_HALF), Para(style="ListBullet", space_after=2))
        for line in memo.firmness
    )
    box = ooxml.table(
        [[Cell(bullets, fill="F2F2F2")]], (TEXT_WIDTH,), style="TableGrid", fixed=False,
        cant_split=True,  # the box stays on one page
    )  # fmt: skip
    return heading("How firm these numbers are", 1, keep_next=True) + box


def _sources(memo: Memo) -> str:
    def bullet(text: str) -> str:
        return paragraph(run(text, _NINE_HALF), Para(style="ListBullet"))

    parts = [heading("Sources", 1, page_break_before=True)]
    parts += [bullet(s.title + (f" ({s.url})" if s.url else "")) for s in memo.sources]
    if memo.statutes:
        note = "Statutes cited (as coded; † not yet checked against the official code):"
        parts.append(paragraph(run(note)))
        parts += [bullet(law) for law in memo.statutes]
    return "".join(parts)


def _model_language(memo: Memo, bill: Bill) -> list[str]:
    # imported here: only --full sets out the model language
    from gapdraft.render.bill_docx import marked_piece
    from gapdraft.render.bill_md import section_paragraphs

    intro = (
        f"The sections of the model bill, in {memo.state_name}'s format; the bill itself, with "
        "line numbers and the legend, is a separate document."
    )
    parts = [heading("Appendix B: Model language", 1, page_break_before=True)]
    parts.append(paragraph(run(intro)))
    if bill.legend:
        parts.append(paragraph(run("; ".join(bill.legend), Font(italic=True))))
    for line in (*bill.heading, bill.act_line):
        if line:
            parts.append(paragraph(run(line), Para(align="center")))
    parts += [paragraph(run(bill.title)), paragraph(run(bill.enacting_clause))]
    for section in bill.sections:
        for para in section_paragraphs(section):
            pieces = [marked_piece(piece, bill) for piece in para.pieces]
            parts.append(paragraph(pieces, Para(left_indent=0.3 * para.depth)))
    return parts


def _appendix(memo: Memo) -> str:
    appendix = memo.appendix
    if appendix is None:
        return ""
    intro = (
        "Each provision in the order of the full plan, with the running totals if all of them "
        "were enacted; Appendix B sets out their model language."
    )
    title = "Appendix A: Every recommendation, for every unmet goal"
    parts = [heading(title, 1, page_break_before=True), paragraph(run(intro))]
    parts += [_recommendation(r, "in Appendix B") for r in appendix.recommendations]
    return "".join(parts + _model_language(memo, appendix.bill))


def document_xml(memo: Memo, chart_rid: str, footer_rid: str) -> str:
    body = [
        _header_block(memo),
        _standing(memo, chart_rid),
        heading("Recommendations, in plan order", 1),
        paragraph(run(memo.recommendations_intro)),
        *(_recommendation(r) for r in memo.recommendations),
        _firmness_box(memo),
        _sources(memo),
        _appendix(memo),
        # US Letter, 1-inch margins, the page number in the footer
        f'<w:sectPr><w:footerReference w:type="default" r:id="{footer_rid}"/>'
        '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" '
        'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>',
    ]
    ns = {"w": ooxml.W_NS, "r": ooxml.R_NS, "wp": ooxml.WP_NS}
    return ooxml.part("w:document", f"<w:body>{''.join(body)}</w:body>", ns)


def _footer() -> str:
    page = paragraph(run("Page ") + ooxml.field_runs("PAGE"), Para(style="Footer", align="center"))
    return ooxml.part("w:ftr", page, {"w": ooxml.W_NS, "r": ooxml.R_NS})


def memo_parts(memo: Memo, created: dt.datetime | None = None) -> dict[str, str | bytes]:
    """Every part of the .docx package, by name."""
    rel = ooxml.REL
    doc_rels = [
        ("rId1", f"{rel}/styles", "styles.xml"),
        ("rId2", f"{rel}/settings", "settings.xml"),
        ("rId3", f"{rel}/numbering", "numbering.xml"),
        ("rId4", f"{rel}/footer", "footer1.xml"),
        ("rId5", CHART_RT, "charts/chart1.xml"),
        ("rId6", f"{rel}/theme", "theme/theme1.xml"),
    ]
    categories, series = chart_series(memo.chart)
    wml = ooxml.WORD_CT
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/numbering.xml": f"{wml}.numbering+xml",
        "/word/footer1.xml": f"{wml}.footer+xml",
        "/word/charts/chart1.xml": CHART_CT,
        "/word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    root_rels = [
        ("rId1", f"{rel}/officeDocument", "word/document.xml"),
        ("rId2", f"{ooxml.PKG_REL}/metadata/core-properties", "docProps/core.xml"),
    ]
    title = f"{memo.state_name} consultation memo"
    return {
        "[Content_Types].xml": ooxml.content_types(defaults, overrides),
        "_rels/.rels": ooxml.relationships(root_rels),
        "docProps/core.xml": ooxml.core_properties(title, memo.re, memo.from_, created),
        "word/document.xml": document_xml(memo, "rId5", "rId4"),
        "word/_rels/document.xml.rels": ooxml.relationships(doc_rels),
        "word/styles.xml": styles_xml(FONT, SIZES, SPACE),
        "word/settings.xml": ooxml.SETTINGS,
        "word/numbering.xml": NUMBERING,
        "word/theme/theme1.xml": theme_xml(),
        "word/footer1.xml": _footer(),
        "word/charts/chart1.xml": chart_space(categories, series),
        "word/charts/_rels/chart1.xml.rels": ooxml.relationships(
            [("rId1", PACKAGE_RT, "../embeddings/Chart_Data_1.xlsx")]
        ),
        "word/embeddings/Chart_Data_1.xlsx": workbook_bytes(workbook_rows(categories, series)),
    }


def write_memo_docx(memo: Memo, path: Path) -> None:
    ooxml.write_package(path, memo_parts(memo))
