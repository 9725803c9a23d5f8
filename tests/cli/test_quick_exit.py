"""The `gapdraft` command ends with os._exit once its output is flushed (cli.entry); these
tests run it as a user does, in a process, and check that nothing is lost on the way out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gapdraft import cli

ROOT = Path(__file__).resolve().parents[2]


def gapdraft(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gapdraft", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_output_to_a_pipe_is_complete_and_the_code_kept() -> None:
    done = gapdraft("plan", "newmexico", "--format", "json")
    assert done.returncode == 0
    assert done.stdout.rstrip().endswith("}")  # the whole document, flushed before the exit
    wrong = gapdraft("plan", "no-such-state")
    assert wrong.returncode == 2
    assert wrong.stderr.strip().count("\n") == 0 and "no-such-state" in wrong.stderr


def test_a_written_document_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "memo.md"
    done = gapdraft("memo", "newmexico", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and len(text) > 1000
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_a_profiler_still_gets_its_results(tmp_path: Path) -> None:
    prof = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "gapdraft", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert prof.stat().st_size > 0  # written at the normal exit, which a profiler gets


def test_an_exit_message_takes_the_normal_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails() -> None:
        raise SystemExit("gapdraft: a message for Python to print")

    monkeypatch.setattr(cli, "main", fails)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    with pytest.raises(SystemExit) as exc:
        cli.entry()
    assert exc.value.code == "gapdraft: a message for Python to print"


def test_the_quick_exit_passes_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    codes: list[int] = []

    def quits() -> None:
        raise SystemExit(2)

    monkeypatch.setattr(cli, "main", quits)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr(cli.os, "_exit", codes.append)
    cli.entry()
    assert codes == [2]


def test_the_command_skips_the_teardown_and_a_tracer_keeps_it() -> None:
    """An atexit handler stands for Python's teardown: the command ends before it runs, except
    under a tracer (coverage, a debugger), which writes its results at exit."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('teardown'))\n"
        "if sys.argv[1] == 'traced':\n"
        "    sys.settrace(lambda *a: None)\n"
        "sys.argv = ['gapdraft', '--version']\n"
        "from gapdraft.cli import entry\n"
        "entry()\n"
    )
    for mode, ends_with_teardown in (("plain", False), ("traced", True)):
        done = subprocess.run(
            [sys.executable, "-c", script, mode],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "gapdraft" in done.stdout  # the version line, flushed before the exit
        assert ("teardown" in done.stdout) is ends_with_teardown
