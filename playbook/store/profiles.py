"""Provides ProfileRows: the people who use this database, and the settings they share."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from playbook.store.db import Database, StoreError
from playbook.store.records import Profile
from playbook.store.times import to_db


class ProfileExists(StoreError):
    """A profile of that name (ignoring case) is already there."""


class ProfileRows:
    def __init__(self, database: Database):
        self.database = database

    def all(self) -> list[Profile]:
        with self.database.read() as db:
            rows = db.query("SELECT id, name FROM profiles ORDER BY name COLLATE NOCASE")
            return [Profile(r["id"], r["name"]) for r in rows]

    def get(self, profile_id: int) -> Profile | None:
        with self.database.read() as db:
            row = db.execute("SELECT id, name FROM profiles WHERE id = ?", [profile_id]).fetchone()
        return Profile(*row) if row else None

    def named(self, name: str) -> Profile | None:
        with self.database.read() as db:
            row = db.execute(
                "SELECT id, name FROM profiles WHERE name = ? COLLATE NOCASE", [name]
            ).fetchone()
        return Profile(*row) if row else None

    def create(self, name: str, at: datetime) -> Profile:
        """A new profile, made the current one; ProfileExists if the name is taken."""
        with self.database.write() as db:
            existing = db.execute(
                "SELECT name FROM profiles WHERE name = ? COLLATE NOCASE", [name]
            ).fetchone()
            if existing:
                raise ProfileExists(f"There is already a profile called {existing[0]}.")
            try:
                cursor = db.execute(
                    "INSERT INTO profiles (name, created_at) VALUES (?, ?)", [name, to_db(at)]
                )
            except sqlite3.IntegrityError:
                raise ProfileExists(f"There is already a profile called {name}.") from None
            profile = Profile(cursor.lastrowid, name)
            set_setting(db, "last_profile", str(profile.id))
        return profile

    def last(self) -> Profile | None:
        value = self.setting("last_profile")
        return self.get(int(value)) if value and value.isdigit() else None

    def use(self, profile: Profile) -> None:
        with self.database.write() as db:
            set_setting(db, "last_profile", str(profile.id))

    def setting(self, key: str) -> str | None:
        with self.database.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None


def set_setting(db, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
