"""Spaced review with FSRS: when a question comes back after right and wrong answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating

from playbook.domain.review import (
    cram_order,
    due_of,
    forecast,
    is_due,
    new_card_state,
    rating_for,
    review,
)

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
END_OF_DAY = datetime(2025, 3, 11, tzinfo=UTC)


@pytest.mark.parametrize(
    ("score", "confidence", "rating"),
    [
        (0.0, "high", Rating.Again),
        (0.49, None, Rating.Again),
        (0.5, "high", Rating.Hard),
        (0.99, "medium", Rating.Hard),
        (1.0, "low", Rating.Hard),
        (1.0, None, Rating.Good),
        (1.0, "medium", Rating.Good),
        (1.0, "high", Rating.Easy),
    ],
)
def test_rating_follows_score_then_confidence(score, confidence, rating):
    assert rating_for(score, confidence) == rating


def test_a_wrong_answer_comes_due_again_within_the_day():
    result = review(None, 0.0, "medium", NOW)
    assert result.rating == Rating.Again
    assert NOW < result.due < END_OF_DAY


def test_a_right_answer_comes_due_on_a_later_day():
    result = review(None, 1.0, "medium", NOW)
    assert result.due >= END_OF_DAY


def test_easy_comes_due_later_than_good():
    good = review(None, 1.0, "medium", NOW)
    easy = review(None, 1.0, "high", NOW)
    assert easy.due > good.due


def test_right_again_on_the_due_date_stretches_the_interval():
    first = review(None, 1.0, None, NOW)
    second = review(first.state_json, 1.0, None, first.due)
    assert second.due - first.due > first.due - NOW


def test_forgetting_a_known_question_brings_it_back_within_the_day():
    first = review(None, 1.0, None, NOW)
    lapse = review(first.state_json, 0.0, None, first.due)
    assert lapse.due - first.due < timedelta(days=1)


def test_the_schedule_depends_only_on_the_inputs():
    assert review(None, 1.0, "high", NOW) == review(None, 1.0, "high", NOW)


def test_the_clock_may_be_in_any_zone_but_must_be_aware():
    tokyo = NOW.astimezone(timezone(timedelta(hours=9)))
    assert review(None, 1.0, None, tokyo).due == review(None, 1.0, None, NOW).due
    with pytest.raises(ValueError, match="timezone-aware"):
        review(None, 1.0, None, NOW.replace(tzinfo=None))


def test_a_new_card_is_due_at_once_and_round_trips_through_json():
    state = new_card_state()
    assert is_due(due_of(state), NOW)
    assert json.loads(state)["stability"] is None
    assert due_of(new_card_state(NOW)) == NOW
    assert review(state, 1.0, None, NOW) == review(None, 1.0, None, NOW)


def test_an_unreadable_state_starts_a_fresh_card():
    assert review("not json", 1.0, None, NOW) == review(None, 1.0, None, NOW)
    assert review('{"due": 3}', 1.0, None, NOW) == review(None, 1.0, None, NOW)


def test_is_due_from_the_due_moment_on():
    assert is_due(NOW, NOW)
    assert not is_due(NOW + timedelta(seconds=1), NOW)


def test_forecast_counts_due_cards_per_day_with_the_overdue_today():
    dues = [
        NOW - timedelta(days=3),  # overdue: today
        NOW + timedelta(hours=2),  # later today
        NOW + timedelta(days=1),
        NOW + timedelta(days=6, hours=1),  # the last day shown
        NOW + timedelta(days=7),  # beyond the week
    ]
    assert forecast(dues, NOW) == [2, 1, 0, 0, 0, 0, 1]
    assert forecast(dues, NOW, days=2) == [2, 1]
    assert forecast([], NOW) == [0] * 7


def test_forecast_days_are_the_learners_calendar_days():
    late_evening_utc = datetime(2025, 3, 10, 23, 30, tzinfo=UTC)
    due = datetime(2025, 3, 11, 0, 30, tzinfo=UTC)  # tomorrow in UTC
    berlin = late_evening_utc.astimezone(timezone(timedelta(hours=1)))  # already the 11th
    assert forecast([due], late_evening_utc, days=2) == [0, 1]
    assert forecast([due], berlin, days=2) == [1, 0]


def test_cram_order_puts_the_soonest_due_first_and_new_ones_at_now():
    items = [
        ("later", NOW + timedelta(days=5)),
        ("new", None),
        ("overdue", NOW - timedelta(days=1)),
        ("soon", NOW + timedelta(hours=1)),
    ]
    assert [key for key, _ in cram_order(items, NOW)] == ["overdue", "new", "soon", "later"]


def test_cram_order_breaks_ties_by_key():
    items = [("b", NOW), ("a", NOW)]
    assert cram_order(items, NOW) == [("a", NOW), ("b", NOW)]
