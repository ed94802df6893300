"""Key press to saved: ticking a checklist item, until the row is committed and the screen
shows it, against pressing a key that toggles a checkbox in a bare Textual app.

Pilot's press() waits for the whole process to go idle, which measures Pilot more than the
app, so the key goes in through the driver as a terminal's would, and the clock stops at the
first frame painted after the change (and, for the playbook, once the row is in the file).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual import events

from bench._seed import new_alliance, new_profile

ACTIONS = 200


class FrameClock:
    """Records when the app paints a frame."""

    def __init__(self, app) -> None:
        self.last = 0.0
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            self.last = time.perf_counter()

        app._display = display


async def press_and_wait(app, clock: FrameClock, key: str, done) -> float:
    """Send one key; return the seconds until `done()` holds and a frame shows it."""
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, " " if key == "space" else key))
    while not (done() and clock.last > start):
        await asyncio.sleep(0.0005)
    return clock.last - start


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def bare_toggles() -> list[float]:
    from textual.app import App
    from textual.widgets import Checkbox, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield Checkbox("A box")
            yield Footer()

    times = []
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        clock = FrameClock(app)
        box = app.query_one(Checkbox)
        box.focus()
        await pilot.pause()
        for _ in range(ACTIONS):
            before = box.value
            times.append(await press_and_wait(app, clock, "space", lambda b=before: box.value != b))
            await pilot.pause()
    return times


async def playbook_ticks(db: Path) -> list[float]:
    from playbook.store.store import Store
    from playbook.tui.app import make_app
    from playbook.tui.widgets.checklist import Checklist

    store = Store.open(db)
    profile = new_profile(store, "Bench")
    alliance = new_alliance(store, profile.id, "Globex", "Acme")
    app = make_app(store=store)
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        clock = FrameClock(app)
        app.open_stage("north-star", alliance)
        await pilot.pause()
        checklist = app.screen.query_one(Checklist)
        checklist.focus()
        item = checklist.get_option_at_index(0).id
        for _ in range(ACTIONS):
            want = item not in checklist.ticked

            def done(want=want):
                saved = store.alliances.ticked(alliance.id, "north-star").get("north-star", set())
                return (item in checklist.ticked) == want and (item in saved) == want

            times.append(await press_and_wait(app, clock, "space", done))
            await pilot.pause()
            app.collect_when_idle(idle=0)  # what the app does once the user pauses
    store.close()
    return times


async def playbook_answers(db: Path) -> list[float]:
    """Pick a choice with a number key, then time enter: graded, saved with its review card,
    and the feedback painted."""
    from playbook.store.store import Store
    from playbook.tui.app import make_app
    from playbook.tui.messages import QuizSessionRequested
    from playbook.tui.screens.quiz import QuizScreen

    store = Store.open(db)
    profile = new_profile(store, "Bench")
    app = make_app(store=store)
    singles = [q.key for c in app.library.ordered_cases for q in c.questions if q.type == "single"]
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        clock = FrameClock(app)
        while len(times) < ACTIONS:
            session = app.services.quizzes.start(
                profile.id, None, keys=singles[: ACTIONS - len(times)], kind="review"
            )
            app.post_message(QuizSessionRequested(session))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuizScreen), screen
            attempt = screen.attempt
            for _ in range(len(attempt.keys)):
                await pilot.press("1")
                saved = len(store.quiz.answers(attempt.id))
                # The screen reveals only after the answer is committed, so waiting on the
                # screen is waiting on the file; polling the file itself would slow the app.
                times.append(await press_and_wait(app, clock, "enter", lambda s=screen: s.revealed))
                assert len(store.quiz.answers(attempt.id)) == saved + 1
                await pilot.pause()
                app.collect_when_idle(idle=0)  # what the app does once the reader pauses
                await pilot.press("enter")  # on to the next question
                await pilot.pause()
            while len(app.screen_stack) > 2:  # past the results, back to home
                app.pop_screen()
                await pilot.pause()
    store.close()
    return times


def run() -> list[dict]:
    bare = asyncio.run(bare_toggles())
    with tempfile.TemporaryDirectory() as tmp:
        ticks = asyncio.run(playbook_ticks(Path(tmp) / "bench.db"))
        answers = asyncio.run(playbook_answers(Path(tmp) / "answers.db"))
    rows = []
    for label, values, base in (
        ("tick a checklist item, median", ticks, bare),
        ("answer a quiz question, median", answers, bare),
    ):
        med, base_med = statistics.median(values), statistics.median(base)
        high, base_high = p95(values), p95(base)
        rows.append(
            {
                "name": label,
                "value": med * 1000,
                "unit": "ms",
                "baseline_name": "toggling a Checkbox in a bare Textual app, through Pilot",
                "baseline": base_med * 1000,
                "ratio": med / base_med,
                "target": "-",
                "ok": True,
            }
        )
        rows.append(
            {
                "name": label.replace("median", "95th percentile"),
                "value": high * 1000,
                "unit": "ms",
                "baseline_name": "the same, 95th percentile",
                "baseline": base_high * 1000,
                "ratio": high / base_high,
                "target": "< 50 ms",
                "ok": high < 0.050,
            }
        )
    return rows
