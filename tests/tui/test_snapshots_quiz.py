"""Snapshots of the case library, every question type before and after answering, the start
dialog, results, review and stats, at 80x24 (and 120x40 for the main ones).

The clock is frozen (the scheduler and the stats depend on it), and each question is opened
in an attempt of its own, so its shuffles are the same on every run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from playbook.tui.messages import QuizSessionRequested
from tests.tui.quiz_keys import keys_for

SIZES = [(80, 24), (120, 40)]
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
KEYS = [
    "quiz-case/form",
    "quiz-case/pilot-steps",
    "quiz-case/equal",
    "quiz-case/timeline",
    "quiz-case/lens",
    "quiz-case/licensee",
    "quiz-case/fee",
]
# How each type is answered in its "after" snapshot: wrong answers show the most teaching.
RIGHT = {"form": False, "pilot-steps": False, "equal": True, "timeline": False}
RIGHT |= {"lens": False, "licensee": False, "fee": True}


class Clock:
    def __init__(self, moment: datetime = T0) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


async def settled(pilot) -> None:
    """Let the screen's loads (worker threads) finish and their results be drawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def frozen(app, moment: datetime = T0) -> Clock:
    clock = Clock(moment)
    app.services.clock = clock
    return clock


def take(app, clock: Clock, answers: dict[str, tuple[object, float, str | None]], **kwargs):
    """Take a whole attempt through the service: key -> (response, its score, level)."""
    services = app.services
    profile = services.profiles.all()[0]
    session = services.quizzes.start(profile.id, "quiz-case", keys=list(answers), **kwargs)
    for key, (response, score, level) in answers.items():
        feedback = session.answer(services.library.question(key), response, level, seconds=5.0)
        assert feedback.grade.score == score, (key, feedback)
        clock.moment += timedelta(seconds=30)
    session.finish()
    return session


WHOLE_QUIZ = {
    "quiz-case/form": ("jv", 0.0, "high"),
    "quiz-case/pilot-steps": (["one-city"], 0.5, "medium"),
    "quiz-case/equal": (True, 1.0, "high"),
    "quiz-case/timeline": (
        ["The Leipzig pilot starts", "The licence is signed", "The national launch"],
        0.5,
        "low",
    ),
    "quiz-case/lens": (
        {
            "Agreeing the one goal": "North Star",
            "Visiting each other's depots": "Vibe check",
            "Starting in one city": "Pilot",
        },
        1.0,
        "high",
    ),
    "quiz-case/licensee": ("Gamma", 0.0, "medium"),
    "quiz-case/fee": ("2.5", 1.0, "high"),
}


def open_question(app, key: str, *, mode: str = "practice", confidence: bool = True):
    async def run_before(pilot):
        profile = app.services.profiles.all()[0]
        session = app.services.quizzes.start(profile.id, "quiz-case", mode, confidence, keys=[key])
        app.post_message(QuizSessionRequested(session))
        await pilot.pause()

    return run_before


# -- the case library --------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case_library_with_scores(snap_compare, make_test_app, size):
    app = make_test_app()
    take(app, frozen(app), WHOLE_QUIZ, confidence=True)

    async def run_before(pilot):
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_case_library_searched(snap_compare, make_test_app):
    async def run_before(pilot):
        await pilot.press("2", "slash", *"leipzig")
        await pilot.pause()

    assert snap_compare(make_test_app(), terminal_size=(80, 24), run_before=run_before)


def test_quiz_start_offers_to_resume(snap_compare, make_test_app):
    app = make_test_app()
    clock = frozen(app)
    profile = app.services.profiles.all()[0]
    session = app.services.quizzes.start(profile.id, "quiz-case", "exam", keys=KEYS)
    session.answer(app.services.library.question(KEYS[0]), "licence")
    clock.moment += timedelta(minutes=1)

    async def run_before(pilot):
        await pilot.press("2", "q")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# -- one question of each type, before and after answering --------------------------------


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.split("/")[1])
def test_question_before(snap_compare, make_test_app, key):
    app = make_test_app()
    frozen(app)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_question(app, key))


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.split("/")[1])
def test_question_after_practice_feedback(snap_compare, make_test_app, key):
    app = make_test_app()
    frozen(app)
    opened = open_question(app, key)

    async def run_before(pilot):
        await opened(pilot)
        right = RIGHT[key.split("/")[1]]
        await pilot.press(*keys_for(app.screen, right), "enter", "h" if right else "m")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_question_matching_at_120x40(snap_compare, make_test_app):
    app = make_test_app()
    frozen(app)
    opened = open_question(app, "quiz-case/lens")

    async def run_before(pilot):
        await opened(pilot)
        await pilot.press("2")  # the first item gets option 2; the cursor moves on
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_question_in_exam_mode_without_confidence(snap_compare, make_test_app):
    app = make_test_app()
    frozen(app)
    opened = open_question(app, "quiz-case/pilot-steps", mode="exam", confidence=False)

    async def run_before(pilot):
        await opened(pilot)
        await pilot.press("1", "down", "down", "space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_nothing_chosen_yet_says_what_to_do(snap_compare, make_test_app):
    app = make_test_app()
    frozen(app)
    opened = open_question(app, "quiz-case/lens")

    async def run_before(pilot):
        await opened(pilot)
        await pilot.press("3", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# -- results, review and stats --------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results(snap_compare, make_test_app, size):
    from playbook.tui.screens.results import ResultsScreen

    app = make_test_app()
    session = take(app, frozen(app), WHOLE_QUIZ, confidence=True)

    async def run_before(pilot):
        app.push_screen(ResultsScreen(session))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_results_scrolled_to_the_misses(snap_compare, make_test_app):
    from playbook.tui.screens.results import ResultsScreen

    app = make_test_app()
    session = take(app, frozen(app), WHOLE_QUIZ, confidence=True)

    async def run_before(pilot):
        app.push_screen(ResultsScreen(session))
        await pilot.pause()
        app.screen.query_one("#results-body").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def response(question, right: bool):
    """A response to any kind of question, right or wrong."""
    kind = question.type
    if kind == "single":
        wrong = next(c.id for c in question.choices if c.id != question.answer)
        return question.answer if right else wrong
    if kind == "multiple":
        wrong = [c.id for c in question.choices if c.id not in question.answer][:1]
        return list(question.answer) if right else wrong
    if kind == "true_false":
        return question.answer if right else not question.answer
    if kind == "ordering":
        return list(question.items) if right else list(reversed(question.items))
    if kind == "matching":
        rights = [p.right for p in question.pairs]
        shifted = rights[1:] + rights[:1]
        return {p.left: (p.right if right else shifted[i]) for i, p in enumerate(question.pairs)}
    if kind == "short":
        return question.accept[0] if right else "Nobody at all"
    return str(question.answer if right else question.answer + 100)


def all_answered(app, right: bool, level: str | None):
    library = app.services.library
    return {
        key: (response(library.question(key), right), 1.0 if right else 0.0, level)
        for key in WHOLE_QUIZ
    }


def history(app) -> Clock:
    """Three quizzes over two weeks, the last one today, with the clock an hour later."""
    clock = frozen(app, T0 - timedelta(days=12))
    take(app, clock, all_answered(app, False, "medium"), confidence=True)
    clock.moment = T0 - timedelta(days=5)
    take(app, clock, WHOLE_QUIZ, mode="exam")
    clock.moment = T0
    take(app, clock, all_answered(app, True, None))
    clock.moment = T0 + timedelta(days=3)
    return clock


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats(snap_compare, make_test_app, size):
    app = make_test_app()
    history(app)

    async def run_before(pilot):
        await pilot.press("s")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_stats_scrolled_to_activity(snap_compare, make_test_app):
    app = make_test_app()
    history(app)

    async def run_before(pilot):
        await pilot.press("s")
        await settled(pilot)
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_review_with_questions_due(snap_compare, make_test_app):
    app = make_test_app()
    clock = frozen(app)
    take(app, clock, WHOLE_QUIZ, confidence=True)
    clock.moment += timedelta(minutes=30)

    async def run_before(pilot):
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_home_shows_reviews_due(snap_compare, make_test_app):
    app = make_test_app()
    clock = frozen(app)
    take(app, clock, WHOLE_QUIZ, confidence=True)
    clock.moment += timedelta(minutes=30)
    assert snap_compare(app, terminal_size=(80, 24))


def test_exam_review_page_with_a_flag_and_a_clock(snap_compare, make_test_app):
    app = make_test_app()
    frozen(app)

    async def run_before(pilot):
        profile = app.services.profiles.all()[0]
        session = app.services.quizzes.start(profile.id, "quiz-case", "exam", False, time_limit=600)
        app.post_message(QuizSessionRequested(session))
        await pilot.pause()
        screen = app.screen
        await pilot.press(*keys_for(screen, right=True), "enter")
        await pilot.pause()
        await pilot.press("ctrl+f", "ctrl+e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_cram_asks_how_many(snap_compare, make_test_app):
    app = make_test_app()
    clock = frozen(app)
    take(app, clock, WHOLE_QUIZ, confidence=True)

    async def run_before(pilot):
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
