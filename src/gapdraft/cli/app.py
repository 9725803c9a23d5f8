"""The command line: parse arguments, call the core, print, map errors to exit codes.

The core never prints or exits; every GapdraftError becomes one line on stderr and its exit code
(2 for bad input), with the option to use where the core's error calls for one (`--force`,
`--workspace`). A usage error of the parser is the same one line. `--debug` shows the traceback
instead. The settings of a run (workspace, debug) travel in the Typer context (`ctx.obj`).
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
from typer.core import TyperGroup

from gapdraft import __version__
from gapdraft.cli import complete
from gapdraft.errors import (
    GapdraftError,
    Interrupted,
    NotAWorkspace,
    OutputError,
    OutputExistsError,
    SearchLimitReached,
    SelectionConflict,
    UsageError,
    clip,
    did_you_mean,
    os_error,
)
from gapdraft.load.workspace import ENV_VAR, Workspace

if TYPE_CHECKING:
    from collections.abc import Sequence


class OneLineUsageErrors(TyperGroup):
    """Click's usage errors (a missing argument, an unknown option, a bad value) as the one line
    `gapdraft: error: ...` that data errors use, exit 2; help with no arguments as before."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            print_error("aborted")
            sys.exit(1)
        except Exception as exc:
            if not _is_click_error(exc):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "ctx"):
                exc.show()  # type: ignore[attr-defined]
            else:
                command = exc.ctx.command_path if exc.ctx else "gapdraft"  # type: ignore[attr-defined]
                print_error(f"{exc.format_message()} (see {command} --help)")  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        sys.exit(code if isinstance(code, int) else 0)


def _is_click_error(exc: Exception) -> bool:
    """Click's own errors (Typer carries its own copy of Click, so match by the base class)."""
    return any(cls.__name__ == "ClickException" for cls in type(exc).__mro__)


app = typer.Typer(
    cls=OneLineUsageErrors,
    add_completion=True,
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
            if _debug(kwargs.get("ctx")):
                raise
            error = exc if isinstance(exc, GapdraftError) else _os_error(exc)
            print_error(error_text(error))
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            raise Interrupted(signal.SIGINT) from None  # die by the signal, quietly

    return wrapper  # type: ignore[return-value]


def error_text(error: GapdraftError) -> str:
    """The core's message, with the option that answers it where there is one (the core names
    no option: it does not know it runs under a command line)."""
    if isinstance(error, OutputExistsError):
        return f"{error} (use --force to replace it)"
    if isinstance(error, NotAWorkspace) and error.source == "option":
        return (
            f"{error.root}: not a gapdraft workspace (no {error.folder}/ folder; from --workspace)"
        )
    if isinstance(error, SearchLimitReached):
        return f"{error} (gapdraft plan --target-grade allows more time with --search-seconds N)"
    if isinstance(error, SelectionConflict):
        return "choose one of " + _one_of([SELECTION_OPTIONS[name] for name in error.choices])
    return str(error)


# what `drafting.selection` calls each way of choosing clauses, as options
SELECTION_OPTIONS = {
    "top": "--top",
    "goals": "--goals",
    "clauses": "--clauses",
    "target_grade": "--target-grade",
}


def _one_of(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def _os_error(exc: OSError) -> GapdraftError:
    return os_error(exc.filename or "a file", exc, "read or write")


def print_error(text: str) -> None:
    """`gapdraft: error: ...` as one line: control characters escaped, length bounded."""
    message(f"gapdraft: error: {clip(text, 2000)}")


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
        if "--debug" in sys.argv:
            raise
        print_error(
            f"internal error, a bug in gapdraft ({type(exc).__name__}: {clip(str(exc), 200)}); "
            "run again with --debug for the traceback and report it"
        )
        raise SystemExit(1) from None


def _debug(ctx: typer.Context | None) -> bool:
    found = ctx.find_object(Settings) if ctx is not None else None
    return found.debug if found is not None else "--debug" in sys.argv


def settings(ctx: typer.Context) -> Settings:
    """This run's settings, from the root command (`ctx.obj`)."""
    found = ctx.find_object(Settings)
    assert found is not None, "the root callback sets ctx.obj"
    return found


def terminal_layout() -> tuple[int, bool]:
    """Width to lay tables out in: COLUMNS where set, else the terminal's, else 120 (a file or a
    pipe); and whether to use bold (only on a terminal, not under NO_COLOR)."""
    tty = sys.stdout is not None and sys.stdout.isatty()
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    else:
        width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    return max(width, 60), tty and not os.environ.get("NO_COLOR")


def view(
    format: Format,
    table: Callable[[int, bool], str],
    *,
    json: Callable[[], str],
    csv: Callable[[], str],
    md: Callable[[], str],
) -> str:
    """One view of a result: the terminal table laid out to the width (see `terminal_layout`),
    or its JSON, CSV or Markdown. The one place a command picks its format."""
    if format is Format.table:
        return table(*terminal_layout())
    return {Format.json: json, Format.csv: csv, Format.md: md}[format]()


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
    """A line for the person at the terminal (progress, warnings, errors): on stderr, as is."""
    if sys.stderr is None:
        return
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _show_version(value: bool) -> None:
    if value:
        emit(f"gapdraft {__version__}\n")
        raise typer.Exit()


# the root's options that take a value: `main` skips them to find the command (a test keeps
# this in step with `root`)
ROOT_VALUE_OPTIONS = frozenset({"--workspace"})


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            metavar="FOLDER",
            help=f"Workspace folder (policy_goals/, samples/, clauses/). Default: ${ENV_VAR}, "
            "else the data bundled with gapdraft.",
            file_okay=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = Settings(workspace, debug)


StateArg = Annotated[
    str,
    typer.Argument(
        metavar="STATE",
        help="State slug (newmexico) or path to a state YAML file.",
        autocompletion=complete.states,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
FrameworkOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--framework",
        metavar="ID",
        help="Only this framework (repeatable). Default: every one coded.",
        autocompletion=complete.frameworks,
    ),
]


def check_frameworks(ws: Workspace, names: list[str] | None) -> list[str] | None:
    for name in names or []:
        if name not in ws.frameworks:
            raise UsageError(f'unknown framework "{name}"' + did_you_mean(name, ws.frameworks))
    return names or None


def split_list(values: list[str] | None) -> list[str]:
    """Options take comma-separated lists and may repeat: --goals 4.4,1.4 --goals 2.3"""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]
