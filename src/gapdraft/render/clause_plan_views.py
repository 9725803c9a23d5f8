"""Views of clause-level plans: `plan --by clause` and `plan --target-grade` as a terminal
table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from gapdraft.figures import (
    above_max,
    gain_label,
    grade_label,
    grade_note,
    over_max_notes,
    total_short,
)
from gapdraft.model import State
from gapdraft.planning.clause_plans import RankedClause, TargetPlan
from gapdraft.render.data_views import estimate_notes
from gapdraft.render.textable import Column, fit_lines, markdown_table, render_table
from gapdraft.scoring import FrameworkScore, GoalLift, format_points, to_number


def _score_brief(s: FrameworkScore) -> dict[str, Any]:
    return {
        "framework": s.framework.id,
        "total": to_number(s.total),
        "above_max": to_number(above_max(s.total, s.max_points)),
        "grade": s.grade,
    }


def _over_max(plan: TargetPlan) -> list[str]:
    return over_max_notes((s.framework, s.total) for step in plan.steps for s in step.scores)


EFFORT_NOTE = "effort weights (1 small .. 5 large) are our judgment, an assumption: see each clause"


def _goal_gain(g: GoalLift) -> str:
    """'4.4 ~+1': the goal and its gain, marked ~ where the gain rests on an estimate."""
    return f"{g.goal_id} {gain_label(g.gain, g.estimated)}"


def target_records(plan: TargetPlan) -> list[dict[str, Any]]:
    return [
        {
            "step": n,
            "clause": step.clause.id,
            "title": step.clause.title,
            "effort": step.clause.effort,
            "goals_met": [
                {
                    "framework": g.framework_id,
                    "goal": g.goal_id,
                    "from_points": to_number(g.from_points),
                    "to_points": to_number(g.to_points),
                    "estimated": g.estimated,
                }
                for g in step.goals
            ],
            "projected": [_score_brief(s) for s in step.scores],
        }
        for n, step in enumerate(plan.steps, start=1)
    ]


def target_json(state: State, plan: TargetPlan) -> str:
    data = {
        "state": state.slug,
        "target_grade": plan.grade,
        "frameworks": list(plan.frameworks),
        "minimize": plan.minimize,
        "cost": plan.cost,
        "assumed": list(plan.assumed),
        "start": [_score_brief(s) for s in plan.start],
        "plan": target_records(plan),
        "notes": grade_note(plan.start) + _over_max(plan),
    }
    return json.dumps(data, indent=2) + "\n"


def _projected(step_scores: tuple[FrameworkScore, ...]) -> list[str]:
    return [f"{total_short(s.total, s.max_points)} {grade_label(s)}" for s in step_scores]


def target_table(state: State, plan: TargetPlan, width: int, bold: bool) -> str:
    titles = [s.framework.short_title for s in plan.start]
    columns = [Column("#", "right"), Column("Clause", ids=True), Column("Effort", "right")]
    columns += [Column(t, "right") for t in titles]
    columns.append(Column("Goals met", flexible=True))
    rows = [
        [
            "0",
            "(now" + (", with assumed clauses)" if plan.assumed else ")"),
            "",
            *_projected(plan.start),
            "",
        ]
    ]
    for n, step in enumerate(plan.steps, start=1):
        goals = ", ".join(_goal_gain(g) for g in step.goals)
        rows.append(
            [str(n), step.clause.id, str(step.clause.effort), *_projected(step.scores), goals]
        )
    what = "fewest clauses" if plan.minimize == "count" else "least effort"
    scope = ", ".join(plan.frameworks)
    title = f"{state.name}: {what} to reach {plan.grade} ({scope}); cost {plan.cost}"
    notes = [f"* {n}" for n in grade_note(plan.start)]
    notes += _over_max(plan)
    notes += estimate_notes(g.framework_title for st in plan.steps for g in st.goals if g.estimated)
    if plan.minimize == "effort":
        notes.append(EFFORT_NOTE)
    return (
        "\n".join([render_table(title, columns, rows, width, bold), *fit_lines(notes, width)])
        + "\n"
    )


def target_md(state: State, plan: TargetPlan) -> str:
    titles = [s.framework.short_title for s in plan.start]
    header = ["#", "Clause", "Effort", *titles, "Goals met"]
    rows = [["0", "now", "", *_projected(plan.start), ""]]
    for n, step in enumerate(plan.steps, start=1):
        goals = ", ".join(_goal_gain(g) for g in step.goals)
        rows.append(
            [str(n), step.clause.id, str(step.clause.effort), *_projected(step.scores), goals]
        )
    lines = [f"# {state.name}: reaching {plan.grade}", "", markdown_table(header, rows)]
    lines += ["", *(f"- * {n}" for n in grade_note(plan.start))]
    lines += [f"- {n}" for n in _over_max(plan)]
    estimated = (g.framework_title for st in plan.steps for g in st.goals if g.estimated)
    lines += [f"- {n}" for n in estimate_notes(estimated)]
    return "\n".join(lines) + "\n"


def target_csv(plan: TargetPlan) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fids = [s.framework.id for s in plan.start]
    writer.writerow(
        [
            "step",
            "clause",
            "effort",
            *(f"{f}_total" for f in fids),
            *(f"{f}_grade" for f in fids),
            "goals_met",
        ]
    )
    for n, step in enumerate(plan.steps, start=1):
        goals = " ".join(f"{g.framework_id}:{g.goal_id}" for g in step.goals)
        writer.writerow(
            [n, step.clause.id, step.clause.effort]
            + [format_points(s.total) for s in step.scores]
            + [s.grade or "" for s in step.scores]
            + [goals]
        )
    return out.getvalue()


def _framework_gain(c: RankedClause, framework_id: str) -> str:
    """'+23', or '~+1' where a goal behind the gain rests on an estimate; '' for none."""
    gain = c.gains[framework_id]
    if not gain:
        return ""
    estimated = any(g.estimated for g in c.goals if g.framework_id == framework_id)
    return gain_label(gain, estimated)


def by_clause_records(ranked: list[RankedClause]) -> list[dict[str, Any]]:
    return [
        {
            "rank": n,
            "clause": c.clause.id,
            "title": c.clause.title,
            "effort": c.clause.effort,
            "gains": {fid: to_number(g) for fid, g in c.gains.items()},
            "total_gain": to_number(c.total),
            "goals_met": [f"{g.framework_id}:{g.goal_id}" for g in c.goals],
            "estimated": [f"{g.framework_id}:{g.goal_id}" for g in c.goals if g.estimated],
        }
        for n, c in enumerate(ranked, start=1)
    ]


def by_clause_json(state: State, start: list[FrameworkScore], ranked: list[RankedClause]) -> str:
    data = {
        "state": state.slug,
        "start": [_score_brief(s) for s in start],
        "clauses": by_clause_records(ranked),
    }
    return json.dumps(data, indent=2) + "\n"


def by_clause_table(
    state: State, start: list[FrameworkScore], ranked: list[RankedClause], width: int, bold: bool
) -> str:
    columns = [Column("#", "right"), Column("Clause", ids=True)]
    columns += [Column(s.framework.short_title, "right") for s in start]
    columns += [Column("Total", "right"), Column("Effort", "right"), Column("Title", flexible=True)]
    rows = [
        [
            str(n),
            c.clause.id,
            *(_framework_gain(c, s.framework.id) for s in start),
            "+" + format_points(c.total),
            str(c.clause.effort),
            c.clause.title,
        ]
        for n, c in enumerate(ranked, start=1)
    ]
    notes = [
        "Gains are each clause's alone, on top of the state as it stands (a section frame's core "
        "clauses included); they do not add up across rows where clauses meet the same goal.",
        *_ranked_estimates(ranked),
    ]
    table = render_table(f"{state.name}: clauses by combined gain", columns, rows, width, bold)
    return table + "\n".join(fit_lines(notes, width)) + "\n"


def _ranked_estimates(ranked: list[RankedClause]) -> list[str]:
    return estimate_notes(g.framework_title for c in ranked for g in c.goals if g.estimated)


def by_clause_md(state: State, start: list[FrameworkScore], ranked: list[RankedClause]) -> str:
    header = ["#", "Clause", *(s.framework.short_title for s in start), "Total", "Effort", "Title"]
    rows = []
    for n, c in enumerate(ranked, start=1):
        cells = [
            str(n),
            c.clause.id,
            *(_framework_gain(c, s.framework.id) or "+0" for s in start),
        ]
        cells += ["+" + format_points(c.total), str(c.clause.effort), c.clause.title]
        rows.append(cells)
    lines = [f"# {state.name}: clauses by combined gain", "", markdown_table(header, rows)]
    lines += ["", *(f"- {n}" for n in _ranked_estimates(ranked))]
    return "\n".join(lines) + "\n"


def by_clause_csv(start: list[FrameworkScore], ranked: list[RankedClause]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fids = [s.framework.id for s in start]
    writer.writerow(["rank", "clause", *fids, "total_gain", "effort", "title"])
    for n, c in enumerate(ranked, start=1):
        writer.writerow(
            [
                n,
                c.clause.id,
                *(format_points(c.gains[f]) for f in fids),
                format_points(c.total),
                c.clause.effort,
                c.clause.title,
            ]
        )
    return out.getvalue()
