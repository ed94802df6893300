"""Start one app headless, let it paint its first screen, exit. Used by the start-up bench.

usage: python bench/_launch.py bare|playbook DB_PATH
"""

from __future__ import annotations

import sys


async def _exit_after_first_frame(pilot) -> None:
    await pilot.pause()
    pilot.app.exit()


def bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Bare(App):
        def compose(self):
            yield Header()
            yield Label("Hello")
            yield Footer()

    Bare().run(headless=True, size=(100, 30), auto_pilot=_exit_after_first_frame)


def playbook(db_path: str) -> None:
    from playbook.store.progress import Store
    from playbook.tui.app import make_app

    store = Store.open(db_path)
    app = make_app(store=store)

    async def check_home(pilot) -> None:
        await pilot.pause()
        from playbook.tui.screens.home import HomeScreen

        assert isinstance(pilot.app.screen, HomeScreen), pilot.app.screen
        pilot.app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=check_home)
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        playbook(sys.argv[2])
