"""Provides WorkshopRows: live workshops, their participants and answers, as rows.

Every action and every answer is one BEGIN IMMEDIATE transaction, so many participants
answering in the same second queue for the write lock instead of failing. The store
decides nothing: a change that depends on the workshop's current state (an answer, a
facilitator's action, a PIN try) is given a `decide` function by the service, which runs
inside the transaction on the freshly read workshop and either returns what to write or
raises a WorkshopError. So a late answer is refused whole, never half saved.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from playbook.domain.workshop import (
    AgendaItem,
    NameTaken,
    NotFacilitator,
    Phase,
    Session,
    WorkshopNotFound,
)
from playbook.store.db import Database
from playbook.store.times import from_db, to_db


@dataclass(frozen=True)
class Workshop:
    """A workshop's settings and where its session is. Never carries the PIN hash."""

    id: int
    code: str
    title: str
    agenda: tuple[AgendaItem, ...]
    session: Session
    time_limit: int | None = None
    anonymous: bool = False
    leaderboard: bool = True
    team_mode: bool = False
    series: str | None = None
    created_at: datetime | None = None
    ended_at: datetime | None = None
    pin_failures: int = 0
    locked_until: datetime | None = None

    @property
    def current(self) -> AgendaItem | None:
        """The current agenda item (None in the lobby, or with an empty agenda)."""
        if self.session.phase is Phase.LOBBY or not self.agenda:
            return None
        return self.agenda[min(self.session.index, len(self.agenda) - 1)]

    @property
    def question_keys(self) -> list[str]:
        return [item.ref for item in self.agenda if item.is_question]


@dataclass(frozen=True)
class Participant:
    id: int
    workshop_id: int
    name: str
    team: str | None
    device_id: str
    rejoin_key: str
    at_item: int | None
    last_seen: datetime


@dataclass(frozen=True)
class Response:
    participant_id: int
    item_index: int
    question_key: str
    response: object
    score: float
    points: int
    seconds: float | None
    confidence: str | None
    feedback: tuple[str, ...] = ()  # what grading said about this response


@dataclass(frozen=True)
class NewWorkshop:
    code: str
    title: str
    pin_hash: str
    agenda: tuple[AgendaItem, ...]
    time_limit: int | None
    anonymous: bool
    leaderboard: bool
    team_mode: bool
    series: str | None


@dataclass(frozen=True)
class Scored:
    """What an answer is worth, decided by the service on the workshop as it is now."""

    item_index: int
    points: int
    seconds: float


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class WorkshopRows:
    """Workshops, their participants and answers, on the app's one Database."""

    def __init__(self, database: Database):
        self.database = database

    # -- workshops ----------------------------------------------------------------------

    def create(
        self, new: NewWorkshop, at: datetime, code_taken_retry: Callable[[], str]
    ) -> Workshop:
        """Insert a workshop in the lobby; a taken join code is replaced by a fresh one."""
        items = [{"kind": i.kind, "ref": i.ref, "title": i.title} for i in new.agenda]
        code = new.code
        with self.database.write() as sql:
            for _ in range(100):
                if not sql.execute("SELECT 1 FROM workshops WHERE code = ?", [code]).fetchone():
                    break
                code = code_taken_retry()
            sql.execute(
                "INSERT INTO workshops (code, title, pin_hash, agenda, time_limit, anonymous,"
                " leaderboard, team_mode, series, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    code,
                    new.title,
                    new.pin_hash,
                    json.dumps(items),
                    new.time_limit,
                    int(new.anonymous),
                    int(new.leaderboard),
                    int(new.team_mode),
                    new.series,
                    to_db(at),
                ],
            )
        found = self.get(code)
        assert found is not None
        return found

    def get(self, code: str) -> Workshop | None:
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops WHERE code = ?", [code]))
        return workshop_of(rows[0]) if rows else None

    def by_id(self, workshop_id: int) -> Workshop | None:
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops WHERE id = ?", [workshop_id]))
        return workshop_of(rows[0]) if rows else None

    def all(self) -> list[Workshop]:
        """Every workshop, newest first."""
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops ORDER BY id DESC"))
        return [workshop_of(r) for r in rows]

    def pin_hash(self, code: str) -> str:
        with self.database.read() as sql:
            row = sql.execute("SELECT pin_hash FROM workshops WHERE code = ?", [code]).fetchone()
        if row is None:
            raise WorkshopNotFound(f"There is no workshop with the code {code or '(none)'}.")
        return row[0]

    def record_pin_try(
        self,
        code: str,
        at: datetime,
        decide: Callable[[Workshop], tuple[int, datetime | None, str | None]],
    ) -> None:
        """Write the outcome of a PIN try: `decide` (on the workshop as it is now) returns
        (failures, locked until, facilitator token or None) or raises WrongPin."""
        with self.database.write() as sql:
            row = self._require(sql, code)
            failures, locked_until, token = decide(workshop_of(row))
            sql.execute(
                "UPDATE workshops SET pin_failures = ?, locked_until = ? WHERE id = ?",
                [failures, to_db(locked_until) if locked_until else None, row["id"]],
            )
            if token is not None:
                sql.execute(
                    "INSERT INTO workshop_tokens (token_hash, workshop_id, created_at)"
                    " VALUES (?, ?, ?)",
                    [digest(token), row["id"], to_db(at)],
                )

    def _require(self, sql, code: str) -> dict:
        rows = list(sql.query("SELECT * FROM workshops WHERE code = ?", [code]))
        if not rows:
            raise WorkshopNotFound(f"There is no workshop with the code {code or '(none)'}.")
        return rows[0]

    def facilitated(self, token: str) -> Workshop:
        """The workshop this facilitator token opens; NotFacilitator for any other token."""
        with self.database.read() as sql:
            return workshop_of(self._facilitated(sql, token))

    def _facilitated(self, sql, token: str) -> dict:
        rows = list(
            sql.query(
                "SELECT w.* FROM workshops w JOIN workshop_tokens t ON t.workshop_id = w.id"
                " WHERE t.token_hash = ?",
                [digest(token)],
            )
        )
        if not rows:
            raise NotFacilitator("Only the facilitator can do this: enter the PIN first.")
        return rows[0]

    def change_session(
        self, token: str, at: datetime, decide: Callable[[Workshop], Session]
    ) -> Workshop:
        """A facilitator's change: `decide` returns the new session (or raises NotAllowed)."""
        with self.database.write() as sql:
            row = self._facilitated(sql, token)
            workshop = workshop_of(row)
            session = decide(workshop)
            if session != workshop.session:
                self._save_session(sql, row["id"], session, at)
        found = self.by_id(workshop.id)
        assert found is not None
        return found

    @staticmethod
    def _save_session(sql, workshop_id: int, s: Session, at: datetime) -> None:
        sql.execute(
            "UPDATE workshops SET phase = ?, item_index = ?, opened_at = ?, deadline = ?,"
            " ended_at = CASE WHEN ? = 'ended' THEN coalesce(ended_at, ?) END WHERE id = ?",
            [
                str(s.phase),
                s.index,
                to_db(s.opened_at) if s.opened_at else None,
                to_db(s.deadline) if s.deadline else None,
                str(s.phase),
                to_db(at),
                workshop_id,
            ],
        )

    # -- participants -------------------------------------------------------------------

    def participants(self, workshop_id: int) -> list[Participant]:
        with self.database.read() as sql:
            rows = list(
                sql.query(
                    "SELECT * FROM workshop_participants WHERE workshop_id = ? ORDER BY id",
                    [workshop_id],
                )
            )
        return [participant_of(r) for r in rows]

    def participant(self, participant_id: int, rejoin_key: str) -> Participant | None:
        """The participant, if the rejoin key is theirs."""
        with self.database.read() as sql:
            rows = list(
                sql.query(
                    "SELECT * FROM workshop_participants WHERE id = ? AND rejoin_key = ?",
                    [participant_id, rejoin_key],
                )
            )
        return participant_of(rows[0]) if rows else None

    def join(
        self,
        code: str,
        name: str,
        team: str | None,
        device_id: str,
        at: datetime,
        decide: Callable[[Workshop, Participant | None], str | None],
    ) -> tuple[Participant, bool]:
        """Add (or take back) a participant; `decide` sees the workshop and the participant
        already under that name (or None), and returns a new rejoin key to insert a new
        participant, or None to take back the existing one (or raises to refuse).
        Returns the participant and whether they had joined before."""
        key = name_key(name)
        with self.database.write() as sql:
            row = self._require(sql, code)
            workshop = workshop_of(row)
            found = list(
                sql.query(
                    "SELECT * FROM workshop_participants WHERE workshop_id = ? AND name_key = ?",
                    [workshop.id, key],
                )
            )
            existing = participant_of(found[0]) if found else None
            rejoin_key = decide(workshop, existing)
            if existing is not None and rejoin_key is None:
                sql.execute(
                    "UPDATE workshop_participants SET device_id = ?, last_seen = ? WHERE id = ?",
                    [device_id, to_db(at), existing.id],
                )
                return existing, True
            try:
                cursor = sql.execute(
                    "INSERT INTO workshop_participants (workshop_id, name, name_key, team,"
                    " device_id, rejoin_key, last_seen, joined_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [workshop.id, name, key, team, device_id, rejoin_key, to_db(at), to_db(at)],
                )
            except sqlite3.IntegrityError:
                raise NameTaken(f"Someone called {name} has already joined.") from None
        joined = Participant(
            cursor.lastrowid, workshop.id, name, team, device_id, rejoin_key or "", None, at
        )
        return joined, False

    def seen(self, participant_id: int, at_item: int | None, at: datetime) -> None:
        with self.database.write() as sql:
            sql.execute(
                "UPDATE workshop_participants SET at_item = ?, last_seen = ? WHERE id = ?",
                [at_item, to_db(at), participant_id],
            )

    # -- answers ------------------------------------------------------------------------

    def record_response(
        self,
        participant: Participant,
        question_key: str,
        response: object,
        score: float,
        feedback: tuple[str, ...],
        confidence: str | None,
        at: datetime,
        decide: Callable[[Workshop, bool], Scored],
    ) -> Response:
        """Save an answer, or refuse it whole: `decide` sees the workshop as it is now and
        whether this participant answered its current item already, and returns what the
        answer is worth (or raises AnswerRefused)."""
        with self.database.write() as sql:
            rows = list(
                sql.query("SELECT * FROM workshops WHERE id = ?", [participant.workshop_id])
            )
            workshop = workshop_of(rows[0])
            answered = bool(
                sql.execute(
                    "SELECT 1 FROM workshop_responses WHERE participant_id = ? AND item_index = ?",
                    [participant.id, workshop.session.index],
                ).fetchone()
            )
            scored = decide(workshop, answered)
            sql.execute(
                "INSERT INTO workshop_responses (participant_id, workshop_id, item_index,"
                " question_key, response, score, points, seconds, confidence, answered_at,"
                " feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    participant.id,
                    participant.workshop_id,
                    scored.item_index,
                    question_key,
                    json.dumps(response),
                    score,
                    scored.points,
                    scored.seconds,
                    confidence,
                    to_db(at),
                    json.dumps(list(feedback)),
                ],
            )
            sql.execute(
                "UPDATE workshop_participants SET last_seen = ?, at_item = ? WHERE id = ?",
                [to_db(at), scored.item_index, participant.id],
            )
        return Response(
            participant.id, scored.item_index, question_key, response, score, scored.points,
            scored.seconds, confidence, tuple(feedback),
        )  # fmt: skip

    def responses(self, workshop_id: int, item_index: int | None = None) -> list[Response]:
        sql_text = "SELECT * FROM workshop_responses WHERE workshop_id = ?"
        params: list = [workshop_id]
        if item_index is not None:
            sql_text += " AND item_index = ?"
            params.append(item_index)
        with self.database.read() as sql:
            rows = list(
                sql.query(sql_text + " ORDER BY item_index, answered_at, participant_id", params)
            )
        return [response_of(r) for r in rows]

    def response(self, participant_id: int, item_index: int) -> Response | None:
        with self.database.read() as sql:
            rows = list(
                sql.query(
                    "SELECT * FROM workshop_responses WHERE participant_id = ? AND item_index = ?",
                    [participant_id, item_index],
                )
            )
        return response_of(rows[0]) if rows else None

    def totals(self, workshop_id: int, hidden_item: int | None = None) -> list[tuple]:
        """(participant id, name, team, points) for everyone who joined, in joining order;
        the points of `hidden_item` left out."""
        with self.database.read() as sql:
            return [
                (r["id"], r["name"], r["team"], r["points"])
                for r in sql.query(
                    "SELECT p.id, p.name, p.team, coalesce(sum(r.points), 0) AS points"
                    " FROM workshop_participants p LEFT JOIN workshop_responses r"
                    " ON r.participant_id = p.id AND r.item_index IS NOT ?"
                    " WHERE p.workshop_id = ? GROUP BY p.id ORDER BY p.id",
                    [hidden_item, workshop_id],
                )
            ]

    def in_series(self, name: str) -> list[Workshop]:
        """The workshops of a series, oldest first."""
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops WHERE series = ? ORDER BY id", [name]))
        return [workshop_of(r) for r in rows]


def response_of(r: dict) -> Response:
    return Response(
        r["participant_id"],
        r["item_index"],
        r["question_key"],
        json.loads(r["response"]),
        r["score"],
        r["points"],
        r["seconds"],
        r["confidence"],
        tuple(json.loads(r.get("feedback") or "[]")),
    )


def participant_of(r: dict) -> Participant:
    return Participant(
        r["id"],
        r["workshop_id"],
        r["name"],
        r["team"],
        r["device_id"],
        r["rejoin_key"],
        r["at_item"],
        datetime.fromisoformat(r["last_seen"]),
    )


def workshop_of(r: dict) -> Workshop:
    agenda = tuple(
        AgendaItem(i["kind"], i["ref"], i.get("title", "")) for i in json.loads(r["agenda"])
    )
    session = Session(
        Phase(r["phase"]),
        r["item_index"],
        len(agenda),
        from_db(r["opened_at"]),
        from_db(r["deadline"]),
    )
    return Workshop(
        r["id"],
        r["code"],
        r["title"],
        agenda,
        session,
        r["time_limit"],
        bool(r["anonymous"]),
        bool(r["leaderboard"]),
        bool(r["team_mode"]),
        r["series"],
        from_db(r["created_at"]),
        from_db(r["ended_at"]),
        r["pin_failures"],
        from_db(r["locked_until"]),
    )
