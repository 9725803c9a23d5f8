"""Writes never lose anything: a signal mid-write leaves no temporary file and the old file
intact, two writers to one path leave one whole file, a full disk is exit 1 and says it is the
machine's fault, and --force replaces only regular files."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gapdraft.atomicwrite import write_atomic, write_text_atomic
from gapdraft.errors import MachineError, OutputError, OutputExistsError
from tests.helpers import TINY, run

HANG_GUARD = 60


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# The CLI, with the Markdown writer made to receive a signal half-way through the file.
SIGNALLED_DRAFT = textwrap.dedent(
    """
    import os, signal, sys
    import gapdraft.atomicwrite as aw
    from gapdraft.cli import main

    real = aw.write_text_atomic
    def half_then_signal(path, text, force):
        def write(tmp):
            tmp.write_text(text[: len(text) // 2])
            os.kill(os.getpid(), signal.{sig})
            tmp.write_text(text)
        aw.write_atomic(path, write, force)
    aw.write_text_atomic = half_then_signal
    sys.argv = ["gapdraft", "--workspace", sys.argv[1], "draft", "alpha", "-o", sys.argv[2],
                "--force"]
    main()
    """
)


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_mid_write_removes_the_temporary_file_and_keeps_the_old_one(tmp_path, sig):
    out = tmp_path / "bill.md"
    out.write_text("the old bill\n")
    script = SIGNALLED_DRAFT.replace("{sig}", sig)
    done = subprocess.run(
        [sys.executable, "-c", script, str(TINY), str(out)],
        capture_output=True,
        timeout=HANG_GUARD,
    )
    signum = getattr(signal, sig)
    assert done.returncode == -signum, (done.returncode, done.stderr)  # died by the signal
    assert b"Traceback" not in done.stderr
    assert out.read_text() == "the old bill\n"
    assert _leftovers(tmp_path) == []


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gapdraft.atomicwrite import write_text_atomic
    from gapdraft.errors import OutputExistsError
    path, letter, force = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "force"
    try:
        for _ in range(20):
            write_text_atomic(path, letter * 2_000_000, force)
    except OutputExistsError:
        sys.exit(3)
    """
)


def test_two_writers_to_one_path_leave_one_whole_file(tmp_path):
    out = tmp_path / "bill.md"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(out), letter, "force"])
        for letter in "ab"
    ]
    assert [w.wait(timeout=HANG_GUARD) for w in writers] == [0, 0]
    text = out.read_text()
    assert len(text) == 2_000_000 and text in ("a" * 2_000_000, "b" * 2_000_000)
    assert _leftovers(tmp_path) == []


def test_without_force_only_one_of_two_racing_writers_wins(tmp_path):
    out = tmp_path / "bill.md"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(out), letter, "no"]) for letter in "ab"
    ]
    codes = sorted(w.wait(timeout=HANG_GUARD) for w in writers)
    assert codes == [3, 3] or codes[0] == 3  # each writer's second write finds the file
    assert out.read_text() in ("a" * 2_000_000, "b" * 2_000_000)
    assert _leftovers(tmp_path) == []


def test_a_full_disk_is_exit_1_and_says_it_is_the_machine(tmp_path, monkeypatch):
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("gapdraft.atomicwrite._sync", full)
    out = tmp_path / "bill.md"
    result = run("--workspace", str(TINY), "draft", "alpha", "-o", str(out))
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gapdraft: error: ")
    assert "fault of the machine" in lines[0] and str(out) in lines[0]
    assert not out.exists() and _leftovers(tmp_path) == []


def test_an_error_in_the_writer_removes_the_temporary_file(tmp_path):
    def failing(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(MachineError, match="fault of the machine"):
        write_atomic(tmp_path / "x.md", failing, force=False)
    assert list(tmp_path.iterdir()) == []


def test_force_replaces_a_regular_file_and_nothing_else(tmp_path):
    target = tmp_path / "x.md"
    target.write_text("old")
    write_text_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    with pytest.raises(OutputExistsError):
        write_text_atomic(target, "newer", force=False)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to(target)
    for name in ("fifo", "link"):
        with pytest.raises(OutputError, match="only regular files"):
            write_text_atomic(tmp_path / name, "x", force=True)
    assert target.read_text() == "new" and (tmp_path / "link").is_symlink()
    assert _leftovers(tmp_path) == []
