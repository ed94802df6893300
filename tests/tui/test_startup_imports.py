"""The first frame pays only for what it shows.

`playbook` started as a user starts it (a warm content cache, a profile with an alliance
under way) paints its complete home screen without loading what only later screens need:
the question kinds and case texts, the navigation messages, the health checks. Each of
those cost start-up time it did not need (see README, Performance).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

from playbook.store.store import Store
from tests.conftest import REPO

PROBE = """
import sys
import playbook.tui.app as tui_app
from playbook.cli import main

original = tui_app.make_app


def make_app(**options):
    app = original(**options)
    display = app._display
    reported = []

    def shown(screen, renderable):
        display(screen, renderable)
        from playbook.tui.screens.home import HomeScreen

        home = app.screen
        paths = home.query_one("#paths") if isinstance(home, HomeScreen) else None
        if reported or not (paths and paths.option_count):
            return
        if "Continue" in str(paths.get_option("playbook").prompt):
            reported.append(sorted(m for m in sys.modules if m.startswith("playbook.")))
            print("first-frame", *reported[0], file=sys.stderr, flush=True)
            app.exit()

    app._display = shown
    run = app.run
    app.run = lambda **_: run(headless=True, size=(100, 30))
    return app


tui_app.make_app = make_app
main(["--db", sys.argv[1]])
"""

NOT_BEFORE_THE_FIRST_FRAME = (
    "playbook.content.questions",  # the question kinds: a case or quiz loads them
    "playbook.content.narrative",  # the case texts
    "playbook.content.cases",  # the case and bank models
    "playbook.content.loader",  # parsing: the cache answers
    "playbook.tui.messages",  # navigation: the first key press loads them
    "playbook.services.health",  # health-check dates: drawn just after the first frame
    "playbook.services.quiz",
    "playbook.domain.workshop",
)


def test_the_first_home_frame_loads_no_question_kinds_cases_or_later_screens(tmp_path):
    db = tmp_path / "playbook.db"
    store = Store.open(db)
    now = datetime.now(UTC)
    profile = store.profiles.create("Ada", now)
    store.alliances.create(profile.id, "Acme × Globex", "Globex", "Acme", "", now)
    store.close()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def first_frame_modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
            env=env,
            check=True,
        )
        [line] = [x for x in result.stderr.splitlines() if x.startswith("first-frame ")]
        return set(line.split()[1:])

    cold = first_frame_modules()  # parses the content and fills the cache
    assert "playbook.content.loader" in cold
    warm = first_frame_modules()
    assert "playbook.tui.screens.home" in warm and "playbook.services.alliances" in warm
    assert not warm & set(NOT_BEFORE_THE_FIRST_FRAME), sorted(
        warm & set(NOT_BEFORE_THE_FIRST_FRAME)
    )
