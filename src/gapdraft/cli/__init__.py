"""The command line: parse arguments, call the core, print, map errors to exit codes.

`app.py` holds the Typer app, shared options, the settings in `ctx.obj`, error handling (typed
core errors become one line with the option that answers them) and `view` (the one format
dispatch); `inspect_cmds.py` the commands that read and report (list, validate, score, plan);
`many.py` several states in one call; `documents.py` those that write the bill and memo;
`workspace_cmds.py` those that start and survey a team's data (schema, init, new-state,
compare); `complete.py` shell completion. May import anything; nothing imports it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Sequence

from typer.main import get_command_name
from typer.models import CommandInfo

from gapdraft.cli import documents, inspect_cmds, workspace_cmds  # noqa: F401  (registers them)
from gapdraft.cli.app import ROOT_VALUE_OPTIONS, app, guarded


def main() -> None:
    guarded(lambda: _run(sys.argv[1:]))


def entry() -> None:
    """The `gapdraft` command and `python -m gapdraft`: main, then a quick exit.

    When main returns, every output is written and closed (files through atomicwrite, the
    terminal through emit and message, both flushed).  What Python does next, tearing down every
    module and object, is 10 to 20 ms of a command that takes 70 to 100, so the process ends at
    once (os._exit) after flushing the standard streams.  Under a profiler or a tracer (cProfile,
    coverage), which write their results at exit, and with an exit message, the exit is the
    normal one."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(code)
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)  # Python prints the message
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # closed or broken: let Python report it
        raise SystemExit(code) from None
    os._exit(int(code or 0))


def _run(args: Sequence[str]) -> None:
    """Run the app with only the command the line names: Typer turns every registered command
    into a Click command on each run, a tenth of a quick command's time. With no command (help,
    completion) or an unknown one (Click's error suggests the near names), every command."""
    every = app.registered_commands
    name = invoked_command(args, [command_name(c) for c in every])
    if name is not None:
        app.registered_commands = [c for c in every if command_name(c) == name]
    try:
        app(prog_name="gapdraft")
    finally:
        app.registered_commands = every


def command_name(command: CommandInfo) -> str:
    """The name Typer gives a registered command."""
    assert command.callback is not None
    return command.name or get_command_name(command.callback.__name__)


def invoked_command(args: Sequence[str], names: Collection[str]) -> str | None:
    """The command a command line names, read as Click reads it: the first argument that is
    neither a root option nor the value of one; None when there is none or it names no command.
    """
    value_next = False
    for arg in args:
        if value_next:
            value_next = False
        elif arg == "--":
            return None
        elif arg.startswith("-"):
            value_next = arg in ROOT_VALUE_OPTIONS
        else:
            return arg if arg in names else None
    return None
