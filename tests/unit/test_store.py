"""The store: migrations, reopening, backups, errors that say what to do, many writers."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.services import Services
from playbook.services.errors import ProfileExists
from playbook.store.db import (
    Database,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    StoreError,
)
from playbook.store.migrations import migration_set, names
from playbook.store.store import Store
from tests.conftest import FIXED_NOW, fixture_library

REPO = Path(__file__).resolve().parents[2]


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_new_file_gets_the_whole_schema_in_wal_mode(db_path):
    store = Store.open(db_path)
    store.close()
    assert {"profiles", "settings", "alliances", "checklist_ticks", "worksheet_answers"} <= tables(
        db_path
    )
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.backup is None  # nothing to back up on a new file


def test_reopening_keeps_everything(db_path):
    services = Services.open(db_path, fixture_library(), lambda: FIXED_NOW)
    ana = services.profiles.create("  Ana   Lima ")
    alliance = services.alliances.create(ana.id, "Globex", "Acme", "co-branded cafés")
    rows = services.store.alliances
    rows.tick(alliance.id, "pilot", "one-city", True, FIXED_NOW)
    rows.tick(alliance.id, "pilot", "dates", True, FIXED_NOW)
    rows.tick(alliance.id, "pilot", "dates", False, FIXED_NOW)
    services.close()

    services = Services.open(db_path, fixture_library(), lambda: FIXED_NOW)
    assert services.profiles.all()[0].name == "Ana Lima"
    assert services.profiles.last() == ana
    [again] = services.alliances.of_profile(ana.id)
    assert (again.partner, again.our_side, again.kind) == ("Globex", "Acme", "co-branded cafés")
    assert services.alliances.ticked(again) == {"pilot": {"one-city"}}
    services.close()


def test_profile_names_are_unique_whatever_the_case(services):
    services.profiles.create("Ana")
    with pytest.raises(ProfileExists, match="already a profile called Ana"):
        services.profiles.create("ana")
    with pytest.raises(ValueError, match="cannot be blank"):
        services.profiles.create("   ")


def test_a_migration_on_an_existing_file_leaves_a_backup(db_path):
    database = Database(db_path)
    migration_set().apply(database.db, stop_before="m002_create_alliances")
    database.db["profiles"].insert({"name": "Old", "created_at": "2026-01-01"})
    database.close()

    store = Store.open(db_path)
    assert store.backup is not None and store.backup.exists()
    assert "alliances" in tables(db_path)
    assert "alliances" not in tables(store.backup)  # the copy is from before
    with sqlite3.connect(store.backup) as conn:
        assert conn.execute("SELECT name FROM profiles").fetchall() == [("Old",)]
    store.close()


def test_a_database_from_a_newer_version_is_refused_with_advice(db_path):
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('playbook', 'm999_from_the_future', 'later')"
        )
    with pytest.raises(DatabaseTooNew, match="newer version.*m999_from_the_future.*Upgrade"):
        Store.open(db_path)


def test_a_file_that_is_not_a_database_is_refused_with_advice(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(DatabaseDamaged, match="not a Playbook database.*Move it aside"):
        Store.open(path)
    assert path.read_text().startswith("these are my notes")  # untouched


def make_read_only(path: Path) -> None:
    """chmod for a user; root ignores file modes, so an immutable attribute instead."""
    if os.geteuid() != 0:
        path.chmod(0o500)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr: cannot make it read-only")


def make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o700)


def test_a_read_only_folder_is_refused_with_advice(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(folder)
    try:
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            Store.open(folder / "playbook.db")
    finally:
        make_writable(folder)


def test_store_errors_never_leak_sqlite_tracebacks(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # a damaged header
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "sqlite3" not in str(caught.value)


WRITER = """
import sys
from datetime import UTC, datetime
from playbook.store.store import Store
store = Store.open(sys.argv[1])
now = datetime.now(UTC)
profile = store.profiles.create(sys.argv[2], now)
alliance = store.alliances.create(profile.id, "Us x Partner", "Partner", "Us", "", now)
for n in range(int(sys.argv[3])):
    store.alliances.tick(alliance.id, "pilot", f"item-{n}", True, now)
print("done")
"""


def test_four_processes_opening_a_new_file_and_writing_at_once_lose_nothing(db_path):
    writes = 150
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), f"writer-{n}", str(writes)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM checklist_ticks").fetchone()[0] == 4 * writes
        applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(names())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
