"""Provides ProgressRows: everything one person has done, read out by natural keys, and the
statements that merge it into this database, all inside one write transaction.

Rows are found by what they are, never by their row ids (which differ between
databases): a profile by its name, an alliance by its name and the moment it was made,
a quiz attempt by when it started, its kind and its case, an answer by its attempt and
question key, a review by its question and moment. The store decides nothing: the
merge rules (which of two versions wins) are the caller's (services/progress.py).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from playbook.store.db import Database, Sql

OPEN_FAMILIES = {"quiz": "case", "retry": "case", "review": "session", "cram": "session"}


@dataclass(frozen=True)
class RecordTable:
    """One more table of an alliance's rows that a bundle carries: the columns that say
    which row it is within its alliance, and the rest, each with its kind ("text",
    "moment", "number", "int", or "json" for JSON kept as text)."""

    table: str
    keys: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, str], ...] = ()
    history: bool = False  # rows are only ever added, never replaced by a newer version
    numbered: bool = False  # a history whose rows carry a version number (1, 2, ...)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(name for name, _ in (*self.keys, *self.values))


# Bundle key -> table. Worksheet answers and ticks, which came first, have their own code.
RECORDS = {
    "flags": RecordTable(
        "alliance_flags", (("flag_id", "text"),), (("note", "text"), ("acknowledged_at", "moment"))
    ),
    "milestones": RecordTable(
        "stage_milestones", (("stage_id", "text"),), (("done_at", "moment"), ("answers", "json"))
    ),
    "partner_answers": RecordTable(
        "partner_answers",
        (("stage_id", "text"), ("field_id", "text")),
        (("value", "text"), ("updated_at", "moment")),
    ),
    "gap_resolutions": RecordTable(
        "gap_resolutions",
        (("item_id", "text"),),
        (
            ("fingerprint", "text"),
            ("agreed", "text"),
            ("agreed_by", "text"),
            ("agreed_at", "moment"),
        ),
    ),
    "pilot_readings": RecordTable(
        "pilot_readings",
        (("indicator", "text"), ("position", "int")),
        (("period", "text"), ("value", "number"), ("recorded_at", "moment")),
    ),
    "north_star_reviews": RecordTable(
        "north_star_reviews", (("reviewed_at", "moment"),), history=True
    ),
    # No natural key in the table (an id): a run is the moment and what it found.
    "stress_tests": RecordTable(
        "stress_tests", (("run_at", "moment"), ("results", "json")), history=True
    ),
    # Versions are numbered again after a merge, in the order of export (see the service).
    "charter_exports": RecordTable(
        "charter_exports",
        (("exported_at", "moment"), ("answers", "json")),
        (("version", "int"),),
        history=True,
        numbered=True,
    ),
}


def _rows(db: Sql, sql: str, params=()) -> list[dict]:
    return list(db.query(sql, params))


class ProgressRows:
    def __init__(self, database: Database):
        self.database = database

    def read(self, profile_name: str | None = None) -> list[dict]:
        """Each profile (or the one named) with all its rows, keyed naturally: plain dicts."""
        with self.database.read() as db:
            if profile_name is None:
                profiles = _rows(db, "SELECT * FROM profiles ORDER BY name COLLATE NOCASE")
            else:
                profiles = _rows(
                    db, "SELECT * FROM profiles WHERE name = ? COLLATE NOCASE", [profile_name]
                )
            return [self._profile(db, row) for row in profiles]

    @staticmethod
    def _profile(db: Sql, profile: dict) -> dict:
        pid = profile["id"]
        alliances = []
        for row in _rows(
            db, "SELECT * FROM alliances WHERE profile_id = ? ORDER BY created_at, name", [pid]
        ):
            alliances.append(
                {
                    **row,
                    "worksheet": _rows(
                        db,
                        "SELECT stage_id, field_id, value, updated_at FROM worksheet_answers"
                        " WHERE alliance_id = ? ORDER BY stage_id, field_id",
                        [row["id"]],
                    ),
                    "ticks": _rows(
                        db,
                        "SELECT stage_id, item_id, checked, updated_at FROM checklist_ticks"
                        " WHERE alliance_id = ? ORDER BY stage_id, item_id",
                        [row["id"]],
                    ),
                    **{key: _records(db, spec, row["id"]) for key, spec in RECORDS.items()},
                    "health_checks": _health_checks(db, row["id"]),
                }
            )
        attempts = []
        for row in _rows(
            db,
            "SELECT * FROM quiz_attempts WHERE profile_id = ?"
            " ORDER BY started_at, kind, COALESCE(case_id, '')",
            [pid],
        ):
            row["answers"] = _rows(
                db, "SELECT * FROM quiz_answers WHERE attempt_id = ? ORDER BY id", [row["id"]]
            )
            attempts.append(row)
        by_id = {a["id"]: a for a in attempts}
        log = []
        for row in _rows(
            db,
            "SELECT question_key, reviewed_at, rating, attempt_id FROM review_log"
            " WHERE profile_id = ? ORDER BY question_key, reviewed_at",
            [pid],
        ):
            row["attempt"] = by_id.get(row.pop("attempt_id"))
            log.append(row)
        cards = _rows(
            db,
            "SELECT question_key, state, due, last_reviewed FROM review_cards"
            " WHERE profile_id = ? ORDER BY question_key",
            [pid],
        )
        return {**profile, "alliances": alliances, "attempts": attempts, "log": log, "cards": cards}

    @contextlib.contextmanager
    def merging(self) -> Iterator[Merge]:
        """One write transaction for a whole merge: all of it is saved, or none."""
        with self.database.write() as db:
            yield Merge(db)


class Merge:
    """The statements of a merge, on one open write transaction."""

    def __init__(self, db: Sql):
        self.db = db

    def _one(self, sql: str, params) -> dict | None:
        rows = _rows(self.db, sql, params)
        return rows[0] if rows else None

    # -- profiles and alliances ------------------------------------------------------

    def profile(self, name: str) -> dict | None:
        return self._one("SELECT * FROM profiles WHERE name = ? COLLATE NOCASE", [name])

    def add_profile(self, name: str, created_at: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO profiles (name, created_at) VALUES (?, ?)", [name, created_at]
        )
        if self._one("SELECT value FROM settings WHERE key = 'last_profile'", []) is None:
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES ('last_profile', ?)",
                [str(cursor.lastrowid)],
            )
        return cursor.lastrowid

    def set_profile(self, profile_id: int, name: str, created_at: str) -> None:
        self.db.execute(
            "UPDATE profiles SET name = ?, created_at = ? WHERE id = ?",
            [name, created_at, profile_id],
        )

    def alliance(self, profile_id: int, name: str, created_at: str) -> dict | None:
        return self._one(
            "SELECT * FROM alliances WHERE profile_id = ? AND name = ? AND created_at = ?",
            [profile_id, name, created_at],
        )

    def add_alliance(self, profile_id: int, row: dict) -> int:
        cursor = self.db.execute(
            "INSERT INTO alliances (profile_id, name, partner, our_side, kind, created_at,"
            " updated_at, last_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                profile_id,
                row["name"],
                row["partner"],
                row["our_side"],
                row["kind"],
                row["created_at"],
                row["updated_at"],
                row["last_stage"],
            ],
        )
        return cursor.lastrowid

    def update_alliance(self, alliance_id: int, row: dict) -> None:
        self.db.execute(
            "UPDATE alliances SET partner = ?, our_side = ?, kind = ?, updated_at = ?,"
            " last_stage = ? WHERE id = ?",
            [
                row["partner"],
                row["our_side"],
                row["kind"],
                row["updated_at"],
                row["last_stage"],
                alliance_id,
            ],
        )

    def set_cadence(self, alliance_id: int, check_days: int, review_days: int) -> None:
        self.db.execute(
            "UPDATE alliances SET check_days = ?, review_days = ? WHERE id = ?",
            [check_days, review_days, alliance_id],
        )

    # -- an alliance's other records (RECORDS) ---------------------------------------

    def records(self, spec: RecordTable, alliance_id: int) -> list[dict]:
        return _records(self.db, spec, alliance_id, with_id=True)

    def put_record(self, spec: RecordTable, alliance_id: int, row: dict) -> None:
        """Add the row, or (not a history) replace the one its key columns find."""
        columns = ("alliance_id", *spec.columns)
        sql = (
            f"INSERT INTO {spec.table} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})"
        )
        if spec.values and not spec.history:
            keys = ", ".join(("alliance_id", *(name for name, _ in spec.keys)))
            sets = ", ".join(f"{name} = excluded.{name}" for name, _ in spec.values)
            sql += f" ON CONFLICT ({keys}) DO UPDATE SET {sets}"
        self.db.execute(sql, [alliance_id, *(row[c] for c in spec.columns)])

    def number_charters(self, alliance_id: int, ids_in_order: list[int]) -> None:
        """Number the alliance's charter exports 1, 2, ... in the order given. Versions are
        unique within an alliance, row by row as SQLite checks them: each goes to minus its
        id first (the caller parks new rows far below any id), then to its number."""
        self.db.execute(
            "UPDATE charter_exports SET version = -id WHERE alliance_id = ?", [alliance_id]
        )  # out of the way of the unique (alliance, version) first
        for version, export_id in enumerate(ids_in_order, start=1):
            self.db.execute(
                "UPDATE charter_exports SET version = ? WHERE id = ?", [version, export_id]
            )

    # -- health checks (each with its anonymous answers and its action plan) ------------

    def health_check(self, code: str) -> dict | None:
        """The health check with this code, of whichever alliance."""
        return self._one("SELECT * FROM health_checks WHERE code = ?", [code])

    def code_in_use(self, code: str) -> bool:
        """Whether a workshop or a partner session has this code (a code means one thing)."""
        return any(
            self._one(f"SELECT 1 FROM {table} WHERE code = ?", [code])
            for table in ("workshops", "partner_sessions")
        )

    def add_health_check(self, alliance_id: int, row: dict) -> int:
        cursor = self.db.execute(
            "INSERT INTO health_checks (alliance_id, code, opened_at, closed_at, areas)"
            " VALUES (?, ?, ?, ?, ?)",
            [alliance_id, row["code"], row["opened_at"], row["closed_at"], row["areas"]],
        )
        return cursor.lastrowid

    def update_health_check(self, check_id: int, row: dict) -> None:
        self.db.execute(
            "UPDATE health_checks SET opened_at = ?, closed_at = ?, areas = ? WHERE id = ?",
            [row["opened_at"], row["closed_at"], row["areas"], check_id],
        )

    def health_answers(self, check_id: int) -> list[dict]:
        return _health_answers(self.db, check_id)

    def put_health_answer(self, check_id: int, row: dict) -> None:
        self.db.execute(
            "INSERT INTO health_answers (check_id, respondent, side, scores, comments)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (check_id, respondent) DO UPDATE SET"
            " side = excluded.side, scores = excluded.scores, comments = excluded.comments",
            [check_id, row["respondent"], row["side"], row["scores"], row["comments"]],
        )

    def health_actions(self, check_id: int) -> list[dict]:
        return _health_actions(self.db, check_id)

    def replace_health_actions(self, check_id: int, rows: list[dict]) -> None:
        self.db.execute("DELETE FROM health_actions WHERE check_id = ?", [check_id])
        for row in rows:
            self.db.execute(
                "INSERT INTO health_actions (check_id, position, what, owner, due)"
                " VALUES (?, ?, ?, ?, ?)",
                [check_id, row["position"], row["what"], row["owner"], row["due"]],
            )

    # -- worksheets and checklists ---------------------------------------------------

    def worksheet_value(self, alliance_id: int, stage: str, field: str) -> dict | None:
        return self._one(
            "SELECT value, updated_at FROM worksheet_answers WHERE alliance_id = ?"
            " AND stage_id = ? AND field_id = ?",
            [alliance_id, stage, field],
        )

    def put_worksheet_value(
        self, alliance_id: int, stage: str, field: str, value: str, updated_at: str
    ) -> None:
        self.db.execute(
            "INSERT INTO worksheet_answers (alliance_id, stage_id, field_id, value, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id, field_id)"
            " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [alliance_id, stage, field, value, updated_at],
        )

    def tick(self, alliance_id: int, stage: str, item: str) -> dict | None:
        return self._one(
            "SELECT checked, updated_at FROM checklist_ticks WHERE alliance_id = ?"
            " AND stage_id = ? AND item_id = ?",
            [alliance_id, stage, item],
        )

    def put_tick(
        self, alliance_id: int, stage: str, item: str, checked: bool, updated_at: str
    ) -> None:
        self.db.execute(
            "INSERT INTO checklist_ticks (alliance_id, stage_id, item_id, checked, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id, item_id)"
            " DO UPDATE SET checked = excluded.checked, updated_at = excluded.updated_at",
            [alliance_id, stage, item, int(checked), updated_at],
        )

    # -- quiz attempts ---------------------------------------------------------------

    def attempt(
        self, profile_id: int, started_at: str, kind: str, case_id: str | None
    ) -> dict | None:
        return self._one(
            "SELECT * FROM quiz_attempts WHERE profile_id = ? AND started_at = ? AND kind = ?"
            " AND case_id IS ? ORDER BY id LIMIT 1",
            [profile_id, started_at, kind, case_id],
        )

    _ATTEMPT = (
        "case_id", "mode", "kind", "confidence", "question_keys", "started_at", "finished_at",
        "abandoned_at", "position", "orders", "flags", "time_limit",
    )  # fmt: skip

    def add_attempt(self, profile_id: int, row: dict) -> int:
        columns = ("profile_id", *self._ATTEMPT)
        cursor = self.db.execute(
            f"INSERT INTO quiz_attempts ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            [profile_id, *(row[c] for c in self._ATTEMPT)],
        )
        return cursor.lastrowid

    def update_attempt(self, attempt_id: int, row: dict) -> None:
        columns = [c for c in self._ATTEMPT if c not in ("case_id", "kind", "started_at")]
        self.db.execute(
            f"UPDATE quiz_attempts SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            [*(row[c] for c in columns), attempt_id],
        )

    def attempt_times(self, profile_id: int) -> list[dict]:
        """Every attempt of a profile with when it started, finished and was set aside."""
        return _rows(
            self.db,
            "SELECT id, case_id, kind, started_at, finished_at, abandoned_at FROM quiz_attempts"
            " WHERE profile_id = ? ORDER BY started_at, id",
            [profile_id],
        )

    def abandon(self, attempt_id: int, at: str) -> None:
        self.db.execute("UPDATE quiz_attempts SET abandoned_at = ? WHERE id = ?", [at, attempt_id])

    _ANSWER = (
        "question_key", "response", "score", "correct", "confidence", "cbm_mark", "seconds",
        "answered_at", "overridden", "feedback", "note",
    )  # fmt: skip

    def quiz_answer(self, attempt_id: int, key: str) -> dict | None:
        return self._one(
            "SELECT * FROM quiz_answers WHERE attempt_id = ? AND question_key = ?",
            [attempt_id, key],
        )

    def put_quiz_answer(self, attempt_id: int, row: dict) -> None:
        self.db.execute(
            "DELETE FROM quiz_answers WHERE attempt_id = ? AND question_key = ?",
            [attempt_id, row["question_key"]],
        )
        columns = ("attempt_id", *self._ANSWER)
        self.db.execute(
            f"INSERT INTO quiz_answers ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            [attempt_id, *(row[c] for c in self._ANSWER)],
        )

    # -- the review history and schedule ---------------------------------------------

    def review(self, profile_id: int, key: str, reviewed_at: str) -> dict | None:
        """The review of `key` at that moment, with the attempt it was part of (if known)."""
        return self._one(
            "SELECT r.id, r.rating, r.attempt_id, a.started_at, a.kind, a.case_id"
            " FROM review_log r"
            " LEFT JOIN quiz_attempts a ON a.id = r.attempt_id WHERE r.profile_id = ?"
            " AND r.question_key = ? AND r.reviewed_at = ?",
            [profile_id, key, reviewed_at],
        )

    def rate_review(self, review_id: int, rating: int) -> None:
        self.db.execute("UPDATE review_log SET rating = ? WHERE id = ?", [rating, review_id])

    def link_review(self, review_id: int, attempt_id: int) -> None:
        self.db.execute(
            "UPDATE review_log SET attempt_id = ? WHERE id = ?", [attempt_id, review_id]
        )

    def add_review(
        self, profile_id: int, key: str, reviewed_at: str, rating: int, attempt_id: int | None
    ) -> None:
        """A review entry; its before and after states are written by `rewrite_history`."""
        self.db.execute(
            "INSERT INTO review_log (profile_id, question_key, attempt_id, rating, due_before,"
            " due_after, reviewed_at, state_before) VALUES (?, ?, ?, ?, NULL, ?, ?, NULL)",
            [profile_id, key, attempt_id, rating, reviewed_at, reviewed_at],
        )

    def history(self, profile_id: int, key: str) -> list[dict]:
        return _rows(
            self.db,
            "SELECT id, rating, reviewed_at FROM review_log WHERE profile_id = ?"
            " AND question_key = ? ORDER BY reviewed_at, id",
            [profile_id, key],
        )

    def rewrite_history(
        self,
        profile_id: int,
        key: str,
        entries: list[tuple[int, str | None, str | None, str]],
        card: tuple[str, str, str] | None,
    ) -> None:
        """Each entry's (id, state before, due before, due after), and the card it left
        (state, due, last reviewed)."""
        for log_id, state_before, due_before, due_after in entries:
            self.db.execute(
                "UPDATE review_log SET state_before = ?, due_before = ?, due_after = ?"
                " WHERE id = ?",
                [state_before, due_before, due_after, log_id],
            )
        if card is None:
            return
        state, due, last = card
        self.db.execute(
            "INSERT INTO review_cards (profile_id, question_key, case_id, state, due,"
            " last_reviewed) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile_id, question_key) DO UPDATE SET state = excluded.state,"
            " due = excluded.due, last_reviewed = excluded.last_reviewed",
            [profile_id, key, key.partition("/")[0], state, due, last],
        )

    def card(self, profile_id: int, key: str) -> dict | None:
        return self._one(
            "SELECT state, due, last_reviewed FROM review_cards WHERE profile_id = ?"
            " AND question_key = ?",
            [profile_id, key],
        )


def _records(db: Sql, spec: RecordTable, alliance_id: int, with_id: bool = False) -> list[dict]:
    columns = (*(["id"] if with_id and spec.table in _ROW_IDS else []), *spec.columns)
    return _rows(
        db,
        f"SELECT {', '.join(columns)} FROM {spec.table} WHERE alliance_id = ?"
        f" ORDER BY {', '.join(spec.columns)}",
        [alliance_id],
    )


def _health_checks(db: Sql, alliance_id: int) -> list[dict]:
    checks = _rows(
        db,
        "SELECT id, code, opened_at, closed_at, areas FROM health_checks WHERE alliance_id = ?"
        " ORDER BY opened_at, code",
        [alliance_id],
    )
    for check in checks:
        check_id = check.pop("id")
        check["answers"] = _health_answers(db, check_id)
        check["actions"] = _health_actions(db, check_id)
    return checks


def _health_answers(db: Sql, check_id: int) -> list[dict]:
    return _rows(
        db,
        "SELECT respondent, side, scores, comments FROM health_answers WHERE check_id = ?"
        " ORDER BY respondent",
        [check_id],
    )


def _health_actions(db: Sql, check_id: int) -> list[dict]:
    return _rows(
        db,
        "SELECT position, what, owner, due FROM health_actions WHERE check_id = ?"
        " ORDER BY position",
        [check_id],
    )


_ROW_IDS = ("stress_tests", "charter_exports")  # the tables whose rows have an id


def dumps(value: object) -> str:
    """JSON as the store keeps it in a text column."""
    return json.dumps(value)
