"""Terminal tables for `score` and `plan` (plain text; see `textable.py` for why not Rich)."""

from __future__ import annotations

from collections.abc import Sequence

from gapdraft.figures import gain_label, grade_label, grade_note, published_text, total_short
from gapdraft.model import State
from gapdraft.planning.gaps import Plan
from gapdraft.render.data_views import estimate_notes, levels_text, scores_over_max_notes
from gapdraft.render.textable import Column, fit_lines, render_table
from gapdraft.scoring import FrameworkScore, compare_published, format_points, uncoded_note


def scores_table(
    state: State,
    scores: Sequence[FrameworkScore],
    before: Sequence[FrameworkScore] | None = None,
    width: int = 100,
    bold: bool = False,
) -> str:
    """Scores against the published figures; with `before`, a what-if table (now -> with)."""
    columns = [Column("Scorecard")]
    if before is not None:
        columns.append(Column("Now", "right"))
    columns += [
        Column("Score", "right"),
        Column("Grade", "center"),
        Column("Published"),
        Column("Check"),
    ]
    rows = []
    for index, s in enumerate(scores):
        published = state.published.get(s.framework.id)
        now = []
        if before is not None:
            b = before[index]
            now = [f"{total_short(b.total, b.max_points)} {grade_label(b)}"]
            check = "what-if"
        elif published is None:
            check = "not published"
        elif s.uncoded:
            check = f"{len(s.uncoded)} goals uncoded"
        elif compare_published(s, published):
            check = "DIFFERS from published"
        else:
            check = "reproduced"
        rows.append(
            [
                s.framework.short_title,
                *now,
                ("at least " if s.uncoded else "")
                + f"{total_short(s.total, s.max_points)} / {format_points(s.max_points)}",
                grade_label(s),
                published_text(published),
                check,
            ]
        )
    title = (
        f"{state.name}: where it stands" if before is None else f"{state.name}: with the clauses"
    )
    return render_table(title, columns, rows, width, bold)


def issues_table(state: State, score: FrameworkScore, width: int = 100, bold: bool = False) -> str:
    published = state.published.get(score.framework.id)
    columns = [
        Column("Issue"),
        Column("Title", flexible=True),
        Column("Computed", "right"),
        Column("Published", "right"),
    ]
    rows = []
    for i in score.issues:
        want = published.issues.get(i.issue.id) if published else None
        mark = " !" if want is not None and want != i.points else ""
        rows.append(
            [
                i.issue.id,
                i.issue.title,
                f"{format_points(i.points)} / {format_points(i.max_points)}{mark}",
                "" if want is None else format_points(want),
            ]
        )
    if score.extra_credit:
        rows.append(["", "Extra credit", format_points(score.extra_credit), ""])
    rows.append(
        [
            "",
            "Total",
            total_short(score.total, score.max_points),
            format_points(published.total) if published else "",
        ]
    )
    return render_table(score.framework.title, columns, rows, width, bold)


def mark_notes(state: State, scores: Sequence[FrameworkScore], what_if: bool) -> list[str]:
    """What a `!` beside an issue's subtotal means, when the tables show one."""
    marked = any(
        published is not None
        and published.issues.get(i.issue.id) is not None
        and published.issues[i.issue.id] != i.points
        for s in scores
        for published in [state.published.get(s.framework.id)]
        for i in s.issues
    )
    if not marked:
        return []
    if what_if:
        return [
            "! the subtotal with the clauses differs from the published one: expected in a "
            "what-if, where the published figures are the state's law as it stands"
        ]
    return ["! the computed subtotal differs from the published one: check the coding"]


def plan_table(plan: Plan, width: int = 100, bold: bool = False) -> str:
    columns = [
        Column("#", "right"),
        Column("Scorecard", flexible=True),
        Column("Goal", ids=True),
        Column("Now → max", "right"),
        Column("Gain", "right"),
        Column("Projected", "right"),
        Column("Grade", "center"),
        Column("What the law must do", flexible=True),
    ]
    rows = []
    for g in plan.gaps:
        title = g.goal.title
        if len(g.steps) > 1:  # intermediate levels on the same row
            title += f" (levels: {levels_text(g)})"
        rows.append(
            [
                str(g.rank),
                g.framework.short_title,
                g.goal.id,
                f"{format_points(g.current_points)} → {format_points(g.max_points)}",
                gain_label(g.gain, g.estimated),
                total_short(g.projected_total, g.framework.max_points),
                g.projected_grade or "",
                title,
            ]
        )
    return render_table("Unmet goals, most points first", columns, rows, width, bold)


def notes(
    scores: Sequence[FrameworkScore],
    estimated: Sequence[str],
    over_max: Sequence[str] = (),
    width: int = 100,
) -> str:
    """The footnotes: assumed cut-offs, estimates, and totals above a maximum (in `scores`, or
    the plan's projections given as `over_max`)."""
    lines = [f"* {n}" for n in grade_note(scores)]
    lines += estimate_notes(estimated)  # the scorecards with estimated figures shown
    lines += dict.fromkeys([*scores_over_max_notes(scores), *over_max])
    uncoded = uncoded_note(scores)
    if uncoded:
        lines.append(uncoded)
    return "\n".join(fit_lines(lines, width)) + "\n" if lines else ""
