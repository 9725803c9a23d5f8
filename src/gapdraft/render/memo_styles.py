"""The memo's fixed Word parts: the styles it uses (as python-docx's default template defines
them, with the memo's font and sizes), the bullet list's numbering and the settings. Only the
styles the memo uses are written, so the package stays small; colours are plain RGB (the
template's theme colours, resolved). The theme part itself (memo_theme.xml, the template's)
gives the body font the chart's text uses.

Style ids: Normal, Title, Heading1, Heading2, ListBullet, TableGrid, Footer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gapdraft.render.ooxml import W_NS, half_points, part

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _fonts(name: str, size: float) -> str:
    return (
        f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}" w:eastAsia="{name}"/>'
        f'<w:sz w:val="{half_points(size)}"/>'
    )


_CELL_MARGINS = (
    '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
)
_GRID = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
# the template's defaults: the theme's body font (Cambria), which the chart's text also takes
_DEFAULTS = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
    'w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" '
    'w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" '
    'w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
)


def styles_xml(font: str, sizes: Mapping[str, float], space: Mapping[str, float]) -> str:
    """styles.xml. `sizes`: points by style name (Normal, Title, Heading 1, Heading 2, List
    Bullet); `space`: points for Normal's space after and Heading 2's space before and after."""
    f = {name: _fonts(font, size) for name, size in sizes.items()}
    normal_after = round(space["Normal after"] * 20)
    h2 = f'w:before="{round(space["Heading 2 before"] * 20)}" '
    h2 += f'w:after="{round(space["Heading 2 after"] * 20)}"'
    body = _DEFAULTS + "".join(
        [
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            f'<w:qFormat/><w:pPr><w:spacing w:after="{normal_after}"/></w:pPr>'
            f"<w:rPr>{f['Normal']}</w:rPr></w:style>",
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            "<w:unhideWhenUsed/></w:style>",
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
            '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
            f"<w:unhideWhenUsed/><w:tblPr>{_CELL_MARGINS}</w:tblPr></w:style>",
            '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
            '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
            "<w:unhideWhenUsed/></w:style>",
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/>'
            '<w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" '
            'w:color="4F81BD"/></w:pBdr><w:spacing w:after="300" w:line="240" '
            'w:lineRule="auto"/><w:contextualSpacing/></w:pPr><w:rPr>'
            + f["Title"].replace(
                "<w:sz ",
                '<w:color w:val="17365D"/><w:spacing w:val="5"/><w:kern w:val="28"/><w:sz ',
            )
            + '<w:szCs w:val="52"/></w:rPr></w:style>',
            _heading(1, f["Heading 1"], 'w:before="480" w:after="0"', "365F91", 28),
            _heading(2, f["Heading 2"], h2, "4F81BD", 26),
            '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
            '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>'
            '<w:numPr><w:numId w:val="1"/></w:numPr><w:contextualSpacing/></w:pPr>'
            f"<w:rPr>{f['List Bullet']}</w:rPr></w:style>",
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
            '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr>'
            + _CELL_MARGINS.replace(
                "<w:tblCellMar>", f"<w:tblBorders>{_GRID}</w:tblBorders><w:tblCellMar>"
            )
            + "</w:tblPr></w:style>",
            '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
            '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>'
            '<w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/>'
            '</w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>',
        ]
    )
    return part("w:styles", body, {"w": W_NS})


def _heading(level: int, fonts: str, spacing: str, color: str, cs_size: int) -> str:
    rpr = fonts.replace("<w:sz ", f'<w:b/><w:bCs/><w:color w:val="{color}"/><w:sz ')
    hidden = "<w:unhideWhenUsed/>" if level > 1 else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>{hidden}'
        f"<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing {spacing}/>"
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr>{rpr}<w:szCs w:val="{cs_size}"/></w:rPr></w:style>'
    )


# the template's "List Bullet" list: a Symbol bullet, 0.25 inch hanging
NUMBERING = part(
    "w:numbering",
    '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="FFFFFF89"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="29761A62"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>'
    '<w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/><w:pPr><w:tabs>'
    '<w:tab w:val="num" w:pos="360"/></w:tabs><w:ind w:left="360" w:hanging="360"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    {"w": W_NS},
)


def theme_xml() -> bytes:
    return (Path(__file__).parent / "memo_theme.xml").read_bytes()
