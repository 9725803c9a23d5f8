"""The command line: parse arguments, call the core, print, map errors to exit codes.

`app.py` holds the Typer app, shared options and error handling; `inspect_cmds.py` the commands that
read and report (list, validate, score, plan); `documents.py` those that write the bill and memo.
"""

from gapdraft.cli import documents, inspect_cmds  # noqa: F401  (registers the commands)
from gapdraft.cli.app import app


def main() -> None:
    app(prog_name="gapdraft")
