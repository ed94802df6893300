"""Provides Review: the questions due for spaced review (FSRS), and sessions to review them.

Due counts are read fresh on every call (the screens ask again at least once a minute), so
"nothing due" turns into "3 due" as the clock passes a card's due time. A review session
can be limited to one case or one stage; a cram reviews ahead of schedule and moves no card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from playbook.content.library import Library
from playbook.services.clock import Clock
from playbook.store.store import Store

if TYPE_CHECKING:
    from playbook.services.quiz import QuizSession, Quizzes

# The scheduler (FSRS) and the quiz session are imported where a review starts or the
# forecast is drawn: home only counts what is due, and counts it at start-up.

FORECAST_DAYS = 7


@dataclass(frozen=True)
class Scope:
    """Which questions a review covers: all (both empty), one case, or one stage."""

    case_id: str = ""
    stage_id: str = ""

    def covers(self, key: str, library: Library) -> bool:
        if not (self.case_id or self.stage_id):  # every question: no need to unpack the cases
            return library.has_question(key)
        question = library.question(key)
        if question is None:
            return False
        if self.case_id and question.case_id != self.case_id:
            return False
        return not (self.stage_id and question.stage != self.stage_id)


ALL = Scope()


@dataclass(frozen=True)
class Queue:
    """The review queue as a learner sees it: due now, when the next is due, the days ahead."""

    due_now: int
    total: int  # every card in the queue
    next_due: datetime | None  # the soonest card not yet due (None: none waiting)
    days: tuple[int, ...]  # coming due on each of the next days; day 0 holds the overdue too
    later: int  # due after those days: with `days`, the whole queue


class Review:
    def __init__(
        self, store: Store, library: Library, clock: Clock, quizzes: Callable[[], Quizzes]
    ) -> None:
        self.rows = store.quiz
        self.library = library
        self.clock = clock
        self._quizzes = quizzes  # built when a review first starts

    @property
    def quizzes(self) -> Quizzes:
        return self._quizzes()

    def _cards(self, profile_id: int, scope: Scope) -> list[tuple[str, datetime]]:
        return [
            (key, due)
            for key, due in self.rows.cards(profile_id)
            if scope.covers(key, self.library)
        ]

    def due_keys(self, profile_id: int, scope: Scope = ALL) -> list[str]:
        """Questions due now that the content still has, most overdue first."""
        now = self.clock()
        return [key for key, due in self._cards(profile_id, scope) if due <= now]

    def queue(self, profile_id: int, scope: Scope = ALL) -> Queue:
        from playbook.domain.review import forecast

        now = self.clock()
        cards = self._cards(profile_id, scope)
        dues = [due for _, due in cards]
        local = now.astimezone()
        days = tuple(forecast(dues, local, FORECAST_DAYS))
        waiting = [due for due in dues if due > now]
        return Queue(
            due_now=sum(1 for due in dues if due <= now),
            total=len(dues),
            next_due=min(waiting) if waiting else None,
            days=days,
            later=len(dues) - sum(days),
        )

    def start(self, profile_id: int, scope: Scope = ALL) -> QuizSession | None:
        """A review of what is due (None when nothing is)."""
        from playbook.domain.quiz import AttemptKind, QuizMode

        keys = self.due_keys(profile_id, scope)
        if not keys:
            return None
        return self.quizzes.start(
            profile_id, scope.case_id or None, QuizMode.PRACTICE, kind=AttemptKind.REVIEW,
            keys=keys,
        )  # fmt: skip

    def cram_keys(self, profile_id: int, scope: Scope = ALL) -> list[str]:
        """Every question answered before (in scope), soonest due first: what a cram asks."""
        from playbook.domain.review import cram_order

        now = self.clock()
        order = cram_order(self._cards(profile_id, scope), now)
        return [key for key, _ in order]

    def cram(self, profile_id: int, how_many: int, scope: Scope = ALL) -> QuizSession | None:
        """Review ahead of schedule, the `how_many` soonest due; no card moves."""
        from playbook.domain.quiz import AttemptKind, QuizMode

        keys = self.cram_keys(profile_id, scope)[: max(0, how_many)]
        if not keys:
            return None
        return self.quizzes.start(
            profile_id, scope.case_id or None, QuizMode.PRACTICE, kind=AttemptKind.CRAM,
            keys=keys,
        )  # fmt: skip
