"""The consultation memo as Markdown (`gapdraft memo --format md`): the same content as the Word
memo, with the chart's numbers as a table."""

from __future__ import annotations

from gapdraft.drafting.memo import (
    Memo,
    Recommendation,
    current_law_sentence,
    gains_table,
    projection_sentence,
    standing_table,
)
from gapdraft.render.textable import markdown_table
from gapdraft.scoring import format_points


def recommendation_md(r: Recommendation, where_bill: str = "of the model bill") -> str:
    where = f" ({r.bill_section} {where_bill})" if r.bill_section else ""
    return "\n".join(
        [
            f"### {r.number}. {r.title}{where}",
            "",
            r.summary,
            "",
            markdown_table(*gains_table(r)),
            "",
            projection_sentence(r),
            "",
            current_law_sentence(r),
        ]
    )


def _chart_md(memo: Memo) -> list[str]:
    chart = memo.chart
    rows = [
        [
            b.group,
            b.label,
            format_points(b.points),
            "+" + format_points(b.added),
            format_points(b.max_points),
        ]
        for b in chart.bars
    ]
    table = markdown_table(["Scorecard", "Issue area", "Now", "Added by the bill", "Maximum"], rows)
    return [f"**{chart.title}**", "", table, "", *([chart.note, ""] if chart.note else [])]


def _appendix_md(memo: Memo) -> list[str]:
    from gapdraft.render.bill_md import bill_markdown

    appendix = memo.appendix
    if appendix is None:
        return []
    parts = ["## Appendix A: Every recommendation, for every unmet goal", ""]
    for r in appendix.recommendations:
        parts += [recommendation_md(r, "in Appendix B"), ""]
    model = bill_markdown(appendix.bill, notes=False)
    parts += ["## Appendix B: Model language", "", model, ""]
    return parts


def memo_markdown(memo: Memo) -> str:
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
        f"## Where {memo.state_name} stands",
        "",
        markdown_table(*standing_table(memo)),
        "",
        *_chart_md(memo),
        "## Recommendations, in plan order",
        "",
        memo.recommendations_intro,
        "",
    ]
    for r in memo.recommendations:
        parts += [recommendation_md(r), ""]
    parts += ["## How firm these numbers are", ""]
    parts += [f"- {line}" for line in memo.firmness]
    parts += ["", "## Sources", ""]
    parts += [f"- {s.title}" + (f" <{s.url}>" if s.url else "") for s in memo.sources]
    if memo.statutes:
        parts += ["", "Statutes cited (as coded; † not yet checked against the official code):", ""]
        parts += [f"- {law}" for law in memo.statutes]
    parts += ["", *_appendix_md(memo)]
    return "\n".join(parts).rstrip("\n") + "\n"
