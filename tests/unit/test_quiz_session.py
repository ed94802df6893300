"""Taking a quiz through the service: graded once and saved with its review card, resumed,
crammed, retried, and counted in the stats."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from playbook.services import Services
from playbook.services.errors import StoreError
from playbook.services.quiz import Feedback, Refused
from playbook.store.store import Store
from tests.conftest import fixture_library

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
KEYS = ("tiny-case/form", "tiny-case/equal", "tiny-case/price")


@pytest.fixture
def ana(services, clock):
    clock.now = T0
    return services.profiles.create("Ana")


def rows(store: Store, sql: str, params=()) -> list[tuple]:
    return store.database.conn.execute(sql, params).fetchall()


def question(services: Services, key: str):
    return services.library.question(key)


def answer(services: Services, session, key: str, response, confidence=None, seconds=None):
    outcome = session.answer(question(services, key), response, confidence, seconds)
    assert isinstance(outcome, Feedback), outcome
    return outcome


def test_the_migrations_create_the_quiz_tables(store):
    names = {r[0] for r in rows(store, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"quiz_attempts", "quiz_answers", "review_cards", "review_log"} <= names


def test_an_answer_and_its_review_card_are_saved_together(services, store, ana):
    session = services.quizzes.start(ana.id, "tiny-case", confidence=True)
    feedback = answer(services, session, "tiny-case/form", "merger", "high", seconds=4.2)
    assert not feedback.grade.correct and feedback.saved.cbm_mark == -6.0

    [saved] = rows(
        store,
        "SELECT question_key, response, score, correct, confidence, cbm_mark,"
        " seconds FROM quiz_answers",
    )
    assert saved == ("tiny-case/form", '"merger"', 0.0, 0, "high", -6.0, 4.2)
    [card] = rows(store, "SELECT question_key, case_id, due FROM review_cards")
    assert card[:2] == ("tiny-case/form", "tiny-case")
    due = datetime.fromisoformat(card[2])
    assert T0 < due < T0 + timedelta(hours=1)  # wrong: back within the session's day
    assert feedback.next_due == due  # the learner is told when it comes back
    assert rows(store, "SELECT position FROM quiz_attempts") == [(1,)]
    assert len(rows(store, "SELECT * FROM review_log")) == 1


def test_a_failed_card_update_rolls_back_the_answer_too(services, store, ana, monkeypatch):
    session = services.quizzes.start(ana.id, "tiny-case")

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(store.quiz, "_reschedule", broken)
    with pytest.raises(StoreError, match="disk full"):  # advice for the user, not a traceback
        session.answer(question(services, "tiny-case/form"), "jv")
    assert rows(store, "SELECT * FROM quiz_answers") == []
    assert store.quiz.answers(session.attempt.id) == {}


def test_a_question_is_answered_once_per_practice_attempt(services, ana):
    session = services.quizzes.start(ana.id, "tiny-case")
    answer(services, session, "tiny-case/form", "jv")
    again = session.answer(question(services, "tiny-case/form"), "merger")
    assert isinstance(again, Refused) and "answered already" in again.reason
    other = next(q for q in services.library.cases["quiz-case"].questions)
    with pytest.raises(ValueError, match="not a question"):
        session.answer(other, "x")


def test_a_number_that_cannot_be_read_is_refused_not_marked_wrong(services, store, ana):
    session = services.quizzes.start(ana.id, "tiny-case")
    refused = session.answer(question(services, "tiny-case/price"), "seven")
    assert isinstance(refused, Refused) and "digits" in refused.reason
    assert rows(store, "SELECT * FROM quiz_answers") == []  # nothing saved, nothing scheduled
    assert rows(store, "SELECT * FROM review_cards") == []


def test_a_half_finished_attempt_can_be_resumed_after_reopening(db_path, services, ana, clock):
    session = services.quizzes.start(ana.id, "tiny-case", "exam", confidence=True)
    orders = session.attempt.orders
    answer(services, session, "tiny-case/form", "jv", "medium")
    services.close()

    again = Services.open(db_path, fixture_library(), clock)
    try:
        resumed = again.quizzes.resumable(ana.id, "tiny-case")
        assert resumed is not None
        assert (resumed.id, resumed.mode, resumed.confidence, resumed.keys) == (
            session.attempt.id,
            "exam",
            True,
            KEYS,
        )
        assert resumed.position == 1
        assert resumed.orders == orders  # the choices come back in the order first shown
        opened = again.quizzes.open(resumed)
        assert list(opened.answers) == ["tiny-case/form"]
        assert opened.answers["tiny-case/form"].response == "jv"
        assert opened.first_unanswered() == 1
    finally:
        again.close()


def test_a_quiz_opened_and_left_with_no_answer_is_not_half_way(services, ana):
    services.quizzes.start(ana.id, "tiny-case")
    assert services.quizzes.resumable(ana.id, "tiny-case") is None
    assert services.quizzes.half_way(ana.id) == set()


def test_starting_afresh_sets_the_unfinished_attempt_aside(services, store, ana):
    first = services.quizzes.start(ana.id, "tiny-case")
    answer(services, first, "tiny-case/form", "jv")
    second = services.quizzes.start(ana.id, "tiny-case")
    answer(services, second, "tiny-case/form", "jv")
    assert services.quizzes.resumable(ana.id, "tiny-case").id == second.attempt.id
    [(abandoned,)] = rows(
        store, "SELECT abandoned_at FROM quiz_attempts WHERE id = ?", [first.attempt.id]
    )
    assert abandoned is not None
    second.finish()
    assert services.quizzes.resumable(ana.id, "tiny-case") is None


def test_history_is_keyed_by_question_not_position(services, store, ana, clock):
    # The same question asked at a different position in a review is the same card.
    first = services.quizzes.start(ana.id, "tiny-case")
    answer(services, first, "tiny-case/price", "2")
    clock.advance(minutes=11)
    review = services.review.start(ana.id)
    assert review.attempt.keys == ("tiny-case/price",)
    answer(services, review, "tiny-case/price", "1")
    assert [r[0] for r in rows(store, "SELECT question_key FROM review_cards")] == [
        "tiny-case/price"
    ]
    assert len(rows(store, "SELECT * FROM review_log")) == 2
    assert [(k, s) for k, s, _ in store.quiz.history(ana.id)] == [
        ("tiny-case/price", 0.0),
        ("tiny-case/price", 1.0),
    ]


def test_a_wrong_answer_comes_due_and_a_right_one_waits(services, ana, clock):
    session = services.quizzes.start(ana.id, "tiny-case")
    answer(services, session, "tiny-case/form", "merger")
    answer(services, session, "tiny-case/equal", True)
    assert services.review.due_keys(ana.id) == []
    clock.advance(minutes=11)
    assert services.review.due_keys(ana.id) == ["tiny-case/form"]
    clock.advance(days=30)
    assert services.review.due_keys(ana.id) == ["tiny-case/form", "tiny-case/equal"]


def test_cramming_never_touches_the_schedule(services, store, ana, clock):
    session = services.quizzes.start(ana.id, "tiny-case")
    answer(services, session, "tiny-case/equal", True)
    before = rows(store, "SELECT * FROM review_cards")
    cram = services.review.cram(ana.id, 5)
    clock.advance(minutes=5)
    answer(services, cram, "tiny-case/equal", False)
    assert rows(store, "SELECT * FROM review_cards") == before
    assert len(rows(store, "SELECT * FROM review_log")) == 1
    assert len(store.quiz.history(ana.id)) == 2  # the answer itself still counts


def test_retrying_the_missed_straight_after_is_practice(services, store, ana, clock):
    session = services.quizzes.start(ana.id, "tiny-case")
    answer(services, session, "tiny-case/form", "merger")
    answer(services, session, "tiny-case/equal", True)
    answer(services, session, "tiny-case/price", "1")
    results = session.finish()
    before = rows(store, "SELECT * FROM review_cards ORDER BY question_key")
    clock.advance(minutes=2)
    retry = services.quizzes.retry_missed(results)
    assert retry.attempt.keys == ("tiny-case/form",)
    answer(services, retry, "tiny-case/form", "jv")
    assert rows(store, "SELECT * FROM review_cards ORDER BY question_key") == before


def test_an_exam_moves_review_cards_when_it_is_submitted(services, store, ana):
    exam = services.quizzes.start(ana.id, "tiny-case", "exam")
    answer(services, exam, "tiny-case/form", "merger")
    answer(services, exam, "tiny-case/form", "jv")  # changed before submitting
    assert rows(store, "SELECT * FROM review_cards") == []
    results = exam.finish()
    [(key,)] = rows(store, "SELECT question_key FROM review_cards")
    assert key == "tiny-case/form"
    [line] = [line for line in results.lines if line.question.key == key]
    assert line.saved.response == "jv" and line.grade.correct


def test_case_results_count_finished_whole_quizzes(services, ana, clock):
    first = services.quizzes.start(ana.id, "tiny-case")
    for key, response in zip(KEYS, ("jv", False, "1.5"), strict=True):
        answer(services, first, key, response)  # right, wrong, wrong
    results = first.finish()
    retry = services.quizzes.retry_missed(results)
    answer(services, retry, "tiny-case/equal", True)
    answer(services, retry, "tiny-case/price", "1")
    retry.finish()  # a retry of the misses is not a whole quiz
    clock.advance(days=1)
    second = services.quizzes.start(ana.id, "tiny-case")
    for key, response in zip(KEYS, ("jv", True, "1"), strict=True):
        answer(services, second, key, response)
    second.finish()
    unfinished = services.quizzes.start(ana.id, "tiny-case")
    answer(services, unfinished, KEYS[0], "jv")

    result = services.stats.case_result(ana.id, "tiny-case")
    assert result.attempts == 2
    assert result.best == pytest.approx(100.0)
    assert result.last == pytest.approx(100.0)


def test_profiles_keep_separate_histories(services, store, ana, clock):
    bo = services.profiles.create("Bo")
    session = services.quizzes.start(ana.id, "tiny-case")
    answer(services, session, KEYS[0], "merger")
    clock.advance(hours=1)
    assert services.review.due_keys(ana.id) == [KEYS[0]]
    assert services.review.due_keys(bo.id) == []
    assert store.quiz.history(bo.id) == []


def test_the_report_gathers_mastery_forecast_and_activity(services, ana, clock):
    session = services.quizzes.start(ana.id, "tiny-case")
    answer(services, session, "tiny-case/form", "jv")  # divorce-papers, right
    answer(services, session, "tiny-case/equal", False)  # north-star, wrong
    answer(services, session, "tiny-case/price", "1")  # divorce-papers, right
    session.finish()
    clock.advance(hours=1)

    report = services.stats.report(ana.id)
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
