"""Clause templates are compiled once per process, however many states are drafted."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from unittest import mock

from jinja2.sandbox import SandboxedEnvironment

from gapdraft.drafting.templates import compiled, environment
from gapdraft.load.workspace import Workspace
from gapdraft.validation import validate_workspace
from tests.helpers import REPO


def test_same_source_same_template() -> None:
    source = "{{ names.x }} and {{ state.name }}"
    assert compiled(source) is compiled(source)
    assert compiled(source).environment is environment()


def test_validate_compiles_each_template_once_for_many_states(tmp_path: Path) -> None:
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "samples").mkdir()
    text = (REPO / "samples" / "newmexico.yaml").read_text(encoding="utf-8")
    for slug in ("one", "two", "three"):
        copy = re.sub(r"^slug: newmexico$", f"slug: {slug}", text, count=1, flags=re.M)
        (tmp_path / "samples" / f"{slug}.yaml").write_text(copy, encoding="utf-8")
    compiled.cache_clear()
    real = SandboxedEnvironment.compile
    with mock.patch.object(SandboxedEnvironment, "compile", autospec=True, side_effect=real) as c:
        report = validate_workspace(Workspace.open(tmp_path))
    assert not report.problems
    sources = [args[1] for args, _ in c.call_args_list]
    assert sources  # every state drafted every clause
    assert len(sources) == len(set(sources))  # and no template was compiled twice


def test_memoized_render_follows_the_adopted_set_and_the_state(newmexico, library) -> None:
    """Renders are kept per state; a template calling has() is kept per adopted set."""
    from gapdraft.drafting.clause_text import render_template

    clause = library.clauses["record-relief-decision"]
    alone = render_template(clause, "text", newmexico, {clause.id})
    both = render_template(clause, "text", newmexico, {clause.id, "burden-of-proof"})
    assert alone != both
    assert render_template(clause, "text", newmexico, {clause.id}) == alone
    other = library.clauses["juvenile-jurisdiction-under-eighteen"]
    here = render_template(other, "note", newmexico, {other.id})
    renamed = newmexico._replace(name="Elsewhere")
    there = render_template(other, "note", renamed, {other.id})
    assert "New Mexico" in here
    assert there == here.replace("New Mexico", "Elsewhere")


def test_compiled_code_is_kept_on_disk_per_workspace_and_a_bad_entry_is_ignored(
    tmp_path: Path,
) -> None:
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    source = "{{ state.name }} on disk {{ 6 * 7 }}"
    context = {"state": {"name": "Here"}}
    real = SandboxedEnvironment.compile
    Workspace.open(tmp_path).load_library()  # sets the workspace's cache
    for expect_compiles in (1, 0):
        compiled.cache_clear()
        with mock.patch.object(
            SandboxedEnvironment, "compile", autospec=True, side_effect=real
        ) as c:
            assert compiled(source).render(context) == "Here on disk 42"
        assert c.call_count == expect_compiles
    entries = list(Path(os.environ["XDG_CACHE_HOME"]).glob("gapdraft/*/templates/*.code"))
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-3] + b"bad")
    compiled.cache_clear()
    with mock.patch.object(SandboxedEnvironment, "compile", autospec=True, side_effect=real) as c:
        assert compiled(source).render(context) == "Here on disk 42"
    assert c.call_count == 1
    compiled.cache_clear()
