"""Snapshots of the workshop: the dashboard in each state, joining, and the participant's
waiting, answering and reveal views. Codes and rejoin keys are fixed so runs match."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from playbook.store.workshops import agenda_for
from playbook.tui.app import JoinRequest, make_app
from tests.conftest import FIXED_NOW, FIXTURE_CONTENT

SIZES = [(80, 24), (120, 40)]
CODE = "K7MQ2P"
PIN = "2468"
T0 = FIXED_NOW.timestamp()
LATER = FIXED_NOW + timedelta(seconds=12)  # 12 s into a 30 s question
PEOPLE = [("Ada", "licence"), ("Ben", "jv"), ("Chloé", "licence"), ("[b]Eve[/b]", "merger")]


def workshop_for(app, **options):
    """A workshop with a fixed code, four people joined; returns (token, passes)."""
    parts = [("question", "quiz-case/form"), ("stage", "pilot"), ("question", "quiz-case/equal")]
    agenda = agenda_for(app.library, parts)
    workshops = app.store.workshops
    workshop = workshops.create("Alliances 101", PIN, agenda, T0, time_limit=30, **options)
    with app.store.database.write() as sql:
        sql.execute("UPDATE workshops SET code = ? WHERE id = ?", [CODE, workshop.id])
    token = workshops.verify_facilitator(CODE, PIN, T0)
    passes = {}
    for n, (name, _) in enumerate(PEOPLE):
        team = ("Red", "Blue")[n % 2] if options.get("team_mode") else None
        me = workshops.join(CODE, name, f"device-{n}", T0, team=team)
        key = f"H{n + 2}T{n + 5}"
        with app.store.database.write() as sql:
            sql.execute(
                "UPDATE workshop_participants SET rejoin_key = ? WHERE id = ?",
                [key, me.participant_id],
            )
        passes[name] = replace(me, rejoin_key=key)
    return token, passes


def open_and_answer(app, token, passes, answered=PEOPLE):
    workshops = app.store.workshops
    workshops.act(token, "start", T0)
    workshops.act(token, "open", T0)
    question = app.library.question("quiz-case/form")
    for n, (name, choice) in enumerate(answered):
        workshops.answer(passes[name], question, choice, T0 + 3 + n * 2, "high")


def dashboard(app, token, *keys):
    async def run_before(pilot):
        from playbook.tui.screens.workshop_dashboard import DashboardScreen

        app.push_screen(DashboardScreen(CODE, token))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard_lobby(snap_compare, make_test_app, size):
    app = make_test_app()
    token, _ = workshop_for(app)
    assert snap_compare(app, terminal_size=size, run_before=dashboard(app, token))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard_open_question_with_answers(snap_compare, make_test_app, size):
    app = make_test_app(clock=lambda: LATER)
    token, passes = workshop_for(app)
    open_and_answer(app, token, passes, PEOPLE[:3])
    assert snap_compare(app, terminal_size=size, run_before=dashboard(app, token))


def test_dashboard_revealed(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, passes = workshop_for(app)
    open_and_answer(app, token, passes)
    app.store.workshops.act(token, "reveal", T0 + 20)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def test_dashboard_anonymous_projector(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, passes = workshop_for(app, anonymous=True)
    open_and_answer(app, token, passes)
    app.store.workshops.act(token, "reveal", T0 + 20)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token, "p"))


def test_dashboard_team_mode(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, passes = workshop_for(app, team_mode=True)
    open_and_answer(app, token, passes)
    app.store.workshops.act(token, "reveal", T0 + 20)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def participant_app(store, clock=lambda: LATER):
    return make_app(
        [FIXTURE_CONTENT], store=store, include_bundled=False, clock=clock, join=JoinRequest()
    )


def playing(app, me):
    async def run_before(pilot):
        from playbook.tui.screens.workshop_play import ParticipantScreen

        await pilot.pause()
        app.switch_screen(ParticipantScreen(me))
        await pilot.pause()
        await pilot.pause()

    return run_before


def test_join_screen(snap_compare, make_test_app):
    host = make_test_app()
    workshop_for(host)
    app = participant_app(host.store)

    async def run_before(pilot):
        await pilot.press(*"k7m-q2p", "enter", *"Ada")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_participant_waiting(snap_compare, make_test_app):
    host = make_test_app()
    token, passes = workshop_for(host)
    host.store.workshops.act(token, "start", T0)
    app = participant_app(host.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, passes["Ada"]))


def test_participant_answering(snap_compare, make_test_app):
    host = make_test_app()
    token, passes = workshop_for(host)
    open_and_answer(host, token, passes, [])
    app = participant_app(host.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, passes["Ada"]))


def test_participant_reveal(snap_compare, make_test_app):
    host = make_test_app()
    token, passes = workshop_for(host)
    open_and_answer(host, token, passes)
    host.store.workshops.act(token, "reveal", T0 + 20)
    app = participant_app(host.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, passes["Ben"]))


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
        await pilot.press("enter", "down", "down", "enter", "down", "enter", "end", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_run_dialog_after_a_wrong_pin(snap_compare, make_test_app):
    app = make_test_app()
    workshop_for(app)

    async def run_before(pilot):
        from playbook.tui.screens.workshop_run import RunWorkshopDialog

        app.push_screen(RunWorkshopDialog(CODE))
        await pilot.pause()
        await pilot.press(*"1111", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
