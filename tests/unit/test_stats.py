"""Statistics over attempts: mastery per stage, daily activity and results per case."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from playbook.domain.stats import CaseStats, Mastery, case_summary, daily_activity, stage_mastery

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
STAGES = {"c/q1": "north-star", "c/q2": "north-star", "c/q3": "pilot", "c/q4": ""}


def test_mastery_is_the_mean_of_each_questions_latest_score():
    answers = [
        ("c/q1", 0.0, T0),
        ("c/q1", 1.0, T0 + timedelta(days=1)),  # latest: counts
        ("c/q2", 0.5, T0),
        ("c/q3", 1.0, T0),
    ]
    mastery = stage_mastery(answers, STAGES)
    assert mastery["north-star"] == Mastery(score=0.75, seen=2)
    assert mastery["pilot"] == Mastery(score=1.0, seen=1)


def test_the_latest_answer_wins_whatever_order_the_records_come_in():
    answers = [("c/q1", 1.0, T0 + timedelta(days=1)), ("c/q1", 0.0, T0)]
    assert stage_mastery(answers, STAGES)["north-star"].score == 1.0


def test_questions_without_a_stage_or_no_longer_in_the_content_count_nowhere():
    answers = [("c/q4", 1.0, T0), ("gone/q9", 1.0, T0)]
    assert stage_mastery(answers, STAGES) == {}


def test_totals_add_coverage_and_list_unanswered_stages():
    answers = [("c/q1", 1.0, T0)]
    mastery = stage_mastery(answers, STAGES, totals={"north-star": 4, "vibe-check": 3})
    assert mastery["north-star"] == Mastery(score=1.0, seen=1, total=4)
    assert mastery["north-star"].coverage == 0.25
    assert mastery["vibe-check"] == Mastery(score=0.0, seen=0, total=3)
    assert Mastery(score=1.0, seen=1).coverage is None


def test_daily_activity_counts_per_day_oldest_first_ending_today():
    today = date(2025, 3, 10)
    times = [T0, T0, T0 - timedelta(days=1), T0 - timedelta(days=6), T0 - timedelta(days=7)]
    assert daily_activity(times, today, days=7) == [1, 0, 0, 0, 0, 1, 2]


def test_daily_activity_ignores_the_future_and_defaults_to_thirty_days():
    today = date(2025, 3, 10)
    counts = daily_activity([T0 + timedelta(days=1), T0 - timedelta(days=29)], today)
    assert len(counts) == 30
    assert counts == [1] + [0] * 29


def test_case_summary_counts_attempts_with_best_and_last_percent():
    attempts = [
        ("daimler", 40.0, T0),
        ("daimler", 90.0, T0 + timedelta(days=1)),
        ("daimler", 70.0, T0 + timedelta(days=2)),
        ("nummi", 100.0, T0),
    ]
    summary = case_summary(attempts)
    assert summary["daimler"] == CaseStats(3, best=90.0, last=70.0, last_at=T0 + timedelta(days=2))
    assert summary["nummi"] == CaseStats(1, best=100.0, last=100.0, last_at=T0)


def test_case_summary_takes_the_last_attempt_by_time_not_by_position():
    attempts = [("daimler", 70.0, T0 + timedelta(days=2)), ("daimler", 40.0, T0)]
    assert case_summary(attempts)["daimler"].last == 70.0


def test_no_attempts_no_summary():
    assert case_summary([]) == {}
    assert stage_mastery([], STAGES) == {}


def test_the_forecast_accounts_for_every_card_in_the_queue():
    """Seven days and a 'later' bucket add up to the queue: no card appears nowhere."""
    from hypothesis import given
    from hypothesis import strategies as st

    from playbook.content.loader import load_library
    from playbook.domain.report import build_report, format_report
    from tests.conftest import FIXTURE_CONTENT

    library = load_library([FIXTURE_CONTENT])
    keys = [q.key for c in library.ordered_cases for q in c.questions]

    @given(st.lists(st.integers(min_value=-30 * 24, max_value=90 * 24), max_size=len(keys)))
    def check(hours):
        cards = [(key, T0 + timedelta(hours=h)) for key, h in zip(keys, hours, strict=False)]
        report = build_report(library, {}, [], cards, T0)
        assert sum(report.forecast) + report.later == report.cards == len(cards)
        assert f"{report.cards} in the queue in all" in format_report(report, "Ann")

    check()
