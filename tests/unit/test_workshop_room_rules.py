"""The room's rules through the service: settled items, certainty points, closing by itself,
polls, per-client throttles, session tokens, running the room, and anonymity."""

from __future__ import annotations

import sqlite3

import pytest

from playbook.domain.workshop import Phase, certainty_points
from playbook.services.errors import AnswerRefused, NameTaken, NotAllowed, WorkshopError, WrongPin
from playbook.services.workshop import REJOIN_KEY_LENGTH, WorkshopOptions

PIN = "2468"


@pytest.fixture
def rooms(services):
    return services.workshops


def make(rooms, parts=None, **options):
    parts = parts or [("question", "quiz-case/form"), ("question", "quiz-case/equal")]
    workshop = rooms.create("Alliances 101", PIN, rooms.agenda(parts), **options)
    return workshop, rooms.facilitate(workshop.code, PIN)


def test_a_revealed_question_cannot_be_answered_again_and_its_points_stand(rooms, clock):
    workshop, room = make(rooms, time_limit=20)
    ada, ben = rooms.join(workshop.code, "Ada", "a"), rooms.join(workshop.code, "Ben", "b")
    room.act("start")
    room.act("open")
    clock.advance(seconds=2)
    ada.answer("licence")
    room.act("reveal")
    points = ada.view().my_points
    room.act("next")
    room.act("back")
    assert room.workshop().session.phase is Phase.REVEALED
    with pytest.raises(NotAllowed, match="answer is revealed"):
        room.act("open")
    with pytest.raises(AnswerRefused):
        ben.answer("licence")  # after the right answer was shown: never
    assert ada.view().my_points == points  # nothing dropped while going back


def test_certainty_points_follow_the_marks_and_the_option_needs_a_confidence(rooms, clock):
    workshop, room = make(rooms, certainty=True)
    ada, ben = rooms.join(workshop.code, "Ada", "a"), rooms.join(workshop.code, "Ben", "b")
    room.act("start")
    room.act("open")
    with pytest.raises(AnswerRefused, match="how sure"):
        ada.answer("licence")
    ada.answer("licence", "high")
    ben.answer("merger", "high")
    room.act("reveal")
    assert ada.view().mine.points == certainty_points("high")[0] == 1000
    assert ben.view().mine.points == certainty_points("high")[1] == -2000
    assert certainty_points("low") == (333, 0)


def test_without_the_option_confidence_changes_no_points(rooms):
    workshop, room = make(rooms)
    ada, ben = rooms.join(workshop.code, "Ada", "a"), rooms.join(workshop.code, "Ben", "b")
    room.act("start")
    room.act("open")
    ada.answer("licence", "low")
    ben.answer("licence")
    room.act("reveal")
    assert ada.view().mine.points == ben.view().mine.points == 1000


def test_answering_closes_once_everyone_here_has_answered(rooms, clock):
    workshop, room = make(rooms, auto_close=True)
    people = [rooms.join(workshop.code, name, name) for name in ("Ada", "Ben", "Cy")]
    room.act("start")
    room.act("open")
    people[0].answer("licence")
    people[1].answer("jv")
    assert room.workshop().session.phase is Phase.OPEN  # Cy is still here, thinking
    people[2].answer("merger")
    assert room.workshop().session.phase is Phase.CLOSED


def test_someone_who_left_does_not_keep_answering_open(rooms, clock):
    workshop, room = make(rooms, auto_close=True)
    ada = rooms.join(workshop.code, "Ada", "a")
    rooms.join(workshop.code, "Ben", "b")
    room.act("start")
    room.act("open")
    clock.advance(seconds=20)  # Ben has not been seen for longer than "here" lasts
    ada.answer("licence")
    assert room.workshop().session.phase is Phase.CLOSED


def test_the_live_chart_can_stay_hidden_until_answering_closes(rooms):
    workshop, room = make(rooms, hide_live=True)
    ada = rooms.join(workshop.code, "Ada", "a")
    room.act("start")
    room.act("open")
    ada.answer("licence")
    chart = room.board().chart
    assert chart.hidden and chart.answered == 1 and chart.bars == ()
    assert room.board(projector=True).chart.hidden
    room.act("close")
    assert [b.count for b in room.board().chart.bars if b.count] == [1]


def test_a_multiple_answer_chart_counts_people_not_ticks(rooms):
    workshop, room = make(rooms, [("question", "quiz-case/pilot-steps")])
    ada, ben = rooms.join(workshop.code, "Ada", "a"), rooms.join(workshop.code, "Ben", "b")
    room.act("start")
    room.act("open")
    card = ada.view().item.card
    ids = [o.id for o in card.options]
    ada.answer(ids[:3])
    ben.answer(ids[:1])
    bars = {b.label: b for b in room.board().chart.bars}
    first = bars[card.options[0].text]
    assert (first.count, first.share) == (2, 1.0)  # both of the two people: 100%
    assert bars[card.options[1].text].share == 0.5


def test_a_scale_poll_has_a_distribution_and_a_mean_and_no_points(rooms):
    parts = [("scale", "How ready is the team?", "Not at all", "Completely")]
    workshop, room = make(rooms, parts)
    people = [rooms.join(workshop.code, n, n) for n in ("Ada", "Ben", "Cy")]
    room.act("start")
    room.act("open")
    for person, rating in zip(people, (2, 4, 5), strict=True):
        person.answer(rating)
    with pytest.raises(AnswerRefused, match="1 to 5"):
        rooms.join(workshop.code, "Dee", "d").answer(7)
    room.act("reveal")
    chart = people[0].view().chart
    assert [b.count for b in chart.bars] == [0, 1, 0, 1, 1] and chart.mean == 3.67
    assert chart.bars[0].label == "1 · Not at all"
    assert people[0].view().my_points == 0 and people[0].view().reveal is None


def test_an_open_question_makes_a_wall_the_facilitator_moderates(rooms):
    workshop, room = make(rooms, [("open", "What worries you about this partner?")])
    ada, ben = rooms.join(workshop.code, "Ada", "a"), rooms.join(workshop.code, "Ben", "b")
    room.act("start")
    room.act("open")
    ada.answer("Trust and speed")
    ben.answer("rude words here")
    assert ben.view().chart is None  # nobody reads others' words before the reveal
    with pytest.raises(AnswerRefused, match="keep it to"):
        rooms.join(workshop.code, "Cy", "c").answer("x" * 300)
    board = room.board()
    ben_id = ben.me.participant_id
    assert {e.participant_id for e in board.chart.wall} == {ada.me.participant_id, ben_id}
    room.hide(ben_id, 0)
    room.act("reveal")
    wall = ada.view().chart.wall
    assert [e.text for e in wall] == ["Trust and speed"] and wall[0].participant_id == 0
    assert [w.word for w in ada.view().chart.words] == ["speed", "trust"]
    assert [e.hidden for e in room.board().chart.wall] == [False, True]  # the moderator sees


def test_pin_guesses_are_throttled_per_client_and_never_lock_the_facilitator_out(rooms, clock):
    workshop, _ = make(rooms)
    for _ in range(5):
        with pytest.raises(WrongPin):
            rooms.facilitate(workshop.code, "0000", client="ip:10.0.0.66")
    with pytest.raises(WrongPin, match="Too many wrong PINs"):
        rooms.facilitate(workshop.code, PIN, client="ip:10.0.0.66")  # the guesser waits
    assert rooms.facilitate(workshop.code, PIN, client="ip:10.0.0.5").token  # not the facilitator
    assert rooms.open_as_facilitator(workshop.code).token  # nor the server's own key


def test_rejoin_keys_are_long_and_wrong_ones_are_throttled_per_client(rooms, clock):
    workshop, _ = make(rooms)
    ada = rooms.join(workshop.code, "Ada", "ada-phone")
    assert len(ada.me.rejoin_key) == REJOIN_KEY_LENGTH == 8
    for n in range(4):
        with pytest.raises(NameTaken) as refused:
            rooms.join(workshop.code, "Ada", "thief", rejoin_key="BBBBBBBB", client="ip:6")
        assert ("wait" in str(refused.value).lower()) == (n == 3)
    with pytest.raises(WrongPin, match="Too many wrong rejoin keys"):
        rooms.join(workshop.code, "Ada", "t", rejoin_key=ada.me.rejoin_key, client="ip:6")
    key = ada.me.rejoin_key
    moved = rooms.join(workshop.code, "ada", "laptop", rejoin_key=f"{key[:4]}-{key[4:]}".lower())
    assert moved.me.participant_id == ada.me.participant_id and moved.me.rejoined


def test_a_session_token_rejoins_and_a_new_device_signs_the_old_one_out(rooms):
    workshop, _ = make(rooms)
    ada = rooms.join(workshop.code, "Ada", "phone")
    assert rooms.resume(ada.token).me.participant_id == ada.me.participant_id
    rooms.join(workshop.code, "Ada", "laptop", rejoin_key=ada.me.rejoin_key)
    with pytest.raises(WorkshopError, match="join again"):
        rooms.resume(ada.token)
    with pytest.raises(WorkshopError):
        rooms.resume("forged")


def test_the_facilitator_renames_and_removes_people(rooms, db_path):
    workshop, room = make(rooms)
    ada, ben = rooms.join(workshop.code, "Ada", "a"), rooms.join(workshop.code, "Ben", "b")
    room.rename(ben.me.participant_id, "Benedict")
    with pytest.raises(NameTaken):
        room.rename(ben.me.participant_id, "ada")
    room.act("start")
    room.act("open")
    ada.answer("licence")
    room.remove(ada.me.participant_id)
    assert [p.name for p in room.board().people] == ["Benedict"]
    with pytest.raises(WorkshopError, match="not in this workshop"):
        ada.view()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM workshop_responses").fetchone()[0] == 0


def test_a_workshop_is_edited_before_it_starts_copied_and_deleted(rooms, db_path):
    workshop, room = make(rooms)
    agenda = rooms.agenda([("open", "One word for this alliance?")])
    changed = room.edit("Renamed", agenda, WorkshopOptions(time_limit=15, hide_live=True))
    assert (changed.title, changed.time_limit, changed.hide_live) == ("Renamed", 15, True)
    assert changed.agenda[0].poll.type == "open"
    copy = room.copy()
    assert copy.code != workshop.code and copy.agenda == changed.agenda
    assert rooms.facilitate(copy.code, PIN)  # the same PIN
    room.act("start")
    with pytest.raises(WorkshopError, match="has started"):
        room.edit("Again", agenda, WorkshopOptions())
    room.delete()
    assert rooms.get(workshop.code) is None and rooms.get(copy.code) is not None


def test_an_anonymous_room_names_nobody_to_anyone_else(services, rooms):
    workshop, room = make(rooms, anonymous=True, series="Spring")
    ada = rooms.join(workshop.code, "Ada Lovelace", "a")
    rooms.join(workshop.code, "Ben Franklin", "b")
    room.act("start")
    room.act("open")
    ada.answer("licence")
    room.act("reveal")
    room.act("end")
    results = services.workshop_results
    shown = [
        repr(room.board()),
        repr(room.board(projector=True)),
        results.csv_text(workshop.code),
        results.markdown_text(workshop.code),
        repr(results.series_board(workshop)),
    ]
    for text in shown:
        assert "Lovelace" not in text and "Franklin" not in text
    assert "Participant 1" in shown[0] and "Participant 1" in shown[2]
    assert ada.view().me.name == "Ada Lovelace"  # she still sees her own name
