"""The palette's "Reload content": a case written (or edited, or a bank imported) while the
app runs appears without a restart, and every answer given before is still there."""

from __future__ import annotations

import shutil

from textual.command import CommandPalette
from textual.widgets import DataTable

from playbook.cli import main
from playbook.content.skeleton import case_skeleton
from playbook.tui.screens.cases import CasesScreen
from tests.conftest import FIXTURE_CONTENT, FIXTURES
from tests.unit.test_authoring import fill


def rows(screen: CasesScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def shown_notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def reload_from_the_palette(app, pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*"Reload content")
    await pilot.pause(0.2)
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_reload_content_shows_a_new_case_and_keeps_progress(make_test_app, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    app = make_test_app(content=[content])
    async with app.run_test(size=(100, 30)) as pilot:
        services = app.services
        profile = app.profile
        assert profile is not None
        # Progress first: a quiz answer and its review card.
        session = services.quizzes.start(profile.id, "quiz-case")
        session.answer(session.questions[0], "licence")
        session.finish()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)
        assert rows(app.screen) == ["Quiz Case", "Tiny Case"]

        # While the app runs: a new case, a case renamed, and a bank imported from GIFT.
        (content / "cases" / "acme-globex.md").write_text(fill(case_skeleton("acme-globex")))
        tiny = content / "cases" / "tiny-case.md"
        tiny.write_text(tiny.read_text().replace("title: Tiny Case", "title: Tiny Case Renamed"))
        gift = FIXTURES / "gift" / "totara_moodle_multichoice.gift"
        assert main(["import", "gift", str(gift), "-o", str(content)]) == 0

        await reload_from_the_palette(app, pilot)
        assert isinstance(app.screen, CasesScreen)
        assert rows(app.screen) == ["Amber meadow", "Quiz Case", "Tiny Case Renamed"]
        note = next(n for n in shown_notes(app) if n.startswith("Content reloaded"))
        assert "new: " in note and "Amber meadow" in note and "Tiny Case Renamed" in note
        assert "Your progress is kept" in note
        # The new case and the bank are quizzed at once, from the palette.
        assert "acme-globex" in app.library.cases
        assert "totara-moodle-multichoice" in app.library.banks
        await pilot.press("ctrl+p")
        await pilot.press(*"Quiz: Amber meadow")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.case.id == "acme-globex"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Quiz: Totara")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.case.id == "totara-moodle-multichoice"  # the bank's quiz
        await pilot.press("enter")  # practice
        await pilot.pause()
        assert app.screen.session.questions[0].key == "totara-moodle-multichoice/q2"
        await pilot.press("escape")
        await pilot.pause()
        # What was answered before is still the profile's, under the same question key.
        assert services.store.quiz.history(profile.id)[0][0] == "quiz-case/form"
        assert services.review.queue(profile.id).total == 1
        assert services.stats.case_result(profile.id, "quiz-case").attempts == 1
        assert app.services.library.question("quiz-case/form") is not None


async def test_reload_with_nothing_changed_says_so(make_test_app, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    app = make_test_app(content=[content])
    async with app.run_test(size=(100, 30)) as pilot:
        before = app.library
        await reload_from_the_palette(app, pilot)
        assert any("have not changed" in n for n in shown_notes(app))
        assert app.library.cases == before.cases
