"""The command line: parse arguments, call the core, print, map errors to exit codes.

`app.py` holds the Typer app, shared options, the settings in `ctx.obj`, error handling (typed
core errors become one line with the option that answers them) and `view` (the one format
dispatch); `inspect_cmds.py` the commands that read and report (list, validate, score, plan);
`many.py` several states in one call; `documents.py` those that write the bill and memo;
`workspace_cmds.py` those that start and survey a team's data (schema, init, new-state,
compare); `complete.py` shell completion. May import anything; nothing imports it.
"""

from gapdraft.cli import documents, inspect_cmds, workspace_cmds  # noqa: F401  (registers them)
from gapdraft.cli.app import app, guarded


def main() -> None:
    guarded(lambda: app(prog_name="gapdraft"))
