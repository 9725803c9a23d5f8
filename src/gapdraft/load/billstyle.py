"""A state's bill format, read from the `bill_style` block of its state file.

Everything that makes a New Mexico bill look like one (heading, title formula, enacting clause,
section formulas, unit labels, markup, legend, line numbers) is data, so another state's format
is another state file, not new code.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from gapdraft.errors import DataError, clip

if TYPE_CHECKING:
    from types import ModuleType

    from gapdraft.load.checked import MapReader


def sub(*args: Any, **kwargs: Any) -> MapReader:
    # imported when used: `plan` unpickles BillStyle from the parsed-data cache, and the checks'
    # module imports the YAML parser, which a cached run never needs
    from gapdraft.load.checked import sub as checked_sub

    return checked_sub(*args, **kwargs)


def _keys() -> ModuleType:
    # the key specs too: only reading a state file needs them, not a cached BillStyle
    from gapdraft.load import keys

    return keys


UNIT_TOKENS = {"{A}", "{a}", "{1}", "{i}"}
# the placeholders each formula may use (docs/data-format.md, "Bill style", lists them)
FIELDS: dict[str, frozenset[str]] = {
    "heading": frozenset({"number", "sponsor"}),
    "title": frozenset({"subject", "provisions"}),
    "section_label": frozenset({"n"}),
    "new_section": frozenset({"location", "code_name", "section"}),
    "amend_section": frozenset({"cite", "code_name", "history"}),
    "uncodified_section": frozenset(),
    "catchline": frozenset({"catchline", "section"}),
    "uncodified_catchline": frozenset({"catchline"}),
    "footer": frozenset({"page", "pages"}),
    "cross_reference.text": frozenset({"units"}),
    "frame.text": frozenset({"effective_date", "sections"}),
    "frame.amending": frozenset({"sections", "code_name"}),
    "frame.repeal": frozenset({"cite", "code_name", "history"}),
    "frame.repealing": frozenset({"sections", "code_name"}),
}
UNIT_NAMES = ("Subsection", "Paragraph", "Subparagraph", "Item")


class FrameText(NamedTuple):
    """A section every bill of the state carries (applicability, severability, effective date)."""

    catchline: str
    text: str  # may use {effective_date} and {sections}


class Frame(NamedTuple):
    """The bill's frame: what its title says it does, and its closing sections."""

    effective_date: str  # "July 1, 2027"
    applicability: FrameText | None  # which offenses the new penalties reach
    severability: FrameText | None  # only where the state uses one
    effective: FrameText | None  # the effective-date section
    amending: str  # title words for amended sections: "amending {sections} {code_name}"
    penalties: str  # "providing penalties"
    appropriation: str  # "making an appropriation"
    title_max: int = 0  # a longer title groups its provisions (clauses' title_group); 0: never
    repeal: FrameText | None = None  # repeal of a replaced section: {cite} {code_name} {history}
    repealing: str = ""  # title words for repealed sections: "repealing {sections} {code_name}"


NO_FRAME = Frame("", None, None, None, "", "", "")


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
    # optional, with New Mexico's habits as defaults so older state files read as before
    heading_align: str = "center"
    footer: str = "- {page} -"
    uncodified_catchline: str = "{catchline}.--"  # "" for no catchline on temporary sections
    reference_names: tuple[str, ...] = UNIT_NAMES
    reference_order: str = "innermost-first"  # or "outermost-first"
    reference_join: str = " of "
    reference_labels: str = "each"  # or "compact": "Subsection (b)(1)"
    reference_text: str = "{units} of this section"
    definitions: str = "location"  # "location": one definitions section per place in the code
    frame: Frame = NO_FRAME


def _choice(r: MapReader, key: str, choices: tuple[str, ...], required: bool = True) -> str | None:
    value = r.text(key, required)
    if value is not None and value not in choices:
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


def _check_fields(r: MapReader, key: str, text: str) -> None:
    """A formula may use only its own placeholders, plainly: `{n}`, never `{n.attr}`, `{n:>9}`
    or a stray brace, so that drafting can never fail (or pad without bound) on it."""
    allowed = FIELDS[key]
    try:
        import string  # reading a file only (see `_keys`)

        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise r.error(
            key, f'"{key}" has an unmatched brace: write a literal {{ or }} as {{{{ or }}}}'
        ) from None
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in allowed:
            raise r.error(
                key,
                f'"{key}" uses {{{clip(name, 40)}}}; it may use only '
                + ", ".join(f"{{{a}}}" for a in sorted(allowed)),
            )
        if spec or conversion:
            raise r.error(key, f'"{key}": write {{{name}}} with nothing after the name')
    try:
        text.format(**dict.fromkeys(allowed, "x"))
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        raise r.error(key, f'"{key}" is not a valid formula: {clip(str(exc), 80)}') from None


def _cross_reference(r: MapReader) -> dict[str, object]:
    node = r.mapping("cross_reference", required=False)
    if node is None:
        return {}
    x = sub(r, node, "cross_reference", r.line_of("cross_reference"), _keys().CROSS_REFERENCE)
    found = {
        "reference_names": _texts(x, "names", allow_empty=True) or None,
        "reference_order": _choice(x, "order", _keys().REFERENCE_ORDERS, required=False),
        "reference_join": x.node.get("join"),  # may be a bare space: not stripped
        "reference_labels": _choice(x, "labels", _keys().REFERENCE_LABELS, required=False),
        "reference_text": x.text("text", required=False),
    }
    x.text("join", required=False)
    if found["reference_text"] is not None:
        _check_fields(x, "cross_reference.text", str(found["reference_text"]))
    x.done()
    return {k: v for k, v in found.items() if v is not None}


def _frame_text(f: MapReader, key: str) -> FrameText | None:
    node = f.mapping(key, required=False)
    if node is None:
        return None
    t = sub(f, node, key, f.line_of(key), _keys().FRAME_TEXT)
    found = FrameText(catchline=t.req_text("catchline"), text=t.req_text("text"))
    _check_fields(t, "frame.repeal" if key == "repeal" else "frame.text", found.text)
    t.done()
    return found


def _read_frame(r: MapReader) -> Frame:
    f = sub(r, r.mapping("frame"), "frame", r.line_of("frame"), _keys().FRAME)
    title = sub(f, f.mapping("title"), "frame title", f.line_of("title"), _keys().FRAME_TITLE)
    frame = Frame(
        effective_date=f.req_text("effective_date"),
        applicability=_frame_text(f, "applicability"),
        severability=_frame_text(f, "severability"),
        effective=_frame_text(f, "effective"),
        amending=title.req_text("amending"),
        penalties=title.req_text("penalties"),
        appropriation=title.req_text("appropriation"),
        title_max=f.integer("title_max") or 0,
        repeal=_frame_text(f, "repeal"),
        repealing=title.text("repealing", required=False) or "",
    )
    _check_fields(title, "frame.amending", frame.amending)
    _check_fields(title, "frame.repealing", frame.repealing)
    title.done()
    f.done()
    return frame


def _check_ranges(r: MapReader, font: MapReader, style: BillStyle) -> None:
    """Sizes a word processor can lay out (a font of 10^18 points breaks the .docx writer)."""
    if not 4 <= style.font_size <= 72:
        raise font.error("size", "font size must be from 4 to 72 points")
    if not 0 <= style.lines_per_page <= 200:
        raise r.error("lines_per_page", '"lines_per_page" must be from 0 (none) to 200')


def read_bill_style(r: MapReader) -> BillStyle:
    font = sub(r, r.mapping("font"), "font", r.line_of("font"), _keys().FONT)
    markup = sub(r, r.mapping("markup"), "markup", r.line_of("markup"), _keys().MARKUP)
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
        new_markup=_choice(markup, "new", _keys().NEW_MARKUPS),
        deleted_markup=_choice(markup, "deleted", _keys().DELETED_MARKUPS),
        mark_new_sections=markup.flag("new_sections"),
        legend=_texts(r, "legend", allow_empty=True),
        line_numbers=r.flag("line_numbers"),
        lines_per_page=r.integer("lines_per_page") or 0,
        font_name=font.req_text("name"),
        font_size=float(font.req_number("size")),
        author=r.text("author", required=False) or "gapdraft",
        **_optional(r),
        definitions=_choice(r, "definitions", ("location", "act"), required=False) or "location",
        frame=_read_frame(r) if "frame" in r.node else NO_FRAME,
    )
    markup.done()
    font.done()
    _check_ranges(r, font, style)
    if "uncodified_catchline" not in r.node and "{section}" in style.catchline:
        raise r.error(
            "catchline",
            '"catchline" uses {section}: give "uncodified_catchline" for temporary sections '
            '(which have no section number; "" for none)',
        )
    for line in style.heading:
        _check_fields(r, "heading", line)
    for key in FIELDS:
        if key != "heading" and "." not in key:
            _check_fields(r, key, getattr(style, key))
    for pattern in style.units:
        tokens = re.findall(r"{[^{}]*}", pattern)
        if len(tokens) != 1 or tokens[0] not in UNIT_TOKENS:
            raise r.error(
                "units",
                f'unit label "{pattern}" needs exactly one of {", ".join(sorted(UNIT_TOKENS))}',
            )
    r.done()
    return style


def _optional(r: MapReader) -> dict[str, object]:
    """The optional keys that were given; the rest keep BillStyle's defaults."""
    found: dict[str, object] = {
        "heading_align": _choice(r, "heading_align", _keys().ALIGNMENTS, required=False),
        "footer": r.node.get("footer"),  # "" is allowed: no page number
        "uncodified_catchline": r.node.get("uncodified_catchline"),
    }
    r.text("footer", required=False)
    r.text("uncodified_catchline", required=False)
    if found["uncodified_catchline"] is None and "catchline" in r.node:
        found["uncodified_catchline"] = r.text("catchline")  # temporary sections as others
    found.update(_cross_reference(r))
    return {
        k: str(v) if isinstance(v, (int, float)) else v for k, v in found.items() if v is not None
    }


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


def reference(style: BillStyle, path: list[tuple[int, int]]) -> str:
    """A cross-reference to the unit at `path` (outermost first), in the state's wording:
    'Paragraph (2) of Subsection A of this section' (the default), 'Subdivision (1), Subsection
    (b)' (outermost-first with ", "), or 'Subsection (b)(1)' (compact labels)."""
    names = style.reference_names

    def name(depth: int) -> str:
        return names[min(depth, len(names)) - 1]

    labels = [(depth, unit_label(style, depth, n).rstrip(".")) for depth, n in path]
    if style.reference_labels == "compact":
        units = name(labels[0][0]) + " " + "".join(label for _, label in labels)
    else:
        parts = [f"{name(depth)} {label}" for depth, label in labels]
        if style.reference_order == "innermost-first":
            parts.reverse()
        units = style.reference_join.join(parts)
    return style.reference_text.format(units=units)
