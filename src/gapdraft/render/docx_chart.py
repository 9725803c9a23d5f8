"""A native Word chart (a DrawingML chart part) in a python-docx document: a stacked horizontal
bar chart whose numbers stay editable in Word (an embedded workbook holds them) and which
LibreOffice draws when it converts the memo to PDF. No plotting library is needed.

The chart part is added through python-docx's OPC layer (a `Part` related to the document
part), and the drawing that shows it is an inline `wp:inline` holding a `c:chart` reference,
as Word writes it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.shared import Length
from lxml import etree
from lxml.builder import ElementMaker

from gapdraft.render.xlsx_sheet import column_letter, workbook_bytes

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PACKAGE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

C = ElementMaker(namespace=C_NS, nsmap={"c": C_NS, "a": A_NS, "r": R_NS})
A = ElementMaker(namespace=A_NS, nsmap={"a": A_NS})


class Series(NamedTuple):
    name: str
    values: tuple[Decimal | None, ...]  # one per category; None leaves a gap
    color: str  # RRGGBB


def _val(tag: str, value: object) -> etree._Element:
    return getattr(C, tag)(val=str(value))


def _text_props(size_pt: float, bold: bool = False) -> etree._Element:
    run = A.defRPr(sz=str(int(size_pt * 100)), b="1" if bold else "0")
    return C.txPr(A.bodyPr(), A.lstStyle(), A.p(A.pPr(run), A.endParaRPr(lang="en-US")))


def _str_ref(ref: str, texts: Sequence[str]) -> etree._Element:
    points = [C.pt(C.v(t), idx=str(i)) for i, t in enumerate(texts)]
    return C.strRef(C.f(ref), C.strCache(_val("ptCount", len(texts)), *points))


def _num_ref(ref: str, values: Sequence[Decimal | None]) -> etree._Element:
    points = [C.pt(C.v(format(v, "f")), idx=str(i)) for i, v in enumerate(values) if v is not None]
    return C.numRef(
        C.f(ref), C.numCache(C.formatCode("General"), _val("ptCount", len(values)), *points)
    )


def _series(index: int, s: Series, categories: Sequence[str]) -> etree._Element:
    col = column_letter(index + 1)
    last = len(categories) + 1
    return C.ser(
        _val("idx", index),
        _val("order", index),
        C.tx(_str_ref(f"Sheet1!${col}$1", [s.name])),
        C.spPr(A.solidFill(A.srgbClr(val=s.color)), A.ln(A.noFill())),
        _val("invertIfNegative", 0),
        C.cat(_str_ref(f"Sheet1!$A$2:$A${last}", categories)),
        C.val(_num_ref(f"Sheet1!${col}$2:${col}${last}", s.values)),
    )


def _axes(font_pt: float) -> list[etree._Element]:
    category_axis = C.catAx(
        _val("axId", 1),
        C.scaling(_val("orientation", "maxMin")),  # first category at the top
        _val("delete", 0),
        _val("axPos", "l"),
        C.numFmt(formatCode="General", sourceLinked="0"),
        _val("majorTickMark", "none"),
        _val("minorTickMark", "none"),
        _val("tickLblPos", "nextTo"),
        _text_props(font_pt),
        _val("crossAx", 2),
        _val("crosses", "autoZero"),
        _val("auto", 1),
        _val("lblAlgn", "ctr"),
        _val("lblOffset", 100),
        _val("noMultiLvlLbl", 0),
    )
    value_axis = C.valAx(
        _val("axId", 2),
        C.scaling(_val("orientation", "minMax"), _val("min", 0)),
        _val("delete", 0),
        _val("axPos", "b"),
        C.majorGridlines(C.spPr(A.ln(A.solidFill(A.srgbClr(val="D9D9D9"))))),
        C.numFmt(formatCode="General", sourceLinked="0"),
        _val("majorTickMark", "out"),
        _val("minorTickMark", "none"),
        _val("tickLblPos", "nextTo"),
        _text_props(font_pt),
        _val("crossAx", 1),
        _val("crosses", "max"),  # with the categories reversed, keeps this axis at the bottom
        _val("crossBetween", "between"),
    )
    return [category_axis, value_axis]


def chart_space(
    categories: Sequence[str], series: Sequence[Series], font_pt: float = 8
) -> etree._Element:
    """The c:chartSpace of a stacked horizontal bar chart with a legend below it."""
    bar_chart = C.barChart(
        _val("barDir", "bar"),
        _val("grouping", "stacked"),
        _val("varyColors", 0),
        *(_series(i, s, categories) for i, s in enumerate(series)),
        _val("gapWidth", 40),
        _val("overlap", 100),
        _val("axId", 1),
        _val("axId", 2),
    )
    chart = C.chart(
        _val("autoTitleDeleted", 1),
        C.plotArea(C.layout(), bar_chart, *_axes(font_pt)),
        C.legend(_val("legendPos", "b"), _val("overlay", 0), _text_props(font_pt)),
        _val("plotVisOnly", 1),
        _val("dispBlanksAs", "gap"),
    )
    space = C.chartSpace(
        _val("roundedCorners", 0),
        chart,
        C.spPr(A.noFill(), A.ln(A.noFill())),
        _text_props(font_pt),
    )
    return space


def workbook_rows(categories: Sequence[str], series: Sequence[Series]) -> list[list]:
    rows: list[list] = [["", *(s.name for s in series)]]
    for i, category in enumerate(categories):
        rows.append([category, *(s.values[i] for s in series)])
    return rows


class _ChartPart(Part):
    """A chart part serialised from its element when the package is saved."""

    def __init__(self, partname: PackURI, package, space: etree._Element) -> None:
        super().__init__(partname, CHART_CT, None, package)
        self.space = space

    @property
    def blob(self) -> bytes:
        return etree.tostring(self.space, xml_declaration=True, encoding="UTF-8", standalone=True)


_INLINE = """<wp:inline xmlns:wp="{wp}" xmlns:a="{a}" xmlns:c="{c}" xmlns:r="{r}">
  <wp:extent cx="{cx}" cy="{cy}"/>
  <wp:effectExtent l="0" t="0" r="0" b="0"/>
  <wp:docPr id="{id}" name="Chart {id}"/>
  <wp:cNvGraphicFramePr/>
  <a:graphic><a:graphicData uri="{c}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>
</wp:inline>"""


def add_bar_chart(
    doc: DocxDocument,
    categories: Sequence[str],
    series: Sequence[Series],
    width: Length,
    height: Length,
    title: str,
    description: str,
) -> None:
    """Append a paragraph holding the chart; `description` is its alt text."""
    package = doc.part.package
    number = len([p for p in package.iter_parts() if p.partname.startswith("/word/charts/")]) + 1
    space = chart_space(categories, series)
    workbook = Part(
        PackURI(f"/word/embeddings/Chart_Data_{number}.xlsx"),
        XLSX_CT,
        workbook_bytes(workbook_rows(categories, series)),
        package,
    )
    chart = _ChartPart(PackURI(f"/word/charts/chart{number}.xml"), package, space)
    data_rid = chart.relate_to(workbook, PACKAGE_RT)
    space.append(C.externalData(_val("autoUpdate", 0), **{f"{{{R_NS}}}id": data_rid}))
    rid = doc.part.relate_to(chart, RT.CHART)
    shape_id = doc.part.next_id
    inline = parse_xml(
        _INLINE.format(
            wp=WP_NS, a=A_NS, c=C_NS, r=R_NS, cx=int(width), cy=int(height), id=shape_id, rid=rid
        )
    )
    doc_pr = inline.find(f"{{{WP_NS}}}docPr")
    doc_pr.set("title", title)
    doc_pr.set("descr", description)
    run = doc.add_paragraph().add_run()
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    run._r.append(drawing)
