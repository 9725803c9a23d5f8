"""Plain data views of scores and plans: the JSON contract, CSV rows and Markdown tables.

These are what `--format json|csv|md` print; the terminal table is in `tables.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from gapdraft.figures import (
    above_max,
    cap_status,
    gain_label,
    grade_label,
    grade_note,
    over_max_notes,
    published_text,
    total_short,
)
from gapdraft.model import Published, State
from gapdraft.planning.gaps import Gap, Plan
from gapdraft.render.textable import markdown_table
from gapdraft.scoring import (
    FrameworkScore,
    compare_published,
    format_points,
    to_number,
    uncoded_note,
)

__all__ = ["grade_label", "grade_note", "published_text"]  # kept here for older imports


def estimate_notes(titles: Iterable[str]) -> list[str]:
    """The ~ footnote, naming the scorecards whose figures it is about (none: no footnote)."""
    named = list(dict.fromkeys(titles))
    if not named:
        return []
    return [
        f"~ estimate ({', '.join(named)}): how partial credit is split across goals is not "
        "published; the split is ours"
    ]


def plan_estimate_notes(plan: Plan) -> list[str]:
    return estimate_notes(g.framework.short_title for g in plan.gaps if g.estimated)


def _uncoded(scores: Sequence[FrameworkScore]) -> list[str]:
    note = uncoded_note(scores)
    return [note] if note else []


def score_record(score: FrameworkScore, published: Published | None) -> dict[str, Any]:
    framework = score.framework
    return {
        "framework": framework.id,
        "title": framework.short_title,
        "total": to_number(score.total),
        "max": to_number(score.max_points),
        "extra_credit": to_number(score.extra_credit),
        # a total above the maximum is the maximum plus extra credit; a cap is not published
        "above_max": to_number(above_max(score.total, score.max_points)),
        "publisher_caps_total": cap_status(framework),
        "grade": score.grade,
        "grade_status": framework.grade_scale.status,
        # goals not coded yet count as unknown: the total is then a lower bound
        "uncoded_goals": list(score.uncoded),
        "total_is_lower_bound": bool(score.uncoded),
        "published_total": to_number(published.total) if published else None,
        "published_grade": published.grade if published else None,
        "published_tier": published.tier if published else None,
        "published_rank": published.rank if published else None,
        # this state's own report card; None where the publisher printed nothing for it
        "published_source": {"title": published.source.title, "url": published.source.url}
        if published
        else None,
        "matches_published": (not compare_published(score, published)) if published else None,
        "issues": [
            {
                "id": i.issue.id,
                "title": i.issue.title,
                "points": to_number(i.points),
                "max": to_number(i.max_points),
                "published": to_number(published.issues[i.issue.id])
                if published and i.issue.id in published.issues
                else None,
            }
            for i in score.issues
        ],
    }


def gap_record(gap: Gap) -> dict[str, Any]:
    return {
        "rank": gap.rank,
        "framework": gap.framework.id,
        "goal": gap.goal.id,
        "title": gap.goal.title,
        "current_points": to_number(gap.current_points),
        "max_points": to_number(gap.max_points),
        "gain": to_number(gap.gain),
        "levels": [{"id": lv.id, "points": to_number(lv.points)} for lv in gap.steps],
        "projected_total": to_number(gap.projected_total),
        "projected_above_max": to_number(above_max(gap.projected_total, gap.framework.max_points)),
        "projected_grade": gap.projected_grade,
        "estimated": gap.estimated,
    }


def scores_records(state: State, scores: Sequence[FrameworkScore]) -> list[dict[str, Any]]:
    return [score_record(s, state.published.get(s.framework.id)) for s in scores]


def scores_over_max_notes(scores: Sequence[FrameworkScore]) -> list[str]:
    return over_max_notes((s.framework, s.total) for s in scores)


def plan_over_max_notes(plan: Plan) -> list[str]:
    return over_max_notes((g.framework, g.projected_total) for g in plan.gaps)


def plan_json(plan: Plan) -> str:
    data = {
        "state": plan.state.slug,
        "scores": scores_records(plan.state, plan.scores),
        "gaps": [gap_record(g) for g in plan.gaps],
        "notes": grade_note(plan.scores)
        + plan_estimate_notes(plan)
        + plan_over_max_notes(plan)
        + _uncoded(plan.scores),
    }
    return _json(data)


def score_json(
    state: State, scores: Sequence[FrameworkScore], extra: Mapping[str, Any] | None = None
) -> str:
    data = {
        "state": state.slug,
        "scores": scores_records(state, scores),
        "notes": grade_note(scores) + scores_over_max_notes(scores) + _uncoded(scores),
    }
    data.update(extra or {})
    return _json(data)


def _json(data: Mapping[str, Any]) -> str:
    import json  # imported here: the table views (plan's default) need no JSON

    return json.dumps(data, indent=2) + "\n"


def _csv_writer() -> tuple[Any, Any]:
    """A CSV writer into a string buffer (csv imported only for the CSV views)."""
    import csv
    import io

    out = io.StringIO()
    return out, csv.writer(out, lineterminator="\n")


def levels_text(gap: Gap) -> str:
    return ", ".join(f"{lv.id} {format_points(lv.points)}" for lv in gap.steps)


PLAN_COLUMNS = (
    "rank",
    "framework",
    "goal",
    "title",
    "current_points",
    "max_points",
    "gain",
    "levels",
    "projected_total",
    "projected_grade",
    "estimated",
)


def plan_csv(plan: Plan) -> str:
    out, writer = _csv_writer()
    writer.writerow(PLAN_COLUMNS)
    for gap in plan.gaps:
        writer.writerow(
            [
                gap.rank,
                gap.framework.id,
                gap.goal.id,
                gap.goal.title,
                format_points(gap.current_points),
                format_points(gap.max_points),
                format_points(gap.gain),
                levels_text(gap),
                format_points(gap.projected_total),
                gap.projected_grade or "",
                "yes" if gap.estimated else "no",
            ]
        )
    return out.getvalue()


SCORE_COLUMNS = ("framework", "issue", "title", "points", "max", "published")


def score_csv(state: State, scores: Sequence[FrameworkScore]) -> str:
    out, writer = _csv_writer()
    writer.writerow(SCORE_COLUMNS)
    for record in scores_records(state, scores):
        for issue in record["issues"]:
            writer.writerow(
                [
                    record["framework"],
                    issue["id"],
                    issue["title"],
                    issue["points"],
                    issue["max"],
                    "" if issue["published"] is None else issue["published"],
                ]
            )
        writer.writerow(
            [
                record["framework"],
                "total",
                record["title"],
                record["total"],
                record["max"],
                "" if record["published_total"] is None else record["published_total"],
            ]
        )
    return out.getvalue()


def scores_md(state: State, scores: Sequence[FrameworkScore]) -> str:
    rows = [
        [
            s.framework.short_title,
            f"{total_short(s.total, s.max_points)} / {format_points(s.max_points)}",
            grade_label(s),
            published_text(state.published.get(s.framework.id)),
        ]
        for s in scores
    ]
    return markdown_table(["Scorecard", "Score", "Grade", "Published"], rows)


def plan_md(plan: Plan) -> str:
    rows = [
        [
            g.rank,
            g.framework.short_title,
            g.goal.id,
            g.goal.title,
            f"{format_points(g.current_points)} → {format_points(g.max_points)}",
            gain_label(g.gain, g.estimated),
            levels_text(g),
            total_short(g.projected_total, g.framework.max_points),
            g.projected_grade or "",
        ]
        for g in plan.gaps
    ]
    body = [
        f"# {plan.state.name}: scores and gaps",
        "",
        scores_md(plan.state, plan.scores),
        "",
        markdown_table(
            [
                "#",
                "Scorecard",
                "Goal",
                "Title",
                "Now → max",
                "Gain",
                "Levels",
                "Projected",
                "Grade",
            ],
            rows,
        ),
        "",
    ]
    notes = (
        grade_note(plan.scores)
        + plan_estimate_notes(plan)
        + plan_over_max_notes(plan)
        + _uncoded(plan.scores)
    )
    body += [
        f"- {'* ' if i < len(grade_note(plan.scores)) else ''}{n}" for i, n in enumerate(notes)
    ]
    return "\n".join(body) + "\n"


def score_md(state: State, scores: Sequence[FrameworkScore]) -> str:
    parts = [f"# {state.name}: scores", "", scores_md(state, scores), ""]
    for s in scores:
        published = state.published.get(s.framework.id)
        rows = [
            [
                i.issue.id,
                i.issue.title,
                f"{format_points(i.points)} / {format_points(i.max_points)}",
                format_points(published.issues[i.issue.id])
                if published and i.issue.id in published.issues
                else "",
            ]
            for i in s.issues
        ]
        if s.extra_credit:
            rows.append(["", "Extra credit", format_points(s.extra_credit), ""])
        parts += [
            f"## {s.framework.title}",
            "",
            markdown_table(["Issue", "Title", "Computed", "Published"], rows),
            "",
        ]
    parts += [f"- * {n}" for n in grade_note(scores)]
    parts += [f"- {n}" for n in scores_over_max_notes(scores) + _uncoded(scores)]
    return "\n".join(parts) + "\n"
