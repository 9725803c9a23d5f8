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

    def goal_rank(g: GoalLift) -> tuple[int, int]:
        goal_ids = [goal.id for goal in frameworks[g.framework_id].goals]
        return framework_rank[g.framework_id], goal_ids.index(g.goal_id)

    return tuple(sorted(lifted, key=goal_rank))
