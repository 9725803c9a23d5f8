"""WordprocessingML written directly as text: escaped runs, paragraphs, ruled tables, a PAGE
field, core properties and the .docx package (a zip of XML parts). No python-docx and no lxml:
importing python-docx and building its object tree cost a document like the memo about four
times what writing the same XML as strings does. Nothing here knows about memos or bills.

Measures are in the units the XML takes: twips (1/1440 inch) for widths, indents and spacing,
half-points for font sizes, EMU (1/914400 inch) for drawings."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
WORD_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# characters XML 1.0 cannot hold at all (python-docx refuses them too; a memo never needs them)
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    """Text for element content or a double-quoted attribute."""
    return _BAD_XML.sub("", text).translate(_ESCAPES)


def twips(inches: float) -> int:
    return round(inches * 1440)


def emu(inches: float) -> int:
    return round(inches * 914400)


def half_points(points: float) -> int:
    return round(points * 2)


class Font(NamedTuple):
    """Direct character formatting of one run; None leaves the style's value in force."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    size: float | None = None  # points
    highlight: str | None = None  # "yellow"
    underline: str | None = None  # "single", "words"
    style: str = ""  # a character style id ("BillSectionLabel")


PLAIN = Font()


def run_properties(font: Font) -> str:
    """w:rPr, its children in the schema's order (ECMA-376 CT_RPr)."""
    if font == PLAIN:
        return ""
    parts = [
        f'<w:rStyle w:val="{font.style}"/>' if font.style else "",
        "<w:b/>" if font.bold else "",
        "<w:i/>" if font.italic else "",
        "<w:strike/>" if font.strike else "",
        f'<w:sz w:val="{half_points(font.size)}"/>' if font.size is not None else "",
        f'<w:highlight w:val="{font.highlight}"/>' if font.highlight else "",
        f'<w:u w:val="{font.underline}"/>' if font.underline else "",
    ]
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def _text(text: str) -> str:
    if text != text.strip():  # Word drops leading and trailing spaces unless told
        return f'<w:t xml:space="preserve">{esc(text)}</w:t>'
    return f"<w:t>{esc(text)}</w:t>"


def run(text: str, font: Font = PLAIN) -> str:
    """One run; a tab or line break in the text becomes w:tab or w:br, as Word keeps them."""
    props = run_properties(font)
    if not any(c in text for c in "\t\n\r"):
        return f"<w:r>{props}{_text(text)}</w:r>" if text else f"<w:r>{props}</w:r>"
    body = []
    for piece in re.split(r"(\t|\r\n|\n|\r)", text):
        if piece == "\t":
            body.append("<w:tab/>")
        elif piece in ("\r\n", "\n", "\r"):
            body.append("<w:br/>")
        elif piece:
            body.append(_text(piece))
    return f"<w:r>{props}{''.join(body)}</w:r>"


BREAK = "<w:r><w:br/></w:r>"


class Para(NamedTuple):
    """Paragraph properties; zeros and Nones leave the style's values in force."""

    style: str = ""  # a style id ("Heading1")
    keep_next: bool = False
    page_break_before: bool = False
    space_before: float | None = None  # points
    space_after: float | None = None  # points
    left_indent: float | None = None  # inches
    align: str = ""  # "center"
    keep_lines: bool = False  # the paragraph never splits over two pages


NO_PROPS = Para()


def paragraph(runs: str | Iterable[str] = "", props: Para = NO_PROPS) -> str:
    """A w:p holding already-made runs (a string, or several)."""
    body = runs if isinstance(runs, str) else "".join(runs)
    p = props
    spacing = ""
    if p.space_before is not None or p.space_after is not None:
        before = f' w:before="{twips(p.space_before / 72)}"' if p.space_before is not None else ""
        after = f' w:after="{twips(p.space_after / 72)}"' if p.space_after is not None else ""
        spacing = f"<w:spacing{before}{after}/>"
    parts = [
        f'<w:pStyle w:val="{p.style}"/>' if p.style else "",
        "<w:keepNext/>" if p.keep_next else "",
        "<w:keepLines/>" if p.keep_lines else "",
        "<w:pageBreakBefore/>" if p.page_break_before else "",
        spacing,
        f'<w:ind w:left="{twips(p.left_indent)}"/>' if p.left_indent is not None else "",
        f'<w:jc w:val="{p.align}"/>' if p.align else "",
    ]
    props_xml = "".join(parts)
    inner = (f"<w:pPr>{props_xml}</w:pPr>" if props_xml else "") + body
    return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"


_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


class Cell(NamedTuple):
    """One table cell: its paragraphs (already made) and an optional fill colour."""

    paragraphs: str
    fill: str = ""  # RRGGBB


def table(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    style: str = "",
    fixed: bool = True,
    header_rows: int = 0,
    cant_split: bool = False,
) -> str:
    """A table with column widths in inches, set on the grid (LibreOffice reads it) and on each
    cell (Word reads those); `header_rows` repeat where a page break falls inside the table."""
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths)
    props = (
        (f'<w:tblStyle w:val="{style}"/>' if style else "")
        + '<w:tblW w:type="auto" w:w="0"/>'
        + ('<w:tblLayout w:type="fixed"/>' if fixed else "")
        + _LOOK
    )
    out = [f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    for r, cells in enumerate(rows):
        row_props = ("<w:cantSplit/>" if cant_split else "") + (
            "<w:tblHeader/>" if r < header_rows else ""
        )
        out.append(f"<w:tr><w:trPr>{row_props}</w:trPr>" if row_props else "<w:tr>")
        for cell, width in zip(cells, widths, strict=True):
            shade = f'<w:shd w:val="clear" w:fill="{cell.fill}"/>' if cell.fill else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips(width)}"/>{shade}</w:tcPr>'
                f"{cell.paragraphs or '<w:p/>'}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def field_runs(instruction: str, placeholder: str = "1") -> str:
    """A complex field such as PAGE: begin, instruction, separate, cached result, end."""

    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    instr = f'<w:r><w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
    return char("begin") + instr + char("separate") + run(placeholder) + char("end")


class Comments:
    """Word comments: `anchor` wraps runs in a comment's range and returns the XML for the
    paragraph; `part` is comments.xml. Styles and dates as python-docx 1.2 writes them."""

    def __init__(self, author: str, initials: str = "", when: dt.datetime | None = None):
        self.author, self.initials = author, initials
        self.date = (when or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._comments: list[str] = []

    def __len__(self) -> int:
        return len(self._comments)

    def anchor(self, runs: str, paragraphs: Sequence[str], *, bold_first: bool = False) -> str:
        """Comment on `runs` (already made), one comment paragraph per string."""
        cid = len(self._comments)
        texts = list(paragraphs) or [""]
        ref = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        style = Para(style="CommentText")
        first = paragraph(ref + "<w:annotationRef/></w:r>" + run(texts[0], Font(bold_first)), style)
        rest = [paragraph(run(text) if text else "", style) for text in texts[1:]]
        self._comments.append(
            f'<w:comment w:id="{cid}" w:author="{esc(self.author)}" '
            f'w:initials="{esc(self.initials)}" w:date="{self.date}">'
            f"{first}{''.join(rest)}</w:comment>"
        )
        return (
            f'<w:commentRangeStart w:id="{cid}"/>{runs}<w:commentRangeEnd w:id="{cid}"/>'
            f'{ref}<w:commentReference w:id="{cid}"/></w:r>'
        )

    def part(self) -> str:
        return part("w:comments", "".join(self._comments), {"w": W_NS, "r": R_NS})


def part(root: str, body: str, namespaces: Mapping[str, str]) -> str:
    """A whole XML part: the declaration, then `root` with its namespaces around `body`."""
    names = "".join(f' xmlns:{k}="{v}"' for k, v in namespaces.items())
    return f"{XML_HEAD}<{root}{names}>{body}</{root}>"


# the template's settings that bear on layout (Word 2010 compatibility, tab stops)
SETTINGS = part(
    "w:settings",
    '<w:zoom w:val="bestFit"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:useFELayout/>'
    + "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" '
        f'w:val="{value}"/>'
        for name, value in (
            ("compatibilityMode", 14),
            ("overrideTableStyleFontSizeAndJustification", 1),
            ("enableOpenTypeFeatures", 1),
            ("doNotFlipMirrorIndents", 1),
        )
    )
    + '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>',
    {"w": W_NS},
)


def relationships(rels: Sequence[tuple[str, str, str]]) -> str:
    """A .rels part from (id, type, target) triples."""
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{esc(g)}"/>' for i, t, g in rels)
    return f'{XML_HEAD}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def content_types(defaults: Mapping[str, str], overrides: Mapping[str, str]) -> str:
    body = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults.items())
    body += "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides.items())
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    return f'{XML_HEAD}<Types xmlns="{ns}">{body}</Types>'


def core_properties(title: str, subject: str, author: str, when: dt.datetime | None = None) -> str:
    """docProps/core.xml; each text at most 255 characters (Word's limit), cut with an ellipsis."""
    stamp = (when or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ns = {
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "dcmitype": "http://purl.org/dc/dcmitype/",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    }
    body = (
        f"<dc:title>{esc(fit(title))}</dc:title><dc:subject>{esc(fit(subject))}</dc:subject>"
        f"<dc:creator>{esc(fit(author))}</dc:creator><cp:keywords/><dc:description/>"
        f"<cp:lastModifiedBy>{esc(fit(author))}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified><cp:category/>'
    )
    return part("cp:coreProperties", body, ns)


def fit(value: str, limit: int = 255) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def write_package(path: Path, parts: Mapping[str, str | bytes]) -> None:
    """The zip: [Content_Types].xml first, as Office writes it; every part deflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
