"""The consultation memo as Markdown (`gapdraft memo --format md`)."""

from __future__ import annotations

from gapdraft.drafting.memo import (
    MARKS_NOTE,
    Memo,
    Recommendation,
    gains_table,
    outcome_table,
    projection_sentence,
    standing_table,
)
from gapdraft.scoring import format_points


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join([_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)])


def recommendation_md(r: Recommendation) -> str:
    lines = [
        f"### {r.number}. {r.title}"
        + (f" ({r.bill_section} of the bill)" if r.bill_section else "")
    ]
    lines.append("")
    lines.append(r.summary)
    lines.append("")
    lines.append(_table(*gains_table(r)))
    lines.append("")
    lines.append(projection_sentence(r))
    laws = []
    for g in r.gains:
        cited = "; ".join(g.current_law) if g.current_law else "no statute on point found"
        laws.append(f"- Current law ({g.goal_id}): {cited}.")
    lines.append("")
    lines += laws
    return "\n".join(lines)


def memo_markdown(memo: Memo, include_bill: bool = True) -> str:
    from gapdraft.render.bill_md import bill_markdown

    parts = [
        "# Memorandum",
        "",
        f"**To:** {memo.to}  ",
        f"**From:** {memo.from_}  ",
        f"**Date:** {memo.date}  ",
        f"**Re:** {memo.re}",
        "",
        memo.opening,
        "",
        "## Where the state stands",
        "",
        _table(*standing_table(memo)),
        "",
    ]
    for chart in memo.charts:
        parts += [
            f"Points by issue area, {chart.framework_title}:",
            "",
            _table(
                ["Issue area", "Points", "Maximum"],
                [
                    [b.label, format_points(b.points), format_points(b.max_points)]
                    for b in chart.bars
                ],
            ),
            "",
        ]
    parts += ["## Recommendations", ""]
    for r in memo.recommendations:
        parts += [recommendation_md(r), ""]
    parts += [
        "## What the bill would achieve",
        "",
        _table(*outcome_table(memo)),
        "",
        "## Caveats",
        "",
        *(f"- {c}" for c in memo.caveats),
        "",
        MARKS_NOTE,
        "",
    ]
    if include_bill:
        parts += ["## Appendix A: Model language", "", bill_markdown(memo.bill), ""]
    parts += ["## Appendix B: Sources", ""]
    parts += [f"- {s.title}" + (f" <{s.url}>" if s.url else "") for s in memo.sources]
    if memo.statutes:
        parts += ["", "Statutes cited (as coded; unverified ones are marked):", ""]
        parts += [f"- {law}" for law in memo.statutes]
    return "\n".join(parts) + "\n"
