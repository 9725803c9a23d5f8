"""Definitions in the drafted bill: exactly the terms its sections use, each defined once.

Sections placed in the same part of the code (one `location`, or the whole act when the bill
style says `definitions: act`) share one definitions section, "As used in Sections 3 through 6
of this act:", when two or more of them use defined terms; a section alone in its place gets its
definitions as its first subsection, "As used in this section:".
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from gapdraft.drafting.clause_text import render_term
from gapdraft.drafting.units import MarkupError, RawUnit, parse_units
from gapdraft.errors import RenderError
from gapdraft.load.terms import Term
from gapdraft.model import State


def definition_units(
    terms: Sequence[Term], state: State, adopted: set[str], depth: int
) -> list[RawUnit]:
    """One unit per term at `depth` ('"child" means ...;'), its items one level deeper; the
    last unit of each definition ends ';', '; and' or '.' by its place in the list."""
    units: list[RawUnit] = []
    for i, term in enumerate(terms):
        end = "." if i == len(terms) - 1 else ("; and" if i == len(terms) - 2 else ";")
        try:
            own = _definition(term.phrase, render_term(term, state, adopted), depth, end)
        except MarkupError as exc:
            raise RenderError(f"{term.loc.file}:{term.definition_line}: {exc}") from None
        if own is None:
            raise RenderError(
                f'{term.loc.file}:{term.definition_line}: the definition of "{term.phrase}" '
                "must open with its text before any item"
            )
        units += own
    return units


@functools.lru_cache(maxsize=4096)
def _definition(phrase: str, text: str, depth: int, end: str) -> tuple[RawUnit, ...] | None:
    """The units of one rendered definition; None if it opens with an item. Kept per text:
    validate defines the same terms in every bill of every state."""
    parsed = parse_units(text)
    if not parsed or parsed[0].depth != 0:
        return None
    own = [RawUnit(depth, None, f'"{phrase}" {parsed[0].text}')]
    own += [RawUnit(depth + u.depth, None, u.text) for u in parsed[1:]]
    own[-1] = own[-1]._replace(text=own[-1].text.rstrip(";. ") + end)
    return tuple(own)


def inline_units(terms: Sequence[Term], state: State, adopted: set[str]) -> list[RawUnit]:
    """'A. As used in this section:' with the definitions as its paragraphs; one definition
    is not a list: 'A. As used in this section, "respondent" means ...'."""
    if not terms:
        return []
    if len(terms) == 1:
        return _single("As used in this section, ", terms[0], state, adopted, 1, "definitions")
    return [
        RawUnit(1, "definitions", "As used in this section:"),
        *definition_units(terms, state, adopted, 2),
    ]


def section_span(numbers: Sequence[int]) -> str:
    """[3, 4, 5, 6] -> 'Sections 3 through 6'; [3, 5] -> 'Sections 3 and 5'."""
    ordered = sorted(set(numbers))
    if len(ordered) == 1:
        return f"Section {ordered[0]}"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"Sections {ordered[0]} through {ordered[-1]}"
    return "Sections " + ", ".join(str(n) for n in ordered[:-1]) + f" and {ordered[-1]}"


def shared_units(
    terms: Sequence[Term], numbers: Sequence[int], state: State, adopted: set[str]
) -> list[RawUnit]:
    """The text of a definitions section for the sections numbered `numbers`."""
    if len(terms) == 1:
        lead = f"As used in {section_span(numbers)} of this act, "
        return _single(lead, terms[0], state, adopted, 0, None)
    intro = RawUnit(0, None, f"As used in {section_span(numbers)} of this act:")
    return [intro, *definition_units(terms, state, adopted, 1)]


def _single(
    lead: str, term: Term, state: State, adopted: set[str], depth: int, anchor: str | None
) -> list[RawUnit]:
    """One definition run into its lead-in sentence, its items (if any) one level deeper."""
    units = definition_units([term], state, adopted, depth)
    first = units[0]
    return [RawUnit(depth, anchor, lead + first.text), *units[1:]]
