"""Terminal tables (rich) for `score` and `plan`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from gapdraft.model import State
from gapdraft.planning import Plan
from gapdraft.report import ESTIMATE_NOTE, grade_note, levels_text, published_text
from gapdraft.scoring import FrameworkScore, compare_published, format_points


def scores_table(
    state: State, scores: Sequence[FrameworkScore], before: Sequence[FrameworkScore] | None = None
) -> Table:
    """Scores against the published figures; with `before`, a what-if table (before -> after)."""
    title = (
        f"{state.name}: where it stands" if before is None else f"{state.name}: with the clauses"
    )
    table = Table(title=title, title_justify="left")
    table.add_column("Scorecard")
    if before is not None:
        table.add_column("Now", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Grade", justify="center")
    table.add_column("Published")
    table.add_column("Check")
    for index, s in enumerate(scores):
        published = state.published.get(s.framework.id)
        now: list[str] = []
        if before is not None:
            b = before[index]
            now = [f"{format_points(b.total)} {b.grade or ''}".strip()]
        if before is not None:
            check = Text("what-if", style="cyan")
        elif published is None:
            check = Text("no published figures", style="yellow")
        elif compare_published(s, published):
            check = Text("DIFFERS", style="bold red")
        else:
            check = Text("reproduced", style="green")
        table.add_row(
            s.framework.short_title,
            *now,
            f"{format_points(s.total)} / {format_points(s.max_points)}",
            (s.grade or "none") + ("" if s.framework.grade_scale.status == "official" else "*"),
            published_text(published),
            check,
        )
    return table


def issues_table(state: State, score: FrameworkScore) -> Table:
    published = state.published.get(score.framework.id)
    table = Table(title=score.framework.title, title_justify="left")
    table.add_column("Issue")
    table.add_column("Title")
    table.add_column("Computed", justify="right")
    table.add_column("Published", justify="right")
    for i in score.issues:
        want = published.issues.get(i.issue.id) if published else None
        style = "red" if want is not None and want != i.points else ""
        table.add_row(
            i.issue.id,
            i.issue.title,
            Text(f"{format_points(i.points)} / {format_points(i.max_points)}", style=style),
            "" if want is None else format_points(want),
        )
    if score.extra_credit:
        table.add_row("", "Extra credit", format_points(score.extra_credit), "")
    table.add_row(
        "",
        Text("Total", style="bold"),
        Text(format_points(score.total), style="bold"),
        format_points(published.total) if published else "",
    )
    return table


def plan_table(plan: Plan) -> Table:
    table = Table(title="Unmet goals, most points first", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Scorecard")
    table.add_column("Goal")
    table.add_column("Title", max_width=44)
    table.add_column("Now → max", justify="right")
    table.add_column("Gain", justify="right")
    table.add_column("Levels on the way", max_width=34)
    table.add_column("Projected", justify="right")
    table.add_column("Grade", justify="center")
    for g in plan.gaps:
        table.add_row(
            str(g.rank),
            g.framework.short_title,
            g.goal.id,
            g.goal.title,
            f"{format_points(g.current_points)} → {format_points(g.max_points)}",
            ("~" if g.estimated else "") + "+" + format_points(g.gain),
            levels_text(g) if len(g.steps) > 1 else "",
            format_points(g.projected_total),
            g.projected_grade or "",
        )
    return table


def notes(scores: Sequence[FrameworkScore], any_estimate: bool) -> Text:
    lines = [f"* {n}" for n in grade_note(scores)]
    if any_estimate:
        lines.append(ESTIMATE_NOTE)
    return Text("\n".join(lines), style="dim")


def render(console: Console, *parts: object) -> None:
    console.print(Group(*parts))  # type: ignore[arg-type]
