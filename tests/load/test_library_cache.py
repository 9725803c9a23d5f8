"""The clause library and its defined terms in the parsed-data cache: one entry for the whole
library, used only while every clause and term file is unchanged; an edit re-parses just the
edited file, and a broken file is reported as the loader reports it."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import pytest

from gapdraft.errors import DataError
from gapdraft.load import clauses as clauses_module
from gapdraft.load import terms as terms_module
from gapdraft.load.workspace import Workspace
from tests.helpers import REPO


@pytest.fixture
def ws_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GAPDRAFT_NO_CACHE", raising=False)
    root = tmp_path / "ws"
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def load(root: Path):
    """(the library, clause files parsed, term loads run) for a fresh process-like open."""
    with (
        mock.patch.object(
            clauses_module, "load_clause", side_effect=clauses_module.load_clause
        ) as clause,
        mock.patch.object(terms_module, "load_terms", side_effect=terms_module.load_terms) as term,
    ):
        library = Workspace.open(root).load_library()
    return library, clause.call_count, term.call_count


def test_library_comes_whole_from_the_cache_and_follows_each_edit(ws_root: Path) -> None:
    first, parsed, terms = load(ws_root)
    assert parsed == len(first.clauses) and terms == 1
    second, parsed, terms = load(ws_root)
    assert (parsed, terms) == (0, 0)
    assert second.clauses == first.clauses and second.terms == first.terms

    clause_file = ws_root / "clauses" / "child-sex-trafficking-buyers.yaml"
    text = clause_file.read_text()
    clause_file.write_text(text.replace("title: ", "title: Edited ", 1))
    third, parsed, terms = load(ws_root)
    assert (parsed, terms) == (1, 0)  # the other clauses come from their own entries
    assert third.clauses["child-sex-trafficking-buyers"].title.startswith("Edited ")

    term_file = next((ws_root / "clauses" / "terms").glob("*.yaml"))
    term_file.write_text(term_file.read_text() + "\n# a comment changes the content\n")
    assert load(ws_root)[1:] == (0, 1)


def test_a_broken_clause_after_caching_is_reported(ws_root: Path) -> None:
    load(ws_root)
    clause_file = ws_root / "clauses" / "child-sex-trafficking-buyers.yaml"
    clause_file.write_text(
        clause_file.read_text().replace("id: child-sex-trafficking-buyers", "id: Buyers!", 1)
    )
    with pytest.raises(DataError, match=r"child-sex-trafficking-buyers\.yaml"):
        Workspace.open(ws_root).load_library()
