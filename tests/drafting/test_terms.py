"""Defined terms: defined once in clauses/terms/, declared by clauses with `uses`, drafted as
exactly the definitions the bill's sections use (shared per place in the code, or inline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapdraft.drafting.assemble import draft_bill
from gapdraft.drafting.terms import section_span
from gapdraft.errors import DataError
from gapdraft.load.workspace import Workspace
from tests.helpers import TINY, copy_workspace

TERMS = """\
terms:
  child:
    term: child
    definition: means a person under eighteen years of age
  register-entry:
    term: register entry
    definition: |
      means an entry the {{ names.agency }} keeps about a child, including:
      # the child's name; and
      # the child's address
    uses: [child]
  unused:
    term: unused word
    definition: means a word no clause uses
"""

MAIN_CLAUSE = """\
id: {id}
title: Clause {id}
satisfies:
  - {{framework: tiny, goal: "{goal}", level: {level}}}
effort: 1
uses: [{uses}]
catchline: Measure {id}
title_phrase: providing measure {id}
placement: {{location: {location}}}
text: |
  # The agency acts for each child.
note: A note.
"""


def _workspace(tmp_path: Path, clauses: list[dict[str, str]], terms: str = TERMS) -> Workspace:
    root = copy_workspace(TINY, tmp_path / "ws")
    (root / "clauses" / "terms").mkdir()
    (root / "clauses" / "terms" / "basic.yaml").write_text(terms)
    for fields in clauses:
        (root / "clauses" / f"{fields['id']}.yaml").write_text(MAIN_CLAUSE.format(**fields))
    return Workspace.open(root)


def _text(section) -> list[str]:
    return [u.label + " " + "".join(r.text for r in u.runs) for u in section.units]


def test_a_section_alone_in_its_place_defines_its_terms_first(tmp_path):
    ws = _workspace(
        tmp_path,
        [
            {
                "id": "uses-one",
                "goal": "2.1",
                "level": "top",
                "uses": "register-entry",
                "location": "main",
            }
        ],
    )
    alpha, library = ws.load_state("alpha"), ws.load_library()
    bill = draft_bill(alpha, ws.frameworks, library, ["uses-one"])
    assert _text(bill.sections[0]) == [
        "(1) As used in this section:",
        '(a) "child" means a person under eighteen years of age; and',
        '(b) "register entry" means an entry the Department of Examples keeps about a child, '
        "including:",
        "(i) the child's name; and",
        "(ii) the child's address.",
        "(2) The agency acts for each child.",
    ]
    # the unused term is not drafted
    assert "unused word" not in str(bill)


def test_a_single_definition_is_a_sentence_not_a_one_item_list(tmp_path):
    clause = {"goal": "2.1", "level": "top", "uses": "child", "location": "main"}
    ws = _workspace(tmp_path, [{"id": "uses-one", **clause}])
    bill = draft_bill(ws.load_state("alpha"), ws.frameworks, ws.load_library(), ["uses-one"])
    assert _text(bill.sections[0]) == [
        '(1) As used in this section, "child" means a person under eighteen years of age.',
        "(2) The agency acts for each child.",
    ]
    ws = _workspace(
        tmp_path / "two",
        [{"id": "uses-a", **clause}, {"id": "uses-b", **clause, "goal": "1.2", "level": "met"}],
    )
    bill = draft_bill(
        ws.load_state("alpha"), ws.frameworks, ws.load_library(), ["uses-a", "uses-b"]
    )
    assert _text(bill.sections[0]) == [
        ' As used in Sections 1 through 3 of this act, "child" means a person under eighteen '
        "years of age."
    ]


def test_sections_in_one_place_share_one_definitions_section(tmp_path):
    ws = _workspace(
        tmp_path,
        [
            {"id": "uses-a", "goal": "2.1", "level": "top", "uses": "child", "location": "main"},
            {
                "id": "uses-b",
                "goal": "1.2",
                "level": "met",
                "uses": "register-entry",
                "location": "main",
            },
        ],
    )
    alpha, library = ws.load_state("alpha"), ws.load_library()
    bill = draft_bill(alpha, ws.frameworks, library, ["uses-a", "uses-b"])
    first = bill.sections[0]
    assert first.catchline == "Definitions."
    assert _text(first)[0] == " As used in Sections 1 through 3 of this act:"
    phrases = [t for t in _text(first) if '"' in t]
    assert phrases == [
        '(1) "child" means a person under eighteen years of age; and',
        '(2) "register entry" means an entry the Department of Examples keeps about a child, '
        "including:",
    ]
    # each definition appears once in the bill
    every = [t for s in bill.sections for t in _text(s) if '"child" means' in t]
    assert len(every) == 1
    assert [s.clause_ids for s in bill.sections[1:]] == [("uses-a",), ("uses-b",)]


def test_an_undefined_term_is_an_error_naming_the_clause_file(tmp_path):
    ws = _workspace(
        tmp_path,
        [{"id": "uses-bad", "goal": "2.1", "level": "top", "uses": "chld", "location": "main"}],
    )
    with pytest.raises(DataError) as err:
        ws.load_library()
    assert "uses-bad.yaml" in str(err.value) and '"chld"' in str(err.value)
    assert 'did you mean "child"' in str(err.value)


def test_a_term_defined_twice_is_an_error_naming_both_places(tmp_path):
    twice = TERMS + "  child-again:\n    term: Child\n    definition: means a minor\n"
    ws = _workspace(tmp_path, [], terms=twice)
    with pytest.raises(DataError) as err:
        ws.load_library()
    message = str(err.value)
    assert "basic.yaml:" in message and '"Child" is defined twice' in message
    assert "child" in message and "basic.yaml:3" in message


def test_a_circular_definition_is_an_error(tmp_path):
    loop = (
        "terms:\n  a:\n    term: a\n    definition: means b\n    uses: [b]\n"
        "  b:\n    term: b\n    definition: means a\n    uses: [a]\n"
    )
    ws = _workspace(tmp_path, [], terms=loop)
    with pytest.raises(DataError, match="circular"):
        ws.load_library()


def test_section_span_words():
    assert section_span([3, 4, 5, 6]) == "Sections 3 through 6"
    assert section_span([3, 5]) == "Sections 3 and 5"
    assert section_span([2, 3]) == "Sections 2 and 3"
    assert section_span([4, 7, 9]) == "Sections 4, 7 and 9"
    assert section_span([5]) == "Section 5"
