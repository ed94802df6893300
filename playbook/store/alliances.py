"""Provides AllianceRows: alliances, their checklist ticks and their worksheet answers."""

from __future__ import annotations

from datetime import datetime

from playbook.store.db import Database
from playbook.store.records import Alliance
from playbook.store.times import to_db


class AllianceRows:
    def __init__(self, database: Database):
        self.database = database

    def of_profile(self, profile_id: int) -> list[Alliance]:
        """A profile's alliances, the one worked on most recently first."""
        with self.database.read() as db:
            rows = db.query(
                "SELECT * FROM alliances WHERE profile_id = ? ORDER BY updated_at DESC, id DESC",
                [profile_id],
            )
            return [_alliance(r) for r in rows]

    def everyone(self) -> list[Alliance]:
        with self.database.read() as db:
            return [_alliance(r) for r in db.query("SELECT * FROM alliances ORDER BY id")]

    def get(self, alliance_id: int) -> Alliance | None:
        with self.database.read() as db:
            rows = list(db.query("SELECT * FROM alliances WHERE id = ?", [alliance_id]))
        return _alliance(rows[0]) if rows else None

    def create(
        self, profile_id: int, name: str, partner: str, our_side: str, kind: str, at: datetime
    ) -> Alliance:
        stamp = to_db(at)
        with self.database.write() as db:
            cursor = db.execute(
                "INSERT INTO alliances (profile_id, name, partner, our_side, kind, created_at,"
                " updated_at, last_stage) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                [profile_id, name, partner, our_side, kind, stamp, stamp],
            )
        return Alliance(cursor.lastrowid, profile_id, name, partner, our_side, kind, "", stamp)

    def open_stage(self, alliance_id: int, stage_id: str, at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE alliances SET last_stage = ?, updated_at = ? WHERE id = ?",
                [stage_id, to_db(at), alliance_id],
            )

    def delete(self, alliance_id: int) -> None:
        with self.database.write() as db:
            for table in ("checklist_ticks", "worksheet_answers"):
                db.execute(f"DELETE FROM {table} WHERE alliance_id = ?", [alliance_id])
            db.execute("DELETE FROM alliances WHERE id = ?", [alliance_id])

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

    def tick(
        self, alliance_id: int, stage_id: str, item_id: str, checked: bool, at: datetime
    ) -> None:
        stamp = to_db(at)
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
        """Saved worksheet answers (as stored text) by stage, then field."""
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
        self,
        alliance_id: int,
        stage_id: str,
        values: dict[str, str],
        at: datetime,
        wait_ms: int | None = None,
    ) -> None:
        """Save answers exactly as given, all in one transaction (waiting at most `wait_ms`
        for another writer, when the caller will try again)."""
        if not values:
            return
        stamp = to_db(at)
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

    def reset_stage(self, alliance_id: int, stage_id: str, at: datetime) -> None:
        with self.database.write() as db:
            for table in ("checklist_ticks", "worksheet_answers"):
                db.execute(
                    f"DELETE FROM {table} WHERE alliance_id = ? AND stage_id = ?",
                    [alliance_id, stage_id],
                )
            db.execute("UPDATE alliances SET updated_at = ? WHERE id = ?", [to_db(at), alliance_id])


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
