"""How a target-grade search can end without an answer (solver.py): the targets cannot be
reached, or the exact search passed its limit before proving its answer."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal


class SearchTooLarge(Exception):
    """The exact search went past its limit without proving its answer."""


class Unreachable(Exception):
    """Even adopting every clause leaves some target framework below its target."""

    best_totals: Mapping[str, Decimal]  # framework -> total with every option adopted

    def __init__(
        self, best_totals: Mapping[str, Decimal], targets: Mapping[str, Decimal] | None = None
    ) -> None:
        self.best_totals = dict(best_totals)
        self.targets = dict(targets or {})
        short = [
            f"{fw}: {self.best_totals.get(fw, Decimal(0))} < {t}"
            for fw, t in sorted(self.targets.items())
            if self.best_totals.get(fw, Decimal(0)) < t
        ]
        super().__init__("targets unreachable even with every clause: " + "; ".join(short))

    def __reduce__(self) -> tuple[type[Unreachable], tuple[dict, dict]]:
        # keep the exception picklable despite the custom __init__
        return (Unreachable, (self.best_totals, self.targets))
