"""Rendering clause and term templates with a state's names and legal vocabulary."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from gapdraft.errors import RenderError
from gapdraft.load.clauses import Clause
from gapdraft.load.terms import Term
from gapdraft.model import State


class _Names:
    """The state's names for templates; a missing one is an error naming the source and name."""

    def __init__(self, names: Mapping[str, str], owner: str, state: State, block: str) -> None:
        self._names, self._owner, self._state, self._block = names, owner, state, block

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key: str) -> str:
        if key not in self._names:
            raise RenderError(
                f"{self._owner} uses {self._block}.{key}, which {self._state.loc.file} does not "
                f"define (add it under {self._block}:)"
            )
        return self._names[key]


def context(
    state: State, owner: str, adopted: set[str], replaced: Sequence[str] = ()
) -> dict[str, Any]:
    """What every template sees: state, names, the legal vocabulary, ref() and has(), and
    `replaced`: the citations of the state's sections that the section being drafted replaces
    ("Section 30-52-1.2 NMSA 1978"), empty where the state lists none."""
    vocab = state.vocabulary
    ctx: dict[str, Any] = {
        "state": SimpleNamespace(name=state.name, postal=state.postal, code_name=state.code_name),
        "names": _Names(state.names, owner, state, "names"),
        "ref": lambda anchor: f"\x00ref:{anchor}\x00",
        "has": lambda item: item in adopted,
        "replaced": list(replaced),
    }
    if vocab is not None:
        ctx["courts"] = _Names(vocab.courts, owner, state, "vocabulary.courts")
        ctx["officers"] = _Names(vocab.officers, owner, state, "vocabulary.officers")
        ctx["offenses"] = _Names(vocab.offenses, owner, state, "vocabulary.offenses")
        ctx["youth"] = _Names(vocab.youth, owner, state, "vocabulary.youth")
        ctx["penalty"] = _penalty(vocab.penalties, owner, state)
        ctx["appropriation"] = SimpleNamespace(**vocab.appropriation._asdict())
    return ctx


def _penalty(grades: Mapping[str, str], owner: str, state: State) -> Callable[[str], str]:
    def grade(tier: str) -> str:
        if tier not in grades:
            raise RenderError(
                f'{owner} uses the penalty tier "{tier}", which {state.loc.file} does not map '
                "(add it under vocabulary.penalties:)"
            )
        return grades[tier]

    return grade


def _render(source: str, ctx: dict[str, Any], where: str, at: str, key: str) -> str:
    """`where` names the source ('clause "x"'), `at` its file (and line) for the message."""
    # imported here: Jinja2 costs start-up, and the memo's brief drafts its bill without text
    from jinja2 import TemplateError, UndefinedError

    from gapdraft.drafting.templates import render

    try:
        return render(source, ctx)
    except UndefinedError as exc:
        raise RenderError(f"{where} ({at}): {key} uses an undefined name: {exc.message}") from None
    except TemplateError as exc:
        raise RenderError(f"{where} ({at.split(':')[0]}): {key}: {exc}") from None


# Rendered texts of the last state drafted: validate drafts every clause alone and then the
# full bill for each state, rendering the same templates dozens of times per state. Each text is
# kept with the has() questions its render asked and their answers.
_memo_state: list[State | None] = [None]
_memo: dict[tuple[str, tuple[str, ...]], list[tuple[tuple[tuple[object, bool], ...], str]]] = {}


def _memoized(
    state: State,
    source: str,
    adopted: set[str],
    replaced: Sequence[str],
    now: Callable[[Callable[[object], bool]], str],
) -> str:
    """A render depends only on the source, the state, `replaced`, and the answers to the has()
    calls it makes: a kept text serves any adopted set that answers them alike. The owner shows
    only in errors, which are never kept. `now(has)` renders with `has` as the template's has."""
    if _memo_state[0] is not state:
        _memo.clear()
        _memo_state[0] = state
    kept = _memo.setdefault((source, tuple(replaced)), [])
    for asked, text in kept:  # a plain loop: this runs a thousand times per state validated
        for item, answer in asked:
            if (item in adopted) != answer:
                break
        else:
            return text
    questions: dict[object, bool] = {}

    def has(item: object) -> bool:
        questions[item] = answer = item in adopted
        return answer

    text = now(has)
    kept.append((tuple(questions.items()), text))
    return text


def render_template(
    clause: Clause, key: str, state: State, adopted: set[str], replaced: Sequence[str] = ()
) -> str:
    source = clause.text if key == "text" else clause.note
    missing = [n for n in clause.needs if n not in state.names] if clause.needs else None
    if missing:
        raise RenderError(
            f'clause "{clause.id}" needs names.{missing[0]}, which {state.loc.file} does '
            "not define (add it under names:)"
        )

    def now(has: Callable[[object], bool]) -> str:
        owner = f'clause "{clause.id}" ({clause.loc.file})'
        line = clause.text_line if key == "text" else clause.note_line
        ctx = {**context(state, owner, adopted, replaced), "has": has}
        return _render(source, ctx, f'clause "{clause.id}"', f"{clause.loc.file}:{line}", key)

    return _memoized(state, source, adopted, replaced, now)


def render_phrase(clause: Clause, state: State) -> str:
    """A clause's title phrase, which may name the state's agencies ({{ names.x }})."""
    phrase = clause.title_phrase or ""
    if "{" not in phrase:
        return phrase
    ctx = context(state, f'clause "{clause.id}" ({clause.loc.file})', set())
    return _render(phrase, ctx, f'clause "{clause.id}"', str(clause.loc), "title_phrase")


def render_term(term: Term, state: State, adopted: set[str]) -> str:
    owner = f'term "{term.id}" ({term.loc.file})'
    at = f"{term.loc.file}:{term.definition_line}"

    def now(has: Callable[[object], bool]) -> str:
        ctx = {**context(state, owner, adopted), "has": has}
        return _render(term.definition, ctx, f'term "{term.id}"', at, "definition")

    return _memoized(state, term.definition, adopted, (), now)
