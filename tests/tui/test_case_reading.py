"""Reading a case as a business-school case: the decision first, the outcome only on reading
on, and the teaching note kept from a trainee who has not yet answered."""

from __future__ import annotations

from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.screens.case import CaseScreen
from playbook.tui.screens.teaching_note import TeachingNoteScreen


def markdown_text(screen) -> str:
    return screen.query_one("#narrative").source


def facts_text(screen) -> str:
    return str(screen.query_one("#facts").render())


async def test_the_outcome_and_what_gives_it_away_wait_until_read_on(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case("quiz-case")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen) and not screen.revealed
        assert "## The decision" in markdown_text(screen)
        assert "## Exhibit 1" in markdown_text(screen)
        assert "## Outcome" not in markdown_text(screen)
        assert "Sources" not in facts_text(screen) and "Outcome" not in facts_text(screen)
        assert "What would you decide?" in str(screen.query_one("#case-read-on").render())
        await pilot.press("o")
        await pilot.pause()
        assert screen.revealed
        assert "## Outcome" in markdown_text(screen)
        assert "Sources" in facts_text(screen) and "Outcome" in facts_text(screen)
        assert not screen.query_one("#case-read-on").display


async def test_a_section_after_the_outcome_opens_revealed(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case("quiz-case", "Timeline")  # "see Timeline", from a quiz's feedback
        await pilot.pause()
        assert app.screen.revealed


async def test_a_trainee_is_asked_before_the_teaching_note(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case("quiz-case")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # it discusses the quiz's answers
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        note = app.screen
        assert isinstance(note, TeachingNoteScreen)
        text = str(note.query_one("#note-text").render())
        assert "Learning objectives" in text and "minutes" in text
