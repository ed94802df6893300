"""Database trouble while the app runs: a message says what to do, and nothing saved is lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from playbook.store.store import Store
from playbook.tui.screens.stage import StageScreen
from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor
from tests.conftest import REPO
from tests.seed import new_alliance

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
if sys.argv[2] == "until-told":
    sys.stdin.readline()
else:
    time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def hold_lock(db_path, seconds: float | None = None) -> subprocess.Popen:
    """Another process that holds the write lock for `seconds` (or, with None, until
    `release(holder)`), once it says it has it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path), str(seconds or "until-told")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def release(holder: subprocess.Popen) -> None:
    """Let a lock held `until told` go, and wait until it has."""
    holder.stdin.write("go\n")
    holder.stdin.flush()
    holder.wait(timeout=20)


async def open_scope_field(app, pilot) -> StageScreen:
    """The Pilot stage's worksheet, with the cursor in its first field (scope)."""
    screen = await open_pilot_stage(app, pilot)
    await pilot.press("f3")
    await pilot.pause()
    screen.query_one("#field-scope", FieldEditor).focus_input()
    return screen


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def ticks(db_path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        return {r[0] for r in conn.execute("SELECT item_id FROM checklist_ticks WHERE checked")}


async def open_pilot_stage(app, pilot) -> StageScreen:
    store = app.services.store
    alliance = new_alliance(store, store.profiles.all()[0].id, "Globex", "Acme")
    app.open_stage("pilot", alliance)
    await pilot.pause()
    return app.screen


@pytest.fixture
def real_app(make_test_app):
    def build():
        return make_test_app(content=[REPO / "content"])

    return build


async def test_locked_by_another_writer_for_several_seconds(real_app, db_path):
    app = real_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_scope_field(app, pilot)
        holder = hold_lock(db_path)  # held however slow this machine is, until released
        await pilot.press(*"Bristol")
        deadline = time.monotonic() + 15
        while screen.save_state != "unsaved" and time.monotonic() < deadline:
            await pilot.pause(0.2)
        assert screen.save_state == "unsaved"
        assert any("busy" in n and "saved as soon as" in n for n in notifications(app))
        assert "Bristol" in screen.query_one("#field-scope", FieldEditor).raw  # still on screen
        release(holder)
        while screen.save_state != "saved" and time.monotonic() < deadline + 10:
            await pilot.pause(0.2)
        assert screen.save_state == "saved"
    assert app.services.store.alliances.answers(1)["pilot"]["scope"] == "Bristol"


async def test_leaving_a_stage_with_unsaved_answers_asks_first(real_app, db_path):
    """Escape while the database is held keeps the founder on the stage with their text;
    once the writer lets go, the answer is saved and escape leaves as usual."""
    app = real_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_scope_field(app, pilot)
        holder = hold_lock(db_path, 3)
        await pilot.press(*"Leeds", "escape")
        await pilot.pause()
        assert app.screen is screen  # did not leave
        assert any("press escape again" in n for n in notifications(app))
        assert "Leeds" in screen.query_one("#field-scope", FieldEditor).raw
        holder.wait(timeout=20)
        deadline = time.monotonic() + 15
        while screen.save_state != "saved" and time.monotonic() < deadline:
            await pilot.pause(0.2)
        assert screen.save_state == "saved"
        assert app.services.store.alliances.answers(1)["pilot"]["scope"] == "Leeds"


async def test_a_tick_refused_while_locked_is_shown_unticked(real_app, db_path):
    app = real_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pilot_stage(app, pilot)
        holder = hold_lock(db_path)
        await pilot.press("space")  # waits out the busy timeout, then gives up
        deadline = time.monotonic() + 20
        while not any("busy" in n for n in notifications(app)) and time.monotonic() < deadline:
            await pilot.pause(0.2)
        assert any("busy" in n for n in notifications(app))
        assert screen.query_one(Checklist).selected == []  # never claims an unsaved tick
        release(holder)
        await pilot.press("space")
        await pilot.pause()
        assert screen.query_one(Checklist).selected == [screen.stage.items[0].id]
    assert ticks(db_path) == {screen.stage.items[0].id}


async def test_deleted_while_running_is_written_back(real_app, db_path):
    app = real_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pilot_stage(app, pilot)
        first, second = (item.id for item in screen.stage.items[:2])
        await pilot.press("space")
        await pilot.pause()
        for leftover in db_path.parent.glob(db_path.name + "*"):
            leftover.unlink()
        await pilot.press("down", "space")
        await pilot.pause(1.2)  # the app passes the store's notice on within a second
        assert any("was deleted" in n and "written back" in n for n in notifications(app))
    assert ticks(db_path) == {first, second}
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_emptied_while_running_points_to_a_full_copy(real_app, db_path):
    app = real_app()
    app.services.store.database.safety_copies = True  # as the command line runs it
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pilot_stage(app, pilot)
        first = screen.stage.items[0].id
        await pilot.press("space")
        await pilot.pause()
        db_path.write_bytes(b"")  # another program empties the file
        await pilot.press("down", "space")
        await pilot.pause()
        messages = notifications(app)
        assert any("was emptied" in m and ".safety" in m for m in messages), messages
        assert screen.query_one(Checklist).selected == [first]
    # Following the advice brings back everything that was saved.
    shutil.copy(f"{db_path}.safety", db_path)
    assert ticks(db_path) == {first}


def test_a_read_only_database_is_refused_with_advice(db_path):
    Store.open(db_path).close()
    if os.geteuid() == 0:
        made_immutable = subprocess.run(["chattr", "+i", str(db_path)], capture_output=True)
        if made_immutable.returncode != 0:
            pytest.skip("running as root on a file system without chattr: cannot make it read-only")
    else:
        db_path.chmod(0o444)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "playbook", "--db", str(db_path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db_path)], check=False)
    assert result.returncode == 2
    assert "read-only" in result.stderr and "--db PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_from_a_newer_version_is_refused_with_advice(db_path):
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('playbook', 'm999_future', 'x')"
        )
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "--db", str(db_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert "newer version" in result.stderr and "Upgrade" in result.stderr
    assert "Traceback" not in result.stderr


def test_locked_at_start_for_longer_than_the_timeout(db_path):
    Store.open(db_path).close()
    holder = hold_lock(db_path, 8)
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "--db", str(db_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    holder.wait(timeout=20)
    assert result.returncode == 2
    assert "busy" in result.stderr and "try again" in result.stderr
    assert "Traceback" not in result.stderr
