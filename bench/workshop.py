"""Workshop scale: one dashboard refresh with 50, 100 and 200 participants who have each
answered 30 questions; the figure to watch is how the time grows (linear would be 4x)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.keypress import FrameClock

SIZES = (50, 100, 200)
QUESTIONS = 30
REFRESHES = 20
PIN = "4321"


def build(db: Path, participants: int) -> tuple[str, str]:
    """A workshop whose 30 questions everyone has answered; returns (code, facilitator token)."""
    from playbook.content.loader import load_library
    from playbook.domain.workshop import QUESTION, AgendaItem
    from playbook.paths import content_folders
    from playbook.store.store import Store

    library = load_library(content_folders())
    questions = [q for c in library.ordered_cases for q in c.questions if q.type == "single"]
    questions = questions[:QUESTIONS]
    store = Store.open(db)
    workshops = store.workshops
    now = 1_800_000_000.0
    agenda = [AgendaItem(QUESTION, q.key, q.prompt) for q in questions]
    workshop = workshops.create("Scale", PIN, agenda, now)
    token = workshops.verify_facilitator(workshop.code, PIN, now)
    people = [
        workshops.join(workshop.code, f"Person {n:03d}", f"device-{n}", now)
        for n in range(participants)
    ]
    workshops.act(token, "start", now)
    for index, question in enumerate(questions):
        now += 1
        workshops.act(token, "open", now)
        for n, person in enumerate(people):
            choice = question.choices[n % len(question.choices)].id
            workshops.answer(person, question, choice, now + 0.5)
        now += 2
        workshops.act(token, "reveal", now)
        if index < len(questions) - 1:
            workshops.act(token, "next", now)
    store.close()
    return workshop.code, token


async def refresh_times(db: Path, code: str, token: str) -> list[float]:
    from playbook.store.store import Store
    from playbook.tui.app import make_app
    from playbook.tui.screens.workshop_dashboard import DashboardScreen

    store = Store.open(db)
    app = make_app(store=store)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        screen = DashboardScreen(code, token)
        app.push_screen(screen)
        await pilot.pause()
        for _ in range(REFRESHES):
            start = time.perf_counter()
            screen.reload()  # what the dashboard does when the database changed
            while clock.last < start:
                await asyncio.sleep(0.0005)
            times.append(clock.last - start)
            await pilot.pause()
    store.close()
    return times


def run() -> list[dict]:
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            db = Path(tmp) / f"workshop-{size}.db"
            code, token = build(db, size)
            medians[size] = statistics.median(asyncio.run(refresh_times(db, code, token)))
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
    return rows
