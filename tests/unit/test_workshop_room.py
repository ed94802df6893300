"""A workshop room through the service: PIN throttling, pacing, late answers refused, rejoin,
and what each side may see."""

from __future__ import annotations

import sqlite3

import pytest

from playbook.domain.workshop import Phase, pin_delay
from playbook.services import Services
from playbook.services.errors import (
    AnswerRefused,
    NameTaken,
    NotAllowed,
    NotFacilitator,
    WorkshopError,
    WrongPin,
)
from tests.conftest import fixture_library

PIN = "2468"


@pytest.fixture
def rooms(services):
    return services.workshops


@pytest.fixture
def workshop(rooms):
    agenda = rooms.agenda([("question", "quiz-case/form"), ("stage", "pilot")])
    agenda += rooms.agenda([("question", "quiz-case/licensee")])
    return rooms.create("Alliances 101", PIN, agenda, time_limit=20)


def test_a_new_workshop_has_a_join_code_and_only_a_salted_hash_of_the_pin(store, rooms, workshop):
    assert len(workshop.code) == 6 and workshop.session.phase is Phase.LOBBY
    assert [i.kind for i in workshop.agenda] == ["question", "discussion", "question"]
    with sqlite3.connect(store.path) as conn:
        stored = conn.execute("SELECT pin_hash FROM workshops").fetchone()[0]
    assert stored.startswith("scrypt$") and PIN not in stored
    assert rooms.get(workshop.code.lower()[:3] + "-" + workshop.code[3:]) == workshop


def test_a_workshop_needs_a_pin_of_digits_and_an_agenda(rooms):
    agenda = rooms.agenda([("case", "quiz-case")])
    assert len(agenda) == 7  # a whole case quiz becomes each of its questions
    with pytest.raises(WorkshopError, match="4 to 12 digits"):
        rooms.create("X", "12a4", agenda)
    with pytest.raises(WorkshopError, match="agenda is empty"):
        rooms.create("X", PIN, [])


def test_wrong_pins_are_throttled_and_the_count_survives_reconnecting(
    rooms, workshop, db_path, clock
):
    for failure in range(1, 5):
        with pytest.raises(WrongPin) as wrong:
            rooms.facilitate(workshop.code, "0000")
        assert wrong.value.wait == pin_delay(failure)
    # The 4th failure locks for a second; the right PIN too soon is refused unchecked.
    again = Services.open(db_path, fixture_library(), clock)  # a new connection
    try:
        clock.advance(seconds=0.5)
        with pytest.raises(WrongPin, match="wait 1 more second "):
            again.workshops.facilitate(workshop.code, PIN)
        clock.advance(seconds=0.5)
        room = again.workshops.facilitate(workshop.code, PIN)
    finally:
        again.close()
    clock.advance(seconds=1)
    facilitator = rooms.facilitator(workshop.code, room.token)
    assert facilitator.act("start").session.phase is Phase.WAITING
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT pin_failures FROM workshops").fetchone()[0] == 0


def test_pacing_needs_the_facilitators_token(rooms, workshop):
    guessed = rooms.facilitator(workshop.code, "guessed-token")
    with pytest.raises(NotFacilitator):
        guessed.act("start")
    with pytest.raises(NotFacilitator):
        guessed.board()
    room = rooms.facilitate(workshop.code, PIN)
    with pytest.raises(NotAllowed, match="Cannot open answering"):
        room.act("open")  # not started yet


def run_to_open(rooms, workshop):
    room = rooms.facilitate(workshop.code, PIN)
    room.act("start")
    room.act("open")
    return room


def test_an_answer_is_graded_scored_and_saved_once(rooms, workshop, clock):
    ada = rooms.join(workshop.code, "Ada", "dev-1")
    run_to_open(rooms, workshop)
    clock.advance(seconds=5)
    saved = ada.answer("licence", "high")
    assert (saved.score, saved.seconds, saved.confidence) == (1.0, 5.0, "high")
    assert saved.points == 875  # half for being right, the rest for speed over 20 s
    clock.advance(seconds=1)
    with pytest.raises(AnswerRefused, match="already"):
        ada.answer("jv")


def test_a_late_answer_is_refused_and_nothing_is_saved(rooms, workshop, db_path, clock):
    ben = rooms.join(workshop.code, "Ben", "dev-2")
    room = run_to_open(rooms, workshop)
    clock.advance(seconds=20)
    with pytest.raises(AnswerRefused, match="Too late"):
        ben.answer("licence")
    clock.advance(seconds=1)
    assert room.expire()
    clock.advance(seconds=1)
    with pytest.raises(AnswerRefused, match="closed"):
        ben.answer("licence")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM workshop_responses").fetchone()[0] == 0


def test_the_deadline_closes_answering_when_the_dashboard_notices(rooms, workshop, clock):
    room = run_to_open(rooms, workshop)
    clock.advance(seconds=19)
    assert not room.expire()
    clock.advance(seconds=1)
    assert room.board().session.phase is Phase.CLOSED
    assert room.expire()
    assert rooms.get(workshop.code).session.phase is Phase.CLOSED


def test_rejoining_on_the_same_device_keeps_answers_and_score(rooms, workshop, clock):
    ada = rooms.join(workshop.code, "Ada", "dev-1")
    room = run_to_open(rooms, workshop)
    clock.advance(seconds=1)
    ada.answer("licence")
    clock.advance(seconds=29)
    again = rooms.join(workshop.code, "  ADA ", "dev-1")
    assert again.me.participant_id == ada.me.participant_id and again.me.rejoined
    view = again.view()
    assert view.mine is not None and view.mine.response == "licence"
    assert view.my_points == 0  # the current question's points wait for the reveal
    room.act("reveal")
    assert again.view().my_points == 975


def test_the_same_name_from_another_device_needs_the_rejoin_key(rooms, workshop):
    ada = rooms.join(workshop.code, "Ada", "dev-1")
    with pytest.raises(NameTaken, match="rejoin key"):
        rooms.join(workshop.code, "ada", "dev-9")
    moved = rooms.join(workshop.code, "Ada", "dev-9", rejoin_key=ada.me.rejoin_key.lower())
    assert moved.me.participant_id == ada.me.participant_id


def test_team_mode_asks_for_a_team(rooms):
    agenda = rooms.agenda([("question", "quiz-case/form")])
    teams = rooms.create("Teams", PIN, agenda, team_mode=True)
    with pytest.raises(WorkshopError, match="team"):
        rooms.join(teams.code, "Ada", "d")
    assert rooms.join(teams.code, "Ada", "d", team=" Red ").me.team == "Red"


def test_a_participant_sees_only_their_own_answer_and_counts_after_the_reveal(
    rooms, workshop, clock
):
    ada = rooms.join(workshop.code, "Ada", "dev-1")
    ben = rooms.join(workshop.code, "Ben", "dev-2")
    room = run_to_open(rooms, workshop)
    room.act("close")
    room.act("next")  # the discussion
    room.act("next")  # the short-answer question
    room.act("open")
    clock.advance(seconds=2)
    ada.answer("Delta, obviously (secret note)")
    view = ben.view()
    assert view.mine is None and view.answered == 1 and view.chart is None
    assert view.reveal is None  # no right answer before the reveal
    assert "secret note" not in repr(view)
    mine = ada.view().mine
    assert mine.response == "Delta, obviously (secret note)" and not mine.graded
    room.act("reveal")
    view = ben.view()
    assert [(b.label, b.count) for b in view.chart.bars] == [("Right", 0), ("Wrong", 1)]
    assert "secret note" not in repr(view)  # counts, never anyone's words
    assert view.reveal.right_answer.startswith("Delta")
    assert ada.view().mine.graded


def test_a_wrong_rejoin_key_cannot_read_a_view(rooms, workshop):
    from dataclasses import replace

    ada = rooms.join(workshop.code, "Ada", "dev-1")
    forged = rooms.participant(replace(ada.me, rejoin_key="ZZZZ"))
    with pytest.raises(WorkshopError, match="not in this workshop"):
        forged.view()
    with pytest.raises(WorkshopError, match="not in this workshop"):
        forged.answer("licence")


def test_a_series_collects_each_workshops_points(rooms, clock):
    agenda = rooms.agenda([("question", "quiz-case/equal")])
    for n in (1, 2):
        w = rooms.create(f"Day {n}", PIN, agenda, series="Spring")
        me = rooms.join(w.code, "Ada", "d")
        run_to_open(rooms, w)
        clock.advance(seconds=1)
        me.answer(True)
    series = rooms.series("Spring")
    assert [w.title for w, _ in series] == ["Day 1", "Day 2"]
    assert all(rows[0][3] == 1000 for _, rows in series)
