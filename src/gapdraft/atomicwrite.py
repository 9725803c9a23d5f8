"""Atomic output: write to a temporary file beside the target, then rename over it.

Nothing is ever half-written or lost: the temporary file has a unique name (two writers to one
path each rename a whole file), it is removed on any error and on SIGTERM/SIGINT, a file is
never replaced unless `force` is set, and `force` replaces only a regular file (never a
device, FIFO, folder or symbolic link).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from gapdraft.errors import Interrupted, OutputError, OutputExistsError, UsageError, os_error

_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _existing(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_error(path, exc, "write") from None


def _exists_error(path: Path) -> OutputExistsError:
    return OutputExistsError(path)


def _check_replaceable(path: Path, info: os.stat_result) -> None:
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise OutputError(
                f"{path}: is {kind}, not a regular file; gapdraft replaces only regular files "
                "(choose another name)"
            )


def check_writable(path: Path, force: bool) -> None:
    """Fail before any work is done if the output would overwrite a file or has no folder."""
    info = _existing(path)
    if info is not None:
        if not force:
            raise _exists_error(path)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{path}: is a folder, not a file name")
        _check_replaceable(path, info)
    parent = path.parent
    try:
        parent_info = os.stat(parent)
    except FileNotFoundError:
        raise UsageError(f"{parent}: no such folder") from None
    except OSError as exc:
        raise os_error(parent, exc, "write in") from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise UsageError(f"{parent}: is a file, not a folder")


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While writing, SIGTERM/SIGINT/SIGHUP raise Interrupted so that `finally` cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    previous = {s: signal.signal(s, interrupt) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _make_temp(path: Path) -> Path:
    # Signals are held back between creating the file and knowing its name, so no signal can
    # leave a temporary file nobody will remove.
    blocked = threading.current_thread() is threading.main_thread()
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        return Path(name)
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


def _sync(tmp: Path) -> None:
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _move_into_place(tmp: Path, path: Path, force: bool) -> None:
    if force:
        info = _existing(path)
        if info is not None:
            _check_replaceable(path, info)  # it may have changed while we worked
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if the name was taken meanwhile: never a silent overwrite
    except FileExistsError:
        raise _exists_error(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if _existing(path) is not None:  # a file system without hard links
            raise _exists_error(path) from None
        os.replace(tmp, path)


def write_atomic(path: Path, write: Callable[[Path], None], force: bool) -> None:
    """Call `write(tmp)` to fill a temporary file, then move it to `path` in one step.

    If `write` fails or a signal arrives, the temporary file is removed and `path` is untouched.
    """
    check_writable(path, force)
    tmp: Path | None = None
    with _signals_interrupt():
        try:
            tmp = _make_temp(path)
            write(tmp)
            os.chmod(tmp, 0o644)
            _sync(tmp)
            _move_into_place(tmp, path, force)
        except OSError as exc:
            raise os_error(path, exc, "write") from None  # the temporary file is ours, not theirs
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str, force: bool) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), force)
