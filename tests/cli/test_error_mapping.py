"""The outermost error mapping: a bug is one line (exit 1) saying it is a bug, and --debug shows
the traceback; an OSError met anywhere is one line; messages never carry raw control
characters or unbounded values."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from gapdraft.errors import DataError, clip, shown
from tests.helpers import TINY

BUGGY = textwrap.dedent(
    """
    import sys
    import gapdraft.scoring as scoring
    import gapdraft.cli.inspect_cmds  # noqa
    def broken(*args, **kwargs):
        raise RuntimeError("a bug\\x1b[2J")
    scoring.score_state = broken
    from gapdraft.cli import main
    sys.argv = ["gapdraft", "--workspace", sys.argv[1], *sys.argv[2:], "score", "alpha"]
    main()
    """
)


def _buggy(*extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BUGGY, str(TINY), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_bug_is_one_line_exit_1_and_says_so():
    done = _buggy()
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1 and lines[0].startswith("gapdraft: error: internal error"), lines
    assert "RuntimeError" in lines[0] and "--debug" in lines[0]
    assert "\x1b" not in lines[0] and "\\x1b[2J" in lines[0]


def test_debug_shows_the_traceback():
    done = _buggy("--debug")
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "RuntimeError: a bug" in done.stderr


def test_an_oserror_met_anywhere_is_one_line(tmp_path):
    """A state path too long for the file system fails in pathlib, outside the loaders."""
    name = str(tmp_path / ("a" * 5000 + ".yaml"))
    done = subprocess.run(
        [sys.executable, "-m", "gapdraft", "--workspace", str(TINY), "plan", name],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("gapdraft: error: ") and "too long" in lines[0]
    assert "internal error" not in lines[0] and len(lines[0]) < 600


def test_messages_are_bounded_and_escaped():
    assert clip("a\x1b[31mb\nc\u2028") == "a\\x1b[31mb\\nc\\u2028"
    assert len(clip("x" * 10_000)) == 83
    assert shown([1] * 10**6) == "a list of 1000000 items"
    assert shown({"a": 1}) == "a mapping of 1 keys"
    problem = DataError("f.yaml", 3, "bad " + "v" * 100_000).problem
    assert len(problem) < 600 and problem.endswith("...")
