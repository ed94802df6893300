"""Provides AttemptRows: quiz attempts, their answers and the review schedule, as rows.

An answer and its review-card update are one write transaction, so quitting half way loses
nothing and an attempt can be resumed. The store grades nothing and schedules nothing: it
is handed the score, the mark and a `reschedule` function (the scheduler's, from the
service) that it runs inside the transaction on the card's current state. History is keyed
by question key ("case_id/question_id"), never by position or wording.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime

from playbook.store.db import Database, StoreError
from playbook.store.records import Attempt, CardUpdate, SavedAnswer
from playbook.store.times import from_db, to_db

# Called with the card's stored state (None for a new card) and returns its new state.
Reschedule = Callable[[str | None], CardUpdate]

CASE_KINDS = ("quiz", "retry")  # attempts that belong to one case and can be resumed
SESSION_KINDS = ("review", "cram")  # attempts across cases


class AlreadyAnswered(StoreError):
    """The attempt holds an answer to this question and may not replace it."""


class AttemptRows:
    """Attempts, answers and review cards of every profile."""

    def __init__(self, database: Database):
        self.database = database

    # -- attempts ---------------------------------------------------------

    def start(
        self,
        profile_id: int,
        keys: Iterable[str],
        at: datetime,
        *,
        case_id: str | None,
        mode: str,
        kind: str,
        confidence: bool,
        orders: dict[str, tuple[str, ...]] | None = None,
        time_limit: int | None = None,
    ) -> Attempt:
        """Begin an attempt; an unfinished one of the same case (or session) is set aside."""
        keys = tuple(dict.fromkeys(keys))
        orders = orders or {}
        with self.database.write() as db:
            self._abandon(db, profile_id, case_id, kind, at)
            cursor = db.execute(
                "INSERT INTO quiz_attempts (profile_id, case_id, mode, kind, confidence,"
                " question_keys, started_at, position, orders, time_limit)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                [
                    profile_id,
                    case_id,
                    str(mode),
                    str(kind),
                    int(confidence),
                    json.dumps(keys),
                    to_db(at),
                    json.dumps({k: list(v) for k, v in orders.items()}),
                    time_limit,
                ],
            )
        return Attempt(
            cursor.lastrowid,
            profile_id,
            case_id,
            str(mode),
            str(kind),
            confidence,
            keys,
            at,
            orders=dict(orders),
            time_limit=time_limit,
        )

    @staticmethod
    def _abandon(db, profile_id: int, case_id: str | None, kind: str, at: datetime) -> None:
        kinds = CASE_KINDS if kind in CASE_KINDS else SESSION_KINDS
        db.execute(
            "UPDATE quiz_attempts SET abandoned_at = ? WHERE profile_id = ? AND case_id IS ?"
            f" AND kind IN ({', '.join('?' * len(kinds))})"
            " AND finished_at IS NULL AND abandoned_at IS NULL",
            [to_db(at), profile_id, case_id, *kinds],
        )

    def get(self, attempt_id: int) -> Attempt | None:
        with self.database.read() as db:
            rows = list(db.query("SELECT * FROM quiz_attempts WHERE id = ?", [attempt_id]))
        return _attempt(rows[0]) if rows else None

    def resumable(self, profile_id: int, case_id: str) -> Attempt | None:
        """The case's quiz (or retry) left half way with at least one answer, if any."""
        with self.database.read() as db:
            rows = list(
                db.query(
                    "SELECT a.* FROM quiz_attempts a WHERE a.profile_id = ? AND a.case_id = ?"
                    " AND a.kind IN ('quiz', 'retry') AND a.finished_at IS NULL"
                    " AND a.abandoned_at IS NULL"
                    " AND EXISTS (SELECT 1 FROM quiz_answers s WHERE s.attempt_id = a.id)"
                    " ORDER BY a.id DESC LIMIT 1",
                    [profile_id, case_id],
                )
            )
        return _attempt(rows[0]) if rows else None

    def half_way(self, profile_id: int) -> set[str]:
        """The cases whose quiz (or retry) was left half way: what `resumable` would offer."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT DISTINCT a.case_id FROM quiz_attempts a WHERE a.profile_id = ?"
                " AND a.case_id IS NOT NULL AND a.kind IN ('quiz', 'retry')"
                " AND a.finished_at IS NULL AND a.abandoned_at IS NULL"
                " AND EXISTS (SELECT 1 FROM quiz_answers s WHERE s.attempt_id = a.id)",
                [profile_id],
            ).fetchall()
        return {case_id for (case_id,) in rows}

    def finish(
        self, attempt_id: int, at: datetime, reschedule: dict[str, Reschedule] | None = None
    ) -> None:
        """Mark the attempt finished; `reschedule` (an exam's cards, by key) in the same write."""
        with self.database.write() as db:
            row = db.execute(
                "SELECT profile_id, finished_at FROM quiz_attempts WHERE id = ?", [attempt_id]
            ).fetchone()
            if row is None or row[1] is not None:
                return
            db.execute(
                "UPDATE quiz_attempts SET finished_at = ? WHERE id = ?", [to_db(at), attempt_id]
            )
            for key, update in (reschedule or {}).items():
                self._reschedule(db, row[0], attempt_id, key, update, at)

    def set_flags(self, attempt_id: int, flags: Iterable[str]) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE quiz_attempts SET flags = ? WHERE id = ?",
                [json.dumps(list(dict.fromkeys(flags))), attempt_id],
            )

    # -- answers ----------------------------------------------------------

    def answers(self, attempt_id: int) -> dict[str, SavedAnswer]:
        """The attempt's answers by question key, in the order given."""
        with self.database.read() as db:
            rows = list(
                db.query(
                    "SELECT * FROM quiz_answers WHERE attempt_id = ? ORDER BY id", [attempt_id]
                )
            )
        return {row["question_key"]: _answer(row) for row in rows}

    def save_answer(
        self,
        attempt: Attempt,
        answer: SavedAnswer,
        *,
        replace: bool = False,
        reschedule: Reschedule | None = None,
    ) -> None:
        """Save one graded answer and (when given `reschedule`) its review card's new state:
        one transaction, committed before this returns. `replace` lets an exam change an
        answer before it is submitted."""
        key = answer.question_key
        if key not in attempt.keys:
            raise ValueError(f"{key!r} is not a question of attempt {attempt.id}")
        with self.database.write() as db:
            exists = db.execute(
                "SELECT 1 FROM quiz_answers WHERE attempt_id = ? AND question_key = ?",
                [attempt.id, key],
            ).fetchone()
            if exists and not replace:
                raise AlreadyAnswered(f"{key!r} was already answered in attempt {attempt.id}")
            if exists:
                db.execute(
                    "DELETE FROM quiz_answers WHERE attempt_id = ? AND question_key = ?",
                    [attempt.id, key],
                )
            db.execute(
                "INSERT INTO quiz_answers (attempt_id, question_key, response, score, correct,"
                " confidence, cbm_mark, seconds, answered_at, overridden, feedback, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    attempt.id,
                    key,
                    json.dumps(answer.response),
                    answer.score,
                    int(answer.correct),
                    answer.confidence,
                    answer.cbm_mark,
                    answer.seconds,
                    to_db(answer.answered_at),
                    int(answer.overridden),
                    json.dumps(list(answer.feedback)),
                    answer.note,
                ],
            )
            db.execute(
                "UPDATE quiz_attempts SET position = MAX(position, ?) WHERE id = ?",
                [attempt.keys.index(key) + 1, attempt.id],
            )
            if reschedule is not None:
                self._reschedule(
                    db, attempt.profile_id, attempt.id, key, reschedule, answer.answered_at
                )

    def override(
        self,
        attempt: Attempt,
        key: str,
        cbm_mark: float,
        at: datetime,
        reschedule: Reschedule | None = None,
    ) -> None:
        """The learner says a missed answer was right: it counts as right, marked as
        overridden, and (when given) its card is scheduled again as right."""
        with self.database.write() as db:
            done = db.execute(
                "UPDATE quiz_answers SET score = 1.0, correct = 1, cbm_mark = ?, overridden = 1"
                " WHERE attempt_id = ? AND question_key = ?",
                [cbm_mark, attempt.id, key],
            )
            if not done.rowcount:
                raise ValueError(f"{key!r} has no answer in attempt {attempt.id}")
            if reschedule is not None:
                self._revert_last_review(db, attempt.profile_id, attempt.id, key)
                self._reschedule(db, attempt.profile_id, attempt.id, key, reschedule, at)

    # -- the review schedule ----------------------------------------------

    def _reschedule(
        self, db, profile_id: int, attempt_id: int, key: str, reschedule: Reschedule, at
    ) -> None:
        row = db.execute(
            "SELECT state, due FROM review_cards WHERE profile_id = ? AND question_key = ?",
            [profile_id, key],
        ).fetchone()
        state, due_before = (row[0], row[1]) if row else (None, None)
        update = reschedule(state)
        db.execute(
            "INSERT INTO review_cards (profile_id, question_key, case_id, state, due,"
            " last_reviewed) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile_id, question_key) DO UPDATE SET state = excluded.state,"
            " due = excluded.due, last_reviewed = excluded.last_reviewed",
            [
                profile_id,
                key,
                key.partition("/")[0],
                update.state_json,
                to_db(update.due),
                to_db(at),
            ],
        )
        db.execute(
            "INSERT INTO review_log (profile_id, question_key, attempt_id, rating, due_before,"
            " due_after, reviewed_at, state_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                profile_id,
                key,
                attempt_id,
                update.rating,
                due_before,
                to_db(update.due),
                to_db(at),
                state,
            ],
        )

    @staticmethod
    def _revert_last_review(db, profile_id: int, attempt_id: int, key: str) -> None:
        """Undo this attempt's review of `key` (its log entry and the card's new state), so
        a correction is scheduled as if the answer had been right in the first place."""
        row = db.execute(
            "SELECT id, state_before, due_before FROM review_log WHERE profile_id = ?"
            " AND question_key = ? AND attempt_id = ? ORDER BY id DESC LIMIT 1",
            [profile_id, key, attempt_id],
        ).fetchone()
        if row is None:
            return
        log_id, state_before, due_before = row
        db.execute("DELETE FROM review_log WHERE id = ?", [log_id])
        if state_before is None:
            db.execute(
                "DELETE FROM review_cards WHERE profile_id = ? AND question_key = ?",
                [profile_id, key],
            )
        else:
            db.execute(
                "UPDATE review_cards SET state = ?, due = ? WHERE profile_id = ?"
                " AND question_key = ?",
                [state_before, due_before, profile_id, key],
            )

    def cards(self, profile_id: int) -> list[tuple[str, datetime]]:
        """Every (question key, due) of the profile, soonest due first."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT question_key, due FROM review_cards WHERE profile_id = ?"
                " ORDER BY due, question_key",
                [profile_id],
            ).fetchall()
        return [(key, datetime.fromisoformat(due)) for key, due in rows]

    def due_keys(self, profile_id: int, at: datetime) -> list[str]:
        """Question keys due for review at `at`, most overdue first."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT question_key FROM review_cards WHERE profile_id = ? AND due <= ?"
                " ORDER BY due, question_key",
                [profile_id, to_db(at)],
            ).fetchall()
        return [key for (key,) in rows]

    def last_reviewed(self, profile_id: int, key: str) -> datetime | None:
        with self.database.read() as db:
            row = db.execute(
                "SELECT last_reviewed FROM review_cards WHERE profile_id = ? AND question_key = ?",
                [profile_id, key],
            ).fetchone()
        return from_db(row[0]) if row else None

    # -- history, for stats -----------------------------------------------

    def history(self, profile_id: int) -> list[tuple[str, float, datetime]]:
        """Every answer the profile gave: (question key, score, answered_at)."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT s.question_key, s.score, s.answered_at FROM quiz_answers s"
                " JOIN quiz_attempts a ON a.id = s.attempt_id WHERE a.profile_id = ?"
                " ORDER BY s.id",
                [profile_id],
            ).fetchall()
        return [(key, score, datetime.fromisoformat(at)) for key, score, at in rows]

    def finished_quizzes(self, profile_id: int) -> list[tuple[str, float, datetime]]:
        """(case id, percent, finished at) for each finished whole-quiz attempt."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT a.case_id, a.question_keys, a.finished_at, COALESCE(SUM(s.score), 0)"
                " FROM quiz_attempts a LEFT JOIN quiz_answers s ON s.attempt_id = a.id"
                " WHERE a.profile_id = ? AND a.kind = 'quiz' AND a.finished_at IS NOT NULL"
                " GROUP BY a.id ORDER BY a.id",
                [profile_id],
            ).fetchall()
        return [
            (case_id, 100.0 * points / max(1, len(json.loads(keys))), datetime.fromisoformat(at))
            for case_id, keys, at, points in rows
        ]

    def overridden_count(self, profile_id: int, case_id: str) -> int:
        with self.database.read() as db:
            row = db.execute(
                "SELECT count(*) FROM quiz_answers s JOIN quiz_attempts a ON a.id = s.attempt_id"
                " WHERE a.profile_id = ? AND a.case_id = ? AND s.overridden",
                [profile_id, case_id],
            ).fetchone()
        return row[0]


def _attempt(row: dict) -> Attempt:
    orders = json.loads(row.get("orders") or "{}")
    return Attempt(
        id=row["id"],
        profile_id=row["profile_id"],
        case_id=row["case_id"],
        mode=row["mode"],
        kind=row["kind"],
        confidence=bool(row["confidence"]),
        keys=tuple(json.loads(row["question_keys"])),
        started_at=datetime.fromisoformat(row["started_at"]),
        finished_at=from_db(row["finished_at"]),
        position=row["position"],
        orders={k: tuple(v) for k, v in orders.items()},
        flags=tuple(json.loads(row.get("flags") or "[]")),
        time_limit=row.get("time_limit"),
    )


def _answer(row: dict) -> SavedAnswer:
    return SavedAnswer(
        question_key=row["question_key"],
        response=json.loads(row["response"]),
        score=row["score"],
        correct=bool(row["correct"]),
        confidence=row["confidence"],
        cbm_mark=row["cbm_mark"],
        seconds=row["seconds"],
        answered_at=datetime.fromisoformat(row["answered_at"]),
        overridden=bool(row.get("overridden", 0)),
        feedback=tuple(json.loads(row.get("feedback") or "[]")),
        note=row.get("note") or "",
    )
