"""The consultation memo as plain data: where the state stands, the recommendations in plan
order with their points and projected grades, what the bill would achieve, the caveats, and the
appendix (the bill itself and the sources). Pure; the renderers are `memo_docx.py` and
`memo_md.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gapdraft.drafting.bill import Bill
from gapdraft.figures import gain_label, grade_label, grade_note, grade_text, published_text
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.model import Framework, State
from gapdraft.planning.whatif import goal_lifts, points_of, score_with
from gapdraft.scoring import FrameworkScore, GoalLift, format_points, score_state


@dataclass(frozen=True)
class StandingRow:
    framework_title: str
    score: str  # "45 / 100"
    grade: str  # "F*" (starred when the cut-offs are assumed)
    published: str  # "45, F, Tier II"
    reproduced: bool


@dataclass(frozen=True)
class ChartBar:
    label: str  # issue title
    points: Decimal
    max_points: Decimal


@dataclass(frozen=True)
class Chart:
    framework_title: str
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class Projection:
    framework_title: str
    total: str
    grade: str


@dataclass(frozen=True)
class Recommendation:
    number: int
    clause_id: str
    title: str
    bill_section: str  # "SECTION 2" in the appendix bill
    gains: tuple[GoalLift, ...]  # each with the current law it rests on
    projections: tuple[Projection, ...]  # after this and every recommendation above it
    summary: str  # what the model language does, in plain words


@dataclass(frozen=True)
class BeforeAfter:
    framework_title: str
    before: str
    before_grade: str
    after: str
    after_grade: str
    gain: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None


@dataclass(frozen=True)
class Memo:
    state_name: str
    to: str
    from_: str
    date: str
    re: str
    opening: str
    standing: tuple[StandingRow, ...]
    charts: tuple[Chart, ...]
    recommendations: tuple[Recommendation, ...]
    outcome: tuple[BeforeAfter, ...]
    caveats: tuple[str, ...]
    bill: Bill
    sources: tuple[Source, ...]
    statutes: tuple[str, ...]
    grade_notes: tuple[str, ...]


def _standing(state: State, scores: Sequence[FrameworkScore]) -> tuple[StandingRow, ...]:
    from gapdraft.scoring import compare_published

    rows = []
    for s in scores:
        published = state.published.get(s.framework.id)
        rows.append(
            StandingRow(
                framework_title=s.framework.short_title,
                score=f"{format_points(s.total)} / {format_points(s.max_points)}",
                grade=grade_label(s),
                published=published_text(published),
                reproduced=published is not None and not compare_published(s, published),
            )
        )
    return tuple(rows)


def chart_of(score: FrameworkScore) -> Chart:
    return Chart(
        framework_title=score.framework.short_title,
        bars=tuple(ChartBar(i.issue.title, i.points, i.max_points) for i in score.issues),
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
) -> Memo:
    scores = score_state(state, frameworks)
    enacted = library.expand(clause_ids)
    # plan order: the chosen clauses as selected, each followed by the core clauses its section
    # brings with it (so the projections run in the order the bill's provisions arrive)
    ordered: list[Clause] = []
    for clause_id in clause_ids:
        clause = library.get(clause_id)
        for c in [clause] + [e for e in enacted if clause.section and e.section == clause.section]:
            if c not in ordered and (c.id == clause_id or c.id not in clause_ids):
                ordered.append(c)
    points = points_of(scores)
    extra = {s.framework.id: s.extra_credit for s in scores}
    section_of = {cid: s.label.rstrip(".") for s in bill.sections for cid in s.clause_ids}
    recommendations: list[Recommendation] = []
    for clause in ordered:
        gains = goal_lifts(state, frameworks, [clause], points)
        if not gains:
            continue  # restates what the state already has; the bill still carries it
        projections = []
        for s in scores:
            total = sum(points[s.framework.id].values(), Decimal(0)) + extra[s.framework.id]
            grade = grade_text(s.framework, s.framework.grade_for(total))
            projections.append(Projection(s.framework.short_title, format_points(total), grade))
        recommendations.append(
            Recommendation(
                number=len(recommendations) + 1,
                clause_id=clause.id,
                title=clause.title,
                bill_section=section_of.get(clause.id, ""),
                gains=tuple(gains),
                projections=tuple(projections),
                summary=_summary(clause),
            )
        )
    after = score_with(state, frameworks, enacted)
    outcome = tuple(
        BeforeAfter(
            framework_title=b.framework.short_title,
            before=format_points(b.total),
            before_grade=grade_label(b),
            after=format_points(a.total),
            after_grade=grade_label(a),
            gain=format_points(a.total - b.total),
        )
        for b, a in zip(scores, after, strict=True)
    )
    caveats = _caveats(state, scores, recommendations, bill)
    return Memo(
        state_name=state.name,
        to=to or state.memo_to or f"Members of the {state.name} Legislature",
        from_=from_ or state.memo_from or "State Policy Team",
        date=(date or dt.date.today()).strftime("%B %-d, %Y"),
        re=f"Closing the gaps in {state.name}'s human-trafficking laws: a model bill",
        opening=_opening(state, scores, outcome, recommendations),
        standing=_standing(state, scores),
        charts=tuple(chart_of(s) for s in scores),
        recommendations=tuple(recommendations),
        outcome=outcome,
        caveats=caveats,
        bill=bill,
        sources=_sources(state, scores),
        statutes=tuple(
            dict.fromkeys(law for r in recommendations for g in r.gains for law in g.current_law)
        ),
        grade_notes=tuple(grade_note(scores)),
    )


def _summary(clause: Clause) -> str:
    """Two or three plain sentences: the clause's own summary where it has one, else its note."""
    text = (clause.summary or clause.note).strip()
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    summary = ". ".join(sentences[:3])
    return summary if summary.endswith(".") else summary + "."


def _opening(state: State, scores, outcome, recommendations) -> str:
    parts = [
        f"{format_points(s.total)} of {format_points(s.max_points)} under "
        + s.framework.short_title
        for s in scores
    ]
    lifted = "; ".join(f"{o.framework_title} to {o.after} ({o.after_grade})" for o in outcome)
    return (
        f"{state.name} scores {' and '.join(parts)}. The {len(recommendations)} provisions below, "
        f"drafted as one model bill in {state.name}'s bill format, would raise {lifted}. "
        "Each figure traces to a scorecard rubric level and a statute citation; where it rests "
        "on an estimate or an assumption, the memo says so."
    )


def _caveats(state: State, scores, recommendations, bill: Bill) -> tuple[str, ...]:
    caveats: list[str] = []
    for s in scores:
        scale = s.framework.grade_scale
        if scale.status != "official":
            caveats.append(
                f"{s.framework.short_title}: letter grades use {scale.status} cut-offs "
                f"({scale.describe()}); grades marked * are ours, not the publisher's."
            )
        published = state.published.get(s.framework.id)
        if published is not None and published.grade is None:
            caveats.append(
                f"{s.framework.short_title}: the report card prints no letter grade for "
                f"{state.name}."
            )
    estimated = [
        f"{g.framework_title} {g.goal_id}" for r in recommendations for g in r.gains if g.estimated
    ]
    if estimated:
        caveats.append(
            "Gains on these goals are estimates, because the publisher does not say how partial "
            "credit is split between goals: " + ", ".join(estimated) + "."
        )
    unverified = sorted(
        {
            law
            for r in recommendations
            for g in r.gains
            for law in g.current_law
            if "[unverified]" in law
        }
    )
    if unverified:
        caveats.append(
            "These citations have not been checked against the statute's text: "
            + "; ".join(u.replace(" [unverified]", "") for u in unverified)
            + "."
        )
    caveats += list(bill.caveats)
    for s in scores:
        editions = s.framework.edition
        if "not printed" in editions.lower():
            caveats.append(f"{s.framework.short_title}: {editions}.")
    return tuple(dict.fromkeys(caveats))


def _sources(state: State, scores) -> tuple[Source, ...]:
    sources = []
    for s in scores:
        for src in s.framework.sources:
            sources.append(Source(f"{s.framework.publisher}: {src.title}", src.url))
        published = state.published.get(s.framework.id)
        if published is not None:
            sources.append(Source(published.source.title, published.source.url))
    return tuple(dict.fromkeys(sources))


# --- the memo's tables, as rows of text that both renderers lay out -----------------------------

Table = tuple[list[str], list[list[str]]]


def standing_table(memo: Memo) -> Table:
    header = ["Scorecard", "Score", "Grade", "Published", "Reproduced"]
    rows = [
        [s.framework_title, s.score, s.grade, s.published, "yes" if s.reproduced else "NO"]
        for s in memo.standing
    ]
    return header, rows


def gains_table(recommendation: Recommendation) -> Table:
    rows = [
        [
            g.framework_title,
            f"{g.goal_id} {g.goal_title}",
            f"{format_points(g.from_points)} → {format_points(g.to_points)}",
            gain_label(g.gain, g.estimated),
        ]
        for g in recommendation.gains
    ]
    return ["Scorecard", "Goal", "Points", "Gain"], rows


def outcome_table(memo: Memo) -> Table:
    rows = [
        [
            o.framework_title,
            f"{o.before} ({o.before_grade})",
            f"{o.after} ({o.after_grade})",
            "+" + o.gain,
        ]
        for o in memo.outcome
    ]
    return ["Scorecard", "Now", "With the bill", "Gain"], rows


def projection_sentence(recommendation: Recommendation) -> str:
    after = "; ".join(
        f"{p.framework_title} {p.total} ({p.grade})" for p in recommendation.projections
    )
    return f"After this and the provisions above it: {after}."


MARKS_NOTE = "~ marks a gain that rests on an estimate; * marks a grade from assumed cut-offs."
