"""The case library: filter with the keyboard, search, clear, and open a quiz from a row."""

from __future__ import annotations

from textual.widgets import DataTable

from playbook.tui.dialogs.quiz_start import QuizStartDialog
from playbook.tui.screens.cases import CasesScreen


def shown(screen: CasesScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_filter_search_and_clear_by_keyboard(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        assert shown(screen) == ["Quiz Case", "Tiny Case"]

        await pilot.press("f", "enter", "down", "enter")  # stage: North Star (the first)
        await pilot.pause()
        assert shown(screen) == ["Tiny Case"]  # Quiz Case teaches pilot and vibe check

        await pilot.press("x")
        await pilot.pause()
        assert shown(screen) == ["Quiz Case", "Tiny Case"]

        await pilot.press("slash", *"leipzig", "enter")  # found in the narrative
        await pilot.pause()
        assert shown(screen) == ["Quiz Case"]
        assert screen.query_one(DataTable).has_focus
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuizStartDialog)
        assert app.screen.case.id == "quiz-case"
