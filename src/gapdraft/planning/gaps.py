"""Planning: the unmet goals of a state, ranked by the points each would gain, with the total and
grade the state would reach as the goals are met in that order. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from gapdraft.model import Framework, Goal, GoalCoding, Level, State
from gapdraft.scoring import FrameworkScore, score_coding


class Gap(NamedTuple):
    rank: int
    framework: Framework
    goal: Goal
    coding: GoalCoding
    current_points: Decimal
    steps: tuple[Level, ...]  # levels above the current points, the top one last
    projected_total: Decimal  # after this goal and the ones above it in this framework are met
    projected_grade: str | None

    @property
    def max_points(self) -> Decimal:
        return self.goal.max_points

    @property
    def gain(self) -> Decimal:
        return self.max_points - self.current_points

    @property
    def estimated(self) -> bool:
        return self.coding.estimate


class Plan(NamedTuple):
    state: State
    scores: tuple[FrameworkScore, ...]
    gaps: tuple[Gap, ...]


def _unmet(score: FrameworkScore, state: State) -> list[tuple[Goal, GoalCoding, Decimal]]:
    coding = state.codings[score.framework.id]
    return [
        (goal, coding.goals[goal.id], score.goal_points[goal.id])
        for goal in score.framework.goals
        if goal.id in coding.goals and score.goal_points[goal.id] < goal.max_points
    ]  # an uncoded goal's gain is unknown: it is counted, not ranked


def build_plan(
    state: State,
    frameworks: Mapping[str, Framework],
    only_frameworks: Sequence[str] | None = None,
    only_issue: str | None = None,
    top: int | None = None,
) -> Plan:
    """Rank every unmet goal by gain. Ties keep the state file's framework order, then the
    publisher's goal order, so the ranking is the same on every run."""
    framework_ids = [fid for fid in state.codings if not only_frameworks or fid in only_frameworks]
    scores = tuple(score_coding(frameworks[fid], state.codings[fid]) for fid in framework_ids)
    candidates = []
    for framework_order, score in enumerate(scores):
        for goal_order, (goal, coding, points) in enumerate(_unmet(score, state)):
            if only_issue is not None and goal.issue_id != only_issue:
                continue
            gain = goal.max_points - points
            candidates.append(((-gain, framework_order, goal_order), score, goal, coding, points))
    candidates.sort(key=lambda c: c[0])

    running = {score.framework.id: score.total for score in scores}
    gaps: list[Gap] = []
    for rank, (_, score, goal, coding, points) in enumerate(candidates, start=1):
        framework = score.framework
        running[framework.id] += goal.max_points - points
        gaps.append(
            Gap(
                rank=rank,
                framework=framework,
                goal=goal,
                coding=coding,
                current_points=points,
                steps=tuple(lvl for lvl in goal.levels if lvl.points > points),
                projected_total=running[framework.id],
                projected_grade=framework.grade_for(running[framework.id]),
            )
        )
    if top is not None:
        gaps = gaps[:top]
    return Plan(state=state, scores=scores, gaps=tuple(gaps))
