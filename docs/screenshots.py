"""Saves the README's screenshots (SVG, as Textual saves them): python docs/screenshots.py"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

os.environ.setdefault("TEXTUAL_THEME", "textual-dark")

HERE = Path(__file__).parent


async def home(path: Path) -> None:
    from playbook.store.progress import Store
    from playbook.tui.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "demo.db")
        ana = store.create_profile("Ana")
        alliance = store.create_alliance(ana.id, "Globex Retail", "Acme Coffee")
        for item in ("one-goal", "number-and-date", "contributions-listed"):
            store.tick_item(alliance.id, "north-star", item, True)
        app = make_app(store=store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.save_screenshot(filename=path.name, path=str(path.parent))
        store.close()


def main() -> None:
    asyncio.run(home(HERE / "home.svg"))
    print(f"saved {HERE / 'home.svg'}")


if __name__ == "__main__":
    main()
