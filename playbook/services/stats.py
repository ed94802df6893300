"""Provides Stats: a profile's quiz statistics, for the stats screen and `playbook stats`."""

from __future__ import annotations

from playbook.content.library import Library
from playbook.domain.report import StatsReport, build_report
from playbook.domain.stats import CaseStats, case_summary
from playbook.services.clock import Clock, system_clock
from playbook.store.store import Store


class Stats:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.rows = store.quiz
        self.library = library
        self.clock = clock

    def report(self, profile_id: int) -> StatsReport:
        """The profile's stats, with "today" in the local time zone."""
        return build_report(
            self.library,
            case_summary(self.rows.finished_quizzes(profile_id)),
            self.rows.history(profile_id),
            self.rows.cards(profile_id),
            self.clock().astimezone(),
            self.rows.half_way(profile_id),
        )

    def case_results(self, profile_id: int) -> dict[str, CaseStats]:
        """Per case: finished whole-quiz attempts, best and last score (percent)."""
        return case_summary(self.rows.finished_quizzes(profile_id))

    def case_result(self, profile_id: int, case_id: str) -> CaseStats | None:
        return self.case_results(profile_id).get(case_id)


def report_for_nobody(library: Library, clock: Clock = system_clock) -> StatsReport:
    """The stats of someone who has done nothing yet (no database needed)."""
    return build_report(library, {}, [], [], clock().astimezone(), set())
