"""Text with no Jinja2 syntax is output as Jinja2 would output it, without being compiled."""

from __future__ import annotations

from unittest import mock

import pytest

from gapdraft.drafting import templates
from gapdraft.drafting.templates import compiled, render

EDGES = ["", "\n", "a", "a\n", "a\n\n", "a\r\nb\r\n", "a\rb\r", " x \n\t\n", "a\r\n\r\n"]
EDGES += ["# #a is no anchor without a brace", "100% and ## and #} and }} and %}", "é\u2028x\n"]


@pytest.mark.parametrize("source", EDGES)
def test_plain_text_renders_as_jinja_renders_it(source: str) -> None:
    assert "{" not in source
    with mock.patch.object(templates, "compiled", side_effect=AssertionError("compiled")):
        fast = render(source, {})
    assert fast == compiled(source).render({})


def test_every_plain_source_of_the_library_renders_as_jinja_renders_it(library) -> None:
    sources = {c.text for c in library.clauses.values()} | {
        c.note for c in library.clauses.values()
    }
    sources |= {t.definition for t in library.terms.terms.values()}
    plain = [s for s in sources if "{" not in s]
    assert len(plain) > 20
    for source in plain:
        assert render(source, {}) == compiled(source).render({})
