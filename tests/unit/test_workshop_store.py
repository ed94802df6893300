"""The workshop store: PIN throttling, pacing, late answers refused, rejoin, and privacy."""

from __future__ import annotations

import sqlite3

import pytest

from playbook.content.loader import load_library
from playbook.domain.workshop import NotAllowed, Phase, pin_delay
from playbook.store.progress import Store
from playbook.store.workshop_records import (
    AnswerRefused,
    NameTaken,
    NotFacilitator,
    WorkshopError,
    WrongPin,
)
from playbook.store.workshops import agenda_for
from tests.conftest import FIXTURE_CONTENT

T0 = 1_800_000_000.0
PIN = "2468"


@pytest.fixture(scope="module")
def library():
    return load_library([FIXTURE_CONTENT])


@pytest.fixture
def workshop(store, library):
    agenda = agenda_for(library, [("question", "quiz-case/form"), ("stage", "pilot")])
    agenda += agenda_for(library, [("question", "quiz-case/licensee")])
    return store.workshops.create("Alliances 101", PIN, agenda, T0, time_limit=20)


def q(library, key):
    return library.question(key)


def test_a_new_workshop_has_a_join_code_and_only_a_salted_hash_of_the_pin(store, workshop):
    assert len(workshop.code) == 6 and workshop.session.phase is Phase.LOBBY
    assert [i.kind for i in workshop.agenda] == ["question", "discussion", "question"]
    with sqlite3.connect(store.path) as conn:
        stored = conn.execute("SELECT pin_hash FROM workshops").fetchone()[0]
    assert stored.startswith("scrypt$") and PIN not in stored
    assert store.workshops.get(workshop.code.lower()[:3] + "-" + workshop.code[3:]) == workshop


def test_a_workshop_needs_a_pin_of_digits_and_an_agenda(store, library):
    agenda = agenda_for(library, [("case", "quiz-case")])
    assert len(agenda) == 7  # a whole case quiz becomes each of its questions
    with pytest.raises(WorkshopError, match="4 to 12 digits"):
        store.workshops.create("X", "12a4", agenda, T0)
    with pytest.raises(WorkshopError, match="agenda is empty"):
        store.workshops.create("X", PIN, [], T0)


def test_wrong_pins_are_throttled_and_the_count_survives_reconnecting(store, workshop, db_path):
    workshops = store.workshops
    for failure in range(1, 5):
        with pytest.raises(WrongPin) as wrong:
            workshops.verify_facilitator(workshop.code, "0000", T0)
        assert wrong.value.wait == pin_delay(failure)
    # The 4th failure locks for a second; the right PIN too soon is refused unchecked.
    again = Store.open(db_path)  # a new connection, as after a reconnect
    try:
        with pytest.raises(WrongPin, match="wait 1 more seconds"):
            again.workshops.verify_facilitator(workshop.code, PIN, T0 + 0.5)
        token = again.workshops.verify_facilitator(workshop.code, PIN, T0 + 1.0)
    finally:
        again.close()
    assert store.workshops.act(token, "start", T0 + 2).session.phase is Phase.WAITING
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT pin_failures FROM workshops").fetchone()[0] == 0


def test_pacing_needs_the_facilitators_token(store, workshop):
    with pytest.raises(NotFacilitator):
        store.workshops.act("guessed-token", "start", T0)
    with pytest.raises(NotFacilitator):
        store.workshops.board("guessed-token", T0)
    token = store.workshops.verify_facilitator(workshop.code, PIN, T0)
    with pytest.raises(NotAllowed, match="Cannot open answering"):
        store.workshops.act(token, "open", T0)  # not started yet


def run_to_open(store, workshop, at=T0):
    token = store.workshops.verify_facilitator(workshop.code, PIN, at)
    store.workshops.act(token, "start", at)
    store.workshops.act(token, "open", at)
    return token


def test_an_answer_is_graded_scored_and_saved_once(store, workshop, library):
    ada = store.workshops.join(workshop.code, "Ada", "dev-1", T0)
    run_to_open(store, workshop)
    saved = store.workshops.answer(ada, q(library, "quiz-case/form"), "licence", T0 + 5, "high")
    assert (saved.score, saved.seconds, saved.confidence) == (1.0, 5.0, "high")
    assert saved.points == 875  # half for being right, the rest for speed over 20 s
    with pytest.raises(AnswerRefused, match="already"):
        store.workshops.answer(ada, q(library, "quiz-case/form"), "jv", T0 + 6)
    with pytest.raises(AnswerRefused, match="not the one being asked"):
        store.workshops.answer(ada, q(library, "quiz-case/licensee"), "Delta", T0 + 6)


def test_a_late_answer_is_refused_and_nothing_is_saved(store, workshop, library, db_path):
    ben = store.workshops.join(workshop.code, "Ben", "dev-2", T0)
    token = run_to_open(store, workshop)
    with pytest.raises(AnswerRefused, match="Too late"):
        store.workshops.answer(ben, q(library, "quiz-case/form"), "licence", T0 + 20)
    assert store.workshops.expire(token, T0 + 21)
    with pytest.raises(AnswerRefused, match="closed"):
        store.workshops.answer(ben, q(library, "quiz-case/form"), "licence", T0 + 22)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM workshop_responses").fetchone()[0] == 0


def test_the_deadline_closes_answering_when_the_dashboard_notices(store, workshop):
    token = run_to_open(store, workshop)
    assert not store.workshops.expire(token, T0 + 19)
    assert store.workshops.board(token, T0 + 20).session.phase is Phase.CLOSED
    assert store.workshops.expire(token, T0 + 20)
    assert store.workshops.get(workshop.code).session.phase is Phase.CLOSED


def test_rejoining_on_the_same_device_keeps_answers_and_score(store, workshop, library):
    ada = store.workshops.join(workshop.code, "Ada", "dev-1", T0)
    run_to_open(store, workshop)
    token = store.workshops.verify_facilitator(workshop.code, PIN, T0)
    store.workshops.answer(ada, q(library, "quiz-case/form"), "licence", T0 + 1)
    again = store.workshops.join(workshop.code, "  ADA ", "dev-1", T0 + 30)
    assert again.participant_id == ada.participant_id and again.rejoined
    view = store.workshops.participant_view(again, library, T0 + 31)
    assert view.mine is not None and view.mine.response == "licence"
    assert view.my_points == 0  # the current question's points wait for the reveal
    store.workshops.act(token, "reveal", T0 + 32)
    assert store.workshops.participant_view(again, library, T0 + 33).my_points == 975


def test_the_same_name_from_another_device_needs_the_rejoin_key(store, workshop):
    ada = store.workshops.join(workshop.code, "Ada", "dev-1", T0)
    with pytest.raises(NameTaken, match="rejoin key"):
        store.workshops.join(workshop.code, "ada", "dev-9", T0)
    moved = store.workshops.join(
        workshop.code, "Ada", "dev-9", T0, rejoin_key=ada.rejoin_key.lower()
    )
    assert moved.participant_id == ada.participant_id


def test_team_mode_asks_for_a_team(store, library):
    agenda = agenda_for(library, [("question", "quiz-case/form")])
    teams = store.workshops.create("Teams", PIN, agenda, T0, team_mode=True)
    with pytest.raises(WorkshopError, match="team"):
        store.workshops.join(teams.code, "Ada", "d", T0)
    assert store.workshops.join(teams.code, "Ada", "d", T0, team=" Red ").team == "Red"


def test_a_participant_sees_only_their_own_answer_and_counts_after_the_reveal(
    store, workshop, library
):
    ada = store.workshops.join(workshop.code, "Ada", "dev-1", T0)
    ben = store.workshops.join(workshop.code, "Ben", "dev-2", T0)
    token = run_to_open(store, workshop)
    store.workshops.act(token, "close", T0)
    store.workshops.act(token, "next", T0)  # the discussion
    store.workshops.act(token, "next", T0)  # the short-answer question
    store.workshops.act(token, "open", T0)
    licensee = q(library, "quiz-case/licensee")
    store.workshops.answer(ada, licensee, "Delta, obviously (secret note)", T0 + 2)
    view = store.workshops.participant_view(ben, library, T0 + 3)
    assert view.mine is None and view.answered == 1 and view.distribution is None
    assert "secret note" not in repr(view)
    store.workshops.act(token, "reveal", T0 + 4)
    view = store.workshops.participant_view(ben, library, T0 + 5)
    assert view.distribution == (("Right", 0), ("Wrong", 1))  # counts, not words
    assert "secret note" not in repr(view)
    mine = store.workshops.participant_view(ada, library, T0 + 5)
    assert mine.mine.response == "Delta, obviously (secret note)"


def test_a_wrong_rejoin_key_cannot_read_a_view(store, workshop, library):
    from dataclasses import replace

    ada = store.workshops.join(workshop.code, "Ada", "dev-1", T0)
    with pytest.raises(WorkshopError, match="not in this workshop"):
        store.workshops.participant_view(replace(ada, rejoin_key="ZZZZ"), library, T0)


def test_a_series_collects_each_workshops_points(store, library):
    agenda = agenda_for(library, [("question", "quiz-case/equal")])
    for n in (1, 2):
        w = store.workshops.create(f"Day {n}", PIN, agenda, T0, series="Spring")
        me = store.workshops.join(w.code, "Ada", "d", T0)
        run_to_open(store, w)
        store.workshops.answer(me, q(library, "quiz-case/equal"), True, T0 + 1)
    series = store.workshops.series("Spring")
    assert [w.title for w, _ in series] == ["Day 1", "Day 2"]
    assert all(rows[0][3] == 1000 for _, rows in series)
