"""`gapdraft validate`: load every file, score every state, compare with published figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from gapdraft.errors import DataError
from gapdraft.loader import load_state
from gapdraft.scoring import compare_published, format_points, score_state
from gapdraft.workspace import Workspace


@dataclass
class ValidationReport:
    problems: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)


def validate_workspace(ws: Workspace) -> ValidationReport:
    report = ValidationReport()
    report.info.append(f"{len(ws.frameworks)} frameworks: {', '.join(ws.frameworks)}")
    states = []
    for file in ws.state_files():
        try:
            states.append(load_state(file, dict(ws.frameworks)))
        except DataError as exc:
            report.problems.append(str(exc))
    for state in states:
        for score in score_state(state, ws.frameworks):
            published = state.published.get(score.framework.id)
            if published is None:
                report.info.append(
                    f"{state.slug}: {score.framework.id}: no published figures to check"
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
    return report
