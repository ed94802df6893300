"""Start one app headless and report when its first frame is painted. Used by the benches.

usage: python bench/_launch.py bare|playbook|participant [DB_PATH]

Prints `first-frame <unix time>` when the first frame that shows the app's first screen
complete is painted (for the playbook: the home screen with its three paths and summary),
then exits; the start-up bench subtracts the moment it started the process. Also prints the
process's peak memory since exec, for the memory bench.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
import threading
import time


def watch_first_frame(app, ready) -> None:
    """Report the first painted frame for which `ready()` holds, then exit."""
    original = app._display
    reported = []

    def display(screen, renderable):
        original(screen, renderable)
        if not reported and ready():
            reported.append(time.time())
            print(f"first-frame {reported[0]:.6f}", file=sys.stderr, flush=True)
            app.exit()

    app._display = display
    watchdog = threading.Timer(20, lambda: os._exit(3))  # never hang a benchmark run
    watchdog.daemon = True
    watchdog.start()


def bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Bare(App):
        def compose(self):
            yield Header()
            yield Label("Hello")
            yield Footer()

    app = Bare()
    watch_first_frame(app, lambda: bool(app.screen.query(Label)))
    app.run(headless=True, size=(100, 30))


def after_import(name: str, patch) -> None:
    """Run `patch(module)` the moment `name` is first imported, without importing it now."""

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            exec_module = spec.loader.exec_module

            def exec_and_patch(module):
                exec_module(module)
                patch(module)

            spec.loader.exec_module = exec_and_patch
            return spec

    sys.meta_path.insert(0, Finder())


def playbook(db_path: str) -> None:
    """`playbook --db DB_PATH` itself, as a user starts it, up to its complete home screen.

    The command imports the app only once it has paused garbage collection (see
    playbook.cli.pause_gc_until_first_frame), so the app's module is patched as it is
    imported, not imported here first: that would import Textual with collection on, which
    no user's start does."""
    from playbook.cli import main

    def home_is_complete(app) -> bool:
        from playbook.tui.screens.home import HomeScreen

        screen = app.screen
        if not isinstance(screen, HomeScreen):
            return False
        paths = screen.query_one("#paths")
        prompt = str(paths.get_option("playbook").prompt) if paths.option_count else ""
        return paths.option_count == 3 and "Continue" in prompt

    def patch(tui_app) -> None:
        original = tui_app.make_app

        def make_app(**options):
            app = original(**options)
            watch_first_frame(app, lambda: home_is_complete(app))
            run = app.run
            app.run = lambda **_: run(headless=True, size=(100, 30))
            return app

        tui_app.make_app = make_app  # the command looks it up when it opens the app

    after_import("playbook.tui.app", patch)
    main(["--db", db_path])


def participant(db_path: str) -> None:
    """A participant's own app process up to its join screen: what each browser cost when
    every browser got a terminal app (textual-serve), and what a terminal participant costs."""
    from playbook.store.store import Store
    from playbook.tui.app import JoinRequest, make_app
    from playbook.tui.screens.workshop_join import JoinScreen

    store = Store.open(db_path)
    app = make_app(store=store, join=JoinRequest())
    watch_first_frame(app, lambda: isinstance(app.screen, JoinScreen))
    app.run(headless=True, size=(100, 30))
    store.close()


def report_peak_memory() -> None:
    """The peak resident memory of this process since exec (VmHWM), for the memory bench."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print(f"peak-kib {line.split()[1]}", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    elif sys.argv[1] == "participant":
        participant(sys.argv[2])
    else:
        playbook(sys.argv[2])
    report_peak_memory()
