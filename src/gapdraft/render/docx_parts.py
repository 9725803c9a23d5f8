"""Low-level OOXML helpers that python-docx lacks or makes verbose: named styles with a full
font, exact line spacing, line numbering, PAGE fields, run markup, comments and core properties.
Shared by the bill renderer and (later) the memo renderer; nothing here knows about bills."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Pt
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

LineRestart = Literal["newPage", "newSection", "continuous"]

# w:pPr children that follow w:suppressLineNumbers in the schema (ECMA-376 CT_PPrBase)
_PPR_AFTER_SUPPRESS = (
    "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def set_font(rpr_owner: ParagraphStyle | CharacterStyle | Run, name: str, size: float) -> None:
    """Set the font for every script slot; python-docx's `font.name` fills only two of four,
    and a theme font in the others lets Word substitute Calibri for some characters."""
    rpr_owner.font.size = Pt(size)
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def paragraph_style(
    doc: DocxDocument,
    name: str,
    *,
    font_name: str,
    font_size: float,
    base: str | None = None,
) -> ParagraphStyle:
    """Create (or fetch) a custom paragraph style with its own font, shown in Word's gallery."""
    styles = doc.styles
    if name in styles:
        style = styles[name]
        assert isinstance(style, ParagraphStyle)
        return style
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    if base is not None:
        style.base_style = styles[base]
    style.quick_style = True
    set_font(style, font_name, font_size)
    return style


def character_style(
    doc: DocxDocument, name: str, *, font_name: str, font_size: float, builtin: bool = False
) -> CharacterStyle:
    """Create (or fetch) a character style; `builtin` for Word's own names such as
    "line number", which Word then uses for what the name says (not a custom style)."""
    styles = doc.styles
    if name in styles:
        style = styles[name]
        assert isinstance(style, CharacterStyle)
        return style
    style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER, builtin=builtin)
    assert isinstance(style, CharacterStyle)
    set_font(style, font_name, font_size)
    return style


def resolve_styles_once(doc: DocxDocument) -> None:
    """Make `add_paragraph(style=name)` and `add_run(style=name)` look each style name up once
    per document instead of on every call.

    python-docx turns a name into a style id by scanning every style in the document twice (by
    name, then for the type's default), which was half the time of building a bill. Headers,
    footers and comments resolve names through the document part, so caching there covers them.
    Call this once the styles exist and their ids are final; only names are cached, and an
    unknown name still raises (and is not cached).
    """
    part = doc.part
    lookup = part.get_style_id  # the bound method, before this instance shadows it
    ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}

    def get_style_id(style_or_name: object, style_type: WD_STYLE_TYPE) -> str | None:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in ids:
            ids[key] = lookup(style_or_name, style_type)
        return ids[key]

    part.get_style_id = get_style_id  # type: ignore[method-assign]


def set_fixed_lines(style: ParagraphStyle, line: Length | float) -> None:
    """Exact line height (a Length) or a multiple (a float), with no space around paragraphs and
    no widow control: a fixed number of lines per page needs every line the same height and
    no line pushed to the next page."""
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if isinstance(line, Length):
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    else:
        fmt.line_spacing = line
    fmt.widow_control = False
    fmt.keep_together = False
    fmt.keep_with_next = False


def set_line_numbering(
    section: Section,
    *,
    count_by: int = 1,
    restart: LineRestart = "newPage",
    distance: Length | None = None,
    start: int = 1,
) -> None:
    """Add `w:lnNumType` to the section (python-docx has no API for line numbers): number every
    `count_by`-th line from `start`, restarting per `restart`, `distance` from the text."""
    sect_pr = section._sectPr
    existing = sect_pr.find(qn("w:lnNumType"))
    if existing is not None:
        sect_pr.remove(existing)
    ln = OxmlElement("w:lnNumType")
    ln.set(qn("w:countBy"), str(count_by))
    ln.set(qn("w:restart"), restart)
    if start != 1:
        ln.set(qn("w:start"), str(start))
    if distance is not None:
        ln.set(qn("w:distance"), str(int(distance.twips)))
    # CT_SectPr knows the schema order of its children, so insert_element_before keeps it valid.
    sect_pr.insert_element_before(
        ln,
        "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
        "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        "w:sectPrChange",
    )  # fmt: skip


def suppress_line_numbers(style: ParagraphStyle) -> None:
    """Keep the style's paragraphs out of line numbering. Word never numbers header and footer
    lines, but LibreOffice does unless the paragraph says so."""
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:suppressLineNumbers")) is None:
        ppr.insert_element_before(OxmlElement("w:suppressLineNumbers"), *_PPR_AFTER_SUPPRESS)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> list[Run]:
    """Append a complex field (fldChar begin / instrText / separate / result / end) such as
    "PAGE" or "NUMPAGES"; the placeholder is the cached result shown until fields update."""
    runs: list[Run] = []

    def fld_char(kind: str) -> None:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        runs.append(run)

    fld_char("begin")
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run._r.append(instr)
    runs.append(instr_run)
    fld_char("separate")
    runs.append(paragraph.add_run(placeholder))
    fld_char("end")
    return runs


def add_page_field(paragraph: Paragraph) -> list[Run]:
    """The current page number, as a field every page computes for itself."""
    return add_field(paragraph, "PAGE")


def add_text(paragraph: Paragraph, text: str, style: str | None = None) -> Run:
    """`paragraph.add_run(text, style)`, without python-docx's character-by-character scan for
    tabs and line breaks when the text has none (a fifth of building a bill went there)."""
    if not text or any(c in text for c in "\t\n\r"):
        return paragraph.add_run(text, style)
    run = paragraph.add_run(style=style)
    run._r.add_t(text)
    return run


def format_run(
    run: Run,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    strike: bool | None = None,
) -> Run:
    """Direct character formatting; None leaves the style's value in force."""
    font = run.font
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if underline is not None:
        font.underline = underline
    if strike is not None:
        font.strike = strike
    return run


def add_comment(
    doc: DocxDocument,
    runs: Run | Sequence[Run],
    paragraphs: Sequence[str],
    *,
    author: str,
    initials: str = "",
    bold_first: bool = False,
) -> None:
    """A Word comment anchored on `runs`, one comment paragraph per string (python-docx 1.2)."""
    texts = list(paragraphs) or [""]
    comment = doc.add_comment(runs, text="", author=author, initials=initials)
    first = comment.paragraphs[0].add_run(texts[0])
    if bold_first:
        first.bold = True
    for text in texts[1:]:
        comment.add_paragraph(text)


def set_core_properties(
    doc: DocxDocument,
    *,
    title: str,
    subject: str,
    author: str,
    created: dt.datetime | None = None,
) -> None:
    """Title, subject, author and dates; clears the template's "generated by python-docx"."""
    when = created or dt.datetime.now(dt.UTC)
    props = doc.core_properties
    props.title = _fit(title)
    props.subject = _fit(subject)
    props.author = _fit(author)
    props.last_modified_by = author
    props.comments = ""
    props.created = when
    props.modified = when
    props.revision = 1


def _fit(value: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters (a long bill title is cut with an ellipsis)."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
