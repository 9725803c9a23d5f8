"""Amend in place: each state's changes to its own sections, set out in full where the text is on
file, a marked placeholder where it is not, and nothing where the state's law already does it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapdraft.drafting.amend import placeholder
from gapdraft.drafting.assemble import draft_bill
from gapdraft.errors import DataError, UsageError
from gapdraft.load.workspace import Workspace
from tests.helpers import TINY, copy_workspace


def _runs(section) -> list[list[tuple[str, str]]]:
    return [[(r.text, r.mark) for r in u.runs] for u in section.units]


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


@pytest.fixture
def tiny_copy(tmp_path):
    return copy_workspace(TINY, tmp_path / "ws")


def _draft(root: Path, *ids: str):
    ws = Workspace.open(root)
    return draft_bill(ws.load_state("alpha"), ws.frameworks, ws.load_library(), list(ids))


def test_the_states_amendment_sets_the_section_out_with_its_changes(tiny_copy):
    section = _draft(tiny_copy, "goal-two").sections[0]
    assert section.kind == "amend"
    assert _runs(section)[0] == [
        ("A person under ", "plain"),
        ("sixteen", "deleted"),
        ("eighteen", "new"),
        (" years of age is a child.", "plain"),
    ]
    # no placeholder: the state file carries the whole text and the change
    assert not any(m == "placeholder" for unit in _runs(section) for _, m in unit)


def test_without_the_text_the_bill_prints_a_placeholder_and_says_what_to_fetch(tiny_copy):
    _edit(
        tiny_copy,
        "samples/alpha.yaml",
        """    text: |
      # A person under sixteen years of age is a child.
      # The Department of Examples keeps a register.
    amendments:
      - {clause: goal-two, find: sixteen, replace: eighteen}
""",
        "",
    )
    section = _draft(tiny_copy, "goal-two").sections[0]
    first = section.units[0]
    assert first.runs[0].mark == "placeholder"
    words = first.runs[0].text
    assert words.startswith("<<CURRENT TEXT OF SECTION 5-1 NOT IN THE STATE FILE")
    assert "raise the age of a child to eighteen" in words  # the clause's change, in words
    assert "reletter them" in words  # the clause's own new units follow the placeholder
    assert "does not carry the current text" in section.note  # what to fetch


def test_partial_text_ends_with_a_placeholder_for_the_rest(tiny_copy):
    _edit(
        tiny_copy,
        "samples/alpha.yaml",
        "    status: official\n    text: |",
        "    status: official\n    complete: false\n    text: |",
    )
    section = _draft(tiny_copy, "goal-two").sections[0]
    last_known = section.units[1].runs
    assert last_known[-1].mark == "placeholder"
    assert "REST OF SECTION 5-1 NOT IN THE STATE FILE" in last_known[-1].text
    assert "only part of the current text is on file" in section.note


def test_a_section_the_state_does_not_list_is_a_placeholder_section(tiny_copy):
    _edit(
        tiny_copy,
        "clauses/goal-two.yaml",
        "placement: {amend: old_law}",
        "placement: {amend: other_law}",
    )
    _edit(tiny_copy, "clauses/goal-two.yaml", "section: old_law", "section: other_law")
    section = _draft(tiny_copy, "goal-two").sections[0]
    assert "<<SECTION NUMBER" in section.intro
    assert section.units[0].runs[0].mark == "placeholder"
    assert 'lists no section under "other_law"' in section.note


def test_an_unlisted_section_reads_as_plain_words_without_nested_placeholders(tiny_copy):
    _edit(
        tiny_copy,
        "clauses/goal-two.yaml",
        "placement: {amend: old_law}",
        "placement: {amend: other_law}",
    )
    _edit(
        tiny_copy,
        "clauses/goal-two.yaml",
        "section: old_law,",
        "section: other_law, describe: the section that sets the age of a child,",
    )
    section = _draft(tiny_copy, "goal-two").sections[0]
    assert "<<SECTION NUMBER of the section that sets the age of a child>>" in section.intro
    assert "other_law" not in section.intro and "other law" not in section.intro
    words = section.units[0].runs[0].text
    assert words.startswith("<<CURRENT TEXT OF THE SECTION NOT IN THE STATE FILE")
    assert words.count("<<") == 1 and words.count(">>") == 1  # never one inside another
    with pytest.raises(ValueError):
        placeholder(f"TEXT OF {placeholder('NUMBER')}")


def test_one_states_amendment_never_reaches_another_state(tiny_copy):
    # a second state with the same section key but no amendment for the clause
    text = (tiny_copy / "samples" / "alpha.yaml").read_text()
    beta = text.replace("slug: alpha", "slug: beta").replace(
        "      - {clause: goal-two, find: sixteen, replace: eighteen}\n", ""
    )
    (tiny_copy / "samples" / "beta.yaml").write_text(beta.replace("    amendments:\n", ""))
    ws = Workspace.open(tiny_copy)
    library = ws.load_library()
    beta_bill = draft_bill(ws.load_state("beta"), ws.frameworks, library, ["goal-two"])
    units = _runs(beta_bill.sections[0])
    assert ("sixteen", "plain") not in units[0] or all(m != "deleted" for _, m in units[0])
    assert not any(m == "deleted" for unit in units for _, m in unit)
    # the change the state file has no words for is a visible placeholder, not silence
    assert any(m == "placeholder" for unit in units for _, m in unit)


def test_insertion_after_context_adds_new_units(tiny_copy):
    _edit(
        tiny_copy,
        "samples/alpha.yaml",
        "      - {clause: goal-two, find: sixteen, replace: eighteen}\n",
        "      - clause: goal-two\n"
        "        after: keeps a register.\n"
        "        replace: |\n"
        "          It keeps it current.\n"
        "          # The register is public.\n",
    )
    section = _draft(tiny_copy, "goal-two").sections[0]
    assert [(r.text, r.mark) for r in section.units[1].runs] == [
        ("The Department of Examples keeps a register.", "plain"),
        (" It keeps it current.", "new"),
    ]
    assert [(r.text, r.mark) for r in section.units[2].runs] == [("The register is public.", "new")]
    assert [u.label for u in section.units[:3]] == ["(1)", "(2)", "(3)"]


def test_unneeded_amendment_is_not_drafted(tiny_copy):
    _edit(
        tiny_copy,
        "samples/alpha.yaml",
        "      - {clause: goal-two, find: sixteen, replace: eighteen}\n",
        "      - {clause: goal-two, unneeded: the code already says eighteen}\n",
    )
    with pytest.raises(UsageError, match="already says eighteen"):
        _draft(tiny_copy, "goal-two")


def test_amendments_in_a_clause_file_are_an_error_pointing_at_the_state_file(tiny_copy):
    _edit(
        tiny_copy,
        "clauses/goal-two.yaml",
        "amends:",
        "amendments:\n  - {find: sixteen, replace: eighteen}\namends:",
    )
    with pytest.raises(DataError, match="belong to each state"):
        Workspace.open(tiny_copy).load_library()
