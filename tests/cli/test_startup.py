"""Start-up: `main` builds only the command the line names (Typer otherwise builds all of them on
every run), reading the line as Click does; and a cached `plan` imports nothing it does not use.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from gapdraft.cli import app, command_name, invoked_command
from gapdraft.cli.app import ROOT_VALUE_OPTIONS
from tests.helpers import REPO

NAMES = ["draft", "plan", "new-state"]


@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["plan", "newmexico"], "plan"),
        (["--debug", "plan", "--top", "3", "draft"], "plan"),
        (["--workspace", "plan", "draft", "x"], "draft"),  # a folder named like a command
        (["--workspace=plan", "new-state", "x"], "new-state"),
        (["--help"], None),
        ([], None),
        (["pln", "newmexico"], None),  # unknown: every command, so Click can suggest one
        (["--", "plan"], None),
    ],
)
def test_invoked_command_reads_the_line_as_click(args: list[str], found: str | None) -> None:
    assert invoked_command(args, NAMES) == found


def test_root_value_options_are_the_roots_options_that_take_a_value() -> None:
    group = typer.main.get_command(app)
    takes_value = {
        name
        for param in group.params
        if param.param_type_name == "option" and not param.is_flag and not param.count
        for name in (*param.opts, *param.secondary_opts)
    }
    assert takes_value == ROOT_VALUE_OPTIONS
    assert {command_name(c) for c in app.registered_commands} >= {"plan", "draft", "new-state"}


def _main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "GAPDRAFT_WORKSPACE": str(REPO)}
    env.pop("GAPDRAFT_NO_CACHE", None)
    cmd = [sys.executable, "-X", "importtime", "-m", "gapdraft", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def test_main_runs_the_named_command_and_still_lists_and_suggests_all(tmp_path: Path) -> None:
    plan = _main(tmp_path, "plan", "newmexico", "--top", "2")
    assert plan.returncode == 0 and "New Mexico" in plan.stdout
    listing = _main(tmp_path, "--help")
    assert listing.returncode == 0
    assert all(f"  {command_name(c)} " in listing.stdout for c in app.registered_commands)
    typo = _main(tmp_path, "pln", "newmexico")
    assert typo.returncode == 2 and "Did you mean 'plan'?" in typo.stderr


def test_a_cached_plan_imports_no_parser_checks_or_other_formats(tmp_path: Path) -> None:
    runs = [_main(tmp_path, "plan", "newmexico") for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr[-500:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in runs[1].stderr.splitlines()}
    unused = {
        "yaml",
        "json",
        "csv",
        "jinja2",
        "docx",
        "gapdraft.load.keys",
        "gapdraft.load.checked",
    }
    assert not imported & unused
