"""Tables as text: a small, fast plain-text table for the terminal, and Markdown tables.

`gapdraft plan` prints one row per unmet goal (50 and more); measuring and wrapping every cell
with Rich took longer than the rest of the command, so the terminal tables are laid out here.
A table fits the width it is given (the terminal's, or COLUMNS): headers wrap at words first,
then the columns that may wrap (text at words, ids after their hyphens) narrow, widest first,
then the gaps between columns close to one space. Nothing is cut: a cell that no longer fits on
one line continues on the next.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import NamedTuple

GAP = "  "
MIN_TEXT = 10  # narrowest a column of words is made


class Column(NamedTuple):
    header: str
    align: str = "left"  # left | right | center
    flexible: bool = False  # text that wraps at words to fit the width
    ids: bool = False  # ids that may wrap after a hyphen ("record-relief-" / "vacatur")


def _cell(text: str, width: int, align: str) -> str:
    if align == "right":
        return text.rjust(width)
    if align == "center":
        return text.center(width)
    return text.ljust(width)


def _wrap(text: str, width: int, hyphens: bool = False) -> list[str]:
    """At words; after a hyphen too where asked or where a word is wider than the column."""
    if not hyphens:
        lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
        if all(len(line) <= width for line in lines):
            return lines or [""]
    return textwrap.wrap(text, width, break_on_hyphens=True) or [""]


def _longest_piece(text: str, hyphens: bool) -> int:
    pieces = text.replace("-", "- ").split() if hyphens else text.split()
    return max((len(p) for p in pieces), default=0)


def _floor(column: Column, texts: list[str]) -> int:
    """How narrow a column may become: its longest word (or id piece); never below the
    header's longest word; a column that does not wrap keeps its content's width."""
    header = _longest_piece(column.header, False)
    if column.flexible:
        longest = max(map(len, texts), default=0)
        return max([header, min(MIN_TEXT, longest)] + [_longest_piece(t, True) for t in texts])
    if column.ids:
        return max([header] + [_longest_piece(t, True) for t in texts])
    return max([header, *map(len, texts)])


def fit_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Column widths that fit `width` where the floors allow (see the module docstring)."""
    texts = [[r[i] for r in rows] for i in range(len(columns))]
    widths = [max([len(c.header), *map(len, texts[i])]) for i, c in enumerate(columns)]
    room = width - len(GAP) * (len(columns) - 1)
    if sum(widths) <= room:
        return widths
    # headers wrap at words: a column need only be as wide as its content
    widths = [
        max([_longest_piece(c.header, False), *map(len, texts[i])]) for i, c in enumerate(columns)
    ]
    floors = [_floor(c, texts[i]) for i, c in enumerate(columns)]
    excess = sum(widths) - room
    while excess > 0:
        shrinkable = [i for i in range(len(columns)) if widths[i] > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], columns[i].flexible))
        widths[widest] -= 1
        excess -= 1
    return widths


def render_table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    bold: bool = False,
) -> str:
    widths = fit_widths(columns, rows, width)
    gap = GAP if sum(widths) + len(GAP) * (len(columns) - 1) <= width else " "
    lines = textwrap.wrap(title, width) if title else []
    header_lines = [_wrap(c.header, widths[i]) for i, c in enumerate(columns)]
    for k in range(max(len(h) for h in header_lines)):
        cells = [
            _cell(h[k] if k < len(h) else "", widths[i], columns[i].align)
            for i, h in enumerate(header_lines)
        ]
        header = gap.join(cells).rstrip()
        lines.append(f"\x1b[1m{header}\x1b[0m" if bold else header)
    lines.append(gap.join("─" * w for w in widths))
    for row in rows:
        cells = [_cell_lines(text, widths[i], columns[i]) for i, text in enumerate(row)]
        for k in range(max(len(c) for c in cells)):
            parts = [
                _cell(c[k] if k < len(c) else "", widths[i], columns[i].align)
                for i, c in enumerate(cells)
            ]
            lines.append(gap.join(parts).rstrip())
    return "\n".join(lines) + "\n"


def _cell_lines(text: str, width: int, column: Column) -> list[str]:
    if len(text) <= width:
        return [text]
    return _wrap(text, width, hyphens=column.ids)


def fit_lines(lines: Sequence[str], width: int, indent: str = "  ") -> list[str]:
    """Footnotes wrapped at words to the width, continuation lines indented."""
    out: list[str] = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
        else:
            out += textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False)
    return out


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; a `|` inside a cell is escaped."""

    def row(cells: Sequence[object]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([row(header), row(["---"] * len(header)), *(row(r) for r in rows)])
