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

from playbook.domain.workshop import AgendaItem, Phase, PollSpec, Session
from playbook.domain.workshop_errors import (
    NameTaken,
    NotFacilitator,
    WorkshopError,
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
    certainty: bool = False  # points follow certainty-based marks
    auto_close: bool = False  # answering closes once everyone here has answered
    hide_live: bool = False  # the live chart stays hidden until answering closes

    @property
    def current(self) -> AgendaItem | None:
        """The current agenda item (None in the lobby, or with an empty agenda)."""
        if self.session.phase is Phase.LOBBY or not self.agenda:
            return None
        return self.agenda[min(self.session.index, len(self.agenda) - 1)]

    @property
    def question_keys(self) -> list[str]:
        """The graded questions' keys (polls have no right answer, so no item analysis)."""
        return [item.ref for item in self.agenda if item.is_question]

    @property
    def options(self) -> WorkshopOptions:
        return WorkshopOptions(
            self.time_limit,
            self.anonymous,
            self.leaderboard,
            self.team_mode,
            self.series,
            self.certainty,
            self.auto_close,
            self.hide_live,
        )


@dataclass(frozen=True)
class WorkshopOptions:
    """How a workshop plays: set when it is created, changed only before it starts."""

    time_limit: int | None = None
    anonymous: bool = False
    leaderboard: bool = True
    team_mode: bool = False
    series: str | None = None
    certainty: bool = False
    auto_close: bool = False
    hide_live: bool = False


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
    token_hash: str | None = None  # the session token's hash: a device that holds it is them


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
    hidden: bool = False  # an open answer the facilitator took off the wall


@dataclass(frozen=True)
class NewWorkshop:
    code: str
    title: str
    pin_hash: str
    agenda: tuple[AgendaItem, ...]
    options: WorkshopOptions


@dataclass(frozen=True)
class Snapshot:
    """A workshop and everything in it, read in one transaction (so the parts agree)."""

    workshop: Workshop
    participants: tuple[Participant, ...]
    responses: tuple[Response, ...]


@dataclass(frozen=True)
class NewResponse:
    """An answer to save: graded already; `decide` scores it on the workshop as it is then
    (or refuses it), `settle` may then change the session (see record_response)."""

    participant: Participant
    question_key: str
    response: object
    score: float
    feedback: tuple[str, ...]
    confidence: str | None
    at: datetime
    decide: Callable[[Workshop, bool], Scored]
    settle: Callable[[Workshop, int, int], Session] | None = None
    present_since: datetime | None = None


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


def agenda_json(agenda: tuple[AgendaItem, ...] | list[AgendaItem]) -> str:
    items = []
    for i in agenda:
        item: dict = {"kind": i.kind, "ref": i.ref, "title": i.title}
        if i.poll is not None:
            item["poll"] = {"type": i.poll.type, "low": i.poll.low, "high": i.poll.high}
        items.append(item)
    return json.dumps(items)


_OPTION_COLUMNS = (
    "time_limit", "anonymous", "leaderboard", "team_mode", "series", "certainty", "auto_close",
    "hide_live",
)  # fmt: skip


def _option_values(o: WorkshopOptions) -> list:
    return [
        o.time_limit, int(o.anonymous), int(o.leaderboard), int(o.team_mode), o.series,
        int(o.certainty), int(o.auto_close), int(o.hide_live),
    ]  # fmt: skip


class WorkshopRows:
    """Workshops, their participants and answers, on the app's one Database."""

    def __init__(self, database: Database):
        self.database = database

    # -- workshops ----------------------------------------------------------------------

    def create(
        self, new: NewWorkshop, at: datetime, code_taken_retry: Callable[[], str]
    ) -> Workshop:
        """Insert a workshop in the lobby; a taken join code is replaced by a fresh one."""
        code = new.code
        with self.database.write() as sql:
            for _ in range(100):
                taken = sql.execute(
                    "SELECT 1 FROM workshops WHERE code = ?"
                    " UNION ALL SELECT 1 FROM partner_sessions WHERE code = ?"  # their own codes
                    " UNION ALL SELECT 1 FROM health_checks WHERE code = ?",
                    [code, code, code],
                ).fetchone()
                if not taken:
                    break
                code = code_taken_retry()
            sql.execute(
                "INSERT INTO workshops (code, title, pin_hash, agenda,"
                f" {', '.join(_OPTION_COLUMNS)}, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    code,
                    new.title,
                    new.pin_hash,
                    agenda_json(new.agenda),
                    *_option_values(new.options),
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

    def update(
        self,
        token: str,
        title: str,
        agenda: tuple[AgendaItem, ...],
        options: WorkshopOptions,
        pin_hash: str | None,
        decide: Callable[[Workshop], None],
    ) -> Workshop:
        """Change a workshop's title, agenda and options (and PIN, if given): `decide` sees
        it as it is now and raises to refuse (it has started)."""
        with self.database.write() as sql:
            row = self._facilitated(sql, token)
            decide(workshop_of(row))
            sets = ", ".join(f"{c} = ?" for c in _OPTION_COLUMNS)
            sql.execute(
                f"UPDATE workshops SET title = ?, agenda = ?, {sets} WHERE id = ?",
                [title, agenda_json(agenda), *_option_values(options), row["id"]],
            )
            if pin_hash is not None:
                sql.execute("UPDATE workshops SET pin_hash = ? WHERE id = ?", [pin_hash, row["id"]])
        found = self.by_id(row["id"])
        assert found is not None
        return found

    def delete(self, token: str) -> None:
        """Delete the workshop this facilitator token opens, with everything in it."""
        with self.database.write() as sql:
            workshop_id = self._facilitated(sql, token)["id"]
            for table in ("workshop_responses", "workshop_participants", "workshop_tries"):
                sql.execute(f"DELETE FROM {table} WHERE workshop_id = ?", [workshop_id])
            sql.execute("DELETE FROM workshop_tokens WHERE workshop_id = ?", [workshop_id])
            sql.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])

    def record_try(
        self,
        code: str,
        client: str,
        what: str,
        decide: Callable[[Workshop, int, datetime | None], tuple[int, datetime | None]],
    ) -> None:
        """Count a PIN or rejoin-key try for one client: `decide` gets the workshop, the
        client's failures so far and its lock, and returns the new ones (or raises)."""
        with self.database.write() as sql:
            row = self._require(sql, code)
            found = sql.execute(
                "SELECT failures, locked_until FROM workshop_tries"
                " WHERE workshop_id = ? AND client = ? AND what = ?",
                [row["id"], client, what],
            ).fetchone()
            failures, locked = (found[0], from_db(found[1])) if found else (0, None)
            failures, locked = decide(workshop_of(row), failures, locked)
            sql.execute(
                "INSERT INTO workshop_tries (workshop_id, client, what, failures, locked_until)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (workshop_id, client, what)"
                " DO UPDATE SET failures = excluded.failures,"
                " locked_until = excluded.locked_until",
                [row["id"], client, what, failures, to_db(locked) if locked else None],
            )

    def tries(self, code: str, client: str, what: str) -> tuple[int, datetime | None]:
        """A client's failures so far and how long it must wait (0, None if none)."""
        with self.database.read() as sql:
            found = sql.execute(
                "SELECT t.failures, t.locked_until FROM workshop_tries t"
                " JOIN workshops w ON w.id = t.workshop_id"
                " WHERE w.code = ? AND t.client = ? AND t.what = ?",
                [code, client, what],
            ).fetchone()
        return (found[0], from_db(found[1])) if found else (0, None)

    def add_token(self, code: str, token: str, at: datetime) -> None:
        """Let a facilitator token (given for a key rather than a PIN) open this workshop."""
        with self.database.write() as sql:
            row = self._require(sql, code)
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

    def settle_session(
        self, workshop_id: int, at: datetime, present_since: datetime, decide
    ) -> Workshop | None:
        """A change the room makes by itself (time is up, everyone has answered): `decide`
        gets the workshop, the answers to its current item and how many participants were
        seen since `present_since`, and returns the new session (or the same one)."""
        with self.database.write() as sql:
            rows = list(sql.query("SELECT * FROM workshops WHERE id = ?", [workshop_id]))
            if not rows:
                return None
            workshop = workshop_of(rows[0])
            answers, present = self._counts(sql, workshop, present_since)
            session = decide(workshop, answers, present)
            if session == workshop.session:
                return workshop
            self._save_session(sql, workshop_id, session, at)
        return self.by_id(workshop_id)

    @staticmethod
    def _counts(sql, workshop: Workshop, present_since: datetime) -> tuple[int, int]:
        answers = sql.execute(
            "SELECT count(*) FROM workshop_responses WHERE workshop_id = ? AND item_index = ?",
            [workshop.id, workshop.session.index],
        ).fetchone()[0]
        present = sql.execute(
            "SELECT count(*) FROM workshop_participants WHERE workshop_id = ? AND last_seen >= ?",
            [workshop.id, to_db(present_since)],
        ).fetchone()[0]
        return answers, present

    @staticmethod
    def _save_session(sql, workshop_id: int, s: Session, at: datetime) -> None:
        sql.execute(
            "UPDATE workshops SET phase = ?, item_index = ?, opened_at = ?, deadline = ?,"
            " settled = ?, revealed = ?,"
            " ended_at = CASE WHEN ? = 'ended' THEN coalesce(ended_at, ?) END WHERE id = ?",
            [
                str(s.phase),
                s.index,
                to_db(s.opened_at) if s.opened_at else None,
                to_db(s.deadline) if s.deadline else None,
                json.dumps(sorted(s.settled)),
                json.dumps(sorted(s.revealed)),
                str(s.phase),
                to_db(at),
                workshop_id,
            ],
        )

    def snapshot(self, workshop_id: int) -> Snapshot | None:
        """The workshop, its participants (in joining order) and every answer, read at once."""
        with self.database.read() as sql:
            own = not sql.conn.in_transaction
            if own:
                sql.execute("BEGIN")  # one read transaction: the three reads see one moment
            try:
                rows = list(sql.query("SELECT * FROM workshops WHERE id = ?", [workshop_id]))
                if not rows:
                    return None
                people = [
                    participant_of(r)
                    for r in sql.query(
                        "SELECT * FROM workshop_participants WHERE workshop_id = ? ORDER BY id",
                        [workshop_id],
                    )
                ]
                answers = [
                    response_of(r)
                    for r in sql.query(
                        "SELECT * FROM workshop_responses WHERE workshop_id = ?"
                        " ORDER BY item_index, answered_at, participant_id",
                        [workshop_id],
                    )
                ]
            finally:
                if own:
                    sql.execute("COMMIT")
        return Snapshot(workshop_of(rows[0]), tuple(people), tuple(answers))

    def set_served(self, address: str | None, at: datetime) -> None:
        """Where a workshop server serves this database (None: it stopped)."""
        from playbook.store.profiles import set_setting

        with self.database.write() as sql:
            if address is None:
                sql.execute("DELETE FROM settings WHERE key = 'workshop_server'")
            else:
                set_setting(sql, "workshop_server", json.dumps([address, to_db(at)]))

    def served(self, since: datetime) -> str | None:
        """The address a server said it serves at, if it said so since `since`."""
        with self.database.read() as sql:
            row = sql.execute("SELECT value FROM settings WHERE key = 'workshop_server'").fetchone()
        try:
            address, said = json.loads(row[0]) if row else (None, None)
        except (ValueError, TypeError):
            return None
        return address if address and said and said >= to_db(since) else None

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

    def by_token(self, token: str) -> Participant | None:
        """The participant holding this session token, if any."""
        with self.database.read() as sql:
            rows = list(
                sql.query(
                    "SELECT * FROM workshop_participants WHERE token_hash = ?", [digest(token)]
                )
            )
        return participant_of(rows[0]) if rows else None

    def set_token(self, participant_id: int, token: str) -> None:
        """Give the participant a new session token (the one held before stops working)."""
        with self.database.write() as sql:
            sql.execute(
                "UPDATE workshop_participants SET token_hash = ? WHERE id = ?",
                [digest(token), participant_id],
            )

    def remove(self, token: str, participant_id: int) -> Participant:
        """The facilitator removes a participant and their answers."""
        with self.database.write() as sql:
            workshop_id = self._facilitated(sql, token)["id"]
            found = self._member(sql, workshop_id, participant_id)
            sql.execute("DELETE FROM workshop_responses WHERE participant_id = ?", [found.id])
            sql.execute("DELETE FROM workshop_participants WHERE id = ?", [found.id])
        return found

    def rename(self, token: str, participant_id: int, name: str) -> Participant:
        """The facilitator renames a participant (NameTaken if someone has that name)."""
        with self.database.write() as sql:
            workshop_id = self._facilitated(sql, token)["id"]
            found = self._member(sql, workshop_id, participant_id)
            try:
                sql.execute(
                    "UPDATE workshop_participants SET name = ?, name_key = ? WHERE id = ?",
                    [name, name_key(name), found.id],
                )
            except sqlite3.IntegrityError:
                raise NameTaken(f"Someone called {name} has already joined.") from None
        return Participant(
            found.id, found.workshop_id, name, found.team, found.device_id, found.rejoin_key,
            found.at_item, found.last_seen,
        )  # fmt: skip

    def hide_response(self, token: str, participant_id: int, item_index: int, hidden: bool):
        """Take an open answer off the wall (or put it back)."""
        with self.database.write() as sql:
            workshop_id = self._facilitated(sql, token)["id"]
            changed = sql.execute(
                "UPDATE workshop_responses SET hidden = ?"
                " WHERE workshop_id = ? AND participant_id = ? AND item_index = ?",
                [int(hidden), workshop_id, participant_id, item_index],
            ).rowcount
        if not changed:
            raise WorkshopError("There is no such answer to hide.")

    @staticmethod
    def _member(sql, workshop_id: int, participant_id: int) -> Participant:
        rows = list(
            sql.query(
                "SELECT * FROM workshop_participants WHERE id = ? AND workshop_id = ?",
                [participant_id, workshop_id],
            )
        )
        if not rows:
            raise WorkshopError("That participant is not in this workshop (any more).")
        return participant_of(rows[0])

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
        token: str | None = None,
    ) -> tuple[Participant, bool]:
        """Add (or take back) a participant; `decide` sees the workshop and the participant
        already under that name (or None), and returns a new rejoin key to insert a new
        participant, or None to take back the existing one (or raises to refuse).
        Returns the participant and whether they had joined before. `token` becomes their
        session token (replacing the one held before)."""
        token_hash = digest(token) if token else None
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
                    "UPDATE workshop_participants SET device_id = ?, last_seen = ?,"
                    " token_hash = coalesce(?, token_hash) WHERE id = ?",
                    [device_id, to_db(at), token_hash, existing.id],
                )
                return existing, True
            try:
                cursor = sql.execute(
                    "INSERT INTO workshop_participants (workshop_id, name, name_key, team,"
                    " device_id, rejoin_key, last_seen, joined_at, token_hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        workshop.id,
                        name,
                        key,
                        team,
                        device_id,
                        rejoin_key,
                        to_db(at),
                        to_db(at),
                        token_hash,
                    ],
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

    def seen_many(self, seen: list[tuple[int, int | None]], at: datetime) -> None:
        """Many participants still here, at these items, in one transaction."""
        if not seen:
            return
        with self.database.write() as sql:
            sql.conn.executemany(
                "UPDATE workshop_participants SET at_item = ?, last_seen = ? WHERE id = ?",
                [(at_item, to_db(at), pid) for pid, at_item in seen],
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
        settle: Callable[[Workshop, int, int], Session] | None = None,
        present_since: datetime | None = None,
    ) -> Response:
        """Save an answer, or refuse it whole: `decide` sees the workshop as it is now and
        whether this participant answered its current item already, and returns what the
        answer is worth (or raises AnswerRefused). Then, in the same transaction, `settle`
        may change the session (close answering once everyone here has answered): it gets
        the workshop, the answers to the item and how many were seen since `present_since`."""
        entry = NewResponse(
            participant, question_key, response, score, feedback, confidence, at, decide,
            settle, present_since,
        )  # fmt: skip
        (result,) = self.record_responses([entry])
        if isinstance(result, Exception):
            raise result
        return result

    def record_responses(self, entries: list[NewResponse]) -> list[Response | WorkshopError]:
        """Many answers in one write transaction (a room answering at once): each is decided
        on the workshop as the ones before it left it, and refused alone (its WorkshopError
        in its place) without touching the others."""
        results: list[Response | WorkshopError] = []
        with self.database.write() as sql:
            for e in entries:
                try:
                    results.append(self._record(sql, e))
                except WorkshopError as refused:
                    results.append(refused)
        return results

    def _record(self, sql, e: NewResponse) -> Response:
        participant = e.participant
        rows = list(sql.query("SELECT * FROM workshops WHERE id = ?", [participant.workshop_id]))
        if not rows:
            raise WorkshopNotFound("This workshop is gone.")
        workshop = workshop_of(rows[0])
        answered = bool(
            sql.execute(
                "SELECT 1 FROM workshop_responses WHERE participant_id = ? AND item_index = ?",
                [participant.id, workshop.session.index],
            ).fetchone()
        )
        scored = e.decide(workshop, answered)
        sql.execute(
            "INSERT INTO workshop_responses (participant_id, workshop_id, item_index,"
            " question_key, response, score, points, seconds, confidence, answered_at,"
            " feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                participant.id,
                participant.workshop_id,
                scored.item_index,
                e.question_key,
                json.dumps(e.response),
                e.score,
                scored.points,
                scored.seconds,
                e.confidence,
                to_db(e.at),
                json.dumps(list(e.feedback)),
            ],
        )
        sql.execute(
            "UPDATE workshop_participants SET last_seen = ?, at_item = ? WHERE id = ?",
            [to_db(e.at), scored.item_index, participant.id],
        )
        if e.settle is not None and e.present_since is not None:
            answers, present = self._counts(sql, workshop, e.present_since)
            session = e.settle(workshop, answers, present)
            if session != workshop.session:
                self._save_session(sql, workshop.id, session, e.at)
        return Response(
            participant.id, scored.item_index, e.question_key, e.response, e.score, scored.points,
            scored.seconds, e.confidence, tuple(e.feedback),
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
        bool(r.get("hidden")),
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
        r.get("token_hash"),
    )


def _item_of(i: dict) -> AgendaItem:
    poll = i.get("poll")
    spec = PollSpec(poll["type"], poll.get("low", ""), poll.get("high", "")) if poll else None
    return AgendaItem(i["kind"], i["ref"], i.get("title", ""), spec)


def workshop_of(r: dict) -> Workshop:
    agenda = tuple(_item_of(i) for i in json.loads(r["agenda"]))
    session = Session(
        Phase(r["phase"]),
        r["item_index"],
        len(agenda),
        from_db(r["opened_at"]),
        from_db(r["deadline"]),
        frozenset(json.loads(r.get("settled") or "[]")),
        frozenset(json.loads(r.get("revealed") or "[]")),
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
        bool(r.get("certainty")),
        bool(r.get("auto_close")),
        bool(r.get("hide_live")),
    )
