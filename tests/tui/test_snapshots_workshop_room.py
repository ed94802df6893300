"""Snapshots of what the networked workshop added: polls (a 1-5 scale, an open wall), the
moderated wall, certainty points, the podium, the lobby's QR code, and the new dialogs."""

from __future__ import annotations

from datetime import timedelta

from playbook.services.clock import ManualClock
from tests.conftest import FIXED_NOW
from tests.tui.test_snapshots_workshop import (
    CODE,
    LATER,
    PIN,
    dashboard,
    participant_app,
    playing,
    settled,
)

NAMES = ("Ada", "Ben", "Chloé")


def room_for(app, parts, answers=(), reveal=False, end=False, **options):
    """A workshop with a fixed code and three people, at FIXED_NOW; its first item opened and
    answered as given, then revealed or ended. Returns (token, passes by name)."""
    clock = ManualClock(FIXED_NOW)
    services = app.services
    shown, services.clock = services.clock, clock
    rooms = services.workshops
    workshop = rooms.create("Alliances 101", PIN, rooms.agenda(parts), time_limit=30, **options)
    with services.store.database.write() as sql:
        sql.execute("UPDATE workshops SET code = ? WHERE id = ?", [CODE, workshop.id])
    room = rooms.facilitate(CODE, PIN)
    people = {}
    for n, name in enumerate(NAMES):
        me = rooms.join(CODE, name, f"device-{n}").me
        with services.store.database.write() as sql:
            sql.execute(
                "UPDATE workshop_participants SET rejoin_key = ? WHERE id = ?",
                [f"K{n}M{n}Q{n}P{n}", me.participant_id],
            )
        people[name] = rooms.participant(
            type(me)(me.workshop_id, me.code, me.participant_id, me.name, me.team,
                     f"K{n}M{n}Q{n}P{n}")
        )  # fmt: skip
    if answers or reveal or end:
        room.act("start")
        room.act("open")
        for name, answer in answers:
            clock.advance(seconds=2)
            people[name].answer(answer, "high" if options.get("certainty") else None)
    if reveal or end:
        clock.now = FIXED_NOW + timedelta(seconds=20)
        room.act("reveal")
    if end:
        room.act("end")
    services.clock = shown
    return room.token, people


SCALE = [("scale", "How ready is our alliance team?", "Not at all", "Completely")]
OPEN = [("open", "What worries you most about this partner?")]
WORDS = [("Ada", "Trust, and the speed of decisions"), ("Ben", "Speed: they move slowly"),
         ("Chloé", "Nothing [b]at all[/b]")]  # fmt: skip


def test_dashboard_scale_poll_revealed(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, _ = room_for(app, SCALE, [("Ada", 4), ("Ben", 5), ("Chloé", 2)], reveal=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def test_dashboard_open_wall_with_an_answer_hidden(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, people = room_for(app, OPEN, WORDS)
    room = app.services.workshops.facilitator(CODE, token)
    room.hide(people["Chloé"].me.participant_id, 0)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def test_dashboard_wall_dialog(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, _ = room_for(app, OPEN, WORDS)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token, "w"))


def test_dashboard_people_dialog(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, _ = room_for(app, SCALE)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token, "u"))


def test_dashboard_lobby_shows_the_served_address_and_its_qr_code(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, _ = room_for(app, SCALE)
    app.services.clock, shown = (lambda: LATER), app.services.clock
    app.services.workshops.serving("http://10.0.0.5:8000")
    app.services.clock = shown
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def test_dashboard_end_with_the_podium(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    parts = [("question", "quiz-case/form")]
    answers = [("Ada", "licence"), ("Ben", "licence"), ("Chloé", "jv")]
    token, _ = room_for(app, parts, answers, end=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token))


def test_dashboard_confirms_before_next_ends_the_workshop(snap_compare, make_test_app):
    app = make_test_app(clock=lambda: LATER)
    token, _ = room_for(app, [("question", "quiz-case/form")], [("Ada", "jv")], reveal=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard(app, token, "n"))


def test_participant_answering_with_certainty_points(snap_compare, make_test_app):
    host = make_test_app()
    _, people = room_for(host, [("question", "quiz-case/licensee")], [("Ben", "Delta")],
                         certainty=True)  # fmt: skip
    app = participant_app(host.services.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, people["Ada"].me))


def test_participant_answering_a_scale(snap_compare, make_test_app):
    host = make_test_app()
    _, people = room_for(host, SCALE, [("Ben", 3)])
    app = participant_app(host.services.store)

    async def run_before(pilot):
        await playing(app, people["Ada"].me)(pilot)
        await pilot.press("4")
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_participant_sees_the_wall_at_the_reveal(snap_compare, make_test_app):
    host = make_test_app()
    _, people = room_for(host, OPEN, WORDS, reveal=True)
    app = participant_app(host.services.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, people["Ben"].me))


def test_participant_at_the_end_with_the_podium(snap_compare, make_test_app):
    host = make_test_app()
    parts = [("question", "quiz-case/form")]
    answers = [("Ada", "licence"), ("Ben", "licence"), ("Chloé", "jv")]
    _, people = room_for(host, parts, answers, end=True)
    app = participant_app(host.services.store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=playing(app, people["Chloé"].me))


def test_poll_dialog_for_a_scale(snap_compare, make_test_app):
    app = make_test_app()

    async def run_before(pilot):
        from playbook.tui.screens.workshop_create import CreateWorkshopScreen

        app.push_screen(CreateWorkshopScreen())
        await pilot.pause()
        app.screen.query_one("#create-source").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"How ready is our team?", "enter", *"Not at all")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_create_workshop_options_and_polls(snap_compare, make_test_app):
    app = make_test_app()

    async def run_before(pilot):
        from playbook.tui.screens.workshop_create import CreateWorkshopScreen

        app.push_screen(CreateWorkshopScreen())
        await pilot.pause()
        screen = app.screen
        screen.parts += [("scale", "How ready is our team?", "Not at all", "Completely"),
                         ("open", "One word for a good partner?")]  # fmt: skip
        screen._show_agenda(1)
        screen.query_one("#certainty").value = True
        screen.query_one("#auto-close").value = True
        screen.query_one("#create-flags-2").scroll_visible(animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
