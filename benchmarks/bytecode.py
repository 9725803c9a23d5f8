"""Compile the imported gapdraft package's bytecode before a benchmark times anything.

A user's `pip install` writes the `.pyc` files; a development checkout run with
PYTHONDONTWRITEBYTECODE=1 (as on the project's machines) has none, and every timed run would
then recompile gapdraft's own modules from source (about 25 ms). `compileall` writes them even
under that setting, and only where a source is newer than its bytecode.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def ensure_bytecode() -> None:
    """Compile the package the benchmark's interpreter imports; print one line saying so."""
    spec = importlib.util.find_spec("gapdraft")
    if spec is None or spec.origin is None:
        raise SystemExit("gapdraft is not installed for this interpreter")
    folder = Path(spec.origin).parent
    if not compileall.compile_dir(folder, quiet=1):
        raise SystemExit(f"compiling {folder} failed")
    print(f"bytecode: gapdraft's modules compiled in {folder}")
