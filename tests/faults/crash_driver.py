"""A scripted user for the crash test: ticks items and types answers, printing ACK lines.

An ACK is printed only once the screen shows the action as done (a tick on
screen; "Saved" in the status bar for typing). The crash test kills this
process at a random moment and checks that every ACKed action is in the file.

usage: python crash_driver.py DB_PATH ROUND
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.seed import new_alliance, new_profile

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


async def main(db_path: str, round_: int) -> None:
    from playbook.store.store import Store
    from playbook.tui.app import make_app
    from playbook.tui.widgets.checklist import Checklist
    from playbook.tui.widgets.fields import FieldEditor

    store = Store.open(db_path)
    if not store.profiles.all():
        new_profile(store, "Crash")
    profile = store.profiles.all()[0]
    store.profiles.use(profile)
    alliance = (
        store.alliances.of_profile(profile.id)[0]
        if store.alliances.of_profile(profile.id)
        else (new_alliance(store, profile.id, "Globex", "Acme"))
    )
    app = make_app(store=store, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for stage_id in ("north-star", "vibe-check", "divorce-papers", "alliance-manager", "pilot"):
            app.open_stage(stage_id, alliance)
            await pilot.pause()
            screen = app.screen
            checklist = screen.query_one(Checklist)
            for index, item in enumerate(screen.stage.items):
                if item.id in checklist.ticked:
                    continue
                checklist.focus()
                checklist.highlighted = index
                await pilot.press("space")
                await pilot.pause()
                if item.id in checklist.ticked:
                    print(f"ACK tick {stage_id} {item.id}", flush=True)
            screen.action_show_tab("worksheet")
            await pilot.pause()
            text_editors = [
                e for e in screen.query(FieldEditor) if e.field.kind in ("long", "text")
            ]
            for editor in text_editors[:2]:
                editor.focus_input()
                await pilot.pause()
                word = f" r{round_}"
                for key in word:
                    await pilot.press("space" if key == " " else key)
                while screen.save_state != "saved":
                    await pilot.pause(0.05)
                print(f"ACK text {stage_id} {editor.field.id} {editor.raw!r}", flush=True)
            app.pop_screen()
            await pilot.pause()
    print("DONE", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
