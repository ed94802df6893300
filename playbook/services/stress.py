"""Provides StressTests: the exit stress test of an alliance, run, kept and compared."""

from __future__ import annotations

from datetime import datetime

from playbook.content.library import Library
from playbook.domain.checks import read_all
from playbook.domain.stress import Outcome, stress_test
from playbook.services.clock import Clock
from playbook.store.records import Alliance
from playbook.store.store import Store

DIVORCE_PAPERS = "divorce-papers"


class StressTests:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.rows = store.alliances
        self.library = library
        self.clock = clock

    def outcomes(self, alliance: Alliance) -> list[Outcome]:
        """The scenarios against the alliance's answers as they are now (nothing saved)."""
        stage = self.library.stages.get(DIVORCE_PAPERS)
        if stage is None:
            return []
        values = read_all(self.library.ordered_stages, self.rows.answers(alliance.id))
        return stress_test(stage, self.library.stages, values)

    def run(self, alliance: Alliance) -> list[Outcome]:
        """Run the test and keep the result (each run is kept, to compare with the last)."""
        outcomes = self.outcomes(alliance)
        self.rows.record_stress_test(alliance.id, [o.as_dict() for o in outcomes], self.clock())
        return outcomes

    def history(self, alliance: Alliance) -> list[tuple[datetime, list[dict]]]:
        return self.rows.stress_tests(alliance.id)

    def latest(self, alliance: Alliance) -> tuple[datetime, list[dict]] | None:
        runs = self.history(alliance)
        return runs[-1] if runs else None
