"""Provides Store: the narrow API the screens call to read and save progress.

Each method that changes something is one write transaction, committed before
it returns: quitting or crashing afterwards loses nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from playbook.store import migrations
from playbook.store.db import Database, migrate
from playbook.store.records import Alliance, Profile

MAX_NAME = 60


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clean_name(name: str, what: str = "name") -> str:
    """Trim a name a person typed; refuse blank or absurdly long ones."""
    name = " ".join(name.split())
    if not name:
        raise ValueError(f"The {what} cannot be blank.")
    if len(name) > MAX_NAME:
        raise ValueError(f"The {what} is too long (at most {MAX_NAME} characters).")
    return name


class Store:
    """Everything the app remembers, behind methods named after user actions."""

    def __init__(self, database: Database):
        self.database = database
        self.backup: Path | None = None

    # The quiz and workshop stores are built (and their modules imported) when first used:
    # a founder working on the playbook never pays for them at start-up.

    @cached_property
    def quiz(self):
        """Quiz attempts, answers and the review schedule."""
        from playbook.store.quizzes import QuizStore

        return QuizStore(self.database)

    @cached_property
    def workshops(self):
        """Live workshops: sessions, people, answers."""
        from playbook.store.workshops import WorkshopStore

        return WorkshopStore(self.database)

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating if needed) and migrate; raises StoreError with advice."""
        database = Database(path)
        try:
            backup = migrate(
                database, migrations.SET_NAME, migrations.names(), migrations.migration_set
            )
            database.probe_write()
        except BaseException:
            database.close()
            raise
        store = cls(database)
        store.backup = backup
        return store

    @property
    def path(self) -> str:
        return self.database.path

    def close(self) -> None:
        self.database.close()

    def data_version(self) -> int:
        return self.database.data_version()

    # -- profiles ---------------------------------------------------------

    def profiles(self) -> list[Profile]:
        with self.database.read() as db:
            rows = db.query("SELECT id, name FROM profiles ORDER BY name COLLATE NOCASE")
            return [Profile(r["id"], r["name"]) for r in rows]

    def create_profile(self, name: str) -> Profile:
        name = clean_name(name)
        with self.database.write() as db:
            existing = db.execute(
                "SELECT id, name FROM profiles WHERE name = ? COLLATE NOCASE", [name]
            ).fetchone()
            if existing:
                raise ValueError(f"There is already a profile called {existing[1]}.")
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at) VALUES (?, ?)", [name, now()]
            )
            profile = Profile(cursor.lastrowid, name)
            self._set(db, "last_profile", str(profile.id))
        return profile

    def profile(self, profile_id: int) -> Profile | None:
        with self.database.read() as db:
            row = db.execute("SELECT id, name FROM profiles WHERE id = ?", [profile_id]).fetchone()
        return Profile(*row) if row else None

    def last_profile(self) -> Profile | None:
        value = self._get("last_profile")
        return self.profile(int(value)) if value and value.isdigit() else None

    def use_profile(self, profile: Profile) -> None:
        with self.database.write() as db:
            self._set(db, "last_profile", str(profile.id))

    # -- alliances --------------------------------------------------------

    def alliances(self, profile_id: int) -> list[Alliance]:
        with self.database.read() as db:
            rows = db.query(
                "SELECT * FROM alliances WHERE profile_id = ? ORDER BY updated_at DESC, id DESC",
                [profile_id],
            )
            return [_alliance(r) for r in rows]

    def alliance(self, alliance_id: int) -> Alliance | None:
        with self.database.read() as db:
            rows = list(db.query("SELECT * FROM alliances WHERE id = ?", [alliance_id]))
        return _alliance(rows[0]) if rows else None

    def create_alliance(
        self, profile_id: int, partner: str, our_side: str, kind: str = "", name: str = ""
    ) -> Alliance:
        partner = clean_name(partner, "partner's name")
        our_side = clean_name(our_side, "name of your side")
        name = clean_name(name, "alliance name") if name.strip() else f"{our_side} × {partner}"
        kind = " ".join(kind.split())
        stamp = now()
        with self.database.write() as db:
            cursor = db.execute(
                "INSERT INTO alliances (profile_id, name, partner, our_side, kind, created_at,"
                " updated_at, last_stage) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                [profile_id, name, partner, our_side, kind, stamp, stamp],
            )
            alliance_id = cursor.lastrowid
        return Alliance(alliance_id, profile_id, name, partner, our_side, kind, "", stamp)

    def open_stage(self, alliance_id: int, stage_id: str) -> None:
        """Remember the stage a founder opened, so the app reopens there."""
        with self.database.write() as db:
            db.execute(
                "UPDATE alliances SET last_stage = ?, updated_at = ? WHERE id = ?",
                [stage_id, now(), alliance_id],
            )

    # -- checklists -------------------------------------------------------

    def ticked(self, alliance_id: int, stage_id: str | None = None) -> dict[str, set[str]]:
        """Ticked item ids by stage (for one stage, or all of them)."""
        sql = "SELECT stage_id, item_id FROM checklist_ticks WHERE alliance_id = ? AND checked"
        params: list = [alliance_id]
        if stage_id is not None:
            sql += " AND stage_id = ?"
            params.append(stage_id)
        result: dict[str, set[str]] = {}
        with self.database.read() as db:
            for stage, item in db.execute(sql, params).fetchall():
                result.setdefault(stage, set()).add(item)
        return result

    def tick_item(self, alliance_id: int, stage_id: str, item_id: str, checked: bool) -> None:
        stamp = now()
        with self.database.write() as db:
            db.execute(
                "INSERT INTO checklist_ticks (alliance_id, stage_id, item_id, checked, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id, item_id)"
                " DO UPDATE SET checked = excluded.checked, updated_at = excluded.updated_at",
                [alliance_id, stage_id, item_id, int(checked), stamp],
            )
            db.execute(
                "UPDATE alliances SET updated_at = ?, last_stage = ? WHERE id = ?",
                [stamp, stage_id, alliance_id],
            )

    # -- worksheets -------------------------------------------------------

    def answers(self, alliance_id: int, stage_id: str | None = None) -> dict[str, dict[str, str]]:
        """Saved worksheet answers by stage, then field (for one stage, or all)."""
        sql = "SELECT stage_id, field_id, value FROM worksheet_answers WHERE alliance_id = ?"
        params: list = [alliance_id]
        if stage_id is not None:
            sql += " AND stage_id = ?"
            params.append(stage_id)
        result: dict[str, dict[str, str]] = {}
        with self.database.read() as db:
            for stage, field_id, value in db.execute(sql, params).fetchall():
                result.setdefault(stage, {})[field_id] = value
        return result

    def save_answers(
        self, alliance_id: int, stage_id: str, values: dict[str, str], wait_ms: int | None = None
    ) -> None:
        """Save answers exactly as typed, all in one transaction (waiting at most `wait_ms`
        for another writer, when the caller will try again)."""
        if not values:
            return
        stamp = now()
        with self.database.write(wait_ms) as db:
            for field_id, value in values.items():
                db.execute(
                    "INSERT INTO worksheet_answers (alliance_id, stage_id, field_id, value,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (alliance_id, stage_id, field_id)"
                    " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    [alliance_id, stage_id, field_id, value, stamp],
                )
            db.execute(
                "UPDATE alliances SET updated_at = ?, last_stage = ? WHERE id = ?",
                [stamp, stage_id, alliance_id],
            )

    def reset_stage(self, alliance_id: int, stage_id: str) -> None:
        """Forget a stage's ticks and answers (the screen asks for confirmation first)."""
        with self.database.write() as db:
            for table in ("checklist_ticks", "worksheet_answers"):
                db.execute(
                    f"DELETE FROM {table} WHERE alliance_id = ? AND stage_id = ?",
                    [alliance_id, stage_id],
                )
            db.execute("UPDATE alliances SET updated_at = ? WHERE id = ?", [now(), alliance_id])

    def delete_alliance(self, alliance_id: int) -> None:
        with self.database.write() as db:
            for table in ("checklist_ticks", "worksheet_answers"):
                db.execute(f"DELETE FROM {table} WHERE alliance_id = ?", [alliance_id])
            db.execute("DELETE FROM alliances WHERE id = ?", [alliance_id])

    def find_alliances(self, key: str, profile_id: int | None = None) -> list[Alliance]:
        """Alliances whose id or name (or partner) matches `key`, for the command line."""
        key = key.strip()
        sql = "SELECT * FROM alliances"
        params: list = []
        if profile_id is not None:
            sql += " WHERE profile_id = ?"
            params.append(profile_id)
        with self.database.read() as db:
            rows = [_alliance(r) for r in db.query(sql, params)]
        if key.isdigit():
            return [a for a in rows if a.id == int(key)]
        if not key:
            return rows
        folded = key.casefold()
        exact = [a for a in rows if folded in (a.name.casefold(), a.partner.casefold())]
        if exact:
            return exact
        return [a for a in rows if folded in a.name.casefold()]

    # -- settings ---------------------------------------------------------

    def _get(self, key: str) -> str | None:
        with self.database.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set(db, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def _alliance(row: dict) -> Alliance:
    return Alliance(
        id=row["id"],
        profile_id=row["profile_id"],
        name=row["name"],
        partner=row["partner"],
        our_side=row["our_side"] or "",
        kind=row["kind"] or "",
        last_stage=row["last_stage"] or "",
        updated_at=row["updated_at"],
    )
