"""`gapdraft init DIR`: a team's own workspace, made from the bundled one (frameworks, clauses,
sample states), with the JSON Schemas, editor settings that map them to the files, and a README.

The workspace is built in a temporary folder beside DIR and moved into place in one step, so a
failure leaves nothing half-made. Into a folder that already has files it writes only when told
(`force`), replacing the files of the same name one by one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from gapdraft.errors import UsageError
from gapdraft.load.schemas import KINDS, schema_file_name, schema_text
from gapdraft.load.workspace import CLAUSES_DIR, FRAMEWORKS_DIR, STATES_DIR

# which schema each folder's files follow (clauses/terms/ holds term lists: no schema)
FOLDER_KIND = {FRAMEWORKS_DIR: "framework", STATES_DIR: "state", CLAUSES_DIR: "clause"}
SCHEMA_LINE = "# yaml-language-server: $schema="

README = """\
# gapdraft workspace

This folder is a gapdraft workspace: your team's own copy of the data, to edit.

    policy_goals/   the scorecards (one YAML file per framework)
    samples/        the coded states (one YAML file per state)
    clauses/        the model-language clauses (and clauses/terms/, the defined terms)
    schemas/        JSON Schemas of the three kinds of file

Use it with `gapdraft --workspace {folder} ...`, or set GAPDRAFT_WORKSPACE={folder}.
Start a state with `gapdraft new-state SLUG --name NAME --postal XX`, then run
`gapdraft validate` until it reports nothing; `gapdraft compare` shows every state.

Editors: the first line of each file names its schema for the YAML language server, and
.vscode/settings.json maps the folders to the schemas (VS Code's Red Hat YAML extension), so
keys complete and mistakes show as you type. docs/data-format.md in gapdraft describes each key.
"""


def _with_schema_line(text: str, kind: str) -> str:
    if text.startswith(SCHEMA_LINE):
        return text
    return f"{SCHEMA_LINE}../schemas/{schema_file_name(kind)}\n{text}"


def _copy_folder(source: Path, target: Path, kind: str | None) -> int:
    count = 0
    for file in sorted(source.rglob("*")):
        if not file.is_file() or file.name.startswith("."):
            continue
        dest = target / file.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        top_level = file.parent == source
        if kind and top_level and file.suffix in (".yaml", ".yml"):
            dest.write_text(_with_schema_line(file.read_text(encoding="utf-8"), kind), "utf-8")
        else:
            shutil.copyfile(file, dest)
        count += 1
    return count


def _build(source: Path, target: Path, shown_as: str) -> int:
    count = 0
    for folder, kind in FOLDER_KIND.items():
        if (source / folder).is_dir():
            count += _copy_folder(source / folder, target / folder, kind)
    (target / "schemas").mkdir()
    for kind in KINDS:
        (target / "schemas" / schema_file_name(kind)).write_text(schema_text(kind), "utf-8")
    (target / ".vscode").mkdir()
    mapping = {
        f"./schemas/{schema_file_name(kind)}": [f"{folder}/*.yaml", f"{folder}/*.yml"]
        for folder, kind in FOLDER_KIND.items()
    }
    settings = {"yaml.schemas": mapping}
    (target / ".vscode" / "settings.json").write_text(json.dumps(settings, indent=2) + "\n")
    (target / "README.md").write_text(README.format(folder=shown_as), "utf-8")
    return count + len(KINDS) + 2


def _merge(built: Path, target: Path) -> None:
    for file in sorted(p for p in built.rglob("*") if p.is_file()):
        dest = target / file.relative_to(built)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(file, dest)


def init_workspace(source: Path, target: Path, force: bool) -> int:
    """Make the workspace at `target`; returns the number of files written."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: is a file, not a folder")
    non_empty = target.is_dir() and any(target.iterdir())
    if non_empty and not force:
        raise UsageError(
            f"{target}: is not empty; give an empty or new folder (or force writing into it, "
            "which replaces files of the same name)"
        )
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder")
    built = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        count = _build(source, built, str(target))
        if non_empty:
            _merge(built, target)
        else:
            if target.is_dir():
                target.rmdir()  # empty: replaced by the finished workspace in one rename
            os.rename(built, target)
            os.chmod(target, 0o755)
    finally:
        shutil.rmtree(built, ignore_errors=True)
    return count
