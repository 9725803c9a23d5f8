"""Linear-programming bounds at search nodes (solver.py), for large instances only.

The root bound in lp_bound.py uses one set of multipliers for the whole search; deep in the tree
they are weak, and where many sets share the optimal cost the search spends its time proving
that no set earlier in the tie-break order exists.  Here the linear relaxation (lp_bound.py's
formulation) is solved again at each node the search expands, with the node's clauses fixed at 1
and the clauses it can no longer add (those up to its last one) fixed at 0, warm-started from
the previous node's basis.

As at the root, HiGHS only supplies multipliers; the bounds are recomputed from them by weak
duality in exact integers, so a poor or wrong answer from the LP solver weakens a bound and never
makes it wrong.  With multipliers Y >= 0 (rounded to 1/SCALE) and reduced costs
D = SCALE*c - A^T Y, every v feasible at the node satisfies  SCALE*c.v >= Y.b + D.v,  and

    D.v >= sum(D_j, j chosen) + sum(min(D_i, 0), i a free column)

where the free columns are the clauses after the node's last one and every goal-step column.
The same multipliers bound each child j at once: fix j in (adding D_j) and the clauses between
the last one and j out (dropping their min(D_i, 0)), which prunes children without solving their
LPs.  Floats only ever hold integers here, and the sums are checked to stay below 2**52, where
float64 arithmetic on integers is exact.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

from gapdraft.planning.lp_bound import SCALE, _model, _Rows

_EXACT = float(1 << 52)


class NodeLp:
    """The relaxation of one problem, re-solved per node with changed column bounds."""

    def __init__(
        self, highspy: Any, np: Any, cost: list[int], rows: _Rows, deadline: float = math.inf
    ) -> None:
        self.deadline = deadline
        self._hs, self._np = highspy, np
        self.n = len(cost)
        self.h = _model(highspy, np, cost, rows)
        self.rows = len(rows.index)
        row_of: list[int] = []
        col_of: list[int] = []
        coef: list[int] = []
        for r, (idx, val) in enumerate(zip(rows.index, rows.value, strict=True)):
            row_of += [r] * len(idx)
            col_of += idx
            coef += val
        self.row_of = np.array(row_of, dtype=np.int64)
        self.col_of = np.array(col_of, dtype=np.int64)
        self.coef = np.array(coef, dtype=np.float64)
        self.size = sum(abs(a) for a in coef) + sum(abs(b) for b in rows.lower)
        self.lower = np.array(rows.lower, dtype=np.float64)
        self.scaled_cost = np.zeros(self.n + rows.steps)
        self.scaled_cost[: self.n] = np.array(cost, dtype=np.float64) * SCALE
        self.cost_sum = float(sum(cost)) * SCALE
        self._low, self._high = np.zeros(self.n), np.ones(self.n)  # the bounds HiGHS has now
        self.h.setOptionValue("presolve", "off")  # warm starts from the last basis instead
        self.solves = 0

    def bounds(self, chosen: Sequence[int], last: int) -> tuple[int, list[int]] | None:
        """(node, child): exact lower bounds on SCALE * cost of any feasible set containing
        `chosen` and no other clause up to `last`; child[j], for j > last, bounds such sets
        whose next clause is j (child[j] is 0 for j <= last).  None when the LP solver gave no
        optimal multipliers; the search then keeps its other bounds."""
        np = self._np
        high = np.ones(self.n)
        high[: last + 1] = 0.0
        solved = self._solve(chosen, high)
        if solved is None:
            return None
        common, reduced = solved
        tail = reduced[last + 1 : self.n]
        after = np.cumsum(np.minimum(tail, 0.0)[::-1])[::-1]  # after[k]: last+1+k .. n-1
        node = common + (float(after[0]) if len(after) else 0.0)
        child = np.zeros(self.n)
        child[last + 1 :] = common + tail + np.append(after[1:], 0.0)
        return int(node), child.astype(np.int64).tolist()

    def _solve(self, ones: Sequence[int], high: Any) -> tuple[float, Any] | None:
        """Solve with `ones` fixed at 1 and clause upper bounds `high`; returns Y.b + the ones'
        D + every step column's min(D, 0), and the reduced costs D (SCALE units, exact)."""
        np = self._np
        low = np.zeros(self.n)
        picked = np.array(ones, dtype=np.int64)
        low[picked] = 1.0
        high[picked] = 1.0
        changed = np.flatnonzero((low != self._low) | (high != self._high)).astype(np.int32)
        if len(changed):  # telling HiGHS only what changed keeps its warm start cheap
            self.h.changeColsBounds(len(changed), changed, low[changed], high[changed])
            self._low, self._high = low, high
        if self.deadline < math.inf:
            self.h.setOptionValue("time_limit", max(self.deadline - time.monotonic(), 0.001))
        self.h.run()
        self.solves += 1
        if self.h.getModelStatus() != self._hs.HighsModelStatus.kOptimal:
            return None
        duals = np.array(self.h.getSolution().row_dual, dtype=np.float64)
        if not np.isfinite(duals).all():
            return None
        y = np.maximum(np.rint(duals * SCALE), 0.0)
        if float(y.max(initial=0.0)) * self.size + self.cost_sum >= _EXACT:
            return None  # the sums below might not be exact
        reduced = self.scaled_cost - np.bincount(
            self.col_of, weights=self.coef * y[self.row_of], minlength=len(self.scaled_cost)
        )
        steps = reduced[self.n :]
        common = (
            float(self.lower @ y) + float(reduced[picked].sum()) + float(steps[steps < 0].sum())
        )
        return common, reduced


def node_lp(cost: list[int], rows: _Rows, deadline: float = math.inf) -> NodeLp | None:
    """A NodeLp for the problem, or None when highspy is not installed.  No solve runs past
    `deadline` (time.monotonic()); one stopped by it gives no bound."""
    try:
        import highspy
        import numpy as np
    except ImportError:
        return None
    return NodeLp(highspy, np, cost, rows, deadline)
