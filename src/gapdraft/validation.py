"""`gapdraft validate`: load every file, score every state, compare with published figures."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gapdraft.errors import DataError, FileProblems, GapdraftError
from gapdraft.load.states import uncoded_problem
from gapdraft.load.workspace import Workspace
from gapdraft.model import State
from gapdraft.scoring import compare_published, format_points, score_state

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from gapdraft.load.clauses import ClauseLibrary
    from gapdraft.model import Framework
    from gapdraft.planning.gaps import Gap


@dataclass
class ValidationReport:
    problems: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    # goals not coded yet, grouped by file: a heading line, then one indented line per goal
    pending: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def validate_workspace(ws: Workspace, jobs: int = 1) -> ValidationReport:
    """Check the workspace; the states are checked by up to `jobs` processes (validate_jobs),
    each state alone, and the report is put together in file order, as one process writes it."""
    report = ValidationReport()
    report.info.append(f"{len(ws.frameworks)} frameworks: {', '.join(ws.frameworks)}")
    library: ClauseLibrary | None = None
    library_problem = ""
    if ws.clause_files():
        try:
            library = ws.load_library()
        except DataError as exc:
            library_problem = str(exc)
    outcomes = _each_state(ws, library, jobs)
    for outcome in outcomes:
        report.problems += outcome.load_problems
        report.pending += outcome.pending
    for outcome in outcomes:
        report.problems += outcome.score_problems
        report.info += outcome.score_info
    checked = [o for o in outcomes if o.loaded]
    report.info.append(f"{len(checked)} states checked")
    if library_problem:
        report.problems.append(library_problem)
    elif library is not None:
        from gapdraft.drafting.lint import lint_library, lint_terms

        report.info.append(
            f"{len(library.clauses)} clause files ({len(library.adoptable())} clauses)"
        )
        _add_findings(report, lint_library(library) + lint_terms(library.terms))
        for outcome in checked:
            report.problems += outcome.clause_problems
            report.warnings += outcome.clause_warnings
            report.info += outcome.clause_info
    return report


def validate_jobs(states: int) -> int:
    """How many processes check `states` state files: from PARALLEL_FROM states on, one per core
    this process may use, at least two and at most one per PARALLEL_FROM states; one on a system
    without fork (processes started from scratch cost more than they save; macOS has fork, but
    Python does not use it there by default, as some of its system libraries break under it)."""
    import multiprocessing

    if states < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, max(2, states // PARALLEL_FROM)))


PARALLEL_FROM = 8  # states per process, at least: below that a fork costs more than it saves


def _each_state(ws: Workspace, library: ClauseLibrary | None, jobs: int) -> list[_StateOutcome]:
    """Each state file checked alone, in file order.  With jobs > 1, by forked processes that
    share the loaded frameworks and library (nothing is loaded twice) and hand back only text.
    An error raised in a worker is raised here; a worker that dies breaks the pool, which is
    raised too (concurrent.futures, unlike multiprocessing.Pool, never waits for it forever)."""
    files = ws.state_files()
    jobs = min(jobs, len(files))
    if jobs <= 1:
        return [_check_state(ws, file, library) for file in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _shared[:] = [ws, library]
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start)
        finished = False
        try:
            chunk = max(1, len(files) // (jobs * 4))
            outcomes = list(pool.map(_check_in_worker, files, chunksize=chunk))
            finished = True
        finally:
            if not finished:  # interrupted or failed: stop the workers, wait for nothing
                # (they ignore Ctrl-C and would wait for work forever once this process is gone)
                workers = getattr(pool, "_processes", None) or {}
                for process in list(workers.values()):
                    process.terminate()
            pool.shutdown(wait=finished, cancel_futures=not finished)
        return outcomes
    finally:
        _shared.clear()


_shared: list[object] = []  # the workspace and library a forked worker inherits


def _worker_start() -> None:
    # Ctrl-C is the parent's to handle (it ends the pool); a worker must not print its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_in_worker(file: Path) -> _StateOutcome:
    ws, library = _shared
    return _check_state(ws, file, library)  # type: ignore[arg-type]


@dataclass
class _StateOutcome:
    """What checking one state file adds to each part of the report."""

    loaded: bool = False
    load_problems: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    score_problems: list[str] = field(default_factory=list)
    score_info: list[str] = field(default_factory=list)
    clause_problems: list[str] = field(default_factory=list)
    clause_warnings: list[str] = field(default_factory=list)
    clause_info: list[str] = field(default_factory=list)


def _check_state(ws: Workspace, file: Path, library: ClauseLibrary | None) -> _StateOutcome:
    outcome = _StateOutcome()
    try:
        state = ws.load_state_file(file)
    except FileProblems as exc:
        outcome.load_problems = [str(e) for e in exc.errors]
        outcome.pending = _pending(file, exc.pending)
        return outcome
    except DataError as exc:
        outcome.load_problems = [str(exc)]
        return outcome
    outcome.loaded = True
    pending = [
        uncoded_problem(file, ws.frameworks[fid], goal_id, line)
        for fid, coding in state.codings.items()
        for goal_id, line in coding.uncoded
    ]
    outcome.pending = _pending(file, pending)
    _score(ws, state, outcome)
    if library is not None:
        part = ValidationReport()
        _validate_clauses(ws, state, library, part)
        outcome.clause_problems, outcome.clause_warnings = part.problems, part.warnings
        outcome.clause_info = part.info
    return outcome


def _score(ws: Workspace, state: State, outcome: _StateOutcome) -> None:
    """The state's scores against its published figures."""
    for score in score_state(state, ws.frameworks):
        published = state.published.get(score.framework.id)
        if published is None:
            outcome.score_info.append(f"{state.slug}: {score.framework.id}: not published")
            continue
        if score.uncoded:
            outcome.score_info.append(
                f"{state.slug}: {score.framework.id}: published figures not compared "
                f"until its {len(score.uncoded)} uncoded goals are coded"
            )
            continue
        mismatches = compare_published(score, published)
        for m in mismatches:
            outcome.score_problems.append(
                f"{published.loc.file}:{m.line}: {state.slug}, {score.framework.id}: "
                + m.describe()
            )
        if not mismatches:
            outcome.score_info.append(
                f"{state.slug}: {score.framework.id}: reproduces the published "
                f"{format_points(published.total)} and {len(published.issues)} issue subtotals"
            )


def _pending(file: Path, pending: list[DataError]) -> list[str]:
    if not pending:
        return []
    return [f"{file}: {len(pending)} goals not coded yet:", *(f"  {p}" for p in pending)]


def _validate_clauses(
    ws: Workspace, state: State, library: ClauseLibrary, report: ValidationReport
) -> None:
    """The state's clauses: each renders alone, the full bill drafts and lints, and every unmet
    goal has a clause."""
    from gapdraft.drafting.assemble import best_clause
    from gapdraft.planning.gaps import build_plan

    gaps = build_plan(state, ws.frameworks).gaps
    if state.bill_style is None:
        report.info.append(f"{state.slug}: no bill_style, clauses not rendered")
    else:
        report.problems += [f"{state.slug}: {p}" for p in _alone(ws, state, library)]
        _lint_full_bill(state, ws.frameworks, library, gaps, report)
    unmet = [(g.framework.id, g.goal.id) for g in gaps]
    missing = [f"{fid} {gid}" for fid, gid in unmet if best_clause(library, fid, gid) is None]
    for goal in missing:
        report.problems.append(f"{state.slug}: no clause meets unmet goal {goal}")
    report.info.append(
        f"{state.slug}: {len(unmet) - len(missing)} of {len(unmet)} unmet goals have a clause"
    )


def _alone(ws: Workspace, state: State, library: ClauseLibrary) -> list[str]:
    """What fails when each clause is drafted alone for the state, one line per clause. A draft
    depends only on the clauses it enacts, so clauses enacting the same ones (each core clause
    of a section enacts the section's core) share one draft and its outcome."""
    from gapdraft.drafting.assemble import check_clauses

    outcomes: dict[tuple[str, ...], str] = {}  # enacted clause ids -> problem ("" for none)
    problems = []
    for clause in library.adoptable():
        if _unneeded_everywhere(state, clause):
            continue
        try:
            enacted = tuple(c.id for c in library.expand([clause.id]))
        except GapdraftError as exc:
            problems.append(str(exc))
            continue
        if enacted not in outcomes:
            try:
                check_clauses(state, ws.frameworks, library, [clause.id])
                outcomes[enacted] = ""
            except GapdraftError as exc:
                outcomes[enacted] = str(exc)
        if outcomes[enacted]:
            problems.append(outcomes[enacted])
    return problems


def _add_findings(report: ValidationReport, findings: list) -> None:
    for finding in findings:
        (report.problems if finding.level == "error" else report.warnings).append(str(finding))


def _lint_full_bill(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    gaps: Sequence[Gap],
    report: ValidationReport,
) -> None:
    """The bill for every unmet goal of the state (`gaps`: its plan's), drafted and read as a
    counsel would."""
    from gapdraft.drafting.assemble import draft_bill, select_for_gaps
    from gapdraft.drafting.lint import catchline_suffix, lint_bill, lint_state

    _add_findings(report, lint_state(state))
    ids = select_for_gaps(library, gaps).clause_ids
    if not ids:
        return
    try:
        bill = draft_bill(state, frameworks, library, ids)
    except GapdraftError as exc:
        report.problems.append(f"{state.slug}: the full bill: {exc}")
        return
    style = state.bill_style
    suffix = catchline_suffix(style.catchline) if style is not None else ""
    findings = lint_bill(bill, state, library, suffix)
    _add_findings(report, findings)
    placeholders = [
        s.label
        for s in bill.sections
        if any(r.mark == "placeholder" or "<<" in r.text for u in s.units for r in u.runs)
        or "<<" in s.intro
    ]
    report.info.append(
        f"{state.slug}: full bill of {len(bill.sections)} sections linted: "
        f"{sum(f.level == 'error' for f in findings)} errors, "
        f"{sum(f.level == 'warning' for f in findings)} warnings"
        + (
            f"; placeholders for missing statute text in {', '.join(placeholders)}"
            if placeholders
            else ""
        )
    )


def _unneeded_everywhere(state: State, clause: object) -> bool:
    """The state's law already does all the clause asks: there is nothing to draft for it."""
    from gapdraft.drafting.assemble import unneeded

    changes = getattr(clause, "amends", ())
    return bool(changes) and all(unneeded(state, c.section, clause) for c in changes)  # type: ignore[arg-type]
