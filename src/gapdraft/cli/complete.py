"""Shell completion (`gapdraft --install-completion`): state slugs, framework ids and clause ids
from the workspace, found cheaply. Each call reads file names and the top-level `id:` line of
each file, never the whole YAML: completion runs on every <Tab> press."""

from __future__ import annotations

import os
import re
from pathlib import Path

import typer

TOP_LEVEL_ID = re.compile(r"^id:\s*[\"']?([^\"'#\s]+)", re.MULTILINE)


def _root(ctx: typer.Context) -> Path | None:
    """The workspace the command line names so far (`--workspace`), else the default one."""
    from gapdraft.errors import GapdraftError
    from gapdraft.load.workspace import resolve_root

    given = ctx.find_root().params.get("workspace")
    try:
        return resolve_root(Path(given) if given else None)
    except GapdraftError:
        return None


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _ids(folder: Path) -> list[str]:
    ids = []
    for file in _files(folder):
        try:
            found = TOP_LEVEL_ID.search(file.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if found:
            ids.append(found.group(1))
    return ids


def _matching(words: list[str], incomplete: str) -> list[str]:
    last = incomplete.rsplit(",", 1)  # options that take comma-separated lists
    before = last[0] + "," if len(last) == 2 else ""
    return [before + w for w in words if w.startswith(last[-1])]


def states(ctx: typer.Context, incomplete: str) -> list[str]:
    from gapdraft.load.workspace import STATES_DIR

    root = _root(ctx)
    if root is None or os.sep in incomplete:
        return []  # a path: the shell completes file names itself
    return _matching([p.stem for p in _files(root / STATES_DIR)], incomplete)


def frameworks(ctx: typer.Context, incomplete: str) -> list[str]:
    from gapdraft.load.workspace import FRAMEWORKS_DIR

    root = _root(ctx)
    return _matching(_ids(root / FRAMEWORKS_DIR), incomplete) if root else []


def clauses(ctx: typer.Context, incomplete: str) -> list[str]:
    from gapdraft.load.workspace import CLAUSES_DIR

    root = _root(ctx)
    return _matching(_ids(root / CLAUSES_DIR), incomplete) if root else []
