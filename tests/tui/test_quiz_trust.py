"""A trainee's quiz, driven by keys: an exam to move about in and flag, "I was right",
review counts that refresh by themselves, and "see it in the case" and back."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.screens import review as review_screen
from playbook.tui.screens.case import CaseScreen
from playbook.tui.screens.results import ResultItem, ResultsScreen
from playbook.tui.screens.review import ReviewScreen
from tests.tui.quiz_keys import keys_for
from tests.tui.test_quiz_keyboard import Clock, open_quiz, rows, text_of


async def wait_until(pilot, condition, tries: int = 200) -> None:
    """Let the app run until `condition()` holds (timers fire in real time)."""
    for _ in range(tries):
        if condition():
            await pilot.pause()  # and let what it opened finish mounting
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


async def test_an_exam_moves_back_and_forth_keeps_answers_and_flags(make_test_app):
    app = make_test_app()
    app.services.clock = Clock()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "e")
        await pilot.press(*keys_for(screen, right=False), "enter")  # 1: wrong, for now
        await pilot.pause()
        assert screen.index == 1
        await pilot.press("pagedown")  # 2 left for later
        await pilot.pause()
        assert screen.index == 2
        await pilot.press("ctrl+f")  # 3 flagged, to come back to
        await pilot.pause()
        assert "⚑" in text_of(screen, "#quiz-where")
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert screen.index == 0
        # The answer given is on screen again, and can be changed until the exam is submitted.
        saved = json.loads(rows(app, "SELECT response FROM quiz_answers")[0][0])
        assert screen.answer.response == saved
        await pilot.press(*keys_for(screen, right=True), "enter")
        await pilot.pause()
        assert rows(app, "SELECT question_key, correct FROM quiz_answers") == [
            ("quiz-case/form", 1)
        ]
        assert rows(app, "SELECT flags FROM quiz_attempts") == [('["quiz-case/equal"]',)]

        await pilot.press("ctrl+e")  # the review page
        await pilot.pause()
        assert screen.reviewing
        heading = text_of(screen, "#review-heading")
        assert "1 of 7 answered, 6 not yet, 1 flagged" in heading
        listing = screen.query_one("#review-list")
        assert "⚑ flagged" in str(listing.get_option_at_index(2).prompt)
        assert "○ not answered" in str(listing.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")  # open question 2 from the page
        await pilot.pause()
        assert not screen.reviewing and screen.index == 1

        await pilot.press("ctrl+e", "ctrl+e")  # submit with six unanswered: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # go back
        await pilot.pause()
        assert app.screen is screen and not screen.attempt.finished
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert len(results.missed) == 6  # unanswered count as missed
        items = list(results.query(ResultItem))
        assert len(items) == 7  # every question, the misses first
        assert [i.line.grade.correct for i in items] == [False] * 6 + [True]
    assert rows(app, "SELECT finished_at IS NOT NULL FROM quiz_attempts") == [(1,)]


async def test_an_exam_with_a_time_limit_submits_itself(make_test_app):
    app = make_test_app()
    clock = Clock()
    app.services.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "t", "e")  # t: 5 minutes
        assert screen.attempt.time_limit == 300
        assert "5:00 left" in text_of(screen, "#quiz-clock")
        await pilot.press(*keys_for(screen, right=True), "enter")
        await pilot.pause()
        clock.moment += timedelta(minutes=5, seconds=1)
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert len(app.screen.missed) == 6
    assert rows(app, "SELECT count(*) FROM quiz_answers") == [(1,)]


async def test_i_was_right_marks_it_right_and_schedules_it_as_right(make_test_app):
    app = make_test_app()
    app.services.clock = Clock()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_quiz(pilot, "p")
        for _ in range(5):  # to the short answer
            await pilot.press(*keys_for(screen, right=True), "enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert screen.question.id == "licensee"
        await pilot.press(*"Delta's team", "enter")  # a teacher would take it; the key does not
        await pilot.pause()
        assert "Not right" in text_of(screen, "#quiz-feedback")
        assert "y" in text_of(screen, "#quiz-feedback")
        due_wrong = rows(app, "SELECT due FROM review_cards WHERE question_key LIKE '%licensee'")
        await pilot.press("y")
        await pilot.pause()
        feedback = text_of(screen, "#quiz-feedback")
        assert "Marked right by you" in feedback and "Right." in feedback
        assert rows(
            app, "SELECT correct, overridden FROM quiz_answers WHERE question_key LIKE '%licensee'"
        ) == [(1, 1)]
        due_right = rows(app, "SELECT due FROM review_cards WHERE question_key LIKE '%licensee'")
        assert due_right[0][0] > due_wrong[0][0]  # scheduled as a right answer: further out
        await pilot.press("y")  # once only
        await pilot.pause()
        # The miss's review is replaced by a right one: one log row, rated Good or better.
        ratings = rows(app, "SELECT rating FROM review_log WHERE question_key LIKE '%licensee'")
        assert len(ratings) == 1 and ratings[0][0] >= 3
        await pilot.press("enter")  # the last question, then the results
        await pilot.pause()
        await pilot.press(*keys_for(screen, right=True), "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        item = next(i for i in app.screen.query(ResultItem) if i.line.question.id == "licensee")
        assert "(marked right by you)" in str(item.query_one(".miss-title").render())


async def test_review_counts_refresh_while_the_screen_is_open(make_test_app, monkeypatch):
    monkeypatch.setattr(review_screen, "REFRESH_SECONDS", 0.05)
    app = make_test_app()
    clock = Clock()
    app.services.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "p")
        await pilot.press(*keys_for(screen, right=False), "enter")  # one miss: due soon
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.action_open_review()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        summary = text_of(review, "#review-summary")
        assert "Nothing due now" in summary and "next" in summary.lower()
        clock.moment += timedelta(hours=1)
        await wait_until(pilot, lambda: "1 question due" in text_of(review, "#review-summary"))


async def test_see_it_in_the_case_opens_the_section_and_comes_back(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_quiz(pilot, "p")
        assert screen.question.see == "The deal"
        await pilot.press(*keys_for(screen, right=False), "enter")
        await pilot.pause()
        await pilot.press("a")  # every choice's feedback
        await pilot.pause()
        feedback = text_of(screen, "#quiz-feedback")
        assert "Every choice" in feedback and "no third company was formed" in feedback
        await pilot.press("g")
        await pilot.pause()
        case = app.screen
        assert isinstance(case, CaseScreen) and case.section == "The deal"
        assert not case.revealed  # the section comes before the outcome: nothing given away
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.revealed and screen.index == 0


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (80, 14), (60, 12)])
async def test_the_prompt_stays_in_view_while_answering(make_test_app, size):
    """Each question opens with its prompt in view, also where its answer list is taller
    than the room below it (the small sizes here; a long matching item at 80x24)."""
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_quiz(pilot, "p")
        for _ in range(7):
            body = screen.query_one("#quiz-body")
            prompt = screen.query_one("#quiz-prompt")
            assert prompt.region.y >= body.region.y  # on screen, not scrolled away
            await pilot.press(*keys_for(screen, right=True), "enter")
            await pilot.pause()
            if isinstance(app.screen, ResultsScreen):
                break
            await pilot.press("enter")
            await pilot.pause()
