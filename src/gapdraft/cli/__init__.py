"""The command line: parse arguments, call the core, print, map errors to exit codes.

`app.py` holds the Typer app, shared options and error handling; `inspect_cmds.py` the commands that
read and report (list, validate, score, plan); `documents.py` those that write the bill and memo;
`workspace_cmds.py` those that start and survey a team's data (schema, init, new-state, compare).
"""

from gapdraft.cli import documents, inspect_cmds, workspace_cmds  # noqa: F401  (registers them)
from gapdraft.cli.app import app, guarded


def main() -> None:
    guarded(lambda: app(prog_name="gapdraft"))
