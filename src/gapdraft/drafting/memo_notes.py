"""The memo's plain words about its own figures: readable goal names, current law in one line,
the "how firm these numbers are" box, and the sources. Pure; data-driven, so a state's own
published source, or its lack of published figures, shows without changes here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from gapdraft.figures import above_max, grade_label, total_long
from gapdraft.load.clauses import Clause
from gapdraft.model import Citation, Framework, Goal, Published, State
from gapdraft.scoring import FrameworkScore, compare_published, format_points

if TYPE_CHECKING:
    from gapdraft.drafting.bill import Bill
    from gapdraft.drafting.memo import Recommendation

UNVERIFIED_MARK = "†"


class Source(NamedTuple):
    title: str
    url: str | None


def goal_label(framework: Framework, goal: Goal) -> str:
    """A goal as a reader knows it: the publisher's goal number, or, where a scorecard area has
    a single goal (Polaris's categories), the area's name; never an internal id alone."""
    issue = framework.issue(goal.issue_id)
    if issue is not None and len(issue.goals) == 1:
        return f"{issue.title}: {goal.title[:1].lower()}{goal.title[1:]}"
    return f"Goal {goal.id}: {goal.title}"


def cite_label(state: State, citation: Citation) -> str:
    """'Human trafficking, NMSA 1978, § 30-52-1†'. A cite that names no section of the state's
    code is a description, so the law is named by its subject alone (the box says why)."""
    is_section = citation.cite.startswith(state.code_name)
    if citation.title and is_section:
        text = f"{citation.title}, {citation.cite}"
    else:
        text = citation.title or citation.cite
    return text + ("" if citation.verified else UNVERIFIED_MARK)


def _citations(state: State, clauses: Sequence[Clause]) -> list[Citation]:
    found: list[Citation] = []
    for clause in clauses:
        for lift in clause.satisfies:
            coding = state.codings.get(lift.framework_id)
            goal = coding.goals.get(lift.goal_id) if coding else None
            if goal is not None:
                found += [c for c in goal.citations if c not in found]
    return found


def current_law_of(state: State, clause: Clause) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cite_label(state, c) for c in _citations(state, [clause])))


def grade_beside(score: FrameworkScore, published: Published | None) -> str:
    """Said beside a grade we show where the publisher printed none."""
    if published is not None and published.grade is None and score.grade:
        return "publisher printed no grade"
    return ""


def _published_line(state: State, scores: Sequence[FrameworkScore]) -> str:
    done, differs, missing = [], [], []
    for s in scores:
        published = state.published.get(s.framework.id)
        if published is None:
            missing.append(s.framework.short_title)
        elif compare_published(s, published):
            differs.append(s.framework.short_title)
        else:
            done.append(f"{s.framework.short_title} {format_points(s.total)}")
    parts = []
    if done:
        parts.append(f"Today's totals ({', '.join(done)}) reproduce the published report cards.")
    if differs:
        parts.append(
            f"Our computed totals differ from the published ones for {' and '.join(differs)}."
        )
    if missing:
        parts.append(
            f"No published figures are on file for {state.name} under {' or '.join(missing)}: "
            "those totals are ours alone."
        )
    parts.append("Every figure after a recommendation is our computation from the rubric.")
    return " ".join(parts)


def _grade_lines(state: State, scores: Sequence[FrameworkScore]) -> list[str]:
    lines = []
    assumed = [s for s in scores if s.framework.grade_scale.status != "official"]
    if assumed:
        scale = assumed[0].framework.grade_scale
        names = " and ".join(s.framework.short_title for s in assumed)
        lines.append(
            f"Letter grades marked * use cut-offs we assumed for {names} ({scale.describe()}); "
            "the publishers do not state them."
        )
    for s in scores:
        if grade_beside(s, state.published.get(s.framework.id)):
            lines.append(
                f"{s.framework.publisher} printed no letter grade for {state.name}; the "
                f"{grade_label(s)} shown for {s.framework.short_title} is ours."
            )
    return lines


def _goal_range(framework: Framework, goals: Sequence[Goal]) -> str:
    ids = [g.id for g in goals]
    order = [g.id for g in framework.goals]
    positions = [order.index(i) for i in ids]
    if len(ids) > 2 and max(positions) - min(positions) + 1 == len(ids):
        return f"goals {ids[0]} to {ids[-1]}"
    return ("goal " if len(ids) == 1 else "goals ") + ", ".join(ids)


def _criteria_lines(scores: Sequence[FrameworkScore], recs: Sequence[Recommendation]) -> list[str]:
    """Where a goal's wording is ours (derived), "meets the goal" is our judgment."""
    lines = []
    for s in scores:
        framework = s.framework
        touched = {
            g.lift.goal_id for r in recs for g in r.gains if g.lift.framework_id == framework.id
        }
        ours = [g for g in framework.goals if g.wording != "official"]
        if not ours or not touched & {g.id for g in ours}:
            continue
        publisher = framework.publisher
        lines.append(
            f"For {framework.short_title} {_goal_range(framework, ours)}, the criteria are our "
            f"reading of the topics the report card highlights, not {publisher}'s own wording, "
            f'so "meets the goal" is our judgment, not {publisher}\'s.'
        )
    return lines


def _estimate_line(scores: Sequence[FrameworkScore], recs: Sequence[Recommendation]) -> list[str]:
    lines = []
    for s in scores:
        title = s.framework.short_title
        ids = list(
            dict.fromkeys(
                g.lift.goal_id
                for r in recs
                for g in r.gains
                if g.lift.estimated and g.lift.framework_id == s.framework.id
            )
        )
        if ids:
            lines.append(
                f"Gains marked ~ rest on our split of {s.framework.publisher}'s partial credit, "
                f"which it does not publish ({title} goals {', '.join(ids)})."
            )
    return lines


def _marks_line(
    scores: Sequence[FrameworkScore], recs: Sequence[Recommendation], citations: Sequence[Citation]
) -> list[str]:
    """What the marks in this memo mean: only the marks it uses."""
    marks = []
    if any(g.lift.estimated for r in recs for g in r.gains):
        marks.append("~ marks a gain that rests on our estimate")
    if any(s.framework.grade_scale.status != "official" for s in scores):
        marks.append("* marks a grade on assumed cut-offs")
    if any(not c.verified for c in citations):
        marks.append(
            f"{UNVERIFIED_MARK} marks a citation not yet checked against the official code"
        )
    return ["; ".join(marks) + "."] if marks else []


def _over_max_lines(after: Sequence[FrameworkScore]) -> list[str]:
    """`after` may hold a scorecard twice (the brief's bill, every recommendation): the highest."""
    highest: dict[str, FrameworkScore] = {}
    for a in after:
        if a.framework.id not in highest or a.total > highest[a.framework.id].total:
            highest[a.framework.id] = a
    return [
        f"{a.framework.short_title} totals above {format_points(a.max_points)} (here "
        f"{total_long(a.total, a.max_points)}) include extra credit, which "
        f"{a.framework.publisher} adds on top of its {format_points(a.max_points)} points; "
        f"whether it caps the total at {format_points(a.max_points)} is not published."
        for a in highest.values()
        if above_max(a.total, a.max_points)
    ]


def _citation_lines(state: State, recs_clauses: Sequence[Clause]) -> list[str]:
    citations = _citations(state, recs_clauses)
    lines = []
    if any(not c.verified for c in citations):
        lines.append(
            f"Citations marked {UNVERIFIED_MARK} have not yet been checked against the official "
            f"text of the {state.code_name}."
        )
    # a state may cite several codes (Penal Code, Family Code): any of them gives a number
    codes = {state.code_name}
    codes |= {x.code_name for x in (*state.locations.values(), *state.sections.values())}
    named = tuple(c for c in codes if c)
    unnumbered = [c.title or c.cite for c in citations if not c.cite.startswith(named)]
    for subject in dict.fromkeys(unnumbered):
        lines.append(
            f'We have not found the section number of the law on "{subject.lower()}"; the memo '
            "names it by its subject."
        )
    return lines


def firmness(
    state: State,
    scores: Sequence[FrameworkScore],
    after: Sequence[FrameworkScore],
    recs: Sequence[Recommendation],
    clauses: Sequence[Clause],
    bill: Bill,
) -> tuple[str, ...]:
    """The "how firm these numbers are" box, one plain sentence or two per point."""
    lines = [_published_line(state, scores)]
    lines += _grade_lines(state, scores)
    lines += _estimate_line(scores, recs)
    lines += _criteria_lines(scores, recs)
    lines += _over_max_lines(after)
    lines += _citation_lines(state, clauses)
    lines += _marks_line(scores, recs, _citations(state, clauses))
    for s in scores:
        if "not printed" in s.framework.edition.lower():
            lines.append(f"{s.framework.short_title}: edition {s.framework.edition}.")
    if bill.caveats:
        lines.append(
            "Where the bill places its new sections in the code, and the current text of the "
            "sections it amends, are ours to confirm; the bill's drafter's notes list each point."
        )
    return tuple(dict.fromkeys(lines))


def sources_of(state: State, scores: Sequence[FrameworkScore]) -> tuple[Source, ...]:
    """Each scorecard's sources and the state's published report card under it."""
    sources: dict[str, Source] = {}  # by address (or title): one entry per document
    for s in scores:
        publisher = s.framework.publisher
        for src in s.framework.sources:
            named = src.title.startswith(publisher.split()[0])  # the title already names it
            title = src.title if named else f"{publisher}: {src.title}"
            sources.setdefault(src.url or src.title, Source(title, src.url))
        published = state.published.get(s.framework.id)
        if published is not None:  # the state's own report card names the document best
            key = published.source.url or published.source.title
            sources[key] = Source(published.source.title, published.source.url)
    return tuple(sources.values())
