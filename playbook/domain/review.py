"""Provides spaced review of quiz questions with FSRS (the scheduler Anki adopted).

Each question has a card state (FSRS's Card as JSON) that the store keeps. After a graded
answer, `review()` turns the state, the score and the confidence into a new state and a due
date. The clock is always passed in (timezone-aware); nothing here reads the time.

Cramming (reviewing ahead of schedule) must not change the schedule: in cram mode callers
simply do not call `review()`; `cram_order()` only says what to practise first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

from playbook.domain.quiz import CONFIDENCE_LEVELS

# One short step: a wrong answer comes back in 10 minutes (within the session's day); a
# first right answer graduates at once to days away. No fuzzing: review() stays a pure
# function, the same inputs giving the same due date.
SCHEDULER = Scheduler(
    enable_fuzzing=False,
    learning_steps=(timedelta(minutes=10),),
    relearning_steps=(timedelta(minutes=10),),
)
# A card never reviewed is due at once: its due date is the distant past.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ReviewResult:
    state_json: str
    due: datetime  # UTC
    rating: int  # fsrs.Rating: 1 Again, 2 Hard, 3 Good, 4 Easy


def rating_for(score: float, confidence: str | None) -> Rating:
    """An FSRS rating from a score (0..1) and the learner's confidence (None: not asked)."""
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"confidence must be one of {CONFIDENCE_LEVELS} or None: {confidence!r}")
    if score < 0.5:
        return Rating.Again
    if score < 1.0 or confidence == "low":
        return Rating.Hard
    return Rating.Easy if confidence == "high" else Rating.Good


def new_card_state(now: datetime | None = None) -> str:
    """A fresh card as JSON, due at `now` (or, without it, due at once)."""
    due = _utc(now) if now is not None else NEVER
    return json.dumps(Card(card_id=0, due=due).to_dict())


def review(
    state_json: str | None, score: float, confidence: str | None, now: datetime
) -> ReviewResult:
    """Apply one graded answer at `now`; a missing or unreadable state starts a fresh card."""
    rating = rating_for(score, confidence)
    card, _log = SCHEDULER.review_card(_load(state_json), rating, _utc(now))
    return ReviewResult(json.dumps(card.to_dict()), card.due, int(rating))


@dataclass(frozen=True)
class Replayed:
    """One review of a card's history, replayed: the state it met and the state it left."""

    reviewed_at: datetime
    rating: int
    state_before: str | None  # None: the card was new
    due_before: datetime | None
    state_after: str
    due_after: datetime


def replay(reviews: Iterable[tuple[int, datetime]]) -> list[Replayed]:
    """A card rebuilt from its history, (rating, when) oldest first, by the same scheduler
    that reviewed it: the same ratings at the same moments give the same card, so a card
    can be rebuilt from a history merged from two databases."""
    card = _load(None)
    state: str | None = None
    out: list[Replayed] = []
    for rating, at in sorted(reviews, key=lambda review: _utc(review[1])):
        before, due_before = state, (card.due if state is not None else None)
        card, _log = SCHEDULER.review_card(card, Rating(rating), _utc(at))
        state = json.dumps(card.to_dict())
        out.append(Replayed(at, int(rating), before, due_before, state, card.due))
    return out


def due_of(state_json: str | None) -> datetime:
    """When a stored card is due (a missing or unreadable one: at once)."""
    return _load(state_json).due


def is_due(due: datetime, now: datetime) -> bool:
    return due <= now


def forecast(dues: Iterable[datetime], now: datetime, days: int = 7) -> list[int]:
    """How many cards come due on each of the next `days` days; day 0 also holds the overdue.

    Days are calendar days in `now`'s time zone: pass a local `now` for the learner's days.
    """
    _utc(now)  # refuse a naive clock
    counts = [0] * max(0, days)
    today = now.date()
    for due in dues:
        offset = max(0, (due.astimezone(now.tzinfo).date() - today).days)
        if offset < len(counts):
            counts[offset] += 1
    return counts


def cram_order(
    items: Iterable[tuple[str, datetime | None]], now: datetime
) -> list[tuple[str, datetime | None]]:
    """(key, due) pairs soonest due first; never-reviewed ones (due None) count as due now.

    Ties go by key, so the order is stable. Cramming changes no schedule: do not call review().
    """
    return sorted(items, key=lambda item: (item[1] if item[1] is not None else now, item[0]))


def _load(state_json: str | None) -> Card:
    if not state_json:
        return Card(card_id=0, due=NEVER)
    try:
        return Card.from_dict(json.loads(state_json))
    except (ValueError, TypeError, KeyError):
        return Card(card_id=0, due=NEVER)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the clock must be timezone-aware (UTC)")
    return moment.astimezone(UTC)
