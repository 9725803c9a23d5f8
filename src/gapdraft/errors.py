"""The typed errors of the core; the CLI turns each into one line and an exit code."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # the work could not be done (an external tool failed)
    BAD_INPUT = 2  # bad data, a bad argument, or an output that already exists


class GapdraftError(Exception):
    """Base of every error the CLI reports as one line."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class DataError(GapdraftError):
    """A problem in a workspace file, at a line."""

    def __init__(self, file: Path | str, line: int | None, problem: str) -> None:
        self.file = Path(file)
        self.line = line
        self.problem = problem
        where = f"{self.file}:{line}" if line else f"{self.file}"
        super().__init__(f"{where}: {problem}")


class UsageError(GapdraftError):
    """A bad argument: an unknown state, clause, goal or option value."""


class OutputExistsError(GapdraftError):
    """Refusing to overwrite a file the user did not ask us to replace."""


class RenderError(GapdraftError):
    """A template could not be rendered (a missing name, a syntax error)."""


class ExternalToolError(GapdraftError):
    """A program we depend on (LibreOffice) is missing or failed."""

    exit_code = ExitCode.FAILURE


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the closest choices, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f'"{c}"' for c in close) + "?)"
