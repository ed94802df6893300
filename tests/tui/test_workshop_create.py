"""A facilitator creates a workshop with the keyboard alone: title, PIN, agenda, create."""

from __future__ import annotations

import json
import sqlite3

from textual.widgets import OptionList

from playbook.tui.screens.workshop_create import CreateWorkshopScreen
from playbook.tui.screens.workshop_dashboard import DashboardScreen


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def tab_to(pilot, widget_id: str) -> None:
    """Press tab until the widget has focus, as a person would (never more than 20 times)."""
    for _ in range(20):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def test_create_a_workshop_with_the_keyboard(make_test_app, db_path):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CreateWorkshopScreen)
        await pilot.press(*"Alliances 101", "enter", *"2468", "enter", *"2467")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The two PINs differ" in text(screen, "#create-error")
        await pilot.press("ctrl+u", *"2468", "ctrl+s")
        await pilot.pause()
        assert "The agenda is empty" in text(screen, "#create-error")

        await tab_to(pilot, "create-source")
        source = screen.query_one("#create-source", OptionList)
        ids = [source.get_option_at_index(i).id for i in range(source.option_count)]
        assert ids[:2] == ["poll:scale", "poll:open"]  # polls are written in a dialog
        await pilot.press("down", "down", "enter", "down", "down", "enter", "end", "enter")
        first, third, last = ids[2], ids[4], ids[-1]
        assert [f"{k}:{r}" for k, r in screen.parts] == [first, third, last]
        await tab_to(pilot, "create-items")
        await pilot.press("shift+up")  # the last one added is highlighted: move it up
        await pilot.press("up", "delete")  # and drop the first
        await pilot.pause()
        assert [f"{k}:{r}" for k, r in screen.parts] == [last, third]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        code = app.screen.room.code

    with sqlite3.connect(db_path) as conn:
        title, agenda, pin_hash = conn.execute(
            "SELECT title, agenda, pin_hash FROM workshops WHERE code = ?", [code]
        ).fetchone()
    assert title == "Alliances 101"
    refs = [item["ref"] for item in json.loads(agenda)]
    assert refs == [last.partition(":")[2], third.partition(":")[2]]
    assert "2468" not in pin_hash and pin_hash.startswith("scrypt$")
