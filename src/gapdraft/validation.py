"""`gapdraft validate`: load every file, score every state, compare with published figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gapdraft.errors import DataError, FileProblems, GapdraftError
from gapdraft.load.states import load_state, uncoded_problem
from gapdraft.load.workspace import Workspace
from gapdraft.model import State
from gapdraft.scoring import compare_published, format_points, score_state


@dataclass
class ValidationReport:
    problems: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    # goals not coded yet, grouped by file: a heading line, then one indented line per goal
    pending: list[str] = field(default_factory=list)


def validate_workspace(ws: Workspace) -> ValidationReport:
    report = ValidationReport()
    report.info.append(f"{len(ws.frameworks)} frameworks: {', '.join(ws.frameworks)}")
    states = []
    for file in ws.state_files():
        try:
            state = load_state(file, dict(ws.frameworks))
        except FileProblems as exc:
            report.problems += [str(e) for e in exc.errors]
            report.pending += _pending(file, exc.pending)
            continue
        except DataError as exc:
            report.problems.append(str(exc))
            continue
        states.append(state)
        pending = [
            uncoded_problem(file, ws.frameworks[fid], goal_id, line)
            for fid, coding in state.codings.items()
            for goal_id, line in coding.uncoded
        ]
        report.pending += _pending(file, pending)
    for state in states:
        for score in score_state(state, ws.frameworks):
            published = state.published.get(score.framework.id)
            if published is None:
                report.info.append(f"{state.slug}: {score.framework.id}: not published")
                continue
            if score.uncoded:
                report.info.append(
                    f"{state.slug}: {score.framework.id}: published figures not compared "
                    f"until its {len(score.uncoded)} uncoded goals are coded"
                )
                continue
            mismatches = compare_published(score, published)
            for m in mismatches:
                report.problems.append(
                    f"{published.loc.file}:{m.line}: {state.slug}, {score.framework.id}: "
                    + m.describe()
                )
            if not mismatches:
                report.info.append(
                    f"{state.slug}: {score.framework.id}: reproduces the published "
                    f"{format_points(published.total)} and {len(published.issues)} issue subtotals"
                )
    report.info.append(f"{len(states)} states checked")
    if ws.clause_files():
        _validate_clauses(ws, states, report)
    return report


def _pending(file: Path, pending: list[DataError]) -> list[str]:
    if not pending:
        return []
    return [f"{file}: {len(pending)} goals not coded yet:", *(f"  {p}" for p in pending)]


def _validate_clauses(ws: Workspace, states: list[State], report: ValidationReport) -> None:
    """Every clause loads, renders for every state that has a bill style, and every unmet goal
    of every state has a clause."""
    from gapdraft.drafting.assemble import best_clause, draft_bill
    from gapdraft.planning.gaps import build_plan

    try:
        library = ws.load_library()
    except DataError as exc:
        report.problems.append(str(exc))
        return
    adoptable = library.adoptable()
    report.info.append(f"{len(library.clauses)} clause files ({len(adoptable)} clauses)")
    for state in states:
        if state.bill_style is None:
            report.info.append(f"{state.slug}: no bill_style, clauses not rendered")
        else:
            for clause in adoptable:
                try:
                    draft_bill(state, ws.frameworks, library, [clause.id])
                except GapdraftError as exc:
                    report.problems.append(f"{state.slug}: {exc}")
        unmet = [(g.framework.id, g.goal.id) for g in build_plan(state, ws.frameworks).gaps]
        missing = [f"{fid} {gid}" for fid, gid in unmet if best_clause(library, fid, gid) is None]
        for goal in missing:
            report.problems.append(f"{state.slug}: no clause meets unmet goal {goal}")
        report.info.append(
            f"{state.slug}: {len(unmet) - len(missing)} of {len(unmet)} unmet goals have a clause"
        )
