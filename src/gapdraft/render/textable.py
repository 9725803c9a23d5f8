"""A small, fast plain-text table for the terminal.

`gapdraft plan` prints one row per unmet goal (50 and more); measuring and wrapping every cell
with Rich took longer than the rest of the command, so the terminal tables are laid out here:
column widths from the content, one flexible column wrapped to fit the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import NamedTuple

GAP = "  "


class Column(NamedTuple):
    header: str
    align: str = "left"  # left | right | center
    flexible: bool = False  # wrapped to fit the width; at most one column should be


def _cell(text: str, width: int, align: str) -> str:
    if align == "right":
        return text.rjust(width)
    if align == "center":
        return text.center(width)
    return text.ljust(width)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def render_table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    bold: bool = False,
) -> str:
    widths = [max([len(c.header)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    flexible = [i for i, c in enumerate(columns) if c.flexible]
    total = sum(widths) + len(GAP) * (len(columns) - 1)
    if flexible and total > width:
        i = flexible[0]
        widths[i] = max(len(columns[i].header), 12, widths[i] - (total - width))
    lines = [title] if title else []
    header = GAP.join(_cell(c.header, widths[i], c.align) for i, c in enumerate(columns)).rstrip()
    lines.append(f"\x1b[1m{header}\x1b[0m" if bold else header)
    lines.append(GAP.join("─" * w for w in widths))
    for row in rows:
        cells = [
            _wrap(text, widths[i]) if columns[i].flexible else [text] for i, text in enumerate(row)
        ]
        for k in range(max(len(c) for c in cells)):
            parts = [
                _cell(c[k] if k < len(c) else "", widths[i], columns[i].align)
                for i, c in enumerate(cells)
            ]
            lines.append(GAP.join(parts).rstrip())
    return "\n".join(lines) + "\n"
