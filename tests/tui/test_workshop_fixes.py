"""The terminal side of the networked workshop: what the issue found, fixed, and the screens
following a room served elsewhere (`playbook join URL`, `playbook dashboard URL`)."""

from __future__ import annotations

import sqlite3

import pytest

from playbook.tui.app import JoinRequest, make_app
from playbook.tui.screens.workshop_dashboard import DashboardScreen
from playbook.tui.screens.workshop_join import JoinScreen
from playbook.tui.screens.workshop_play import ParticipantScreen
from playbook.tui.widgets.confidence import ConfidenceBar
from playbook.web.server import Settings, WorkshopServer
from tests.conftest import FIXTURE_CONTENT
from tests.tui.workshop_helpers import Clock, Room, open_dashboard, text, wait_for


@pytest.fixture
def room(db_path):
    room = Room(db_path, Clock())
    yield room
    room.close()


def rows(db_path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


async def test_certainty_keys_never_type_into_a_text_answer(room, db_path):
    fay = room.facilitator()
    workshop, token = room.create(fay, [("question", "quiz-case/licensee")], certainty=True)
    ada = room.participant(workshop.code, "Ada")
    fay.services.workshops.facilitator(workshop.code, token).act("start")
    fay.services.workshops.facilitator(workshop.code, token).act("open")
    async with ada.run_test(size=(100, 30)) as pilot:
        await wait_for((pilot,), lambda: isinstance(ada.screen, ParticipantScreen), "joined", 15)
        await wait_for((pilot,), lambda: ada.screen.query("#typed"), "the text box", 15)
        bar = ada.screen.query_one(ConfidenceBar)
        # The bar is shown once the room's options arrive, a refresh after the text box.
        await wait_for((pilot,), lambda: bar.display, "the certainty bar", 15)
        assert "+1,000/-2,000" in str(bar.render())  # the points it is worth
        assert "tab, then l/m/h" in text(ada, "#play-hint")
        await pilot.press(*"Delta", "h")  # an h in the box is a letter, never "high"
        assert ada.screen.query_one("#typed").value == "Deltah" and bar.level is None
        await pilot.press("backspace", "enter")  # no certainty yet: asked for, not sent
        await pilot.pause()
        assert "how sure" in text(ada, "#play-hint") and ada.focused is bar
        await pilot.press("h", "enter")
        await wait_for((pilot,), lambda: "received" in text(ada, "#play-status"), "saved")
    assert rows(db_path, "SELECT response, confidence FROM workshop_responses") == [
        ('"Delta"', "high")
    ]


async def test_without_certainty_marks_no_bar_is_shown(room):
    fay = room.facilitator()
    workshop, token = room.create(fay)
    ada = room.participant(workshop.code, "Ada")
    fay.services.workshops.facilitator(workshop.code, token).act("start")
    fay.services.workshops.facilitator(workshop.code, token).act("open")
    async with ada.run_test(size=(100, 30)) as pilot:
        await wait_for((pilot,), lambda: ada.screen.query("ChoiceList"), "the question", 15)
        assert not ada.screen.query_one(ConfidenceBar).display
        assert "how sure" not in text(ada, "#play-hint")


async def test_a_missing_team_gets_the_focus_and_the_name_is_kept(room, db_path):
    fay = room.facilitator()
    workshop, _ = room.create(fay, team_mode=True)
    ada = room.participant(workshop.code, "Ada")  # `playbook join CODE --name Ada`, no team
    async with ada.run_test(size=(100, 30)) as pilot:
        await wait_for((pilot,), lambda: ada.focused and ada.focused.id == "join-team", "team", 15)
        await pilot.press(*"Red", "enter")
        await wait_for((pilot,), lambda: isinstance(ada.screen, ParticipantScreen), "joined", 15)
    assert rows(db_path, "SELECT name, team FROM workshop_participants") == [("Ada", "Red")]


async def test_leave_in_the_palette_leaves_and_offers_to_join_again(room):
    fay = room.facilitator()
    workshop, _ = room.create(fay)
    ada = room.participant(workshop.code, "Ada")
    async with ada.run_test(size=(100, 30)) as pilot:
        await wait_for((pilot,), lambda: isinstance(ada.screen, ParticipantScreen), "joined", 15)
        command = next(
            c for c in ada.get_system_commands(ada.screen) if c.title == "Leave the workshop"
        )
        command.callback()
        await pilot.pause()
        await pilot.press("y")
        await wait_for((pilot,), lambda: isinstance(ada.screen, JoinScreen), "the join screen")
        assert ada.screen.query_one("#join-code").value == workshop.code


async def test_next_on_the_last_item_asks_before_ending(room):
    fay = room.facilitator()
    workshop, token = room.create(fay, [("question", "quiz-case/form")])
    async with fay.run_test(size=(100, 30)) as pilot:
        open_dashboard(fay, workshop.code, token)
        await wait_for((pilot,), lambda: "Waiting to start" in text(fay, "#dash-item"), "lobby")
        await pilot.press("s", "o", "r")
        await wait_for((pilot,), lambda: "revealed" in text(fay, "#dash-clock"), "revealed")
        await pilot.press("n")
        await pilot.pause()
        assert "last item" in str(fay.screen.query_one("#confirm-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert fay.services.workshops.get(workshop.code).session.phase == "revealed"
        await pilot.press("n", "y")
        await wait_for((pilot,), lambda: "has ended" in text(fay, "#dash-item"), "ended")


async def test_going_back_to_a_revealed_question_offers_no_reopening(room):
    fay = room.facilitator()
    workshop, token = room.create(fay)
    async with fay.run_test(size=(100, 30)) as pilot:
        open_dashboard(fay, workshop.code, token)
        await wait_for((pilot,), lambda: "Waiting to start" in text(fay, "#dash-item"), "lobby")
        await pilot.press("s", "o", "r")
        await wait_for((pilot,), lambda: "revealed" in text(fay, "#dash-clock"), "revealed")
        await pilot.press("n")
        await wait_for((pilot,), lambda: "Discussion" in text(fay, "#dash-item"), "next item")
        await pilot.press("b")
        await wait_for((pilot,), lambda: "revealed" in text(fay, "#dash-clock"), "back")
        assert not fay.screen.check_action("act", ("open",))
        await pilot.press("o")  # nothing happens: the answer has been shown
        await pilot.pause()
        assert fay.services.workshops.get(workshop.code).session.phase == "revealed"


@pytest.fixture
async def served(services):
    server = WorkshopServer(services, Settings(port=0))
    runner = await server.start()
    yield server, f"http://127.0.0.1:{server.port(runner)}"
    await runner.cleanup()


async def test_a_terminal_joins_by_address_and_the_dashboard_runs_through_the_server(served):
    server, base = served
    rooms = server.services.workshops
    workshop = rooms.create("Far away", "2468", rooms.agenda([("question", "quiz-case/form")]))
    url = f"{base}/{workshop.code}"
    guest = make_app([FIXTURE_CONTENT], include_bundled=False, join=JoinRequest(url, "Ada"))
    host = make_app(
        [FIXTURE_CONTENT], include_bundled=False,
        join=JoinRequest(url, facilitate=True, key=server.key),
    )  # fmt: skip
    async with guest.run_test(size=(100, 30)) as pg, host.run_test(size=(100, 30)) as ph:
        pilots = (pg, ph)
        await wait_for(pilots, lambda: isinstance(guest.screen, ParticipantScreen), "joined", 10)
        await wait_for(pilots, lambda: isinstance(host.screen, DashboardScreen), "dashboard", 10)
        await wait_for(pilots, lambda: "Ada" in text(host, "#dash-people"), "Ada on the board")
        assert url in text(host, "#dash-how")  # the address to share, shown by the dashboard
        await ph.press("s")  # each key goes over the network: the board says when it is done
        await wait_for(pilots, lambda: "Item 1 of 1" in text(host, "#dash-item"), "started")
        await ph.press("o")
        await wait_for(pilots, lambda: guest.screen.query("ChoiceList"), "the question", 10)
        await pg.press("1", "enter")
        await wait_for(pilots, lambda: "1 of 1 answered" in text(host, "#dash-clock"), "counted")
        await ph.press("r")
        await wait_for(pilots, lambda: "revealed" in text(guest, "#play-status"), "the reveal")
        assert guest.services.store.path == ":memory:"  # nothing of the room's opened here
    answers = rooms.snapshot(workshop.id).responses
    assert len(answers) == 1 and answers[0].confidence is None
