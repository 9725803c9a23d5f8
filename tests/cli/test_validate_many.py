"""`validate` on a workspace of many states: a broken state among valid ones is reported with its
file (and line where it has one) and exit code 2, and what is reported for each state is what
validating that state alone reports (nothing drafted for one state leaks into another)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gapdraft.load.workspace import Workspace
from gapdraft.validation import validate_workspace
from tests.helpers import REPO, run

TEXT = (REPO / "samples" / "newmexico.yaml").read_text(encoding="utf-8")
BODY = "New Mexico Law Enforcement Standards and Training Council"
BREAKS = {
    "valid1": lambda t: t,
    # a location the clauses need is gone: drafting fails for the clauses placed there
    "noplace": lambda t: re.sub(r"^  evidence: .*\n", "", t, count=1, flags=re.M),
    "valid2": lambda t: t,
    # the state names a body its own vocabulary marks abolished: the bill lint finds it
    "abolished": lambda t: t.replace(
        f"law_enforcement_training_body: {BODY}",
        "law_enforcement_training_body: New Mexico Law Enforcement Academy Board",
    ),
    # a name the clause templates use is missing: their renders fail, for this state only
    "noname": lambda t: re.sub(r"^  child_welfare_agency: .*\n", "", t, count=1, flags=re.M),
    # the loader's check: a court the clauses use is missing
    "nocourt": lambda t: re.sub(r"^    juvenile: .*\n", "", t, count=1, flags=re.M),
    "valid3": lambda t: t,
}


def _workspace(root: Path, slugs: list[str]) -> Path:
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "samples").mkdir()
    for slug in slugs:
        text = re.sub(r"^slug: newmexico$", f"slug: {slug}", BREAKS[slug](TEXT), flags=re.M)
        assert f"slug: {slug}" in text
        (root / "samples" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return root


def _problems_of(report_lines: list[str], slug: str, root: Path) -> list[str]:
    """The lines about one state, with the workspace folder written as WS."""
    mine = [p for p in report_lines if p.startswith(f"{slug}:") or f"/{slug}.yaml" in p]
    return [p.replace(str(root), "WS") for p in mine]


def test_a_broken_state_among_valid_ones_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "many", list(BREAKS))
    result = run("--workspace", str(root), "validate")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("gapdraft: error:")]
    samples = root / "samples"
    assert any(
        re.match(rf"gapdraft: error: {re.escape(str(samples / 'nocourt.yaml'))}:\d+: courts: ", e)
        for e in errors
    )
    assert any(
        e.startswith(f"gapdraft: error: {samples / 'abolished.yaml'}: error: names.")
        and "marks abolished" in e
        for e in errors
    )
    assert any(  # the drafted bill's lint names the clause file and line
        re.search(r"clauses/[\w-]+\.yaml:\d+: error: SECTION \d+\. names New Mexico Law", e)
        and f"{samples / 'abolished.yaml'}:" in e
        for e in errors
    )
    assert any(
        e.startswith("gapdraft: error: noname: clause ")
        and f"needs names.child_welfare_agency, which {samples / 'noname.yaml'} does not" in e
        for e in errors
    )
    assert any(
        e.startswith("gapdraft: error: noplace: clause ")
        and f'goes in location "evidence", which {samples / "noplace.yaml"} does not define' in e
        for e in errors
    )
    for slug in ("valid1", "valid2", "valid3"):
        assert not [e for e in errors if slug in e]
        assert f"{slug}: full bill of " in result.stdout
        assert f"{slug}: full bill of 46 sections linted: 0 errors, 0 warnings" in result.stdout


def test_each_state_is_reported_as_if_validated_alone(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "many", list(BREAKS))
    together = validate_workspace(Workspace.open(root))
    for slug in ("valid1", "noplace", "abolished", "noname"):  # nocourt does not load
        alone_root = _workspace(tmp_path / slug, [slug])
        alone = validate_workspace(Workspace.open(alone_root))
        for kind in ("problems", "warnings", "info"):
            lines_together = getattr(together, kind)
            lines_alone = getattr(alone, kind)
            assert _problems_of(lines_together, slug, root) == _problems_of(
                lines_alone, slug, alone_root
            ), (slug, kind)
    assert len(together.problems) > 3


def test_states_checked_by_several_processes_give_the_same_report(tmp_path: Path) -> None:
    """Forked workers check the states; the report is the one a single process writes, line
    for line, problems and all, and so is what the command prints and its exit code."""
    slugs = list(BREAKS)
    root = _workspace(tmp_path / "many", slugs)
    (root / "samples" / "yamlbroken.yaml").write_text("slug: [unclosed\n", encoding="utf-8")
    ws = Workspace.open(root)
    one = validate_workspace(ws, jobs=1)
    assert one.problems and any("yamlbroken.yaml" in p for p in one.problems)
    for jobs in (2, 3):
        assert validate_workspace(ws, jobs=jobs) == one
    alone = run("--workspace", str(root), "validate", "--jobs", "1")
    forked = run("--workspace", str(root), "validate", "--jobs", "3")
    assert (forked.exit_code, forked.stdout, forked.stderr) == (
        alone.exit_code,
        alone.stdout,
        alone.stderr,
    )
    assert alone.exit_code == 2


def test_how_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    import os

    from gapdraft import validation

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(validation.sys, "platform", "linux")
    assert validation.validate_jobs(1) == 1
    assert validation.validate_jobs(validation.PARALLEL_FROM - 1) == 1
    assert validation.validate_jobs(validation.PARALLEL_FROM) == 2  # from 8 states on
    assert validation.validate_jobs(3 * validation.PARALLEL_FROM) == 3
    assert validation.validate_jobs(100) == 4  # no more than the cores
    monkeypatch.setattr(validation.sys, "platform", "darwin")
    assert validation.validate_jobs(100) == 1  # fork exists there, but Python avoids it
    monkeypatch.setattr(validation.sys, "platform", "linux")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert validation.validate_jobs(100) == 1  # no fork: one process


def test_an_error_or_a_death_in_a_worker_reaches_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gapdraft error raised while checking a state is the command's one-line error, as in
    one process; a worker that dies ends the run with an error, it does not wait forever."""
    import os
    from concurrent.futures.process import BrokenProcessPool

    from gapdraft import validation
    from gapdraft.errors import DataError

    root = _workspace(tmp_path / "many", ["valid1", "valid2", "valid3"])
    real = validation._check_state

    def failing(ws, file, library):  # type: ignore[no-untyped-def]
        if file.stem == "valid2":
            raise DataError(file, 7, "a problem no check catches")
        return real(ws, file, library)

    monkeypatch.setattr(validation, "_check_state", failing)
    for jobs in ("1", "2"):
        result = run("--workspace", str(root), "validate", "--jobs", jobs)
        assert result.exit_code == 2, result.stderr
        assert "valid2.yaml:7: a problem no check catches" in result.stderr

    def dying(ws, file, library):  # type: ignore[no-untyped-def]
        if file.stem == "valid2":
            os._exit(3)
        return real(ws, file, library)

    monkeypatch.setattr(validation, "_check_state", dying)
    with pytest.raises(BrokenProcessPool):
        validate_workspace(Workspace.open(root), jobs=2)


def test_ctrl_c_leaves_no_worker_behind(tmp_path: Path) -> None:
    """Workers ignore Ctrl-C (the parent handles it); interrupted, the parent stops them, so
    none is left waiting for work once it is gone."""
    import os
    import signal
    import subprocess
    import sys
    import time

    root = tmp_path / "sixteen"
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "samples").mkdir()
    for n in range(16):
        text = re.sub(r"^slug: newmexico$", f"slug: s{n:02d}", TEXT, flags=re.M)
        (root / "samples" / f"s{n:02d}.yaml").write_text(text, encoding="utf-8")
    env = {**os.environ, "GAPDRAFT_NO_CACHE": "1"}
    command = [sys.executable, "-m", "gapdraft", "--workspace", str(root), "validate", "-j", "2"]
    for delay in (0.3, 0.5, 0.7):  # before, while and after the workers start
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err
        time.sleep(0.3)
        left = []
        for pid in os.listdir("/proc"):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if pid.isdigit() and str(root).encode() in cmdline:
                left.append(pid)
        assert left == [], f"processes left after Ctrl-C at {delay} s: {left}"
