"""A founder walks one alliance through all five stages to a complete charter."""

from __future__ import annotations

import json

from textual.widgets import TabbedContent, TextArea

from playbook.domain.progress import Status
from playbook.tui.dialogs.export import ExportDialog
from playbook.tui.screens.alliance import AllianceScreen
from playbook.tui.screens.charter import CharterScreen
from playbook.tui.screens.stage import StageScreen
from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor
from tests.conftest import FIXED_NOW
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile
from tests.tui.worksheet_helpers import fill_stage

STAGES = ["north-star", "vibe-check", "divorce-papers", "alliance-manager", "pilot"]


async def open_stage(pilot, number: int) -> StageScreen:
    app = pilot.app
    assert isinstance(app.screen, AllianceScreen)
    listing = app.screen.query_one("#stages")
    listing.highlighted = number
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, StageScreen)
    return app.screen


async def complete_stage(pilot, stage_id: str) -> None:
    screen = pilot.app.screen
    await pilot.press("f2")
    for _ in screen.stage.items:  # tick every item with the keyboard
        await pilot.press("space", "down")
    await pilot.press("f3")
    await fill_stage(pilot, screen, GOOD[stage_id])
    await pilot.pause(0.4)  # the save delay
    await answer_flags(pilot)


async def answer_flags(pilot) -> None:
    """Each red flag the answers raise, answered with a note in the F5 dialog."""
    from playbook.tui.dialogs.flags import FlagsDialog

    screen = pilot.app.screen
    while screen.sheet.progress().flags:
        assert screen.sheet.progress().status is Status.FLAGGED
        assert "open flag" in str(screen.query_one("#stage-status").render())
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(pilot.app.screen, FlagsDialog)
        await pilot.press("enter")  # the first open flag
        await pilot.press(*"We will review it with them monthly")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen


def stored(store, alliance_id: int) -> dict:
    return store.alliances.answers(alliance_id)


async def test_whole_alliance_to_a_complete_charter(make_test_app, store, tmp_path):
    from tests.conftest import REPO

    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        for key in (*"Harbour Market", "enter", *"Tidewell", "enter", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, AllianceScreen)
        alliance = app.screen.alliance

        # The goal is typed key by key; the checks answer as it grows.
        screen = await open_stage(pilot, 0)
        await pilot.press("f3")
        goal_editor = screen.query_one("#field-goal", FieldEditor)
        assert app.focused is goal_editor.query_one(TextArea)
        for key in "Grow sales":
            await pilot.press(key if key != " " else "space")
        await pilot.pause()
        status = str(goal_editor.query_one(".field-status").render())
        assert "No measurable target" in status and "No time frame" in status
        await pilot.press("escape")
        await pilot.pause()
        assert store.alliances.answers(alliance.id)["north-star"]["goal"] == "Grow sales"

        for number, stage_id in enumerate(STAGES[:2]):
            await open_stage(pilot, number)
            await complete_stage(pilot, stage_id)
            assert app.screen.sheet.progress().status is Status.DONE, (
                app.screen.sheet.progress().check
            )
            await pilot.press("escape")
            await pilot.pause()

    # Restart half way: everything typed so far is there, in the database and on screen.
    saved = store.alliances.answers(alliance.id)
    for stage_id in STAGES[:2]:
        assert saved[stage_id] == GOOD[stage_id]
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("1")  # continues where the founder left off: in Vibe check
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.screen.stage.id == "vibe-check"
        assert app.screen.sheet.progress().status is Status.DONE
        await pilot.press("escape")
        await pilot.pause()
        for number, stage_id in enumerate(STAGES[2:], start=2):
            await open_stage(pilot, number)
            await complete_stage(pilot, stage_id)
            assert app.screen.sheet.progress().status is Status.DONE, (
                app.screen.sheet.progress().check
            )
            await pilot.press("escape")
            await pilot.pause()
        assert "5 of 5 stages done" in str(app.screen.query_one("#alliance-heading").render())

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CharterScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        path = tmp_path / "charter.md"
        app.screen.query_one("#export-path").value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CharterScreen)

    charter = path.read_text()
    assert "Version 1," in charter and "Ready for signature." in charter
    assert "_Not agreed yet._" not in charter
    private = {"vibe-check"}
    for stage_id, answers in GOOD.items():
        for field_id, raw in answers.items():
            if raw.startswith(("{", "[")):
                value = json.loads(raw)
                texts = (
                    [value["evidence"]] if isinstance(value, dict) and "evidence" in value else []
                )
                texts += (
                    [r["decision"] for r in value if isinstance(r, dict)]
                    if isinstance(value, list)
                    else []
                )
            elif "\n" in raw:
                texts = raw.splitlines()
            else:
                texts = [raw] if field_id not in ("direction", "form", "scope-kind") else []
            for text in texts:
                if stage_id in private:  # our due diligence: never in what the partner gets
                    assert text not in charter, (stage_id, field_id, text)
                else:
                    assert text in charter, (stage_id, field_id, text)
    assert "2 of 5" not in charter and "Stability" not in charter
    assert store.alliances.exports(alliance.id)[0].version == 1


async def test_typing_is_saved_without_leaving_the_field(make_test_app, store):
    from tests.conftest import REPO

    app = make_test_app(content=[REPO / "content"])  # the real stages: they have worksheets
    alliance = new_alliance(store, store.profiles.all()[0].id, "Globex", "Acme")
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_stage("pilot", alliance)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one("#field-scope", FieldEditor).focus_input()
        for key in "Bristol":
            await pilot.press(key)
        await pilot.pause(0.5)  # longer than the save delay; the field keeps focus
        assert store.alliances.answers(alliance.id)["pilot"]["scope"] == "Bristol"
        assert isinstance(app.focused, TextArea)


async def test_quitting_mid_word_keeps_what_was_typed(make_test_app, store):
    from tests.conftest import REPO

    profile = store.profiles.all()[0] if store.profiles.all() else new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Globex", "Acme")
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_stage("pilot", alliance)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one("#field-scope", FieldEditor).focus_input()
        await pilot.press("B", "r", "i")
        await pilot.press("ctrl+q")  # before the save delay has passed
    assert store.alliances.answers(alliance.id)["pilot"]["scope"] == "Bri"


async def test_reset_stage_asks_first_and_then_clears_it(make_test_app, store):
    from tests.conftest import REPO

    profile = store.profiles.all()[0] if store.profiles.all() else new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Globex", "Acme")
    store.alliances.save_answers(alliance.id, "pilot", GOOD["pilot"], FIXED_NOW)
    store.alliances.tick(alliance.id, "pilot", "one-slice", True, FIXED_NOW)
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_stage("pilot", alliance)
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert store.alliances.answers(alliance.id)["pilot"] == GOOD["pilot"]
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.screen.query_one(TabbedContent).active == "lesson"
        assert app.screen.query_one(Checklist).selected == []
    assert store.alliances.answers(alliance.id) == {}
    assert store.alliances.ticked(alliance.id) == {}


async def test_deleting_an_alliance_asks_first_and_never_the_open_one(make_test_app, store):
    from playbook.tui.screens.alliances import AlliancesScreen

    profile = store.profiles.all()[0] if store.profiles.all() else new_profile(store, "Ana")
    kept = new_alliance(store, profile.id, "Globex", "Acme")
    gone = new_alliance(store, profile.id, "Initech", "Acme")
    store.alliances.save_answers(gone.id, "pilot", GOOD["pilot"], FIXED_NOW)
    store.alliances.tick(gone.id, "pilot", "one-slice", True, FIXED_NOW)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(AllianceScreen(kept))
        app.open_alliances()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlliancesScreen)
        listing = screen.query_one("#alliance-list")
        ids = [int(listing.get_option_at_index(i).id) for i in range(listing.option_count)]
        listing.highlighted = ids.index(kept.id)
        await pilot.press("d")  # open underneath: refused, with the reason
        await pilot.pause()
        assert app.screen is screen
        assert any("open underneath" in str(n.message) for n in app._notifications)
        listing.highlighted = ids.index(gone.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert store.alliances.get(gone.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == [
            str(kept.id)
        ]
    assert store.alliances.get(gone.id) is None and store.alliances.get(kept.id) is not None
    assert store.alliances.answers(gone.id) == {} and store.alliances.ticked(gone.id) == {}
