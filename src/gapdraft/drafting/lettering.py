"""Lettering a section: its parts' units get labels (A., (1), (a)) and `ref()` tokens become
'Subsection B of this section'. A reference to a unit the section does not have is an error."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from gapdraft.drafting.bill import Mark, Run, Unit
from gapdraft.drafting.units import MarkupError, RawUnit, check_depths, parse_units
from gapdraft.errors import RenderError
from gapdraft.load.billstyle import BillStyle, reference, unit_label
from gapdraft.load.clauses import Clause

REF_TOKEN = re.compile("\x00ref:([^\x00]*)\x00")


class Part(NamedTuple):
    """Units of one source (definitions, frame, clause, current statute, placeholder) before
    lettering."""

    owner: str
    units: list[RawUnit]
    mark: Mark  # "plain", "new" or "placeholder"
    runs: list[tuple[Run, ...]] | None = None  # preset runs (amended current text)


def parse_clause_text(owner: Clause, text: str) -> list[RawUnit]:
    try:
        return parse_units(text)
    except MarkupError as exc:
        raise RenderError(
            f'clause "{owner.id}" ({owner.loc.file}:{owner.text_line}): {exc}'
        ) from None


def _numbered(section_id: str, units: list[RawUnit]) -> tuple[list[int], dict]:
    """Each unit's number among its siblings (0 for unlettered text), and each anchor's path
    [(depth, n), ...] from the subsection down (empty for unlettered text)."""
    counters = [0] * 5  # depths 1-4 (the markup's # to ####)
    numbers: list[int] = []
    anchors: dict[str, list[tuple[int, int]]] = {}
    for unit in units:
        depth = unit.depth
        if depth:
            counters[depth] += 1
            counters[depth + 1 :] = [0] * (4 - depth)
        numbers.append(counters[depth] if depth else 0)
        if unit.anchor:
            if unit.anchor in anchors:
                raise RenderError(f'section "{section_id}": two units are named "{unit.anchor}"')
            anchors[unit.anchor] = [(d, counters[d]) for d in range(1, depth + 1)]
    return numbers, anchors


def _referenced(parts: list[Part]) -> set[str]:
    texts = [u.text for p in parts for u in p.units]
    texts += [r.text for p in parts for rs in (p.runs or []) for r in rs]
    return {m.group(1) for t in texts for m in REF_TOKEN.finditer(t)}


def _unletter_sole_unit(parts: list[Part]) -> list[Part]:
    """A section of one unit is not lettered ("A." with no "B." is not how drafters write): the
    unit becomes the section's text, unless something refers to it as a subsection."""
    units = [u for p in parts for u in p.units]
    if len(units) != 1 or units[0].depth != 1:
        return parts
    if units[0].anchor and units[0].anchor in _referenced(parts):
        return parts
    return [
        Part(p.owner, [RawUnit(0, u.anchor, u.text) for u in p.units], p.mark, p.runs)
        for p in parts
    ]


def _prepared(parts: list[Part], section_id: str) -> tuple[list[Part], list[int], dict]:
    """The parts as lettered, each unit's number and the anchors: what `letter` checks first."""
    parts = _unletter_sole_unit(parts)
    units = [u for p in parts for u in p.units]
    try:
        check_depths(units)
    except MarkupError as exc:
        raise RenderError(f'section "{section_id}": {exc}') from None
    numbers, anchors = _numbered(section_id, units)
    return parts, numbers, anchors


def _resolver(style: BillStyle, anchors: dict, section_id: str) -> Callable[[str, str], str]:
    """Replaces `ref()` tokens with the reference in the state's words; a dangling one fails."""

    def resolve(text: str, owner: str) -> str:
        def one(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in anchors or not anchors[key]:
                raise RenderError(
                    f'clause "{owner}" refers to "{key}", which is not a lettered unit of section '
                    f'"{section_id}" as drafted (a dangling cross-reference)'
                )
            return reference(style, anchors[key])

        return REF_TOKEN.sub(one, text) if "\x00" in text else text

    return resolve


def letter(style: BillStyle, parts: list[Part], section_id: str) -> tuple[Unit, ...]:
    parts, numbers, anchors = _prepared(parts, section_id)
    resolve = _resolver(style, anchors, section_id)
    lettered: list[Unit] = []
    index = 0
    for part in parts:
        for k, unit in enumerate(part.units):
            label = unit_label(style, unit.depth, numbers[index]) if unit.depth else ""
            index += 1
            if part.runs is not None:
                runs = part.runs[k]  # runs are immutable: kept unless a reference is resolved
                if any("\x00" in r.text for r in runs):
                    runs = tuple(Run(resolve(r.text, part.owner), r.mark) for r in runs)
            else:
                runs = (Run(resolve(unit.text, part.owner), part.mark),)
            lettered.append(Unit(label=label, depth=unit.depth, runs=runs))
    return tuple(lettered)


def check_letters(style: BillStyle, parts: list[Part], section_id: str) -> None:
    """Raise what `letter` raises, in the same order, without lettering the units (validate
    checks every clause drafted alone for every state)."""
    parts, _, anchors = _prepared(parts, section_id)
    resolve = _resolver(style, anchors, section_id)
    for part in parts:
        for k, unit in enumerate(part.units):
            texts = [r.text for r in part.runs[k]] if part.runs is not None else [unit.text]
            for text in texts:
                if "\x00" in text:
                    resolve(text, part.owner)
