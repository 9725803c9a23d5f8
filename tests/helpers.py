"""Plain helpers the tests import (`from tests.helpers import run`): running the CLI in-process,
the test workspaces, and the one-line error check. Fixtures live in tests/conftest.py."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from gapdraft.cli import app

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TINY = TESTS / "fixtures" / "tiny"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner(env=env or {}).invoke(app, list(args), prog_name="gapdraft")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


def copy_workspace(source: Path, target: Path) -> Path:
    """A writable copy of a workspace, for tests that break a file."""
    for folder in ("policy_goals", "samples", "clauses"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def assert_one_line_error(result: Result, *fragments: str) -> None:
    """Exit 2, one line on stderr that names what it must, no traceback, nothing on stdout."""
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.stdout)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
