"""Defined terms: each term of the clause library is defined once, in `clauses/terms/*.yaml`.

Clauses declare the terms their text uses (`uses: [term-id, ...]`); the drafted bill carries
exactly the definitions its sections use (and the terms those definitions use in turn).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from gapdraft.errors import DataError, did_you_mean
from gapdraft.model import Loc

if TYPE_CHECKING:
    from gapdraft.load.checked import MapReader

TERM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# an inline definition in clause text: "term" means / "term" includes
INLINE_DEFINITION = re.compile(r"[\"“]([^\"”]{1,80})[\"”],?\s+(?:means|includes)\b")


@dataclass(frozen=True)
class Term:
    id: str  # "commercial-sexual-activity"
    phrase: str  # "commercial sexual activity", as quoted in the definition
    definition: str  # Jinja2 source in unit markup: 'means ...' then optional '#' items
    uses: tuple[str, ...]  # terms the definition itself uses
    loc: Loc
    definition_line: int
    local: bool = False  # defined in each section that uses it, never shared: the word keeps
    # its ordinary meaning in the other sections of the act ("record")


@dataclass(frozen=True)
class TermLibrary:
    terms: Mapping[str, Term] = field(default_factory=lambda: MappingProxyType({}))

    def closure(self, term_ids: Iterable[str]) -> list[Term]:
        """The terms and every term their definitions use, ordered by phrase (as drafters list
        definitions: alphabetically)."""
        key = tuple(term_ids)
        kept = self._closures.get(key)
        if kept is None:  # an unknown id is raised again each time, never kept
            kept = self._closures[key] = self._closure(key)
        return list(kept)

    @functools.cached_property
    def _closures(self) -> dict[tuple[str, ...], list[Term]]:
        """`closure`'s answers, kept with the library (a pure function of it): validate drafts
        every section many times for every state."""
        return {}

    def __getstate__(self) -> dict[str, object]:
        """What the parsed-data cache keeps: the fields, not the answers kept in memory."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def _closure(self, term_ids: tuple[str, ...]) -> list[Term]:
        found: dict[str, Term] = {}
        todo = list(term_ids)
        while todo:
            term = self.terms[todo.pop()]
            if term.id not in found:
                found[term.id] = term
                todo.extend(term.uses)
        return sorted(found.values(), key=lambda t: t.phrase.lower())

    def by_phrase(self) -> dict[str, Term]:
        return {t.phrase.lower(): t for t in self.terms.values()}


def _read_term(r: MapReader, term_id: str) -> Term:
    uses = r.items("uses", required=False, allow_empty=True)
    term = Term(
        id=term_id,
        phrase=r.req_text("term"),
        definition=r.req_text("definition"),
        uses=tuple(str(u) for u in uses),
        loc=r.loc,
        definition_line=r.line_of("definition"),
        local=r.flag("local", default=False),
    )
    if not re.match(r"^(means|includes|has the meaning)\b", term.definition):
        raise r.error(
            "definition", 'a definition starts with "means", "includes" or "has the meaning"'
        )
    r.done()
    return term


def load_terms(files: Sequence[Path]) -> TermLibrary:
    """Every term file; a term id or phrase defined twice is an error naming both places."""
    # here: the parser and the readers cost start-up, and cached terms need neither
    from gapdraft.load import keys
    from gapdraft.load.checked import MapReader, sub
    from gapdraft.load.yamlnodes import load_yaml

    terms: dict[str, Term] = {}
    phrases: dict[str, Term] = {}
    for file in files:
        root = MapReader(file, load_yaml(file), "a term file", 1, keys.TERMS)
        node = root.mapping("terms")
        for term_id, value in node.items():
            line = node.key_lines[term_id]
            if not TERM_ID.match(term_id):
                raise DataError(file, line, f'term id "{term_id}" must be lower-case-with-dashes')
            if term_id in terms:
                raise DataError(
                    file, line, f'term "{term_id}" is defined twice (first at {terms[term_id].loc})'
                )
            term = _read_term(sub(root, value, f'term "{term_id}"', line, keys.TERM), term_id)
            other = phrases.get(term.phrase.lower())
            if other is not None:
                raise DataError(
                    file,
                    line,
                    f'"{term.phrase}" is defined twice: as "{term_id}" and as "{other.id}" '
                    f"({other.loc})",
                )
            terms[term_id], phrases[term.phrase.lower()] = term, term
        root.done()
    library = TermLibrary(MappingProxyType(terms))
    for term in terms.values():
        check_uses(library, term.uses, term.loc)
    _check_cycles(library)
    return library


def check_uses(library: TermLibrary, uses: Sequence[str], loc: Loc) -> None:
    for term_id in uses:
        if term_id not in library.terms:
            raise DataError(
                loc.file,
                loc.line,
                f'uses the term "{term_id}", which no file in clauses/terms/ defines'
                + did_you_mean(term_id, library.terms),
            )


def _check_cycles(library: TermLibrary) -> None:
    """A definition may not rest, through other definitions, on itself."""
    for term in library.terms.values():
        seen: set[str] = set()
        todo = list(term.uses)
        while todo:
            current = todo.pop()
            if current == term.id:
                raise DataError(
                    term.loc.file, term.loc.line, f'the definition of "{term.phrase}" is circular'
                )
            if current not in seen:
                seen.add(current)
                todo.extend(library.terms[current].uses)


def inline_definitions(text: str) -> list[str]:
    """Quoted terms that a clause's text defines for itself ('"x" means ...')."""
    return [m.group(1) for m in INLINE_DEFINITION.finditer(text)]
