"""A native Word chart (a DrawingML chart part) written as text: a stacked horizontal bar chart
whose numbers stay editable in Word (an embedded workbook holds them) and which LibreOffice
draws when it converts the memo to PDF. No plotting library is needed.

`chart_part` is the chart part (word/charts/chartN.xml, related to the workbook as rId1);
`chart_drawing` is the run that shows it: an inline `wp:inline` holding a `c:chart` reference,
as Word writes it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from gapdraft.render.ooxml import R_NS, XML_HEAD, emu, esc
from gapdraft.render.xlsx_sheet import column_letter

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PACKAGE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
CHART_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"


class Series(NamedTuple):
    name: str
    values: tuple[Decimal | None, ...]  # one per category; None leaves a gap
    color: str  # RRGGBB


def _val(tag: str, value: object) -> str:
    return f'<c:{tag} val="{value}"/>'


def _text_props(size_pt: float, bold: bool = False) -> str:
    run = f'<a:defRPr sz="{int(size_pt * 100)}" b="{1 if bold else 0}"/>'
    return (
        f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{run}</a:pPr>"
        '<a:endParaRPr lang="en-US"/></a:p></c:txPr>'
    )


def _str_ref(ref: str, texts: Sequence[str]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{esc(t)}</c:v></c:pt>' for i, t in enumerate(texts))
    return (
        f"<c:strRef><c:f>{ref}</c:f><c:strCache>{_val('ptCount', len(texts))}{points}"
        "</c:strCache></c:strRef>"
    )


def _num_ref(ref: str, values: Sequence[Decimal | None]) -> str:
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{format(v, "f")}</c:v></c:pt>'
        for i, v in enumerate(values)
        if v is not None
    )
    return (
        f"<c:numRef><c:f>{ref}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
        f"{_val('ptCount', len(values))}{points}</c:numCache></c:numRef>"
    )


def _series(index: int, s: Series, categories: Sequence[str]) -> str:
    col = column_letter(index + 1)
    last = len(categories) + 1
    return (
        f"<c:ser>{_val('idx', index)}{_val('order', index)}"
        f"<c:tx>{_str_ref(f'Sheet1!${col}$1', [s.name])}</c:tx>"
        f'<c:spPr><a:solidFill><a:srgbClr val="{s.color}"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></c:spPr>"
        f"{_val('invertIfNegative', 0)}"
        f"<c:cat>{_str_ref(f'Sheet1!$A$2:$A${last}', categories)}</c:cat>"
        f"<c:val>{_num_ref(f'Sheet1!${col}$2:${col}${last}', s.values)}</c:val></c:ser>"
    )


def _axes(font_pt: float) -> str:
    text = _text_props(font_pt)
    category_axis = (
        f"<c:catAx>{_val('axId', 1)}<c:scaling>{_val('orientation', 'maxMin')}</c:scaling>"
        f"{_val('delete', 0)}{_val('axPos', 'l')}"  # maxMin: first category at the top
        '<c:numFmt formatCode="General" sourceLinked="0"/>'
        f"{_val('majorTickMark', 'none')}{_val('minorTickMark', 'none')}"
        f"{_val('tickLblPos', 'nextTo')}{text}{_val('crossAx', 2)}{_val('crosses', 'autoZero')}"
        f"{_val('auto', 1)}{_val('lblAlgn', 'ctr')}{_val('lblOffset', 100)}"
        f"{_val('noMultiLvlLbl', 0)}</c:catAx>"
    )
    value_axis = (
        f"<c:valAx>{_val('axId', 2)}<c:scaling>{_val('orientation', 'minMax')}"
        f"{_val('min', 0)}</c:scaling>{_val('delete', 0)}{_val('axPos', 'b')}"
        '<c:majorGridlines><c:spPr><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill>'
        "</a:ln></c:spPr></c:majorGridlines>"
        '<c:numFmt formatCode="General" sourceLinked="0"/>'
        f"{_val('majorTickMark', 'out')}{_val('minorTickMark', 'none')}"
        f"{_val('tickLblPos', 'nextTo')}{text}{_val('crossAx', 1)}"
        # with the categories reversed, "max" keeps this axis at the bottom
        f"{_val('crosses', 'max')}{_val('crossBetween', 'between')}</c:valAx>"
    )
    return category_axis + value_axis


def chart_space(categories: Sequence[str], series: Sequence[Series], font_pt: float = 8) -> str:
    """The c:chartSpace part of a stacked horizontal bar chart with a legend below it; its
    data is the workbook related to it as rId1."""
    bar_chart = (
        f"<c:barChart>{_val('barDir', 'bar')}{_val('grouping', 'stacked')}"
        f"{_val('varyColors', 0)}"
        + "".join(_series(i, s, categories) for i, s in enumerate(series))
        + f"{_val('gapWidth', 40)}{_val('overlap', 100)}{_val('axId', 1)}{_val('axId', 2)}"
        "</c:barChart>"
    )
    chart = (
        f"<c:chart>{_val('autoTitleDeleted', 1)}<c:plotArea><c:layout/>{bar_chart}"
        f"{_axes(font_pt)}</c:plotArea><c:legend>{_val('legendPos', 'b')}"
        f"{_val('overlay', 0)}{_text_props(font_pt)}</c:legend>{_val('plotVisOnly', 1)}"
        f"{_val('dispBlanksAs', 'gap')}</c:chart>"
    )
    return (
        f'{XML_HEAD}<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        f"{_val('roundedCorners', 0)}{chart}"
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f'{_text_props(font_pt)}<c:externalData r:id="rId1">{_val("autoUpdate", 0)}'
        "</c:externalData></c:chartSpace>"
    )


def workbook_rows(categories: Sequence[str], series: Sequence[Series]) -> list[list]:
    rows: list[list] = [["", *(s.name for s in series)]]
    for i, category in enumerate(categories):
        rows.append([category, *(s.values[i] for s in series)])
    return rows


def chart_drawing(
    rid: str, shape_id: int, width: float, height: float, title: str, description: str
) -> str:
    """The run showing the chart related to the document as `rid`; width and height in inches,
    `description` its alt text."""
    return (
        f'<w:r><w:drawing><wp:inline xmlns:a="{A_NS}" xmlns:c="{C_NS}">'
        f'<wp:extent cx="{emu(width)}" cy="{emu(height)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {shape_id}" title="{esc(title)}" '
        f'descr="{esc(description)}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{C_NS}"><c:chart r:id="{rid}"/></a:graphicData>'
        "</a:graphic></wp:inline></w:drawing></w:r>"
    )
