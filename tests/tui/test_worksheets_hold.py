"""A founder's worksheets, driven by keys: the alliance list keeps its order, a stage
edited after it was done says so, red flags hold a stage until answered, and exporting
asks before overwriting and never makes a folder."""

from __future__ import annotations

from playbook.domain.progress import Status
from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.dialogs.export import ExportDialog
from playbook.tui.screens.alliance import AllianceScreen
from playbook.tui.screens.alliances import AlliancesScreen
from playbook.tui.screens.charter import CharterScreen
from playbook.tui.screens.stage import StageScreen
from playbook.tui.widgets.fields import FieldEditor
from tests.conftest import FIXED_NOW, REPO
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile


def done_alliance(store, partner: str = "Harbour Market"):
    profile = store.profiles.all()[0] if store.profiles.all() else new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, partner, "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    return alliance


def tick_all(store, alliance, library) -> None:
    for stage in library.ordered_stages:
        for item in stage.items:
            store.alliances.tick(alliance.id, stage.id, item.id, True, FIXED_NOW)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_the_alliance_list_keeps_its_order_whatever_was_opened_last(make_test_app, store):
    first = done_alliance(store, "Harbour Market")
    second = done_alliance(store, "FreshCo")
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")  # several alliances: the list, not the last one opened
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlliancesScreen)
        listing = screen.query_one("#alliance-list")

        def order():
            return [int(listing.get_option_at_index(i).id) for i in range(listing.option_count)]

        assert order() == [first.id, second.id]
        listing.highlighted = 1
        await pilot.press("enter")  # open FreshCo, the second
        await pilot.pause()
        assert isinstance(app.screen, AllianceScreen) and app.screen.alliance.id == second.id
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlliancesScreen)
        listing = screen.query_one("#alliance-list")
        assert order() == [first.id, second.id]  # not re-sorted by what was opened last


async def test_editing_a_done_stage_marks_it_edited_and_the_charter_says_what_changed(
    make_test_app, store, tmp_path
):
    alliance = done_alliance(store)
    app = make_test_app(content=[REPO / "content"])
    tick_all(store, alliance, app.library)
    async with app.run_test(size=(100, 34)) as pilot:
        app.open_stage("pilot", alliance)
        await pilot.pause()
        screen = app.screen
        assert screen.sheet.progress().status is Status.DONE
        assert "Done   " in text_of(screen, "#stage-status")
        await pilot.press("f3")
        await pilot.pause()
        editor = screen.query_one("#field-scope", FieldEditor)
        editor.focus_input()
        await pilot.press("end", *" and two in Bath")
        await pilot.pause(0.4)  # the save delay
        assert "Done, edited since" in text_of(screen, "#stage-status")
        await pilot.press("escape")
        await pilot.pause()

        app.open_charter(alliance)
        await pilot.pause()
        charter = app.screen
        assert isinstance(charter, CharterScreen)
        assert "What Harbour Market will read" in text_of(charter, "#charter-note")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path").value = str(tmp_path / "charter.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is charter
        assert (tmp_path / "charter.md").exists()

        app.open_stage("pilot", alliance)  # the export is the new baseline
        await pilot.pause()
        assert "edited since" not in text_of(app.screen, "#stage-status")
        editor = app.screen.query_one("#field-scope", FieldEditor)
        await pilot.press("f3")
        await pilot.pause()
        editor.focus_input()
        await pilot.press("end", "!")
        await pilot.pause(0.4)
        await pilot.press("escape")
        await pilot.pause()
        app.open_charter(alliance)
        await pilot.pause()
        note = text_of(app.screen, "#charter-note")
        assert "Changed since the last export: What the pilot covers" in note


async def test_red_flags_hold_the_stage_until_answered_with_a_note(make_test_app, store):
    alliance = done_alliance(store)
    app = make_test_app(content=[REPO / "content"])
    tick_all(store, alliance, app.library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_stage("vibe-check", alliance)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StageScreen)
        assert "Done, 3 open flags" in text_of(screen, "#stage-status")
        assert "3 red flags open" in text_of(screen, "#stage-flags")
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter", *"ok", "enter")  # too short a note: refused, said why
        await pilot.pause()
        assert "a few words" in text_of(app.screen, "#flags-error")
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("f5")
            await pilot.pause()
            await pilot.press("enter", *"We pay in stages and review it monthly", "enter")
            await pilot.pause()
        assert screen.sheet.progress().status is Status.DONE
        assert not screen.query_one("#stage-flags").display
    notes = store.alliances.acknowledgements(alliance.id)
    assert set(notes) == {"stability:score-2", "risk:gap-2", "formality:gap-2"}
    assert all(n.note == "We pay in stages and review it monthly" for n in notes.values())


async def test_export_asks_before_overwriting_and_never_makes_a_folder(
    make_test_app, store, tmp_path
):
    alliance = done_alliance(store)
    existing = tmp_path / "charter.md"
    existing.write_text("keep me")
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_charter(alliance)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path").value = str(tmp_path / "missing" / "charter.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "does not exist" in text_of(dialog, "#export-error")
        assert not (tmp_path / "missing").exists()

        dialog.query_one("#export-path").value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert app.screen is dialog and existing.read_text() == "keep me"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CharterScreen)
        assert existing.read_text().startswith("# Alliance charter")


async def test_the_palette_finds_an_alliance_and_names_it_in_each_stage(make_test_app, store):
    from playbook.tui.commands import PlaybookCommands

    done_alliance(store, "Harbour Market")
    done_alliance(store, "FreshCo")
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        provider = PlaybookCommands(app.screen)
        titles = [title for title, _help, _call in provider._entries()]
        assert "Alliance: Tidewell × FreshCo" in titles
        assert "Stage: Vibe check · Tidewell × Harbour Market" in titles
        assert "Stage: Vibe check · Tidewell × FreshCo" in titles
        assert "Stage: Vibe check" not in titles  # never an unnamed alliance
