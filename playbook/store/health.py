"""Provides HealthRows: health checks, their anonymous answers and action plans, and each
alliance's North Star reviews and intervals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from playbook.store.db import Database, Sql
from playbook.store.times import from_db, to_db


@dataclass(frozen=True)
class CheckRow:
    """A health check as stored: its join code, when it opened and closed, its areas."""

    id: int
    alliance_id: int
    code: str
    opened_at: datetime
    closed_at: datetime | None
    areas: list  # as stored: [{id, title, statements: [[id, text], ...]}]
    answers: int = 0


@dataclass(frozen=True)
class AnswerRow:
    """One side's answers to a health check, as stored."""

    side: str
    scores: dict
    comments: dict


class HealthRows:
    def __init__(self, database: Database):
        self.database = database

    def open_check(self, alliance_id: int, code: str, areas: list, at: datetime) -> CheckRow:
        """A new check; sqlite3.IntegrityError if the code is taken."""
        with self.database.write() as db:
            cursor = db.execute(
                "INSERT INTO health_checks (alliance_id, code, opened_at, areas)"
                " VALUES (?, ?, ?, ?)",
                [alliance_id, code, to_db(at), json.dumps(areas)],
            )
        return CheckRow(cursor.lastrowid, alliance_id, code, at, None, areas)

    def close_check(self, check_id: int, at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE health_checks SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                [to_db(at), check_id],
            )

    def code_taken(self, code: str) -> bool:
        with self.database.read() as db:
            found = db.execute("SELECT 1 FROM health_checks WHERE code = ?", [code]).fetchone()
            for table in ("workshops", "partner_sessions"):  # a code means one thing only
                if found is None:
                    found = db.execute(f"SELECT 1 FROM {table} WHERE code = ?", [code]).fetchone()
        return found is not None

    _SELECT = (
        "SELECT c.id, c.alliance_id, c.code, c.opened_at, c.closed_at, c.areas,"
        " (SELECT COUNT(*) FROM health_answers a WHERE a.check_id = c.id) FROM health_checks c"
    )

    def by_code(self, code: str) -> CheckRow | None:
        with self.database.read() as db:
            row = db.execute(self._SELECT + " WHERE c.code = ?", [code]).fetchone()
        return _check(row) if row else None

    def get(self, check_id: int) -> CheckRow | None:
        with self.database.read() as db:
            row = db.execute(self._SELECT + " WHERE c.id = ?", [check_id]).fetchone()
        return _check(row) if row else None

    def of_alliance(self, alliance_id: int) -> list[CheckRow]:
        """The alliance's checks, oldest first."""
        with self.database.read() as db:
            rows = db.execute(
                self._SELECT + " WHERE c.alliance_id = ? ORDER BY c.opened_at, c.id",
                [alliance_id],
            ).fetchall()
        return [_check(r) for r in rows]

    def answer(self, check_id: int, respondent: str, side: str, scores: dict, comments: dict):
        """Save one device's answer (replacing its earlier one), only while the check is
        open; False if it has closed meanwhile."""
        with self.database.write() as db:
            still_open = db.execute(
                "SELECT 1 FROM health_checks WHERE id = ? AND closed_at IS NULL", [check_id]
            ).fetchone()
            if still_open is None:
                return False
            db.execute(
                "INSERT INTO health_answers (check_id, respondent, side, scores, comments)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (check_id, respondent) DO UPDATE SET"
                " side = excluded.side, scores = excluded.scores, comments = excluded.comments",
                [check_id, respondent, side, json.dumps(scores), json.dumps(comments)],
            )
        return True

    def answers(self, check_id: int) -> list[AnswerRow]:
        """A check's answers, in no meaningful order (by their hashed key)."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT side, scores, comments FROM health_answers WHERE check_id = ?"
                " ORDER BY respondent",
                [check_id],
            ).fetchall()
        return [AnswerRow(side, _dict(scores), _dict(comments)) for side, scores, comments in rows]

    def answered(self, check_id: int, respondent: str) -> AnswerRow | None:
        with self.database.read() as db:
            row = db.execute(
                "SELECT side, scores, comments FROM health_answers"
                " WHERE check_id = ? AND respondent = ?",
                [check_id, respondent],
            ).fetchone()
        return AnswerRow(row[0], _dict(row[1]), _dict(row[2])) if row else None

    def save_actions(self, check_id: int, actions: list[tuple[str, str, str]]) -> None:
        with self.database.write() as db:
            db.execute("DELETE FROM health_actions WHERE check_id = ?", [check_id])
            for position, action in enumerate(actions, start=1):
                db.execute(
                    "INSERT INTO health_actions (check_id, position, what, owner, due)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [check_id, position, *action],
                )

    def actions(self, check_id: int) -> list[tuple[str, str, str]]:
        with self.database.read() as db:
            return [
                tuple(r)
                for r in db.execute(
                    "SELECT what, owner, due FROM health_actions WHERE check_id = ?"
                    " ORDER BY position",
                    [check_id],
                ).fetchall()
            ]

    # -- the schedule -------------------------------------------------------------------

    def intervals(self, alliance_id: int) -> tuple[int, int, datetime]:
        """(check days, review days, when the alliance was set up)."""
        with self.database.read() as db:
            row = db.execute(
                "SELECT check_days, review_days, created_at FROM alliances WHERE id = ?",
                [alliance_id],
            ).fetchone()
        return row[0], row[1], from_db(row[2])

    def set_intervals(self, alliance_id: int, check_days: int, review_days: int) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE alliances SET check_days = ?, review_days = ? WHERE id = ?",
                [check_days, review_days, alliance_id],
            )

    def record_review(self, alliance_id: int, at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO north_star_reviews (alliance_id, reviewed_at) VALUES (?, ?)",
                [alliance_id, to_db(at)],
            )

    def last_review(self, alliance_id: int) -> datetime | None:
        with self.database.read() as db:
            row = db.execute(
                "SELECT MAX(reviewed_at) FROM north_star_reviews WHERE alliance_id = ?",
                [alliance_id],
            ).fetchone()
        return from_db(row[0]) if row and row[0] else None


def delete_alliance_health(db: Sql, alliance_id: int) -> None:
    """Within a write: everything health-related of one alliance (it is being deleted)."""
    checks = "SELECT id FROM health_checks WHERE alliance_id = ?"
    db.execute(f"DELETE FROM health_answers WHERE check_id IN ({checks})", [alliance_id])
    db.execute(f"DELETE FROM health_actions WHERE check_id IN ({checks})", [alliance_id])
    db.execute("DELETE FROM health_checks WHERE alliance_id = ?", [alliance_id])
    db.execute("DELETE FROM north_star_reviews WHERE alliance_id = ?", [alliance_id])


def _check(row) -> CheckRow:
    check_id, alliance_id, code, opened, closed, areas, answers = row
    parsed = json.loads(areas) if areas else []
    return CheckRow(
        check_id,
        alliance_id,
        code,
        from_db(opened),
        from_db(closed) if closed else None,
        parsed,
        answers,
    )


def _dict(raw: str) -> dict:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
