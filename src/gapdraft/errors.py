"""The typed errors of the core; the CLI turns each into one line and an exit code."""

from __future__ import annotations

import difflib
import errno
import re
from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # a fault of the machine, not of the input: a full disk, a failed external tool
    BAD_INPUT = 2  # bad data, a bad argument, or an output that already exists


class GapdraftError(Exception):
    """Base of every error the CLI reports as one line."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its message and attributes, not through __init__ (whose arguments differ
        # from class to class): so it crosses from a worker process to `validate` intact.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[GapdraftError], args: tuple[object, ...], state: dict) -> GapdraftError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class DataError(GapdraftError):
    """A problem in a workspace file, at a line."""

    def __init__(self, file: Path | str, line: int | None, problem: str) -> None:
        self.file = Path(file)
        self.line = line
        self.problem = clip(problem, 500)  # a value quoted from a file may be huge
        where = f"{self.file}:{line}" if line else f"{self.file}"
        super().__init__(f"{where}: {self.problem}")


class FileProblems(DataError):
    """Every problem found in one file, in line order; reads as the first, with a count."""

    def __init__(self, errors: list[DataError], pending: list[DataError] | None = None) -> None:
        self.errors = sorted(errors, key=lambda e: e.line or 0)
        self.pending = pending or []  # goals not coded yet, which `validate` lists too
        first = self.errors[0]
        more = len(self.errors) - 1
        problem = first.problem + (f" (and {more} more problems in this file)" if more else "")
        super().__init__(first.file, first.line, problem)


class UsageError(GapdraftError):
    """A bad argument: an unknown state, clause, goal or option value."""


class OutputExistsError(GapdraftError):
    """Refusing to overwrite a file the user did not ask us to replace."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: already exists")


class NotAWorkspace(UsageError):
    """The folder chosen as the workspace has no frameworks folder. `source` says how it was
    chosen: "option" (given by the user), "environment" (the variable) or "bundled"."""

    def __init__(self, root: Path, folder: str, source: str, source_text: str) -> None:
        self.root, self.folder, self.source = root, folder, source
        super().__init__(
            f"{root}: not a gapdraft workspace (no {folder}/ folder; from {source_text})"
        )


class SelectionConflict(UsageError):
    """More than one way of choosing clauses was given; `choices` names each way there is."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices
        super().__init__("choose one of " + ", ".join(choices) + " ways of selecting clauses")


class RenderError(GapdraftError):
    """A template could not be rendered (a missing name, a syntax error)."""


class ExternalToolError(GapdraftError):
    """A program we depend on (LibreOffice) is missing or failed."""

    exit_code = ExitCode.FAILURE


class OutputError(GapdraftError):
    """A file or standard output could not be written for a reason the user can fix."""


class MachineError(GapdraftError):
    """A fault of the machine, not of the input (a full disk, an I/O error): exit 1."""

    exit_code = ExitCode.FAILURE


class Interrupted(BaseException):  # BaseException: no `except Exception` may swallow it
    """SIGTERM or SIGINT arrived while a file was being written; the CLI dies by that signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_MACHINE_FAULTS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.ENOMEM, errno.EFBIG}
_ADVICE = {
    errno.EACCES: "permission denied (choose a file or folder you may use)",
    errno.EPERM: "not permitted (choose a file or folder you may use)",
    errno.EROFS: "the file system is read-only (choose another folder)",
    errno.ENAMETOOLONG: "the name is too long (choose a shorter name)",
    errno.ENOTDIR: "a part of the path is a file, not a folder (check the path)",
    errno.ENOENT: "no such file or folder (check the path)",
    errno.EISDIR: "it is a folder (give a file name)",
    errno.ELOOP: "too many symbolic links (check the path)",
}


def os_error(target: object, exc: OSError, action: str) -> GapdraftError:
    """One typed error for an OSError met reading or writing `target` (a path or a stream)."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno in _MACHINE_FAULTS:
        return MachineError(
            f"{clip(str(target), 300)}: cannot {action}: {reason.lower()} (a fault of the "
            "machine, not of the input: free space or fix the disk, then run again)"
        )
    advice = _ADVICE.get(exc.errno or 0, reason.lower())
    return OutputError(f"{clip(str(target), 300)}: cannot {action}: {advice}")


class MissingToolError(ExternalToolError):
    """A program an option needs (LibreOffice for --pdf) is not installed: fix the setup, as
    with bad input (exit 2), before any file is written."""

    exit_code = ExitCode.BAD_INPUT


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the closest choices, or '' when nothing is close."""
    if len(word) > 100:  # nothing is close to a long value, and comparing it costs time
        return ""
    close = difflib.get_close_matches(word, [c for c in choices if len(c) <= 200], n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f'"{clip(c)}"' for c in close) + "?)"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clip(text: str, limit: int = 80) -> str:
    """Text safe for a one-line message: at most `limit` characters, control characters (escape
    sequences, newlines) shown as escapes so nothing reaches the terminal raw."""
    cut = len(text) > limit
    text = _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text[:limit])
    return text + "..." if cut else text


def shown(value: object, limit: int = 60) -> str:
    """A value from a file, quoted and bounded, for an error message. Containers are described,
    never formatted: their text could be arbitrarily large."""
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, (list, tuple, set)):
        return f"a list of {len(value)} items"
    return '"' + clip(value if isinstance(value, str) else str(value), limit) + '"'


class SearchLimitReached(GapdraftError):
    """The exact target search ran past its time limit; the CLI adds how to raise the limit."""

    def __init__(self, state_name: str, grade: str, seconds: float, n_clauses: int) -> None:
        self.seconds = seconds
        super().__init__(
            f"the search for the fewest clauses that bring {state_name} to {grade} did not "
            f"finish within its limit ({seconds:g} s; {n_clauses} clauses can help): allow it "
            "more time, choose fewer scorecards, count clauses already adopted, or rank the "
            "clauses instead"
        )
