"""`gapdraft init DIR`: a team workspace to edit, which --workspace and GAPDRAFT_WORKSPACE use."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from gapdraft import workspace_init
from gapdraft.load.schemas import schema_text
from tests.helpers import REPO, run


def test_init_makes_a_workspace_that_validates(tmp_path):
    target = tmp_path / "team"
    result = run("init", str(target))
    assert result.exit_code == 0, result.stderr
    for folder in ("policy_goals", "samples", "clauses", "schemas"):
        assert (target / folder).is_dir()
    assert (target / "clauses" / "terms").is_dir() == (REPO / "clauses" / "terms").is_dir()
    assert (target / "README.md").read_text().count("--workspace") >= 1
    settings = json.loads((target / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/state.schema.json"][0] == "samples/*.yaml"
    for kind in ("framework", "state", "clause"):
        assert (target / "schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)
    sample = (target / "samples" / "newmexico.yaml").read_text()
    assert sample.startswith("# yaml-language-server: $schema=../schemas/state.schema.json\n")
    assert yaml.safe_load(sample) == yaml.safe_load(
        (REPO / "samples" / "newmexico.yaml").read_text()
    )
    checked = run("--workspace", str(target), "validate")
    assert checked.exit_code == 0, checked.stderr
    by_env = run("list", env={"GAPDRAFT_WORKSPACE": str(target)})
    assert f"workspace: {target}" in by_env.stdout
    # the schema line and the settings point at files that exist and parse
    jsonschema.Draft202012Validator.check_schema(
        json.loads((target / "schemas" / "state.schema.json").read_text())
    )


def test_init_refuses_a_folder_with_files_unless_forced(tmp_path):
    target = tmp_path / "team"
    target.mkdir()
    (target / "notes.txt").write_text("ours")
    refused = run("init", str(target))
    assert (
        refused.exit_code == 2 and "is not empty" in refused.stderr and "--force" in refused.stderr
    )
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    forced = run("init", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (target / "notes.txt").read_text() == "ours" and (target / "samples").is_dir()


def test_init_into_an_empty_folder_and_nothing_left_on_failure(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("init", str(empty)).exit_code == 0
    assert (empty / "policy_goals").is_dir()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workspace_init, "_copy_folder", broken)
    with pytest.raises(OSError):
        workspace_init.init_workspace(REPO, tmp_path / "half", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # no half-made folder
