"""Atomic output: write to a temporary file beside the target, then rename over it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from gapdraft.errors import OutputExistsError, UsageError


def check_writable(path: Path, force: bool) -> None:
    """Fail before any work is done if the output would overwrite a file or has no folder."""
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: already exists (use --force to replace it)")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder, not a file name")
    if not path.parent.exists():
        raise UsageError(f"{path.parent}: no such folder")


def write_atomic(path: Path, write: Callable[[Path], None], force: bool) -> None:
    """Call `write(tmp)` to fill a temporary file, then move it to `path` in one step.

    If `write` fails, the temporary file is removed and `path` is untouched.
    """
    check_writable(path, force)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        if not force and path.exists():  # appeared while we worked
            raise OutputExistsError(f"{path}: already exists (use --force to replace it)")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str, force: bool) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), force)
