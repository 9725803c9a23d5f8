"""A state's bill format, read from the `bill_style` block of its state file.

Everything that makes a New Mexico bill look like one (heading, title formula, enacting clause,
section formulas, unit labels, markup, legend, line numbers) is data, so another state's format
is another state file, not new code.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from gapdraft.errors import DataError
from gapdraft.load.checked import MapReader, sub

UNIT_TOKENS = {"{A}", "{a}", "{1}", "{i}"}
NEW_MARKUPS = ("underline", "bold", "italic", "none")
DELETED_MARKUPS = ("bracket-strike", "bracket", "strike")


class BillStyle(NamedTuple):
    heading: tuple[str, ...]  # may use {number} and {sponsor}
    number: str  # default bill number ("" before introduction)
    sponsor: str  # default sponsor line
    act_line: str
    title: str  # formula with {subject} and {provisions}
    subject: str
    title_upper: bool
    enacting_clause: str
    section_label: str  # "SECTION {n}."
    new_section: str  # "A new section of {location} is enacted to read:"
    amend_section: str  # "Section {cite} {code_name} (being {history}) is amended to read:"
    uncodified_section: str  # intro for a temporary section (usually "")
    new_material_tag: str
    catchline: str  # "{catchline}.--"
    catchline_upper: bool
    units: tuple[str, ...]  # label patterns by depth 1.., e.g. "{A}.", "({1})", "({a})"
    quote_sections: bool
    new_markup: str
    deleted_markup: str
    mark_new_sections: bool  # underscore the text of new sections too
    legend: tuple[str, ...]
    line_numbers: bool
    lines_per_page: int
    font_name: str
    font_size: float
    author: str


def _choice(r: MapReader, key: str, choices: tuple[str, ...]) -> str:
    value = r.req_text(key)
    if value not in choices:
        raise r.error(key, f'"{key}" must be one of {", ".join(choices)}, not "{value}"')
    return value


def _texts(r: MapReader, key: str, allow_empty: bool = False) -> tuple[str, ...]:
    items = r.items(key, required=not allow_empty, allow_empty=allow_empty)
    out = []
    for item, line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, str):
            raise DataError(r.file, line, f'each entry of "{key}" must be text')
        out.append(item)
    return tuple(out)


def _check_fields(r: MapReader, key: str, text: str, allowed: set[str]) -> None:
    for name in re.findall(r"{([^{}]*)}", text):
        if name not in allowed:
            raise r.error(
                key,
                f'"{key}" uses {{{name}}}; it may use only '
                + ", ".join(f"{{{a}}}" for a in sorted(allowed)),
            )


def read_bill_style(r: MapReader) -> BillStyle:
    font = sub(r, r.mapping("font"), "font", r.line_of("font"))
    markup = sub(r, r.mapping("markup"), "markup", r.line_of("markup"))
    style = BillStyle(
        heading=_texts(r, "heading"),
        number=r.text("number", required=False) or "",
        sponsor=r.req_text("sponsor"),
        act_line=r.text("act_line", required=False) or "",
        title=r.req_text("title"),
        subject=r.req_text("subject"),
        title_upper=r.flag("title_upper", default=False),
        enacting_clause=r.req_text("enacting_clause"),
        section_label=r.req_text("section_label"),
        new_section=r.req_text("new_section"),
        amend_section=r.req_text("amend_section"),
        uncodified_section=r.text("uncodified_section", required=False) or "",
        new_material_tag=r.text("new_material_tag", required=False) or "",
        catchline=r.req_text("catchline"),
        catchline_upper=r.flag("catchline_upper", default=False),
        units=_texts(r, "units"),
        quote_sections=r.flag("quote_sections", default=False),
        new_markup=_choice(markup, "new", NEW_MARKUPS),
        deleted_markup=_choice(markup, "deleted", DELETED_MARKUPS),
        mark_new_sections=markup.flag("new_sections"),
        legend=_texts(r, "legend", allow_empty=True),
        line_numbers=r.flag("line_numbers"),
        lines_per_page=r.integer("lines_per_page") or 0,
        font_name=font.req_text("name"),
        font_size=float(font.req_number("size")),
        author=r.text("author", required=False) or "gapdraft",
    )
    markup.done()
    font.done()
    for line in style.heading:
        _check_fields(r, "heading", line, {"number", "sponsor"})
    _check_fields(r, "title", style.title, {"subject", "provisions"})
    _check_fields(r, "section_label", style.section_label, {"n"})
    _check_fields(r, "new_section", style.new_section, {"location"})
    _check_fields(r, "amend_section", style.amend_section, {"cite", "code_name", "history"})
    _check_fields(r, "catchline", style.catchline, {"catchline"})
    for pattern in style.units:
        tokens = re.findall(r"{[^{}]*}", pattern)
        if len(tokens) != 1 or tokens[0] not in UNIT_TOKENS:
            raise r.error(
                "units",
                f'unit label "{pattern}" needs exactly one of {", ".join(sorted(UNIT_TOKENS))}',
            )
    r.done()
    return style


def _roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (drafting convention for long lists)."""
    letter = chr(ord("A") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def unit_label(style: BillStyle, depth: int, n: int) -> str:
    """The label of the n-th unit (1-based) at depth 1, 2, 3 ..."""
    if depth == 0:
        return ""
    return _label(style.units[min(depth, len(style.units)) - 1], n)


@functools.lru_cache(maxsize=4096)
def _label(pattern: str, n: int) -> str:
    # cached: `validate` letters every clause for every state, the same few labels each time
    token = re.search(r"{[^{}]*}", pattern).group(0)  # type: ignore[union-attr]
    value = {"{A}": _letters(n), "{a}": _letters(n).lower(), "{1}": str(n), "{i}": _roman(n)}[token]
    return pattern.replace(token, value)


UNIT_NAMES = ("Subsection", "Paragraph", "Subparagraph", "Item")


def reference(style: BillStyle, path: list[tuple[int, int]]) -> str:
    """'Subsection B of this section', 'Paragraph (2) of Subsection A of this section'."""
    parts = []
    for depth, n in reversed(path):
        label = unit_label(style, depth, n).rstrip(".")
        parts.append(f"{UNIT_NAMES[min(depth, len(UNIT_NAMES)) - 1]} {label}")
    return " of ".join(parts) + " of this section"
