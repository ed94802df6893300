"""Provides PilotTracker: the pilot's indicators recorded period by period, and the report
that sets them against the go and kill lines and proposes go, adjust or stop."""

from __future__ import annotations

from playbook.content.library import Library
from playbook.domain.checks import Context, read_all
from playbook.domain.pilot import PilotReport, report
from playbook.services.clock import Clock
from playbook.store.records import Alliance
from playbook.store.store import Store


class PilotTracker:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.rows = store.alliances
        self.library = library
        self.clock = clock

    def report(self, alliance: Alliance) -> PilotReport:
        values = read_all(self.library.ordered_stages, self.rows.answers(alliance.id))
        ctx = Context(today=self.clock().astimezone().date())
        goal = str(values.get("north-star", {}).get("goal") or "")
        return report(values.get("pilot", {}), goal, self.rows.readings(alliance.id), ctx)

    def record(
        self, alliance: Alliance, indicator: str, position: int, value: float, period: str = ""
    ) -> None:
        """A reading of one indicator for one period (1 for the first week, and so on); the
        same period again replaces it. ValueError for an indicator the pilot does not list,
        a period below 1 or a value that is not a number."""
        known = [s.indicator for s in self.report(alliance).series]
        if indicator not in known:
            listing = "; ".join(known) or "none yet: list them in the Pilot worksheet"
            raise ValueError(f"“{indicator}” is not one of the pilot's indicators ({listing})")
        if position < 1:
            raise ValueError("Periods count from 1 (the first week or month of the pilot).")
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("The value must be a number.")
        period = " ".join(period.split()) or f"week {position}"
        self.rows.record_reading(alliance.id, indicator, position, period, value, self.clock())
