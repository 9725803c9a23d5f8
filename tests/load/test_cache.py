"""The parsed-data cache: used only when everything that decides a load is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import pytest

import gapdraft
from gapdraft.errors import DataError
from gapdraft.load import states as states_module
from gapdraft.load.workspace import Workspace
from tests.helpers import REPO


@pytest.fixture
def ws_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GAPDRAFT_NO_CACHE", raising=False)
    root = tmp_path / "ws"
    shutil.copytree(REPO / "policy_goals", root / "policy_goals")
    (root / "samples").mkdir()
    shutil.copy(REPO / "samples" / "newmexico.yaml", root / "samples")
    return root


def loads(root: Path) -> tuple[object, int]:
    """(the state, how many times the real loader ran) for a fresh process-like open."""
    real = states_module.load_state
    with mock.patch.object(states_module, "load_state", side_effect=real) as loader:
        state = Workspace.open(root).load_state("newmexico")
    return state, loader.call_count


def entries(tmp: Path) -> list[Path]:
    return sorted((tmp / "cache" / "gapdraft").rglob("*.pickle"))


def test_second_load_comes_from_the_cache_and_is_equal(ws_root: Path) -> None:
    first, n1 = loads(ws_root)
    second, n2 = loads(ws_root)
    assert (n1, n2) == (1, 0)
    assert second == first
    assert Workspace.open(ws_root).frameworks == Workspace.open(ws_root).frameworks


def test_changed_content_framework_or_version_is_reloaded(ws_root: Path) -> None:
    loads(ws_root)
    state_file = ws_root / "samples" / "newmexico.yaml"
    state_file.write_text(
        state_file.read_text().replace("name: New Mexico", "name: Nuevo Mexico", 1)
    )
    state, n = loads(ws_root)
    assert n == 1 and state.name == "Nuevo Mexico"  # type: ignore[attr-defined]
    framework = next((ws_root / "policy_goals").iterdir())
    framework.write_text(framework.read_text() + "\n# a comment changes the content\n")
    assert loads(ws_root)[1] == 1  # states are checked against the frameworks
    with mock.patch.object(gapdraft, "__version__", "9.9.9"):
        assert loads(ws_root)[1] == 1
    assert loads(ws_root)[1] == 1  # back to the old version: its entry was replaced


def test_corrupt_entries_are_ignored(ws_root: Path, tmp_path: Path) -> None:
    good, _ = loads(ws_root)
    for n, entry in enumerate(entries(tmp_path)):
        data = entry.read_bytes()
        entry.write_bytes(data[:-10] if n % 2 else data[:50] + b"x" + data[51:])
    state, n = loads(ws_root)
    assert n == 1 and state == good
    for entry in entries(tmp_path):
        entry.write_bytes(b"")
    assert loads(ws_root) == (good, 1)


def test_errors_are_never_cached(ws_root: Path) -> None:
    state_file = ws_root / "samples" / "newmexico.yaml"
    good = state_file.read_text()
    state_file.write_text(good.replace("slug: newmexico", "slug: elsewhere", 1))
    messages = []
    for _ in range(2):
        with pytest.raises(DataError) as err:
            loads(ws_root)
        messages.append(str(err.value))
    assert messages[0] == messages[1] and "must match the file name" in messages[0]
    state_file.write_text(good)
    assert loads(ws_root)[1] == 1


def test_workspaces_do_not_share_and_the_cache_can_be_turned_off(
    ws_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads(ws_root)
    other = tmp_path / "other"
    shutil.copytree(ws_root, other)
    assert loads(other)[1] == 1  # same content, another workspace: its own entries
    folders = {e.parent for e in entries(tmp_path)}
    assert len(folders) == 2
    monkeypatch.setenv("GAPDRAFT_NO_CACHE", "1")
    shutil.rmtree(tmp_path / "cache")
    assert loads(ws_root)[1] == 1 and loads(ws_root)[1] == 1
    assert not (tmp_path / "cache").exists()


def test_a_cached_plan_never_imports_the_yaml_parser(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "GAPDRAFT_WORKSPACE": str(REPO)}
    env.pop("GAPDRAFT_NO_CACHE", None)
    cmd = [sys.executable, "-X", "importtime", "-m", "gapdraft", "plan", "newmexico"]
    runs = [subprocess.run(cmd, capture_output=True, text=True, env=env) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr[-500:]
    imported = [[line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines()] for r in runs]
    assert "yaml" in imported[0]  # the first run parses
    assert "yaml" not in imported[1]  # the second comes from the cache


def test_an_upgraded_yaml_parser_or_template_engine_changes_the_key(tmp_path: Path) -> None:
    """The cache holds what PyYAML parsed and what Jinja2 checked: a new release of either (its
    files rewritten) must turn every entry into a miss."""
    import importlib.util
    import os
    from types import SimpleNamespace

    from gapdraft.load import cache

    fake = tmp_path / "jinja2" / "__init__.py"
    fake.parent.mkdir()
    fake.write_text("__version__ = '3.1.4'\n")
    real = importlib.util.find_spec

    def find(name: str, *args: object) -> object:
        return SimpleNamespace(origin=str(fake)) if name == "jinja2" else real(name)

    with mock.patch.object(importlib.util, "find_spec", find):
        before = cache._code_stamp()
        fake.write_text("__version__ = '3.2.0'\n")
        os.utime(fake, ns=(1, 1))
        after = cache._code_stamp()
    assert before != after


def test_a_check_runs_again_when_the_drafting_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check_once remembers a passed check (the memo's: its bill drafts) by the files' content
    and also by the drafting code, which a load does not run."""
    from gapdraft.load import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GAPDRAFT_NO_CACHE", raising=False)
    file = tmp_path / "state.yaml"
    file.write_text("slug: x\n")
    parsed = cache.ParsedCache(tmp_path)
    runs: list[int] = []
    for _ in range(2):
        parsed.check_once("memo bill: a,b", [file], lambda: runs.append(1))
    assert runs == [1]
    real = cache._code_stamp
    monkeypatch.setattr(
        cache,
        "_code_stamp",
        lambda folder="load": real(folder) + ("+" if folder == "drafting" else ""),
    )
    parsed.check_once("memo bill: a,b", [file], lambda: runs.append(1))
    assert runs == [1, 1]
    file.write_text("slug: y\n")
    parsed.check_once("memo bill: a,b", [file], lambda: runs.append(1))
    assert runs == [1, 1, 1]
