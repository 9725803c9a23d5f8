"""Write docs/cli.md from the commands' own --help, so the reference never drifts from the code.

Run:  .venv/bin/python scripts/cli_docs.py        (tests/cli/test_cli.py checks it is up to date)
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from gapdraft.cli import app

COMMANDS = [
    "list",
    "validate",
    "score",
    "plan",
    "draft",
    "memo",
    "schema",
    "new-state",
    "init",
    "compare",
]
DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner(env={"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"})
    parts = ["# Command reference", "", "Generated from `--help` by `scripts/cli_docs.py`.", ""]
    for args in [[], *([c] for c in COMMANDS)]:
        title = "gapdraft " + " ".join(args) if args else "gapdraft"
        text = runner.invoke(app, [*args, "--help"], prog_name="gapdraft").stdout.rstrip()
        parts += [f"## {title}", "", "```", text, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render())
    print(f"wrote {DOC}", file=sys.stderr)
