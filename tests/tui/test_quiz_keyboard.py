"""A trainee takes a whole quiz with the keyboard alone, in both modes, and resumes one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playbook.domain.quiz import cbm_mark
from playbook.tui.dialogs.quiz_start import QuizStartDialog
from playbook.tui.messages import QuizSessionRequested
from playbook.tui.screens.case import CaseScreen
from playbook.tui.screens.cases import CasesScreen
from playbook.tui.screens.quiz import QuizScreen
from playbook.tui.screens.results import ResultsScreen
from playbook.tui.widgets.confidence import ConfidenceBar
from tests.tui.quiz_keys import keys_for

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
TYPES = ["single", "multiple", "true_false", "ordering", "matching", "short", "numeric"]


class Clock:
    def __init__(self) -> None:
        self.moment = T0

    def __call__(self) -> datetime:
        return self.moment


def rows(app, sql: str, params=()) -> list[tuple]:
    return app.services.store.database.conn.execute(sql, params).fetchall()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def rendered_text(widget) -> str:
    """The lines a widget paints, as plain text (for tables and groups of Rich renderables)."""
    from textual.geometry import Region

    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


async def open_quiz(pilot, *keys: str) -> QuizScreen:
    """From home: the case library, the first case (Quiz Case), q, then the start keys."""
    app = pilot.app
    await pilot.press("2")
    await pilot.pause()
    assert isinstance(app.screen, CasesScreen)
    await pilot.press("q")
    await pilot.pause()
    assert isinstance(app.screen, QuizStartDialog)
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def test_practice_with_confidence_teaches_after_each_answer(make_test_app):
    app = make_test_app()
    app.services.clock = Clock()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "c", "p")
        assert screen.attempt.mode == "practice" and screen.attempt.confidence
        seen = []
        for number in range(7):
            question = screen.question
            seen.append(question.type)
            right = number % 2 == 0  # every other answer wrong
            await pilot.press(*keys_for(screen, right), "enter")
            await pilot.pause()
            # Not yet saved: the trainee is asked how sure they are first.
            assert screen.query_one(ConfidenceBar).has_class("-wanted")
            assert screen.query_one(ConfidenceBar).has_focus
            assert rows(app, "SELECT count(*) FROM quiz_answers") == [(number,)]
            await pilot.press("h" if right else "m")  # saying it submits
            await pilot.pause()
            [(score, confidence, mark)] = rows(
                app,
                "SELECT score, confidence, cbm_mark FROM quiz_answers WHERE question_key = ?",
                [question.key],
            )
            assert (score == 1.0) == right, question.type
            assert confidence == ("high" if right else "medium")
            assert mark == (3.0 if right else cbm_mark(score, "medium"))
            assert right or mark < 2.0
            feedback = text_of(screen, "#quiz-feedback")
            assert ("Right." if right else "Not right") in feedback or "Partly" in feedback
            assert question.explanation.split()[0] in feedback
            if not right and question.type not in ("ordering", "matching"):
                assert "Right answer:" in feedback  # those two mark it on their rows
            await pilot.press("enter")
            await pilot.pause()
        assert seen == TYPES
        assert isinstance(app.screen, ResultsScreen)
        results = app.screen
        assert results.missed == [
            "quiz-case/pilot-steps",
            "quiz-case/timeline",
            "quiz-case/licensee",
        ]
        assert "Calibration" in text_of(results, "#results-calibration")
        misses = " ".join(str(w.render()) for w in results.query("#results-misses Static"))
        assert "Why:" in misses and "Your answer:" in misses

        palette = [c.title for c in app.get_system_commands(results)]
        assert "Retry the missed ones" in palette and "Review" in palette
        await pilot.press("r")  # retry the missed ones
        await pilot.pause()
        retry = app.screen
        assert isinstance(retry, QuizScreen)
        assert retry.attempt.kind == "retry"
        assert retry.attempt.keys == tuple(results.missed)

    [(finished, kind)] = rows(app, "SELECT finished_at, kind FROM quiz_attempts WHERE id = 1")
    assert finished is not None and kind == "quiz"
    assert rows(app, "SELECT count(*) FROM review_cards") == [(7,)]


async def test_exam_shows_nothing_until_the_end(make_test_app):
    app = make_test_app()
    app.services.clock = Clock()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "e")
        assert screen.attempt.mode == "exam" and not screen.attempt.confidence
        assert not screen.query_one(ConfidenceBar).display
        for number in range(7):
            assert screen.index == number
            await pilot.press(*keys_for(screen, right=number != 3), "enter")
            await pilot.pause()
            assert app.screen is screen
            assert not screen.query_one("#quiz-feedback").display
        assert screen.reviewing  # the review page, before submitting
        assert "7 of 7 answered" in text_of(screen, "#review-heading")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.missed == ["quiz-case/timeline"]
        assert not app.screen.query_one("#results-calibration").display

    answers = rows(app, "SELECT question_key, correct, confidence FROM quiz_answers ORDER BY id")
    assert len(answers) == 7
    assert [c for _, c, _ in answers] == [1, 1, 1, 0, 1, 1, 1]
    assert {conf for *_, conf in answers} == {None}


async def test_submitting_nothing_saves_nothing_and_says_what_to_do(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "p")
        await pilot.press("enter")
        await pilot.pause()
        assert "Pick a choice first" in text_of(screen, "#quiz-hint")
        assert screen.index == 0 and not screen.revealed
        assert rows(app, "SELECT count(*) FROM quiz_answers") == [(0,)]


async def test_an_untouched_order_is_not_an_answer(make_test_app):
    """The order is shown shuffled; enter before moving anything (in exam mode a second
    enter comes easily) asks for the order instead of saving a wrong answer."""
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "e")
        for _ in range(3):
            await pilot.press(*keys_for(screen, right=True), "enter")
            await pilot.pause()
        assert screen.question.type == "ordering"
        await pilot.press("enter")
        await pilot.pause()
        assert "Put the items in order first" in text_of(screen, "#quiz-hint")
        assert screen.index == 3
        assert rows(app, "SELECT count(*) FROM quiz_answers") == [(3,)]
        await pilot.press(*keys_for(screen, right=True), "enter")
        await pilot.pause()
        assert screen.index == 4
        assert rows(app, "SELECT correct FROM quiz_answers ORDER BY id DESC LIMIT 1") == [(1,)]


async def test_leave_half_way_and_resume_after_a_restart(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "e")
        for _ in range(3):
            await pilot.press(*keys_for(screen, right=True), "enter")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)
        await pilot.press("escape", "s")  # the stats say where it was left
        await pilot.pause()
        assert "Left half way: Quiz Case" in rendered_text(app.screen.query_one("#stats-cases"))
    assert rows(app, "SELECT count(*) FROM quiz_answers") == [(3,)]
    assert rows(app, "SELECT position, finished_at FROM quiz_attempts") == [(3, None)]

    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuizStartDialog)
        resume = dialog.query_one("#start-modes").get_option("resume")
        assert "Resume at question 4 of 7 (exam)" in str(resume.prompt)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert screen.index == 3 and screen.question.type == "ordering"
        assert screen.attempt.mode == "exam"
        for _ in range(4):
            await pilot.press(*keys_for(screen, right=True), "enter")
            await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.missed == []
    assert rows(app, "SELECT count(*) FROM quiz_attempts") == [(1,)]
    assert rows(app, "SELECT count(*), sum(score) FROM quiz_answers") == [(7, 7.0)]


async def test_case_screen_offers_the_quiz(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "7 questions" in text_of(app.screen, "#case-quiz")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuizStartDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_wrong_answers_come_due_in_review_and_cram_leaves_the_schedule(make_test_app):
    from playbook.tui.screens.home import HomeScreen
    from playbook.tui.screens.review import ReviewScreen

    app = make_test_app()
    clock = Clock()
    app.services.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, "e")
        for number in range(7):
            await pilot.press(*keys_for(screen, right=number not in (0, 2)), "enter")
            await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "nothing due" in str(app.screen.query_one("#paths").get_option("cases").prompt)

        clock.moment += timedelta(minutes=15)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "2 questions due" in text_of(app.screen, "#review-summary")
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, QuizScreen) and review.attempt.kind == "review"
        assert review.attempt.keys == ("quiz-case/equal", "quiz-case/form")
        for _ in range(2):
            await pilot.press(*keys_for(review, right=True), "enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.services.review.due_keys(app.profile.id) == []

        before = rows(app, "SELECT * FROM review_cards ORDER BY question_key")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("c")
        await pilot.pause()
        sizes = app.screen.query_one("#cram-sizes")  # how many? 5, or all 7
        assert [str(sizes.get_option_at_index(i).prompt) for i in range(2)] == [
            "5 questions",
            "All 7",
        ]
        await pilot.press("enter")
        await pilot.pause()
        cram = app.screen
        assert isinstance(cram, QuizScreen) and cram.attempt.kind == "cram"
        assert len(cram.attempt.keys) == 5
        await pilot.press(*keys_for(cram, right=False), "enter")
        await pilot.pause()
        assert rows(app, "SELECT * FROM review_cards ORDER BY question_key") == before


async def test_the_cli_opens_straight_into_a_quiz_and_resumes_it(make_test_app):
    from playbook.tui.app import QuizRequest, make_app
    from tests.conftest import FIXTURE_CONTENT

    store = make_test_app().services.store

    def build():
        request = QuizRequest("quiz-case", "exam", confidence=False)
        return make_app([FIXTURE_CONTENT], store=store, include_bundled=False, quiz=request)

    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.attempt.mode == "exam"
        assert isinstance(app.screen_stack[-2], CaseScreen)  # escape goes to the case
        await pilot.press(*keys_for(app.screen, right=True), "enter")
        await pilot.pause()
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.index == 1  # resumed, not restarted
    assert rows(app, "SELECT count(*) FROM quiz_attempts") == [(1,)]


async def test_the_mouse_works_too(make_test_app):
    """Click a choice, a confidence level, items to reorder, a match, and the footer's Submit."""
    from textual.widgets._footer import FooterKey

    from playbook.tui.widgets.answer import Row
    from playbook.tui.widgets.matching import OptionsLine

    app = make_test_app()
    profile = app.services.store.profiles.all()[0]
    keys = ["quiz-case/form", "quiz-case/timeline", "quiz-case/lens"]
    session = app.services.quizzes.start(profile.id, "quiz-case", confidence=True, keys=keys)

    async def click_text(widget, text: str, y: int = 0, x0: int = 0) -> None:
        line = str(widget.render()).splitlines()[y]
        assert await pilot.click(widget, offset=(x0 + line.index(text) + 1, y + (x0 > 0)))

    async def click_row(index: int) -> None:
        """Click a row on its text, past the marker column, where a person would."""
        row = list(app.screen.query(Row))[index]
        line = str(row.render()).splitlines()[0]
        text = str(row.text).splitlines()[0]
        assert await pilot.click(row, offset=(line.index(text) + 1, 0))

    async def submit_and_next() -> None:
        footer_key = next(k for k in app.screen.query(FooterKey) if k.action == "submit")
        assert await pilot.click(footer_key)
        await pilot.pause()
        assert app.screen.revealed
        footer_key = next(k for k in app.screen.query(FooterKey) if k.action == "next")
        assert await pilot.click(footer_key)
        await pilot.pause()

    async with app.run_test(size=(100, 40)) as pilot:
        app.call_later(app.post_message, QuizSessionRequested(session))
        await pilot.pause()
        screen = app.screen
        licence = screen.answer.values.index("licence")  # the choices are shuffled
        await click_row(licence)  # the licence: right
        await click_text(screen.query_one(ConfidenceBar), "high", x0=2)
        assert screen.query_one(ConfidenceBar).level == "high"
        await submit_and_next()

        order = screen.answer.order
        wanted = list(screen.question.items)
        for place, item in enumerate(wanted):  # pick each item up and drop it in place
            await click_row(order.index(item))
            await click_row(place)
            await pilot.pause()
            order = screen.answer.order
        assert order == wanted
        await click_text(screen.query_one(ConfidenceBar), "low", x0=2)
        await submit_and_next()

        options = screen.query_one(OptionsLine)
        for index, pair in enumerate(screen.question.pairs):
            await click_row(index)
            await click_text(options, pair.right)
        await click_text(screen.query_one(ConfidenceBar), "medium", x0=2)
        footer_key = next(k for k in app.screen.query(FooterKey) if k.action == "submit")
        assert await pilot.click(footer_key)
        await pilot.pause()

    assert rows(app, "SELECT question_key, score, confidence FROM quiz_answers") == [
        ("quiz-case/form", 1.0, "high"),
        ("quiz-case/timeline", 1.0, "low"),
        ("quiz-case/lens", 1.0, "medium"),
    ]


async def test_the_palette_opens_a_quiz_review_and_stats(make_test_app):
    from textual.command import CommandPalette

    from playbook.tui.screens.review import ReviewScreen
    from playbook.tui.screens.stats import StatsScreen

    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for query, screen_type in [
            ("Quiz: Quiz Case", QuizStartDialog),
            ("Review", ReviewScreen),
            ("Stats", StatsScreen),
        ]:
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*query)
            commands = app.screen.query_one("CommandList")
            for _ in range(200):  # the palette searches in a worker: poll, do not sleep
                await pilot.pause()
                if commands.option_count and query in str(commands.get_option_at_index(0).prompt):
                    break
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen_type), query
            await pilot.press("escape")
            await pilot.pause()


async def test_a_choice_and_enter_typed_at_once_leave_no_stale_hint(make_test_app):
    """A number and enter that arrive together (a fast typist, a paste): the choice's change
    reaches the screen after the submit it was part of, and must not bring back the keys'
    hint under an answered question."""
    from textual import events

    app = make_test_app()
    profile = app.services.store.profiles.all()[0]
    session = app.services.quizzes.start(profile.id, "quiz-case", keys=["quiz-case/form"])
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(QuizSessionRequested(session))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#quiz-hint").display  # "1-3 pick a choice · enter submits"
        for key, character in (("1", "1"), ("enter", "\r")):
            app._driver.send_message(events.Key(key, character))  # no pause between
        for _ in range(50):
            await pilot.pause()
            if screen.revealed:
                break
        await pilot.pause()
        assert screen.revealed
        assert not screen.query_one("#quiz-hint").display


async def test_an_answered_list_stops_offering_its_keys(make_test_app):
    """After the reveal the footer offers what can still be done: moving an ordered item
    or toggling a choice does nothing then, so neither is shown."""
    from textual.widgets._footer import FooterKey

    app = make_test_app()
    profile = app.services.store.profiles.all()[0]
    keys = ["quiz-case/timeline", "quiz-case/equal"]  # an ordering, then a true/false
    session = app.services.quizzes.start(profile.id, "quiz-case", keys=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(QuizSessionRequested(session))
        await pilot.pause()
        screen = app.screen
        for _ in keys:
            offered = lambda: {k.action.split("(")[0] for k in app.screen.query(FooterKey)}  # noqa: E731
            assert offered() & {"move", "toggle", "choose"}, screen.question.type  # answering
            await pilot.press(*keys_for(screen, right=True), "enter")
            await pilot.pause()
            assert screen.revealed
            assert not offered() & {"move", "toggle", "choose"}, screen.question.type
            assert "next" in offered()
            await pilot.press("enter")
            await pilot.pause()


async def test_a_typed_answer_offers_submit_in_the_footer_and_next_once_answered(make_test_app):
    """The text box's own enter binding used to hide the screen's Submit from the footer."""
    from textual.widgets._footer import FooterKey

    app = make_test_app()
    profile = app.services.store.profiles.all()[0]
    keys = ["quiz-case/licensee", "quiz-case/fee"]  # a short answer, then a number
    session = app.services.quizzes.start(profile.id, "quiz-case", keys=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(QuizSessionRequested(session))
        await pilot.pause()
        screen = app.screen

        def offered() -> dict[str, str]:
            return {k.action: k.description for k in app.screen.query(FooterKey)}

        for typed in ("Delta", "2.5"):
            assert offered().get("submit") == "Submit", screen.question.type
            await pilot.press(*typed)
            footer_key = next(k for k in app.screen.query(FooterKey) if k.action == "submit")
            assert await pilot.click(footer_key)
            await pilot.pause()
            assert screen.revealed
            assert "submit" not in offered() and offered().get("next") == "Next"
            await pilot.press("enter")
            await pilot.pause()
    assert rows(app, "SELECT question_key, score FROM quiz_answers ORDER BY id") == [
        ("quiz-case/licensee", 1.0),
        ("quiz-case/fee", 1.0),
    ]
