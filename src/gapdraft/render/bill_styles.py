"""The bill's Word styles (styles.xml): one paragraph style per kind of line, all derived from
'Bill Text', which holds the bill's font and line height, so a page always holds the same
number of lines. Written as python-docx wrote them (same ids, names and properties), with the
document defaults in the bill's font: LibreOffice draws line numbers in the default font,
Word in the "line number" style, and both then show them in the bill's face."""

from __future__ import annotations

from gapdraft.drafting.bill import Bill
from gapdraft.render.ooxml import W_NS, esc, half_points, part

TEXT = "Bill Text"
HEADING = "Bill Heading"
TITLE = "Bill Title"
ENACTING = "Bill Enacting"
SECTION = "Bill Section"
SECTION_LABEL = "Bill Section Label"
PAGE_NUMBER = "Bill Page Number"
LEGEND = "Bill Legend"

INDENT_STEP = 720  # twips: first-line indent per level: section 1, A. 2, (1) 3, (a) 4
FOOTER_FONT_SIZE = 8.0
FOOTER_LINE = 200  # twips (10 pt)
FREE_LINE_SPACING = 2.0  # double spacing when the bill does not fix its lines per page


def style_id(name: str) -> str:
    """Word's id for a style name, as python-docx derives it: "Bill Text 1" -> "BillText1"."""
    return name.replace(" ", "")


def text_style_name(depth: int) -> str:
    """'Bill Text' for unlettered text, 'Bill Text 1' for A., 'Bill Text 2' for (1), ..."""
    return TEXT if depth <= 0 else f"{TEXT} {depth}"


def font_props(name: str, size: float | None = None) -> str:
    """The font in all four script slots (a theme font left in one lets Word substitute
    another face for some characters), and the size if given."""
    n = esc(name)
    fonts = f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:cs="{n}" w:eastAsia="{n}"/>'
    return fonts if size is None else f'{fonts}<w:sz w:val="{half_points(size)}"/>'


def fixed_lines(line: int | None, *, numbered: bool = True) -> str:
    """w:pPr children for lines of one height (exact twips, or double spacing for None), no
    space around paragraphs, no widow control, nothing kept together: a fixed number of lines
    per page needs every line the same height and none pushed to the next page. Not
    `numbered`: out of line numbering (Word never numbers footer lines; LibreOffice does
    unless told)."""
    keep = '<w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:widowControl w:val="0"/>'
    suppress = "" if numbered else "<w:suppressLineNumbers/>"
    if line is not None:
        spacing = f'w:lineRule="exact" w:line="{line}"'
    else:
        spacing = f'w:line="{round(FREE_LINE_SPACING * 240)}" w:lineRule="auto"'
    return f'{keep}{suppress}<w:spacing w:before="0" w:after="0" {spacing}/>'


def _paragraph_style(name: str, base: str, ppr: str, rpr: str) -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id(name)}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{base}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _character_style(sid: str, name: str, rpr: str, custom: bool = True) -> str:
    kind = ' w:customStyle="1"' if custom else ""
    return (
        f'<w:style w:type="character"{kind} w:styleId="{sid}"><w:name w:val="{name}"/>'
        f"<w:rPr>{rpr}</w:rPr></w:style>"
    )


def _indent(first_line: int, align: str = "") -> str:
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return f'<w:ind w:firstLine="{first_line}"/>{jc}'


# python-docx's template's defaults (11 pt, 10 pt after, 1.15 lines), its default character,
# table and list styles
_DEFAULTS = (
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" '
    'w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" '
    'w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
)
_BUILTIN = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
    '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
)


def styles_xml(bill: Bill, line: int | None) -> str:
    """styles.xml for `bill`; `line` is the exact line height in twips (None: double spacing)."""
    font = font_props(bill.font_name, bill.font_size)
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/><w:rPr>{font}</w:rPr></w:style>",
        _BUILTIN,
        _paragraph_style(TEXT, "Normal", fixed_lines(line) + _indent(INDENT_STEP, "left"), font),
    ]
    layout = {
        HEADING: (bill.heading_align, 0),
        TITLE: ("left", 0),
        ENACTING: ("left", INDENT_STEP),
        SECTION: ("left", INDENT_STEP),
    }
    for name, (align, indent) in layout.items():
        styles.append(_paragraph_style(name, "BillText", _indent(indent, align), font))
    depths = max((u.depth for s in bill.sections for u in s.units), default=0)
    for depth in range(1, depths + 1):
        ppr = _indent(INDENT_STEP * (depth + 1))
        styles.append(_paragraph_style(text_style_name(depth), "BillText", ppr, font))
    styles.append(_character_style(style_id(SECTION_LABEL), SECTION_LABEL, font))
    # Word's built-in "line number" style: Word draws line numbers in it
    styles.append(_character_style("LineNumber", "line number", font, custom=False))
    small = font_props(bill.font_name, FOOTER_FONT_SIZE)
    footer = fixed_lines(FOOTER_LINE, numbered=False)
    for name, align in ((PAGE_NUMBER, "center"), (LEGEND, "left")):
        styles.append(_paragraph_style(name, "Normal", f'{footer}<w:jc w:val="{align}"/>', small))
    defaults = f"<w:docDefaults><w:rPrDefault><w:rPr>{font_props(bill.font_name)}{_DEFAULTS}"
    return part("w:styles", defaults + "".join(styles), {"w": W_NS})
