"""Snapshots of the workshop: the dashboard in each state, joining, and the participant's
waiting, answering and reveal views. Codes and rejoin keys are fixed so runs match."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from playbook.services.clock import ManualClock
from playbook.tui.app import JoinRequest, make_app
from tests.conftest import FIXED_NOW, FIXTURE_CONTENT

SIZES = [(80, 24), (120, 40)]
CODE = "K7MQ2P"
PIN = "2468"
LATER = FIXED_NOW + timedelta(seconds=12)  # 12 s into a 30 s question
PEOPLE = [("Ada", "licence"), ("Ben", "jv"), ("Chloé", "licence"), ("[b]Eve[/b]", "merger")]


def workshop_for(app, **options):
    """A workshop with a fixed code, four people joined; returns (token, rooms by name).

    Everything happens at FIXED_NOW on a clock of its own; the app shows it at its clock."""
    clock = ManualClock(FIXED_NOW)
    services = app.services
    shown, services.clock = services.clock, clock
    rooms = services.workshops
    parts = [("question", "quiz-case/form"), ("stage", "pilot"), ("question", "quiz-case/equal")]
    workshop = rooms.create("Alliances 101", PIN, rooms.agenda(parts), time_limit=30, **options)
    with services.store.database.write() as sql:
        sql.execute("UPDATE workshops SET code = ? WHERE id = ?", [CODE, workshop.id])
    token = rooms.facilitate(CODE, PIN).token
    people = {}
    for n, (name, _) in enumerate(PEOPLE):
        team = ("Red", "Blue")[n % 2] if options.get("team_mode") else None
        me = rooms.join(CODE, name, f"device-{n}", team=team).me
        key = f"H{n + 2}T{n + 5}"
        with services.store.database.write() as sql:
            sql.execute(
                "UPDATE workshop_participants SET rejoin_key = ? WHERE id = ?",
                [key, me.participant_id],
            )
        people[name] = replace(me, rejoin_key=key)
    services.clock = shown
    return token, people, clock


def open_and_answer(app, token, people, clock, answered=PEOPLE, reveal=False):
    services = app.services
    shown, services.clock = services.clock, clock
    room = services.workshops.facilitator(CODE, token)
    room.act("start")
    room.act("open")
    for name, choice in answered:
        clock.advance(seconds=3 if name == answered[0][0] else 2)
        services.workshops.participant(people[name]).answer(choice, "high")
    if reveal:
        clock.now = FIXED_NOW + timedelta(seconds=20)
        room.act("reveal")
    services.clock = shown


async def settled(pilot) -> None:
    """Let the screen's loads (worker threads) finish and their results be drawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def dashboard(app, token, *keys):
    async def run_before(pilot):
        from playbook.tui.screens.workshop_dashboard import DashboardScreen

        app.push_screen(DashboardScreen(app.services.workshops.facilitator(CODE, token)))
        await settled(pilot)
        if keys:
            await pilot.press(*keys)
            await settled(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard_lobby(snap_compare, make_test_app, size):
    app = make_test_app()
    token, _, _ = workshop_for(app)
    assert snap_compare(app, terminal_size=size, run_before=dashboard(app, token))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard_open_question_with_answers(snap_compare, make_test_app, size):
    app = make_test_app(clock=lambda: LATER)
    token, people, clock = workshop_for(app)
    open_and_answer(app, token, people, clock, PEOPLE[:3])
    assert snap_compare(app, terminal_size=size, run_before=dashboard(app, token))


def test_dashboard_revealed(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, people, clock = workshop_for(app)
    open_and_answer(app, token, people, clock, reveal=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def test_dashboard_anonymous_projector(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, people, clock = workshop_for(app, anonymous=True)
    open_and_answer(app, token, people, clock, reveal=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token, "p"))


def test_dashboard_team_mode(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, people, clock = workshop_for(app, team_mode=True)
    open_and_answer(app, token, people, clock, reveal=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def participant_app(store, clock=lambda: LATER):
    return make_app(
        [FIXTURE_CONTENT], store=store, include_bundled=False, clock=clock, join=JoinRequest()
    )


def playing(app, me):
    async def run_before(pilot):
        from playbook.tui.screens.workshop_play import ParticipantScreen

        await pilot.pause()
        app.switch_screen(ParticipantScreen(app.services.workshops.participant(me)))
        await settled(pilot)

    return run_before


def test_join_screen(snap_compare, make_test_app):
    host = make_test_app()
    workshop_for(host)
    app = participant_app(host.services.store)

    async def run_before(pilot):
        await pilot.press(*"k7m-q2p")
        await settled(pilot)
        await pilot.press("enter", *"Ada")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_participant_waiting(snap_compare, make_test_app):
    host = make_test_app()
    token, people, _ = workshop_for(host)
    host.services.workshops.facilitator(CODE, token).act("start")
    app = participant_app(host.services.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, people["Ada"]))


def test_participant_answering(snap_compare, make_test_app):
    host = make_test_app()
    token, people, clock = workshop_for(host)
    open_and_answer(host, token, people, clock, [])
    app = participant_app(host.services.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, people["Ada"]))


def test_participant_reveal(snap_compare, make_test_app):
    host = make_test_app()
    token, people, clock = workshop_for(host)
    open_and_answer(host, token, people, clock, reveal=True)
    app = participant_app(host.services.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, people["Ben"]))


def test_workshop_home_lists_workshops(snap_compare, make_test_app):
    app = make_test_app()
    workshop_for(app)

    async def run_before(pilot):
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_create_workshop_with_an_agenda(snap_compare, make_test_app, size):
    """Long prompts wrap under their text, not under the "Q:" before them."""
    app = make_test_app()

    async def run_before(pilot):
        from playbook.tui.screens.workshop_create import CreateWorkshopScreen

        app.push_screen(CreateWorkshopScreen())
        await pilot.pause()
        await pilot.press(*"Alliances 101")
        app.screen.query_one("#create-source").focus()
        await pilot.pause()
        await pilot.press("down", "down")  # past the two polls, written in a dialog
        await pilot.press("enter", "down", "down", "enter", "down", "enter", "end", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_run_dialog_after_a_wrong_pin(snap_compare, make_test_app):
    app = make_test_app()
    workshop_for(app)

    async def run_before(pilot):
        from playbook.tui.dialogs.pin import PinDialog

        app.push_screen(PinDialog(CODE))
        await pilot.pause()
        await pilot.press(*"1111", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
