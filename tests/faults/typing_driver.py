"""A scripted founder who types without ever pausing, for the typing fault test.

It opens the Pilot worksheet of an alliance and types into one field without stopping,
printing after each key "KEY <monotonic seconds> <characters typed so far>", until it is
killed.

usage: python typing_driver.py DB_PATH
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.seed import new_alliance, new_profile  # noqa: E402

TEXT = "Six stores in Bristol chosen for footfall and a mix of sizes "


async def main(db_path: str) -> None:
    from playbook.store.store import Store
    from playbook.tui.app import make_app
    from playbook.tui.widgets.fields import FieldEditor

    store = Store.open(db_path)
    profile = new_profile(store, "Typist")
    store.profiles.use(profile)
    alliance = new_alliance(store, profile.id, "Globex", "Acme")
    app = make_app(store=store, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_stage("pilot", alliance)
        await pilot.pause()
        app.screen.action_show_tab("worksheet")
        await pilot.pause()
        app.screen.query_one("#field-scope", FieldEditor).focus_input()
        await pilot.pause()
        typed = 0
        print("READY", flush=True)
        while True:
            key = TEXT[typed % len(TEXT)]
            await pilot.press("space" if key == " " else key)
            typed += 1
            print(f"KEY {time.monotonic():.3f} {typed}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
