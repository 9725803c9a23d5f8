"""What a bill section does to the state's scores, as its drafter's note lists it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gapdraft.load.clauses import Clause
from gapdraft.model import Framework, State
from gapdraft.planning.whatif import goal_lifts
from gapdraft.scoring import GoalLift


def section_effects(
    clauses: Sequence[Clause], state: State, frameworks: Mapping[str, Framework]
) -> tuple[GoalLift, ...]:
    """The goals a section raises above the state's law as it stands, in each framework's goal
    order (the drafter's note lists them as the scorecard does)."""
    points = {
        fid: {gid: g.points for gid, g in coding.goals.items()}
        for fid, coding in state.codings.items()
    }
    lifted = goal_lifts(state, frameworks, clauses, points)
    framework_rank = {fid: n for n, fid in enumerate(dict.fromkeys(g.framework_id for g in lifted))}
    if len(lifted) < 2:
        return lifted
    goal_order = {
        fid: {goal.id: n for n, goal in reversed(list(enumerate(frameworks[fid].goals)))}
        for fid in framework_rank
    }

    def goal_rank(g: GoalLift) -> tuple[int, int]:
        return framework_rank[g.framework_id], goal_order[g.framework_id][g.goal_id]

    return tuple(sorted(lifted, key=goal_rank))
