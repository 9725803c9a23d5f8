"""The command line: parse arguments, call the core, print, map errors to exit codes.

The core never prints or exits; every GapdraftError becomes one line on stderr and its exit code
(2 for bad input). `--debug` shows the traceback instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from gapdraft.errors import GapdraftError, UsageError, did_you_mean
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
    """Turn a GapdraftError into one line on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GapdraftError as exc:
            if _debug():
                raise
            err_console().print(
                f"gapdraft: error: {exc}", highlight=False, markup=False, soft_wrap=True
            )
            raise typer.Exit(int(exc.exit_code)) from None

    return wrapper  # type: ignore[return-value]


_settings: Settings | None = None


def _debug() -> bool:
    return bool(_settings and _settings.debug)


def settings() -> Settings:
    assert _settings is not None
    return _settings


def terminal_layout() -> tuple[int, bool]:
    """Width to lay tables out in, and whether to use bold (only on a terminal, not NO_COLOR)."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    return max(width, 60), tty and not os.environ.get("NO_COLOR")


def err_console() -> Console:
    return Console(file=sys.stderr, soft_wrap=True)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


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
