"""Saves the README's screenshot (SVG, as Textual saves it): python docs/screenshots.py"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench._seed import new_alliance, new_profile

os.environ.setdefault("TEXTUAL_THEME", "textual-dark")
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))


async def home(path: Path) -> None:
    from playbook.store.store import Store
    from playbook.tui.app import make_app
    from tests.fixtures.good_answers import GOOD

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "demo.db")
        ana = new_profile(store, "Ana")
        alliance = new_alliance(store, ana.id, "Harbour Market", "Tidewell", "refill stations")
        app = make_app(store=store)
        for stage in app.library.ordered_stages[:2]:
            store.alliances.save_answers(alliance.id, stage.id, GOOD[stage.id], datetime.now(UTC))
            for item in stage.items:
                store.alliances.tick(alliance.id, stage.id, item.id, True, datetime.now(UTC))
        store.open_stage(alliance.id, "divorce-papers")
        # A few quiz answers from yesterday, two of them wrong: due for review today.
        store.quiz.now = lambda: datetime.now(UTC) - timedelta(days=1)
        case = app.library.cases["daimler-chrysler"]
        attempt = store.quiz.start_attempt(ana.id, [q.key for q in case.questions], case_id=case.id)
        for n, question in enumerate(case.questions[:4]):
            store.quiz.save_answer(attempt, question.key, None, 0.0 if n % 2 else 1.0)
        store.quiz.now = lambda: datetime.now(UTC)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.save_screenshot(filename=path.name, path=str(path.parent))
        store.close()


def main() -> None:
    asyncio.run(home(HERE / "home.svg"))
    print(f"saved {HERE / 'home.svg'}")


if __name__ == "__main__":
    main()
