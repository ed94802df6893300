"""Provides PartnerSessionRows: live two-party partner sessions and their two seats, as rows.

Like the workshop rows, the store decides nothing: a change that depends on the session as
it is now (a seat claimed, a draft saved, a side submitted, a wrong key counted) is given a
`decide` function by the service, run inside the one BEGIN IMMEDIATE transaction on the
freshly read rows, which returns what to write or raises. When the second side submits,
the same transaction saves the partner's answers (as `partner-import` does) and ours.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from playbook.domain.workshop_errors import NotFacilitator, WorkshopNotFound
from playbook.store.db import Database
from playbook.store.times import from_db, to_db

SEATS = ("ours", "partner")
Claimed = tuple[str | None, int, datetime | None]  # the seat a key opens, failures, lock


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Seat:
    seat: str  # "ours" or "partner"
    key: str
    claimed: bool
    draft: dict  # stage -> field -> the value as typed (JSON shapes)
    answers: dict[str, dict[str, str]] | None  # the submitted answers, as stored text
    submitted_at: datetime | None

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True)
class PartnerSession:
    id: int
    alliance_id: int
    code: str
    created_at: datetime
    finished_at: datetime | None
    seats: dict[str, Seat]

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class PartnerSessionRows:
    def __init__(self, database: Database):
        self.database = database

    def create(
        self,
        alliance_id: int,
        code: str,
        keys: dict[str, str],
        drafts: dict[str, dict],
        at: datetime,
        fresh_code: Callable[[], str],
    ) -> PartnerSession:
        """A session with two unclaimed seats; a code a workshop or another session has is
        replaced by a fresh one (so is a health check's)."""
        with self.database.write() as sql:
            for _ in range(100):
                taken = sql.execute(
                    "SELECT 1 FROM partner_sessions WHERE code = ?"
                    " UNION ALL SELECT 1 FROM workshops WHERE code = ?"
                    " UNION ALL SELECT 1 FROM health_checks WHERE code = ?",
                    [code, code, code],
                ).fetchone()
                if not taken:
                    break
                code = fresh_code()
            cursor = sql.execute(
                "INSERT INTO partner_sessions (alliance_id, code, created_at) VALUES (?, ?, ?)",
                [alliance_id, code, to_db(at)],
            )
            session_id = cursor.lastrowid
            for seat in SEATS:
                sql.execute(
                    "INSERT INTO partner_seats (session_id, seat, seat_key, draft)"
                    " VALUES (?, ?, ?, ?)",
                    [session_id, seat, keys[seat], json.dumps(drafts.get(seat, {}))],
                )
        found = self.get(code)
        assert found is not None
        return found

    def get(self, code: str) -> PartnerSession | None:
        with self.database.read() as sql:
            return self._session(sql, "code = ?", code)

    def open_for(self, alliance_id: int) -> PartnerSession | None:
        """The alliance's newest session that has not finished, if any."""
        with self.database.read() as sql:
            row = sql.execute(
                "SELECT code FROM partner_sessions WHERE alliance_id = ? AND finished_at IS NULL"
                " ORDER BY id DESC LIMIT 1",
                [alliance_id],
            ).fetchone()
            return self._session(sql, "code = ?", row[0]) if row else None

    def latest_for(self, alliance_id: int) -> PartnerSession | None:
        with self.database.read() as sql:
            row = sql.execute(
                "SELECT code FROM partner_sessions WHERE alliance_id = ? ORDER BY id DESC LIMIT 1",
                [alliance_id],
            ).fetchone()
            return self._session(sql, "code = ?", row[0]) if row else None

    def by_token(self, token: str) -> tuple[PartnerSession, str] | None:
        """The session and seat this bearer token holds, if any."""
        with self.database.read() as sql:
            row = sql.execute(
                "SELECT s.code, p.seat FROM partner_seats p"
                " JOIN partner_sessions s ON s.id = p.session_id WHERE p.token_hash = ?",
                [digest(token)],
            ).fetchone()
            if row is None:
                return None
            found = self._session(sql, "code = ?", row[0])
        return (found, row[1]) if found else None

    @staticmethod
    def _session(sql, where: str, value) -> PartnerSession | None:
        rows = list(sql.query(f"SELECT * FROM partner_sessions WHERE {where}", [value]))
        if not rows:
            return None
        r = rows[0]
        seats = {
            s["seat"]: Seat(
                s["seat"],
                s["seat_key"],
                s["token_hash"] is not None,
                json.loads(s["draft"] or "{}"),
                json.loads(s["answers"]) if s["answers"] else None,
                from_db(s["submitted_at"]),
            )
            for s in sql.query("SELECT * FROM partner_seats WHERE session_id = ?", [r["id"]])
        }
        return PartnerSession(
            r["id"],
            r["alliance_id"],
            r["code"],
            from_db(r["created_at"]),  # type: ignore[arg-type]
            from_db(r["finished_at"]),
            seats,
        )

    def _require(self, sql, code: str) -> PartnerSession:
        found = self._session(sql, "code = ?", code)
        if found is None:
            raise WorkshopNotFound(f"There is no partner session with the code {code or '(none)'}.")
        return found

    def _held(self, sql, code: str, token: str) -> tuple[PartnerSession, str]:
        found = self._require(sql, code)
        row = sql.execute(
            "SELECT seat FROM partner_seats WHERE session_id = ? AND token_hash = ?",
            [found.id, digest(token)],
        ).fetchone()
        if row is None:
            raise NotFacilitator("Open your seat with its key first.")
        return found, row[0]

    # -- changes -----------------------------------------------------------------------

    def claim(
        self,
        code: str,
        client: str,
        token: str,
        at: datetime,
        decide: Callable[[PartnerSession, int, datetime | None], Claimed],
    ) -> str | None:
        """A seat key tried by one client: `decide` gets the session, the client's failures
        so far and its lock, and returns (the seat the key opens or None, failures, lock).
        The seat's token becomes `token` (the one held before stops working)."""
        with self.database.write() as sql:
            found = self._require(sql, code)
            row = sql.execute(
                "SELECT failures, locked_until FROM partner_session_tries"
                " WHERE session_id = ? AND client = ?",
                [found.id, client],
            ).fetchone()
            failures, locked = (row[0], from_db(row[1])) if row else (0, None)
            seat, failures, locked = decide(found, failures, locked)
            sql.execute(
                "INSERT INTO partner_session_tries (session_id, client, failures, locked_until)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (session_id, client) DO UPDATE SET"
                " failures = excluded.failures, locked_until = excluded.locked_until",
                [found.id, client, failures, to_db(locked) if locked else None],
            )
            if seat is not None:
                sql.execute(
                    "UPDATE partner_seats SET token_hash = ?, claimed_at = ?"
                    " WHERE session_id = ? AND seat = ?",
                    [digest(token), to_db(at), found.id, seat],
                )
        return seat

    def tries(self, code: str, client: str) -> tuple[int, datetime | None]:
        with self.database.read() as sql:
            row = sql.execute(
                "SELECT t.failures, t.locked_until FROM partner_session_tries t"
                " JOIN partner_sessions s ON s.id = t.session_id"
                " WHERE s.code = ? AND t.client = ?",
                [code, client],
            ).fetchone()
        return (row[0], from_db(row[1])) if row else (0, None)

    def save_draft(self, code: str, seat: str, decide: Callable[[PartnerSession], dict]) -> None:
        """Replace one seat's draft with what `decide` returns (or raises to refuse)."""
        with self.database.write() as sql:
            found = self._require(sql, code)
            draft = decide(found)
            sql.execute(
                "UPDATE partner_seats SET draft = ? WHERE session_id = ? AND seat = ?",
                [json.dumps(draft, ensure_ascii=False), found.id, seat],
            )

    def submit(
        self,
        code: str,
        seat: str,
        at: datetime,
        decide: Callable[[PartnerSession], dict[str, dict[str, str]]],
    ) -> bool:
        """Lock one seat with the answers `decide` returns (or raises to refuse). When the
        other seat has submitted already, save both sides' answers in the same transaction:
        the partner's as their side (replacing it), ours into our worksheet (only what
        changed). True when the session is finished."""
        stamp = to_db(at)
        with self.database.write() as sql:
            found = self._require(sql, code)
            answers = decide(found)
            sql.execute(
                "UPDATE partner_seats SET answers = ?, submitted_at = ?"
                " WHERE session_id = ? AND seat = ?",
                [json.dumps(answers, ensure_ascii=False), stamp, found.id, seat],
            )
            other = found.seats["partner" if seat == "ours" else "ours"]
            if other.answers is None:
                return False
            both = {seat: answers, other.seat: other.answers}
            alliance = found.alliance_id
            sql.execute("DELETE FROM partner_answers WHERE alliance_id = ?", [alliance])
            for stage_id, fields in both["partner"].items():
                for field_id, value in fields.items():
                    sql.execute(
                        "INSERT INTO partner_answers (alliance_id, stage_id, field_id, value,"
                        " updated_at) VALUES (?, ?, ?, ?, ?)",
                        [alliance, stage_id, field_id, value, stamp],
                    )
            for stage_id, fields in both["ours"].items():
                for field_id, value in fields.items():
                    sql.execute(
                        "INSERT INTO worksheet_answers (alliance_id, stage_id, field_id, value,"
                        " updated_at) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (alliance_id, stage_id, field_id) DO UPDATE SET"
                        " value = excluded.value, updated_at = excluded.updated_at"
                        " WHERE worksheet_answers.value IS NOT excluded.value",
                        [alliance, stage_id, field_id, value, stamp],
                    )
            sql.execute(
                "UPDATE partner_sessions SET finished_at = ? WHERE id = ?", [stamp, found.id]
            )
            return True

    def held(self, code: str, token: str) -> tuple[PartnerSession, str]:
        """The session and the seat this token holds in it; NotFacilitator for any other."""
        with self.database.read() as sql:
            return self._held(sql, code, token)
