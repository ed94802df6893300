"""Workshop scale: one dashboard refresh with 50, 100 and 200 participants who have each
answered 30 questions; the figure to watch is how the time grows (linear would be 4x)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.keypress import FrameClock, p95, press_and_wait

SIZES = (50, 100, 200)
QUESTIONS = 30
REFRESHES = 20
PIN = "4321"


def build(db: Path, participants: int) -> str:
    """A workshop whose 30 questions everyone has answered; returns its join code."""
    from playbook.content.loader import load_library
    from playbook.paths import content_folders
    from playbook.services import Services
    from playbook.services.clock import ManualClock

    library = load_library(content_folders())
    questions = [q for c in library.ordered_cases for q in c.questions if q.type == "single"]
    questions = questions[:QUESTIONS]
    clock = ManualClock(datetime(2026, 1, 1, 9, 0, tzinfo=UTC))
    services = Services.open(db, library, clock)
    workshops = services.workshops
    agenda = workshops.agenda(("question", q.key) for q in questions)
    workshop = workshops.create("Scale", PIN, agenda)
    room = workshops.facilitate(workshop.code, PIN)
    people = [
        workshops.join(workshop.code, f"Person {n:03d}", f"device-{n}") for n in range(participants)
    ]
    room.act("start")
    for index, question in enumerate(questions):
        clock.advance(seconds=1)
        room.act("open")
        clock.advance(seconds=0.5)
        for n, person in enumerate(people):
            person.answer(question.choices[n % len(question.choices)].id)
        clock.advance(seconds=2)
        room.act("reveal")
        if index < len(questions) - 1:
            room.act("next")
    services.close()
    return workshop.code


async def refresh_times(db: Path, code: str) -> list[float]:
    """Seconds from asking the dashboard to load again to the frame that shows it."""
    from playbook.tui.app import make_app
    from playbook.tui.messages import DashboardRequested

    app = make_app(db_path=db)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        room = app.services.workshops.facilitate(code, PIN)
        app.post_message(DashboardRequested(room))
        await pilot.pause()
        screen = app.screen
        for _ in range(REFRESHES):
            start = time.perf_counter()
            screen.shown = None  # as if what it shows changed: load and draw it all
            screen.reload()  # what the dashboard does when the database changed
            while clock.last < start:
                await asyncio.sleep(0.0005)
            times.append(clock.last - start)
            await pilot.pause()
    return times


async def keys_during_refresh(db: Path, code: str) -> tuple[list[float], list[float]]:
    """Seconds from a key press (down or up in the room list) to the frame that shows it:
    while the dashboard loads the room again in its worker, and with nothing loading."""
    from playbook.tui.app import make_app
    from playbook.tui.messages import DashboardRequested

    app = make_app(db_path=db)
    during, idle = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        room = app.services.workshops.facilitate(code, PIN)
        app.post_message(DashboardRequested(room))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        side = screen.query_one("#dash-side")
        side.focus()
        await pilot.pause()
        for round_ in range(4 * REFRESHES):
            loading = round_ % 2 == 0
            if loading:
                screen.shown = None
                screen.reload()  # the room loads again in a worker thread...
            before = side.scroll_y
            key = "down" if (round_ // 2) % 2 == 0 else "up"
            # ...and the key goes in at once, as a facilitator's would
            took = await press_and_wait(app, clock, key, lambda b=before: side.scroll_y != b)
            (during if loading else idle).append(took)
            await app.workers.wait_for_complete()
            await pilot.pause()
    return during, idle


def run() -> list[dict]:
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            db = Path(tmp) / f"workshop-{size}.db"
            code = build(db, size)
            medians[size] = statistics.median(asyncio.run(refresh_times(db, code)))
    small, large = medians[SIZES[0]], medians[SIZES[-1]]
    growth = large / small
    people = SIZES[-1] / SIZES[0]
    rows = [
        {
            "name": f"dashboard refresh, {size} people x {QUESTIONS} answers",
            "value": medians[size] * 1000,
            "unit": "ms",
            "baseline_name": f"the same with {SIZES[0]} people",
            "baseline": small * 1000,
            "ratio": medians[size] / small,
            "target": "-",
            "ok": True,
        }
        for size in SIZES
    ]
    rows[-1]["target"] = f"<= {people:.0f} (linear)"
    rows[-1]["ok"] = growth <= people
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "workshop-keys.db"
        code = build(db, SIZES[-1])
        during, idle = asyncio.run(keys_during_refresh(db, code))
    high, base = p95(during), p95(idle)
    rows.append(
        {
            "name": f"dashboard key press while it reloads {SIZES[-1]} people, p95",
            "value": high * 1000,
            "unit": "ms",
            "baseline_name": "the same key with nothing loading, p95",
            "baseline": base * 1000,
            "ratio": high / base,
            "target": "< 50 ms",
            "ok": high < 0.050,
        }
    )
    return rows
