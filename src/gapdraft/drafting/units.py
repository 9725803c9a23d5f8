"""The unit markup of clause text: `#` subsection, `##` paragraph, `###` subparagraph, `{#key}`
anchors, and continuation lines. Parsing and lettering are pure functions."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

MARKER = re.compile(r"^(#{1,4})(?:\s*\{#([A-Za-z0-9_-]+)\})?\s*(.*)$")


class RawUnit(NamedTuple):
    depth: int  # 0: unlettered text before the first marker
    anchor: str | None
    text: str


class MarkupError(ValueError):
    """A malformed unit (the caller adds the clause and file)."""


def parse_units(text: str) -> list[RawUnit]:
    """The units of `text`; parsed once per distinct text (units are immutable)."""
    return list(_parse(text))


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[RawUnit, ...]:
    units: list[RawUnit] = []
    depth, anchor, words = 0, None, []

    def flush() -> None:
        if words:
            units.append(RawUnit(depth, anchor, " ".join(words)))
        elif anchor or depth:
            raise MarkupError(f"an empty unit{f' ({anchor})' if anchor else ''}")

    started = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = MARKER.match(line)
        if match:
            if started or words:
                flush()
            depth, anchor, words = len(match.group(1)), match.group(2), []
            started = True
            if match.group(3):
                words.append(match.group(3))
        else:
            words.append(line)
    if started or words:
        flush()
    return tuple(units)


def check_depths(units: list[RawUnit]) -> None:
    """A paragraph needs a subsection above it; depth may rise by one step at a time."""
    previous = 0
    for unit in units:
        if unit.depth > previous + 1 and unit.depth > 1:
            raise MarkupError(
                f'"{unit.text[:40]}..." is nested {unit.depth} deep with no unit above it'
            )
        if unit.depth:
            previous = unit.depth
    # unlettered text after lettered units would be unlabeled prose in the middle of a section
    seen_lettered = False
    for unit in units:
        if unit.depth:
            seen_lettered = True
        elif seen_lettered:
            raise MarkupError(f'unlettered text "{unit.text[:40]}..." after lettered units')
