"""Provides QuizStore: quiz attempts, answers and the review schedule, saved as given.

Each answer is one write transaction together with its review-card update (FSRS, see
playbook.domain.review), so quitting half way loses nothing and an attempt can be resumed.
Cram sessions review ahead of schedule and never touch the schedule. History is keyed by
question key ("case_id/question_id"), never by position or wording.

The clock is `self.now` (timezone-aware), replaceable in tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from playbook.store.db import Database
from playbook.store.records import Attempt, SavedAnswer

if TYPE_CHECKING:
    from playbook.content.models import Library
    from playbook.domain.report import StatsReport
    from playbook.domain.stats import CaseStats

# The grading, FSRS and report modules are imported where they are used: opening the
# app only counts what is due, and start-up should not pay for the scheduler.

MODES = ("practice", "exam")
KINDS = ("quiz", "retry", "review", "cram")
CASE_KINDS = ("quiz", "retry")  # attempts that belong to one case and can be resumed
SESSION_KINDS = ("review", "cram")  # attempts across cases


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC, to the millisecond, always the same shape: comparable as text in SQL."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class QuizStore:
    """Attempts, answers and review cards of every profile."""

    def __init__(self, database: Database, now: Callable[[], datetime] = utc_now):
        self.database = database
        self.now = now

    # -- attempts ---------------------------------------------------------

    def start_attempt(
        self,
        profile_id: int,
        keys: Iterable[str],
        *,
        case_id: str | None = None,
        mode: str = "practice",
        kind: str = "quiz",
        confidence: bool = False,
    ) -> Attempt:
        """Begin an attempt; an unfinished one of the same case (or session) is set aside."""
        keys = tuple(dict.fromkeys(keys))
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}: {mode!r}")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}: {kind!r}")
        if not keys:
            raise ValueError("an attempt needs at least one question")
        started = self.now()
        with self.database.write() as db:
            self._abandon(db, profile_id, case_id, kind, started)
            cursor = db.execute(
                "INSERT INTO quiz_attempts (profile_id, case_id, mode, kind, confidence,"
                " question_keys, started_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                [profile_id, case_id, mode, kind, int(confidence), json.dumps(keys), iso(started)],
            )
        return Attempt(cursor.lastrowid, profile_id, case_id, mode, kind, confidence, keys, started)

    @staticmethod
    def _abandon(db, profile_id: int, case_id: str | None, kind: str, when: datetime) -> None:
        kinds = CASE_KINDS if kind in CASE_KINDS else SESSION_KINDS
        db.execute(
            "UPDATE quiz_attempts SET abandoned_at = ? WHERE profile_id = ? AND case_id IS ?"
            f" AND kind IN ({', '.join('?' * len(kinds))})"
            " AND finished_at IS NULL AND abandoned_at IS NULL",
            [iso(when), profile_id, case_id, *kinds],
        )

    def attempt(self, attempt_id: int) -> Attempt | None:
        with self.database.read() as db:
            rows = list(db.query("SELECT * FROM quiz_attempts WHERE id = ?", [attempt_id]))
        return _attempt(rows[0]) if rows else None

    def resumable(self, profile_id: int, case_id: str) -> Attempt | None:
        """The case's quiz (or retry) left half way, if there is one."""
        with self.database.read() as db:
            rows = list(
                db.query(
                    "SELECT * FROM quiz_attempts WHERE profile_id = ? AND case_id = ?"
                    " AND kind IN ('quiz', 'retry') AND finished_at IS NULL"
                    " AND abandoned_at IS NULL ORDER BY id DESC LIMIT 1",
                    [profile_id, case_id],
                )
            )
        return _attempt(rows[0]) if rows else None

    def finish_attempt(self, attempt_id: int) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE quiz_attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                [iso(self.now()), attempt_id],
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
        key: str,
        response: object,
        score: float,
        confidence: str | None = None,
        seconds: float | None = None,
    ) -> SavedAnswer:
        """Save one graded answer and (unless cramming) reschedule its review card: one
        transaction, committed before this returns."""
        from playbook.domain.quiz import cbm_mark

        if key not in attempt.keys:
            raise ValueError(f"{key!r} is not a question of attempt {attempt.id}")
        score = min(1.0, max(0.0, float(score)))
        answered = self.now()
        saved = SavedAnswer(
            question_key=key,
            response=response,
            score=score,
            correct=score >= 1.0,
            confidence=confidence,
            cbm_mark=cbm_mark(score, confidence),
            seconds=seconds,
            answered_at=answered,
        )
        with self.database.write() as db:
            if db.execute(
                "SELECT 1 FROM quiz_answers WHERE attempt_id = ? AND question_key = ?",
                [attempt.id, key],
            ).fetchone():
                raise ValueError(f"{key!r} was already answered in attempt {attempt.id}")
            db.execute(
                "INSERT INTO quiz_answers (attempt_id, question_key, response, score, correct,"
                " confidence, cbm_mark, seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    attempt.id,
                    key,
                    json.dumps(response),
                    score,
                    int(saved.correct),
                    confidence,
                    saved.cbm_mark,
                    seconds,
                    iso(answered),
                ],
            )
            db.execute(
                "UPDATE quiz_attempts SET position = MAX(position, ?) WHERE id = ?",
                [attempt.keys.index(key) + 1, attempt.id],
            )
            if attempt.kind != "cram":
                self._reschedule(db, attempt, key, score, confidence, answered)
        return saved

    def _reschedule(
        self, db, attempt: Attempt, key: str, score: float, confidence: str | None, when
    ) -> None:
        row = db.execute(
            "SELECT state, due FROM review_cards WHERE profile_id = ? AND question_key = ?",
            [attempt.profile_id, key],
        ).fetchone()
        state, due_before = (row[0], row[1]) if row else (None, None)
        from playbook.domain.review import review

        result = review(state, score, confidence, when)
        db.execute(
            "INSERT INTO review_cards (profile_id, question_key, case_id, state, due,"
            " last_reviewed) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile_id, question_key) DO UPDATE SET state = excluded.state,"
            " due = excluded.due, last_reviewed = excluded.last_reviewed",
            [
                attempt.profile_id,
                key,
                key.partition("/")[0],
                result.state_json,
                iso(result.due),
                iso(when),
            ],
        )
        db.execute(
            "INSERT INTO review_log (profile_id, question_key, attempt_id, rating, due_before,"
            " due_after, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                attempt.profile_id,
                key,
                attempt.id,
                result.rating,
                due_before,
                iso(result.due),
                iso(when),
            ],
        )

    # -- the review schedule ----------------------------------------------

    def cards(self, profile_id: int) -> list[tuple[str, datetime]]:
        """Every (question key, due) of the profile, soonest due first."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT question_key, due FROM review_cards WHERE profile_id = ?"
                " ORDER BY due, question_key",
                [profile_id],
            ).fetchall()
        return [(key, datetime.fromisoformat(due)) for key, due in rows]

    def due_keys(self, profile_id: int, now: datetime | None = None) -> list[str]:
        """Question keys due for review now (or at `now`), most overdue first."""
        moment = iso(now or self.now())
        with self.database.read() as db:
            rows = db.execute(
                "SELECT question_key FROM review_cards WHERE profile_id = ? AND due <= ?"
                " ORDER BY due, question_key",
                [profile_id, moment],
            ).fetchall()
        return [key for (key,) in rows]

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

    def case_results(self, profile_id: int) -> dict[str, CaseStats]:
        """Per case: finished whole-quiz attempts, best and last score (percent)."""
        from playbook.domain.stats import case_summary

        with self.database.read() as db:
            rows = db.execute(
                "SELECT a.case_id, a.question_keys, a.finished_at, COALESCE(SUM(s.score), 0)"
                " FROM quiz_attempts a LEFT JOIN quiz_answers s ON s.attempt_id = a.id"
                " WHERE a.profile_id = ? AND a.kind = 'quiz' AND a.finished_at IS NOT NULL"
                " GROUP BY a.id ORDER BY a.id",
                [profile_id],
            ).fetchall()
        return case_summary(
            (case_id, 100.0 * points / max(1, len(json.loads(keys))), parse_time(finished))
            for case_id, keys, finished, points in rows
        )

    def report(self, profile_id: int, library: Library) -> StatsReport:
        """The profile's stats, with "today" in the local time zone."""
        from playbook.domain.report import build_report

        return build_report(
            library,
            self.case_results(profile_id),
            self.history(profile_id),
            self.cards(profile_id),
            self.now().astimezone(),
            self.half_way(profile_id),
        )

    def half_way(self, profile_id: int) -> set[str]:
        """The cases whose quiz (or retry) was left half way: what `resumable` would offer."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT DISTINCT case_id FROM quiz_attempts WHERE profile_id = ?"
                " AND case_id IS NOT NULL AND kind IN ('quiz', 'retry')"
                " AND finished_at IS NULL AND abandoned_at IS NULL",
                [profile_id],
            ).fetchall()
        return {case_id for (case_id,) in rows}


def _attempt(row: dict) -> Attempt:
    return Attempt(
        id=row["id"],
        profile_id=row["profile_id"],
        case_id=row["case_id"],
        mode=row["mode"],
        kind=row["kind"],
        confidence=bool(row["confidence"]),
        keys=tuple(json.loads(row["question_keys"])),
        started_at=datetime.fromisoformat(row["started_at"]),
        finished_at=parse_time(row["finished_at"]),
        position=row["position"],
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
    )
