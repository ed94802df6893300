"""A first-time user creates a profile, ticks a North Star item, quits and finds it ticked."""

from __future__ import annotations

from playbook.tui.dialogs.profile import ProfileDialog
from playbook.tui.screens.home import HomeScreen
from playbook.tui.screens.stage import StageScreen
from playbook.tui.widgets.checklist import Checklist


async def test_tick_survives_restart(make_test_app, store):
    app = make_test_app(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ProfileDialog)
        await pilot.press(*"Ana", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert app.profile.name == "Ana"

        await pilot.press("1")  # Guided playbook: no alliance yet, so it asks for one
        await pilot.press(*"Globex", "enter", *"Acme", "enter", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the first stage: North Star
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.screen.stage.id == "north-star"
        await pilot.press("space")  # tick the first item
        await pilot.pause()
        assert app.screen.query_one(Checklist).selected == ["first"]

    # Saved already, before the app exited: look in the database itself.
    [alliance] = store.alliances.of_profile(store.profiles.all()[0].id)
    assert store.alliances.ticked(alliance.id) == {"north-star": {"first"}}

    app = make_test_app(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)  # remembered who was here last
        assert app.profile.name == "Ana"
        await pilot.press("1")  # "continue" reopens the stage last worked on
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.screen.stage.id == "north-star"
        assert app.screen.query_one(Checklist).selected == ["first"]
