"""The JSON Schemas are generated from the loader's key tables: they accept every shipped file
and reject every broken fixture the loader rejects."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from gapdraft.errors import DataError
from gapdraft.load.clauses import load_clause
from gapdraft.load.frameworks import load_framework
from gapdraft.load.schemas import KINDS, schema_for, schema_text
from gapdraft.load.states import load_state
from gapdraft.load.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
BROKEN = FIXTURES / "broken"
FOLDERS = {"framework": "policy_goals", "state": "samples", "clause": "clauses"}


def _json_like(value):
    """What an editor's YAML extension hands the schema: dates as text, plain numbers."""
    if isinstance(value, dict):
        return {str(k): _json_like(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_like(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _schema_errors(kind: str, file: Path) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema_for(kind))
    data = _json_like(yaml.safe_load(file.read_text(encoding="utf-8")))
    return [e.message for e in validator.iter_errors(data)]


def _workspaces() -> list[Path]:
    return [REPO, *(p for p in FIXTURES.iterdir() if (p / "policy_goals").is_dir())]


def _files(kind: str, roots: list[Path]) -> list[Path]:
    return [f for root in roots for f in sorted((root / FOLDERS[kind]).glob("*.yaml"))]


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_files_are_current(kind):
    # regenerate with: gapdraft schema KIND > schemas/KIND.schema.json
    assert (REPO / "schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)
    jsonschema.Draft202012Validator.check_schema(schema_for(kind))


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_accept_every_file_the_loader_accepts(kind):
    files = _files(kind, [p for p in _workspaces() if p.name != "broken"])
    assert len(files) >= 2
    for file in files:
        ws = Workspace.open(file.parent.parent)  # the loader accepts it ...
        if kind == "state":
            load_state(file, dict(ws.frameworks))
        elif kind == "clause":
            load_clause(file, ws.frameworks)
        assert _schema_errors(kind, file) == [], file  # ... and so does the schema


# why the loader rejects each broken file (so each fails for the reason it was written for)
WHY = {
    "unknown-key": 'unknown key "nmae"',
    "missing-name": 'needs "name"',
    "bad-status": '"status" must be one of',
    "bad-markup": '"new" must be one of',
    "names-list": '"names" must be a mapping',
    "bad-alignment": '"heading_align" must be one of',
    "section-no-cite": 'needs "cite"',
    "negative-max": "must not be negative",
    "no-levels": '"levels" must not be empty',
    "goal-key-typo": 'needs "criterion"',
    "effort-text": "must be a whole number",
    "no-note": 'needs "note"',
    "bad-kind": "kind must be",
    "placement-typo": 'unknown key "amends"',
}


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_reject_every_broken_file_the_loader_rejects(kind):
    frameworks = Workspace.open(FIXTURES / "tiny").frameworks
    files = _files(kind, [BROKEN])
    assert len(files) >= 3
    for file in files:
        with pytest.raises(DataError, match=re.escape(WHY[file.stem])):
            if kind == "framework":
                load_framework(file)
            elif kind == "state":
                load_state(file, dict(frameworks))
            else:
                load_clause(file, frameworks)
        assert _schema_errors(kind, file), f"{file}: the schema accepts what the loader rejects"


def test_schema_command_prints_valid_json():
    from typer.testing import CliRunner

    from gapdraft.cli import app

    result = CliRunner().invoke(app, ["schema", "state"], prog_name="gapdraft")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["bill_style"]
