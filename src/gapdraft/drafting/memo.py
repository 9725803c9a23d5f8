"""The consultation memo as plain data: the ask and the result, where the state stands, one chart
for every scorecard, the recommendations in plan order with their points and projected grades,
how firm the numbers are, and the sources; with `full`, every recommendation for every unmet
goal and the model language as appendices. Pure: the renderers are `render/memo_docx.py` and
`render/memo_md.py`, and this module imports none of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from gapdraft.drafting.bill import Bill
from gapdraft.drafting.memo_notes import (
    Source,
    current_law_of,
    firmness,
    goal_label,
    grade_beside,
    sources_of,
)
from gapdraft.figures import (
    gain_label,
    grade_label,
    grade_text,
    published_text,
    score_of_max,
    total_long,
)
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, State
from gapdraft.planning.whatif import goal_lifts, points_of, score_with
from gapdraft.scoring import (
    FrameworkScore,
    GoalLift,
    compare_published,
    format_points,
    require_coded,
    score_state,
)

__all__ = ["Source"]


class StandingRow(NamedTuple):
    framework_title: str
    score: str  # "45 / 100", or "104 = 100 + 4 extra credit"
    grade: str  # "F*" (starred when the cut-offs are assumed)
    grade_note: str  # "Polaris printed no grade" where the publisher printed none, else ""
    published: str  # "45, F, Tier II"
    reproduced: bool | None  # None: no published figures to reproduce
    after: str  # with the recommended bill
    after_grade: str


class ChartBar(NamedTuple):
    group: str  # the scorecard
    label: str  # issue area
    points: Decimal  # now
    added: Decimal  # what the recommended bill adds
    max_points: Decimal


class Chart(NamedTuple):
    title: str
    bars: tuple[ChartBar, ...]
    note: str  # what the bars leave out (extra credit), or ""


class GoalGain(NamedTuple):
    """A goal a recommendation lifts, named so a reader needs no id to follow it."""

    lift: GoalLift
    label: str  # "Goal 4.4: Vacatur of convictions and adjudications"


class Projection(NamedTuple):
    framework_title: str
    total: str  # "60", or "104 = 100 + 4 extra credit"
    grade: str


class Recommendation(NamedTuple):
    number: int
    clause_id: str
    title: str
    bill_section: str  # "SECTION 2" in the model bill ("" where it is not drafted here)
    summary: str  # what the model language does, in plain words
    gains: tuple[GoalGain, ...]
    projections: tuple[Projection, ...]  # after this and every recommendation above it
    current_law: tuple[str, ...]  # the statutes the goals rest on, one line in the memo


class Appendix(NamedTuple):
    """With --full: every recommendation for every unmet goal, and the model language."""

    recommendations: tuple[Recommendation, ...]
    bill: Bill
    after: tuple[FrameworkScore, ...]  # with every one of them


class Memo(NamedTuple):
    state_name: str
    to: str
    from_: str
    date: str
    re: str
    opening: str
    standing: tuple[StandingRow, ...]
    chart: Chart
    recommendations: tuple[Recommendation, ...]
    recommendations_intro: str  # what the section numbers and running totals refer to
    firmness: tuple[str, ...]  # the "how firm these numbers are" box
    sources: tuple[Source, ...]
    statutes: tuple[str, ...]
    appendix: Appendix | None


def default_target(scores: Sequence[FrameworkScore]) -> str | None:
    """The memo's default ask: the lowest grade, above each scale's bottom band, that some
    scorecard has not reached (so the state's lowest grade rises one letter); None when the
    scales share no grade or every scorecard has reached the top grade they share."""
    if not scores:
        return None
    scales = [s.framework.grade_scale for s in scores]
    shared = [b for b in scales[0].bands if all(sc.min_for(b.grade) is not None for sc in scales)]
    for band in reversed(shared):  # lowest first
        minima = [sc.min_for(band.grade) or Decimal(0) for sc in scales]
        if not all(minima) and band.min == 0:
            continue  # the bottom band is no ask
        if any(s.total < m for s, m in zip(scores, minima, strict=True)):
            return band.grade
    return None


def plan_order(library: ClauseLibrary, clause_ids: Sequence[str]) -> list[Clause]:
    """The chosen clauses as selected, each followed by the core clauses its section brings
    with it, so the projections run in the order the bill's provisions arrive."""
    enacted = library.expand(clause_ids)
    ordered: list[Clause] = []
    for clause_id in clause_ids:
        clause = library.get(clause_id)
        for c in [clause] + [e for e in enacted if clause.section and e.section == clause.section]:
            if c not in ordered and (c.id == clause_id or c.id not in clause_ids):
                ordered.append(c)
    return ordered


def _gains(
    clause: Clause, state: State, frameworks: Mapping[str, Framework], points: dict
) -> list[GoalGain]:
    """What the clause adds on top of `points` (framework -> goal -> points so far; updated)."""
    gains = []
    for lift in goal_lifts(state, frameworks, [clause], points):
        framework = frameworks[lift.framework_id]
        goal = framework.goal(lift.goal_id)
        assert goal is not None
        gains.append(GoalGain(lift, goal_label(framework, goal)))
    return gains


def _projections(scores: Sequence[FrameworkScore], points: dict) -> tuple[Projection, ...]:
    projections = []
    for s in scores:
        total = sum(points[s.framework.id].values(), Decimal(0)) + s.extra_credit
        grade = grade_text(s.framework, s.framework.grade_for(total))
        projections.append(
            Projection(s.framework.short_title, total_long(total, s.max_points), grade)
        )
    return tuple(projections)


def recommendations_for(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
    bill: Bill | None,
) -> tuple[Recommendation, ...]:
    """One recommendation per clause that gains points, in plan order, with running totals."""
    scores = score_state(state, frameworks)
    points = points_of(scores)
    section_of = {}
    if bill is not None:
        section_of = {cid: s.label.rstrip(".") for s in bill.sections for cid in s.clause_ids}
    recommendations: list[Recommendation] = []
    for clause in plan_order(library, clause_ids):
        gains = _gains(clause, state, frameworks, points)
        if not gains:
            continue  # restates what the state already has; the bill still carries it
        recommendations.append(
            Recommendation(
                number=len(recommendations) + 1,
                clause_id=clause.id,
                title=clause.title,
                bill_section=section_of.get(clause.id, ""),
                summary=_summary(clause),
                gains=tuple(gains),
                projections=_projections(scores, points),
                current_law=current_law_of(state, clause),
            )
        )
    return tuple(recommendations)


def _summary(clause: Clause) -> str:
    """Two or three plain sentences: the clause's own summary where it has one, else its note."""
    text = (clause.summary or clause.note).strip()
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    summary = ". ".join(sentences[:3])
    return summary if summary.endswith(".") else summary + "."


def _standing(
    state: State, scores: Sequence[FrameworkScore], after: Sequence[FrameworkScore]
) -> tuple[StandingRow, ...]:
    rows = []
    for s, a in zip(scores, after, strict=True):
        published = state.published.get(s.framework.id)
        rows.append(
            StandingRow(
                framework_title=s.framework.short_title,
                score=score_of_max(s.total, s.max_points),
                grade=grade_label(s),
                grade_note=grade_beside(s, published),
                published=published_text(published),
                reproduced=None if published is None else not compare_published(s, published),
                after=score_of_max(a.total, a.max_points),
                after_grade=grade_label(a),
            )
        )
    return tuple(rows)


def chart_of(scores: Sequence[FrameworkScore], after: Sequence[FrameworkScore]) -> Chart:
    """One chart for every scorecard: each issue area's points now, what the bill adds, and
    its maximum."""
    bars = tuple(
        ChartBar(
            s.framework.short_title, i.issue.title, i.points, j.points - i.points, i.max_points
        )
        for s, a in zip(scores, after, strict=True)
        for i, j in zip(s.issues, a.issues, strict=True)
    )
    left_out = [
        f"{s.framework.short_title}'s {format_points(s.extra_credit)} "
        f"{'point' if s.extra_credit == 1 else 'points'} of extra credit"
        for s in scores
        if s.extra_credit
    ]
    note = f"The bars leave out {' and '.join(left_out)}." if left_out else ""
    return Chart("Points by issue area: now, and with the recommended bill", bars, note)


def _opening(
    state: State,
    scores: Sequence[FrameworkScore],
    after: Sequence[FrameworkScore],
    count: int,
) -> str:
    now = []
    for s in scores:
        beside = grade_beside(s, state.published.get(s.framework.id))
        grade = grade_label(s) + (f"; {beside}" if beside else "")
        now.append(
            f"{format_points(s.total)} of {format_points(s.max_points)} ({grade}) on "
            f"{s.framework.short_title}"
        )
    changes, unchanged = [], []
    for s, a in zip(scores, after, strict=True):
        if a.total > s.total:
            changes.append(
                f"{s.framework.short_title} from {format_points(s.total)} ({grade_label(s)}) to "
                f"{total_long(a.total, a.max_points)} ({grade_label(a)})"
            )
        else:
            unchanged.append(f"{s.framework.short_title} stays at {format_points(s.total)}")
    closing = (
        " Grades marked * are ours, on assumed cut-offs; the box at the end says how firm each "
        "number is."
    )
    if not changes:  # every selected provision restates what the law already does
        return (
            f"{state.name} scores {' and '.join(now)}. The selected provisions would not change "
            f"any score: {state.name}'s law already meets the goals they serve." + closing
        )
    provisions = "one provision" if count == 1 else f"{count} provisions"
    text = (
        f"{state.name} scores {' and '.join(now)}. We ask you to consider a model bill of "
        f"{provisions}, drafted in {state.name}'s bill format, that would raise "
        f"{' and '.join(changes)}"
    )
    return text + (f"; {' and '.join(unchanged)}." if unchanged else ".") + closing


def _recommendations_intro(count: int) -> str:
    if not count:
        return "None of the selected provisions gains points under any scorecard."
    provisions = "this provision" if count == 1 else f"these {count} provisions"
    return (
        f"Each recommendation is a section of one model bill drafted for {provisions}, in the "
        "state's own bill format; the section numbers are that bill's. Each running total adds "
        "the provision to the ones above it."
    )


def build_memo(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
    bill: Bill,
    to: str | None = None,
    from_: str | None = None,
    date: dt.date | None = None,
    appendix: Appendix | None = None,
) -> Memo:
    require_coded(state, "the memo")
    scores = score_state(state, frameworks)
    after = score_with(state, frameworks, library.expand(clause_ids))
    recommendations = recommendations_for(state, frameworks, library, clause_ids, bill)
    shown = recommendations + (appendix.recommendations if appendix else ())
    return Memo(
        state_name=state.name,
        to=to or state.memo_to or f"Members of the {state.name} Legislature",
        from_=from_ or state.memo_from or "State Policy Team",
        date=(date or dt.date.today()).strftime("%B %-d, %Y"),
        re=f"Closing the gaps in {state.name}'s human-trafficking laws: a model bill",
        opening=_opening(state, scores, after, len(recommendations)),
        standing=_standing(state, scores, after),
        chart=chart_of(scores, after),
        recommendations=recommendations,
        recommendations_intro=_recommendations_intro(len(recommendations)),
        firmness=firmness(
            state,
            scores,
            [*after, *(appendix.after if appendix else ())],
            shown,
            [library.get(r.clause_id) for r in shown],
            bill,
        ),
        sources=sources_of(state, scores),
        statutes=tuple(dict.fromkeys(law for r in shown for law in r.current_law)),
        appendix=appendix,
    )


def build_appendix(
    state: State,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary,
    clause_ids: Sequence[str],
    bill: Bill,
) -> Appendix:
    """Every recommendation (for `clause_ids`, normally every unmet goal) and its bill."""
    return Appendix(
        recommendations_for(state, frameworks, library, clause_ids, bill),
        bill,
        tuple(score_with(state, frameworks, library.expand(clause_ids))),
    )


# --- the memo's tables, as rows of text that both renderers lay out -----------------------------

Table = tuple[list[str], list[list[str]]]


def standing_table(memo: Memo) -> Table:
    header = ["Scorecard", "Score now", "Grade now", "Published", "With the bill"]
    rows = []
    for s in memo.standing:
        grade = s.grade + (f" ({s.grade_note})" if s.grade_note else "")
        published = s.published + ("" if s.reproduced in (True, None) else " (differs)")
        rows.append([s.framework_title, s.score, grade, published, f"{s.after} ({s.after_grade})"])
    return header, rows


def gains_table(recommendation: Recommendation) -> Table:
    rows = [
        [
            g.lift.framework_title,
            g.label,
            f"{format_points(g.lift.from_points)} → {format_points(g.lift.to_points)}",
            gain_label(g.lift.gain, g.lift.estimated),
        ]
        for g in recommendation.gains
    ]
    return ["Scorecard", "Goal", "Points", "Gain"], rows


def current_law_sentence(recommendation: Recommendation) -> str:
    laws = recommendation.current_law
    return "Current law: " + ("; ".join(laws) if laws else "no statute cited in our coding") + "."


def projection_sentence(recommendation: Recommendation) -> str:
    after = "; ".join(
        f"{p.framework_title} {p.total} ({p.grade})" for p in recommendation.projections
    )
    return f"With this and the provisions above it: {after}."


MARKS_NOTE = (
    "~ marks a gain that rests on our estimate; * marks a grade on assumed cut-offs; "
    "† marks a citation not yet checked against the official code."
)
