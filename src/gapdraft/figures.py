"""Honest figures: how a score, a grade and a published result are written wherever they appear
(terminal, JSON notes, Markdown, the memo). Pure.

A scorecard that counts extra credit can total more than its maximum (Shared Hope: 104 of
100). Such a total is always written as the maximum plus the extra credit above it, and no
publisher we code says whether it caps the total, so the notes say that is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from gapdraft.model import Framework, Published
from gapdraft.scoring import FrameworkScore, format_points

ZERO = Decimal(0)
CAP_UNKNOWN = "unknown"  # whether a publisher caps a total above its maximum


def cap_status(framework: Framework) -> str | None:
    """Whether the publisher caps a total above the maximum: unknown for every scorecard whose
    extra credit counts in the total (none publishes it); None where no total can exceed it."""
    extra = framework.extra_credit
    return CAP_UNKNOWN if extra is not None and extra.counts_toward_total else None


def above_max(total: Decimal, max_points: Decimal) -> Decimal:
    """The points of a total beyond the scorecard's maximum (all of them extra credit)."""
    return max(total - max_points, ZERO)


def total_short(total: Decimal, max_points: Decimal) -> str:
    """'45', or '100+4' for a total above the maximum (tables; `over_max_note` explains it)."""
    over = above_max(total, max_points)
    if not over:
        return format_points(total)
    return f"{format_points(max_points)}+{format_points(over)}"


def total_long(total: Decimal, max_points: Decimal) -> str:
    """'45', or '104 = 100 + 4 extra credit' for a total above the maximum (prose)."""
    over = above_max(total, max_points)
    if not over:
        return format_points(total)
    return (
        f"{format_points(total)} = {format_points(max_points)} + {format_points(over)} extra credit"
    )


def score_of_max(total: Decimal, max_points: Decimal) -> str:
    """'45 / 100', or '104 = 100 + 4 extra credit' (the maximum is already in the sentence)."""
    if above_max(total, max_points):
        return total_long(total, max_points)
    return f"{format_points(total)} / {format_points(max_points)}"


def over_max_note(framework: Framework) -> str:
    """What a total above the maximum means, and that a cap is unknown."""
    top = format_points(framework.max_points)
    return (
        f"{framework.short_title}: a total above {top} is {top} plus extra credit "
        f"(shown as {top}+n); whether {framework.publisher} caps the total at {top} is not "
        "published (unknown)"
    )


def over_max_notes(totals: Iterable[tuple[Framework, Decimal]]) -> list[str]:
    """One note per scorecard that any of the (scorecard, total) pairs exceeds."""
    over = {f.id: f for f, total in totals if above_max(total, f.max_points)}
    return [over_max_note(f) for f in over.values()]


def grade_text(framework: Framework, grade: str | None) -> str:
    """'F', or 'C*' where the cut-offs are not official (the note says so), or 'no grade'."""
    star = "" if framework.grade_scale.status == "official" else "*"
    return (grade + star) if grade else "no grade"


def grade_label(score: FrameworkScore) -> str:
    """The score's grade, as `grade_text` writes it."""
    label = grade_text(score.framework, score.grade)
    return label + " (provisional)" if score.uncoded else label


def gain_label(points: Decimal, estimated: bool) -> str:
    """'+2.5', or '~+2.5' where the gain rests on an estimate (the notes explain ~)."""
    return ("~" if estimated else "") + "+" + format_points(points)


def grade_note(scores: Sequence[FrameworkScore]) -> list[str]:
    """One line per framework whose grade cut-offs are not official."""
    return [
        f"{s.framework.short_title} grades use {s.framework.grade_scale.status} cut-offs "
        f"({s.framework.grade_scale.describe()})"
        for s in scores
        if s.framework.grade_scale.status != "official"
    ]


def published_text(published: Published | None) -> str:
    if published is None:
        return "not published"
    parts = [format_points(published.total)]
    if published.grade:
        parts.append(published.grade)
    if published.tier:
        parts.append(f"Tier {published.tier}")
    if published.rank:
        parts.append(f"ranked {published.rank}")
    return ", ".join(parts)
