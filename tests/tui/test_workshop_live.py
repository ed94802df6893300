"""A live workshop: a facilitator's app and participants' apps on ONE database file."""

from __future__ import annotations

import sqlite3

import pytest

from playbook.tui.screens.workshop_play import ParticipantScreen
from tests.tui.workshop_helpers import Clock, Room, choice_key, open_dashboard, text, wait_for


@pytest.fixture
def room(db_path):
    room = Room(db_path, Clock())
    yield room
    room.close()


def rows(db_path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


async def type_and_join(pilot, code: str, name: str, team: str = "") -> None:
    await pilot.click("#join-code")
    await pilot.press(*code)
    await pilot.click("#join-name")
    await pilot.press(*name)
    if team:
        await pilot.click("#join-team")
        await pilot.press(*team)
    await pilot.press("enter")


async def test_a_room_joins_answers_and_sees_the_reveal(room, db_path):
    fay = room.facilitator()
    workshop, token = room.create(fay, time_limit=30)
    ada, ben = room.participant(), room.participant()
    async with (
        fay.run_test(size=(100, 30)) as pf,
        ada.run_test() as pa,
        ben.run_test() as pb,
    ):
        pilots = (pf, pa, pb)
        open_dashboard(fay, workshop.code, token)
        await type_and_join(pa, workshop.code, "Ada")
        await type_and_join(pb, workshop.code.lower(), "Ben")
        await wait_for(pilots, lambda: "Ben" in text(fay, "#dash-people"), "Ben in the room")
        assert "Ada" in text(fay, "#dash-people")
        await pf.press("s", "o")
        await wait_for(pilots, lambda: "left" in text(ada, "#play-status"), "the question")
        assert "What was the deal" in text(ada, "#play-prompt")
        await pa.press(choice_key(ada, "licence"), "enter")
        await wait_for(pilots, lambda: "left" in text(ben, "#play-status"), "Ben's question")
        await pb.press(choice_key(ben, "jv"), "enter")
        await wait_for(
            pilots, lambda: "2 of 2 answered" in text(fay, "#dash-clock"), "both answers"
        )
        chart = text(fay, "#dash-chart")
        assert "A licence of Gamma's brand" in chart and "1 (50%)" in chart
        assert "received" in text(ada, "#play-status")
        await pf.press("r")
        await wait_for(pilots, lambda: "revealed" in text(ben, "#play-status"), "the reveal")
        assert "Not right" in text(ben, "#play-result")
        await wait_for(pilots, lambda: "revealed" in text(ada, "#play-status"), "Ada's reveal")
        assert "Right." in text(ada, "#play-result") and "Why:" in text(ada, "#play-result")
        assert "Right answer" in text(fay, "#dash-explain")
        await pf.press("n")
        await wait_for(pilots, lambda: "Discussion" in text(ada, "#play-status"), "discussion")
        assert "What does Pilot ask" in text(ada, "#play-prompt")
        await pb.press("s", "o", "n")  # participants cannot pace the session
    assert rows(db_path, "SELECT phase, item_index FROM workshops") == [("waiting", 1)]
    answers = rows(db_path, "SELECT item_index, response, score FROM workshop_responses")
    assert sorted(answers) == [(0, '"jv"', 0.0), (0, '"licence"', 1.0)]


async def test_rejoining_after_a_drop_keeps_the_answer_and_the_score(room, db_path):
    fay = room.facilitator()
    workshop, token = room.create(fay)
    first = room.participant(workshop.code, "Ada")
    async with fay.run_test() as pf, first.run_test() as pa:
        open_dashboard(fay, workshop.code, token)
        await wait_for((pf, pa), lambda: isinstance(first.screen, ParticipantScreen), "joined")
        await wait_for((pf, pa), lambda: "Ada" in text(fay, "#dash-people"), "Ada in the room")
        await pf.press("s", "o")
        await wait_for(
            (pf, pa), lambda: "Answering is open" in text(first, "#play-status"), "question"
        )
        await pa.press(choice_key(first, "licence"), "enter")
        await wait_for((pf, pa), lambda: "received" in text(first, "#play-status"), "saved")
        await pf.press("r")
        await wait_for((pf, pa), lambda: "1,000 points" in text(first, "#play-me"), "points")
        points = text(first, "#play-me")
    # The terminal closed; Ada joins again with the same name on the same device.
    again = room.participant(workshop.code, "ada")
    async with again.run_test() as pa:
        await wait_for((pa,), lambda: isinstance(again.screen, ParticipantScreen), "rejoined")
        await wait_for((pa,), lambda: "revealed" in text(again, "#play-status"), "the reveal")
        assert "Right." in text(again, "#play-result")  # the answer was kept
        assert text(again, "#play-me") == points
    assert rows(db_path, "SELECT count(*) FROM workshop_participants") == [(1,)]


async def test_an_anonymous_workshop_shows_no_name_on_the_dashboard_or_projector(room):
    fay = room.facilitator()
    workshop, token = room.create(fay, anonymous=True)
    ada = room.participant(workshop.code, "Ada")
    async with fay.run_test(size=(100, 30)) as pf, ada.run_test() as pa:
        open_dashboard(fay, workshop.code, token)
        await wait_for((pf, pa), lambda: "Participant 1" in text(fay, "#dash-people"), "joined")
        assert "Participant 1" in text(ada, "#play-prompt")  # she knows how the room sees her
        await pf.press("s", "o")
        await wait_for((pf, pa), lambda: "Answering is open" in text(ada, "#play-status"), "open")
        await pa.press(choice_key(ada, "licence"), "enter")
        await wait_for((pf, pa), lambda: "received" in text(ada, "#play-status"), "saved")
        await pf.press("r")
        await wait_for((pf, pa), lambda: "1,000" in text(fay, "#dash-board"), "Ada's points")
        board = text(fay, "#dash-board")
        assert "Ada" not in board and "Participant 1" in board  # not even the facilitator
        assert "Ada" not in text(fay, "#dash-people")
        await pf.press("p")
        await pf.pause()
        assert "1 joined" in text(fay, "#dash-people")
        assert "Ada" not in text(fay, "#dash-board") and "1,000" in text(fay, "#dash-board")
        assert not fay.screen.query_one("Footer").display  # no controls on the projector
        await pf.press("n")  # the keys still work for the facilitator
        await wait_for((pf, pa), lambda: "Discussion" in text(ada, "#play-status"), "next item")


async def test_team_mode_asks_for_a_team_and_shows_team_scores(room, db_path):
    fay = room.facilitator()
    workshop, token = room.create(fay, team_mode=True)
    ada = room.participant()
    async with fay.run_test(size=(100, 30)) as pf, ada.run_test() as pa:
        open_dashboard(fay, workshop.code, token)
        await type_and_join(pa, workshop.code, "Ada", team="Red")
        await wait_for((pf, pa), lambda: "Ada (Red)" in text(fay, "#dash-people"), "Ada's team")
        assert "Red" in text(fay, "#dash-board") and "Teams" in text(fay, "#dash-board-heading")
    assert rows(db_path, "SELECT name, team FROM workshop_participants") == [("Ada", "Red")]
