"""Helpers for the workshop's Pilot tests: a clock to move, apps on one database, waiting."""

from __future__ import annotations

import time
from datetime import timedelta

from playbook.store.store import Store
from playbook.tui.app import JoinRequest, make_app
from tests.conftest import FIXED_NOW, FIXTURE_CONTENT
from tests.seed import new_profile

PIN = "2468"


class Clock:
    """The apps' clock, moved by hand."""

    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Room:
    """A facilitator's app and participants' apps, each with its own Store on one file."""

    def __init__(self, db_path, clock: Clock):
        self.db_path = db_path
        self.clock = clock
        self.stores: list[Store] = []

    def store(self) -> Store:
        store = Store.open(self.db_path)
        self.stores.append(store)
        return store

    def facilitator(self):
        store = self.store()
        if not store.profiles.all():
            new_profile(store, "Fay")
        return make_app([FIXTURE_CONTENT], store=store, include_bundled=False, clock=self.clock)

    def participant(self, code: str = "", name: str = "", team: str = ""):
        return make_app(
            [FIXTURE_CONTENT],
            store=self.store(),
            include_bundled=False,
            clock=self.clock,
            join=JoinRequest(code, name, team),
        )

    def create(self, app, parts=None, **options):
        parts = parts or [
            ("question", "quiz-case/form"),
            ("stage", "pilot"),
            ("question", "quiz-case/equal"),
        ]
        rooms = app.services.workshops
        workshop = rooms.create("Alliances 101", PIN, rooms.agenda(parts), **options)
        return workshop, rooms.facilitate(workshop.code, PIN).token

    def close(self) -> None:
        for store in self.stores:
            store.close()


async def wait_for(pilots, condition, what: str = "the condition", timeout: float = 5.0):
    """Let every app run until `condition()` holds (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            screens = [type(p.app.screen).__name__ for p in pilots]
            raise AssertionError(f"timed out waiting for {what} (screens: {screens})")
        for pilot in pilots:
            await pilot.pause(0.02)


def open_dashboard(app, code: str, token: str) -> None:
    """Push the dashboard from inside the app's own message loop.

    Several apps share this test's event loop; a screen pushed from the test body would
    run under whichever app started last (Textual's active_app is a context variable)."""
    from playbook.tui.screens.workshop_dashboard import DashboardScreen

    room = app.services.workshops.facilitator(code, token)
    app.call_later(app.push_screen, DashboardScreen(room))


def text(app, selector: str) -> str:
    """The plain text a widget of the app's current screen shows ("" if there is none)."""
    from textual.css.query import NoMatches

    try:
        return str(app.screen.query_one(selector).render())
    except NoMatches:
        return ""


def choice_key(app, choice_id: str) -> str:
    """The number key that picks `choice_id` on the app's screen (choices are shuffled)."""
    from playbook.tui.widgets.choices import ChoiceList

    widget = app.screen.query_one(ChoiceList)
    return str(widget.values.index(choice_id) + 1)
