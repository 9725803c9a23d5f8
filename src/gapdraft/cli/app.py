"""The command line: parse arguments, call the core, print, map errors to exit codes.

The core never prints or exits; every GapdraftError becomes one line on stderr and its exit code
(2 for bad input). `--debug` shows the traceback instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from gapdraft.errors import (
    GapdraftError,
    Interrupted,
    OutputError,
    UsageError,
    clip,
    did_you_mean,
    os_error,
)
from gapdraft.load.workspace import ENV_VAR, Workspace

if TYPE_CHECKING:
    pass

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Score a state's trafficking laws against published scorecards, rank the gaps, and "
    "draft the model bill and consultation memo that would close them.",
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class By(StrEnum):
    goal = "goal"
    clause = "clause"


class Minimize(StrEnum):
    count = "count"
    effort = "effort"


class Settings:
    def __init__(self, workspace: Path | None, debug: bool) -> None:
        self.workspace_option = workspace
        self.debug = debug
        self._workspace: Workspace | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.workspace_option)
        return self._workspace


F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn a GapdraftError, or an OSError met on a file, into one line on stderr and its exit
    code (2 for bad input, 1 for a fault of the machine)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (GapdraftError, OSError) as exc:
            if _debug():
                raise
            error = exc if isinstance(exc, GapdraftError) else _os_error(exc)
            print_error(str(error))
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            raise Interrupted(signal.SIGINT) from None  # die by the signal, quietly

    return wrapper  # type: ignore[return-value]


def _os_error(exc: OSError) -> GapdraftError:
    return os_error(exc.filename or "a file", exc, "read or write")


def print_error(text: str) -> None:
    """`gapdraft: error: ...` as one line: control characters escaped, length bounded."""
    err_console().print(
        f"gapdraft: error: {clip(text, 2000)}", highlight=False, markup=False, soft_wrap=True
    )


def guarded(run: Callable[[], Any]) -> None:
    """The outermost layer: a signal met while writing ends the process by that signal (after
    the temporary file is removed); anything unexpected is one line, the traceback only with
    --debug."""
    try:
        run()
    except Interrupted as exc:
        sys.stderr.flush()
        signal.signal(exc.signum, signal.SIG_DFL)
        os.kill(os.getpid(), exc.signum)
        raise SystemExit(128 + exc.signum) from None
    except MemoryError:
        print_error("out of memory (a fault of the machine, not of the input)")
        raise SystemExit(1) from None
    except Exception as exc:
        if _debug() or "--debug" in sys.argv:
            raise
        print_error(
            f"internal error, a bug in gapdraft ({type(exc).__name__}: {clip(str(exc), 200)}); "
            "run again with --debug for the traceback and report it"
        )
        raise SystemExit(1) from None


_settings: Settings | None = None


def _debug() -> bool:
    return bool(_settings and _settings.debug)


def settings() -> Settings:
    assert _settings is not None
    return _settings


def terminal_layout() -> tuple[int, bool]:
    """Width to lay tables out in, and whether to use bold (only on a terminal, not NO_COLOR)."""
    tty = sys.stdout is not None and sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    return max(width, 60), tty and not os.environ.get("NO_COLOR")


def err_console() -> Console:
    return Console(file=sys.stderr, soft_wrap=True)


def emit(text: str) -> None:
    """Print to standard output; a closed or full stdout is one line, a closed pipe (`| head`)
    a quiet exit with 141 like other Unix tools."""
    if sys.stdout is None:
        raise OutputError(
            "standard output is closed (>&-): nothing can be printed; leave it open, or use "
            "-o FILE where the command has it"
        )
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise typer.Exit(141) from None
    except OSError as exc:
        _discard_stdout()
        raise os_error("standard output", exc, "write") from None


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer)


def message(text: str) -> None:
    err_console().print(text, highlight=False, markup=False)


@app.callback()
def root(
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            help=f"Workspace folder (policy_goals/, samples/, clauses/). Default: ${ENV_VAR}, "
            "else the data bundled with gapdraft.",
            file_okay=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    global _settings
    _settings = Settings(workspace, debug)


StateArg = Annotated[
    str, typer.Argument(help="State slug (newmexico) or path to a state YAML file.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
FrameworkOpt = Annotated[
    list[str] | None,
    typer.Option("--framework", help="Only this framework (repeatable). Default: every one coded."),
]


def check_frameworks(ws: Workspace, names: list[str] | None) -> list[str] | None:
    for name in names or []:
        if name not in ws.frameworks:
            raise UsageError(f'unknown framework "{name}"' + did_you_mean(name, ws.frameworks))
    return names or None


def split_list(values: list[str] | None) -> list[str]:
    """Options take comma-separated lists and may repeat: --goals 4.4,1.4 --goals 2.3"""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]
