"""`gapdraft compare`: every state of the workspace side by side, score and grade per scorecard,
with the published figures where the state has them. One record per state and scorecard feeds
the table, JSON, CSV and Markdown forms alike."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from gapdraft.figures import grade_label, grade_note, published_text, total_short
from gapdraft.model import Framework, State
from gapdraft.render.textable import Column, fit_lines, markdown_table, render_table
from gapdraft.scoring import (
    FrameworkScore,
    compare_published,
    format_points,
    score_state,
    to_number,
    uncoded_note,
)


def compare_rows(
    states: Sequence[State], frameworks: Mapping[str, Framework], only: Sequence[str] | None
) -> list[tuple[State, FrameworkScore]]:
    """(state, score) for every scorecard each state codes: states in file order, scorecards in
    the workspace's order, so the same scorecard sits in the same place for every state."""
    rank = {fid: n for n, fid in enumerate(frameworks)}
    return [
        (state, score)
        for state in states
        for score in sorted(score_state(state, frameworks), key=lambda s: rank[s.framework.id])
        if not only or score.framework.id in only
    ]


def _check(state: State, score: FrameworkScore) -> str:
    published = state.published.get(score.framework.id)
    if published is None:
        return "not published"
    if score.uncoded:
        return "not compared"
    return "differs" if compare_published(score, published) else "reproduced"


def _record(state: State, score: FrameworkScore) -> dict[str, Any]:
    published = state.published.get(score.framework.id)
    return {
        "state": state.slug,
        "name": state.name,
        "framework": score.framework.id,
        "total": to_number(score.total),
        "max": to_number(score.max_points),
        "grade": score.grade,
        "grade_status": score.framework.grade_scale.status,
        "uncoded_goals": len(score.uncoded),
        "total_is_lower_bound": bool(score.uncoded),
        "published_total": to_number(published.total) if published else None,
        "published_grade": published.grade if published else None,
        "published_source": published.source.title if published else None,
        "check": _check(state, score),
    }


def _notes(rows: Sequence[tuple[State, FrameworkScore]]) -> list[str]:
    scores = [score for _, score in rows]
    by_framework = {s.framework.id: s for s in scores}
    notes = grade_note(list(by_framework.values()))
    uncoded = uncoded_note(scores)
    return notes + ([uncoded] if uncoded else [])


def compare_json(rows: Sequence[tuple[State, FrameworkScore]]) -> str:
    data = {"rows": [_record(st, s) for st, s in rows], "notes": _notes(rows)}
    return json.dumps(data, indent=2) + "\n"


def compare_csv(rows: Sequence[tuple[State, FrameworkScore]]) -> str:
    out = io.StringIO()
    records = [_record(st, s) for st, s in rows]
    fields = [k for k in (records[0] if records else _record_keys())]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return out.getvalue()


def _record_keys() -> list[str]:
    return ["state", "name", "framework", "total", "max", "grade", "published_total"]


def _cells(state: State, score: FrameworkScore) -> list[str]:
    total = total_short(score.total, score.max_points)
    return [
        state.name,
        score.framework.short_title,
        ("at least " if score.uncoded else "") + f"{total} / {format_points(score.max_points)}",
        grade_label(score),
        published_text(state.published.get(score.framework.id)),
        _check(state, score),
    ]


HEADERS = ("State", "Scorecard", "Score", "Grade", "Published", "Check")


def compare_md(rows: Sequence[tuple[State, FrameworkScore]]) -> str:
    lines = [markdown_table(HEADERS, [_cells(*r) for r in rows])]
    lines += [""] + [f"- {n}" for n in _notes(rows)]
    return "\n".join(lines) + "\n"


def compare_table(rows: Sequence[tuple[State, FrameworkScore]], width: int, bold: bool) -> str:
    columns = [
        Column("State", flexible=True),
        Column("Scorecard"),
        Column("Score", "right"),
        Column("Grade", "center"),
        Column("Published"),
        Column("Check"),
    ]
    table = render_table(
        "Every state, side by side", columns, [_cells(*r) for r in rows], width, bold
    )
    notes = _notes(rows)
    lines = fit_lines([f"* {n}" for n in notes], width)
    return table + ("\n" + "\n".join(lines) + "\n" if notes else "")
