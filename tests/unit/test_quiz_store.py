"""The quiz store: answers saved as given with their review card, resuming, cramming, stats."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from playbook.content.loader import load_library
from playbook.store.db import StoreError
from playbook.store.progress import Store
from tests.conftest import FIXTURE_CONTENT

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
KEYS = ("tiny-case/form", "tiny-case/equal", "tiny-case/price")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0):
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(store) -> Clock:
    clock = Clock()
    store.quiz.now = clock
    return clock


@pytest.fixture
def ana(store):
    return store.create_profile("Ana")


def rows(store: Store, sql: str, params=()) -> list[tuple]:
    return store.database.conn.execute(sql, params).fetchall()


def test_the_migration_creates_the_quiz_tables(db_path, store):
    names = {r[0] for r in rows(store, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"quiz_attempts", "quiz_answers", "review_cards", "review_log"} <= names


def test_an_answer_and_its_review_card_are_saved_together(store, ana, clock):
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(attempt, "tiny-case/form", "merger", 0.0, "high", seconds=4.2)

    [answer] = rows(
        store,
        "SELECT question_key, response, score, correct, confidence, cbm_mark,"
        " seconds FROM quiz_answers",
    )
    assert answer == ("tiny-case/form", '"merger"', 0.0, 0, "high", -6.0, 4.2)
    [card] = rows(store, "SELECT question_key, case_id, due FROM review_cards")
    assert card[:2] == ("tiny-case/form", "tiny-case")
    due = datetime.fromisoformat(card[2])
    assert T0 < due < T0 + timedelta(hours=1)  # wrong: back within the session's day
    assert rows(store, "SELECT position FROM quiz_attempts") == [(1,)]
    assert len(rows(store, "SELECT * FROM review_log")) == 1


def test_a_failed_card_update_rolls_back_the_answer_too(store, ana, clock, monkeypatch):
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(store.quiz, "_reschedule", broken)
    with pytest.raises(StoreError, match="disk full"):  # advice for the user, not a traceback
        store.quiz.save_answer(attempt, "tiny-case/form", "jv", 1.0)
    assert rows(store, "SELECT * FROM quiz_answers") == []
    assert store.quiz.answers(attempt.id) == {}


def test_a_question_is_answered_once_per_attempt(store, ana, clock):
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(attempt, "tiny-case/form", "jv", 1.0)
    with pytest.raises(ValueError, match="already answered"):
        store.quiz.save_answer(attempt, "tiny-case/form", "merger", 0.0)
    with pytest.raises(ValueError, match="not a question"):
        store.quiz.save_answer(attempt, "other/q", "x", 0.0)


def test_a_half_finished_attempt_can_be_resumed_after_reopening(db_path, store, ana, clock):
    attempt = store.quiz.start_attempt(
        ana.id, KEYS, case_id="tiny-case", mode="exam", confidence=True
    )
    store.quiz.save_answer(attempt, "tiny-case/form", "jv", 1.0, "medium")
    store.close()

    again = Store.open(db_path)
    try:
        resumed = again.quiz.resumable(ana.id, "tiny-case")
        assert resumed is not None
        assert (resumed.id, resumed.mode, resumed.confidence, resumed.keys) == (
            attempt.id,
            "exam",
            True,
            KEYS,
        )
        assert resumed.position == 1
        assert list(again.quiz.answers(resumed.id)) == ["tiny-case/form"]
        assert again.quiz.answers(resumed.id)["tiny-case/form"].response == "jv"
    finally:
        again.close()


def test_starting_afresh_sets_the_unfinished_attempt_aside(store, ana, clock):
    first = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    second = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    assert store.quiz.resumable(ana.id, "tiny-case").id == second.id
    [(abandoned,)] = rows(store, "SELECT abandoned_at FROM quiz_attempts WHERE id = ?", [first.id])
    assert abandoned is not None
    store.quiz.finish_attempt(second.id)
    assert store.quiz.resumable(ana.id, "tiny-case") is None


def test_history_is_keyed_by_question_not_position(store, ana, clock):
    # The same question asked at a different position in a retry is the same card.
    first = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(first, "tiny-case/price", "2", 0.0)
    retry = store.quiz.start_attempt(ana.id, ["tiny-case/price"], case_id="tiny-case", kind="retry")
    clock.advance(minutes=1)
    store.quiz.save_answer(retry, "tiny-case/price", "1", 1.0)
    assert [r[0] for r in rows(store, "SELECT question_key FROM review_cards")] == [
        "tiny-case/price"
    ]
    assert len(rows(store, "SELECT * FROM review_log")) == 2
    assert [(k, s) for k, s, _ in store.quiz.history(ana.id)] == [
        ("tiny-case/price", 0.0),
        ("tiny-case/price", 1.0),
    ]


def test_a_wrong_answer_comes_due_and_a_right_one_waits(store, ana, clock):
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(attempt, "tiny-case/form", "merger", 0.0)
    store.quiz.save_answer(attempt, "tiny-case/equal", True, 1.0)
    assert store.quiz.due_keys(ana.id) == []
    clock.advance(minutes=11)
    assert store.quiz.due_keys(ana.id) == ["tiny-case/form"]
    clock.advance(days=30)
    assert store.quiz.due_keys(ana.id) == ["tiny-case/form", "tiny-case/equal"]


def test_cramming_never_touches_the_schedule(store, ana, clock):
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(attempt, "tiny-case/equal", True, 1.0)
    before = rows(store, "SELECT * FROM review_cards")
    cram = store.quiz.start_attempt(ana.id, ["tiny-case/equal"], kind="cram")
    clock.advance(minutes=5)
    store.quiz.save_answer(cram, "tiny-case/equal", False, 0.0)
    assert rows(store, "SELECT * FROM review_cards") == before
    assert len(rows(store, "SELECT * FROM review_log")) == 1
    assert len(store.quiz.history(ana.id)) == 2  # the answer itself still counts


def test_case_results_count_finished_whole_quizzes(store, ana, clock):
    first = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    for key, score in zip(KEYS, (1.0, 0.0, 0.5), strict=True):
        store.quiz.save_answer(first, key, "x", score)
    store.quiz.finish_attempt(first.id)
    retry = store.quiz.start_attempt(ana.id, KEYS[1:], case_id="tiny-case", kind="retry")
    for key in KEYS[1:]:
        store.quiz.save_answer(retry, key, "x", 1.0)
    store.quiz.finish_attempt(retry.id)  # a retry of the misses is not a whole quiz
    clock.advance(days=1)
    second = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(second, KEYS[0], "x", 1.0)
    store.quiz.finish_attempt(second.id)
    unfinished = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(unfinished, KEYS[0], "x", 1.0)

    result = store.quiz.case_results(ana.id)["tiny-case"]
    assert result.attempts == 2
    assert result.best == pytest.approx(50.0)
    assert result.last == pytest.approx(100 / 3)


def test_profiles_keep_separate_histories(store, ana, clock):
    bo = store.create_profile("Bo")
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(attempt, KEYS[0], "merger", 0.0)
    clock.advance(hours=1)
    assert store.quiz.due_keys(ana.id) == [KEYS[0]]
    assert store.quiz.due_keys(bo.id) == []
    assert store.quiz.history(bo.id) == []


def test_the_report_gathers_mastery_forecast_and_activity(store, ana, clock):
    library = load_library([FIXTURE_CONTENT])
    attempt = store.quiz.start_attempt(ana.id, KEYS, case_id="tiny-case")
    store.quiz.save_answer(attempt, "tiny-case/form", "jv", 1.0)  # divorce-papers
    store.quiz.save_answer(attempt, "tiny-case/equal", False, 0.0)  # north-star
    store.quiz.save_answer(attempt, "tiny-case/price", "1", 1.0)  # divorce-papers
    store.quiz.finish_attempt(attempt.id)
    clock.advance(hours=1)

    report = store.quiz.report(ana.id, library)
    stages = {s.stage_id: (s.mastery, s.seen, s.total) for s in report.stages}
    assert stages["divorce-papers"] == (1.0, 2, 4)  # two more in quiz-case
    assert stages["north-star"] == (0.0, 1, 2)
    divorce = next(s for s in report.stages if s.stage_id == "divorce-papers")
    assert divorce.known == 0.5  # all right, but only half the stage's questions seen
    assert report.due_now == 1
    assert sum(report.forecast) == 3 and report.forecast[0] >= 1
    assert report.activity[-1] == 3 and sum(report.activity) == 3
    [case] = report.attempted
    assert (case.case_id, case.attempts, round(case.best)) == ("tiny-case", 1, 67)
    assert [c["case_id"] for c in report.as_dict()["cases"]] == ["quiz-case", "tiny-case"]
