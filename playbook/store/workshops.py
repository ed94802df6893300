"""Provides WorkshopStore: live workshops in the shared database, for facilitator and room.

Every action and every answer is one BEGIN IMMEDIATE transaction, so forty participant
processes answering in the same second queue for the write lock instead of failing. An
answer checks the phase and the deadline inside its own transaction: a late answer is
refused whole, never half saved. Facilitator actions need the token that only
verify_facilitator() hands out; PIN failures are counted in the database, so
reconnecting does not reset the throttle. The participant calls return that
participant's own answers and counts, never another person's words.

Clocks are passed in as epoch seconds (`now`), as the session state machine takes them.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from math import ceil

from playbook.domain import workshop as rules
from playbook.domain.workshop import ACTIONS, AgendaItem, Row, Session
from playbook.store.db import Database
from playbook.store.workshop_records import (
    Board,
    NotFacilitator,
    Person,
    Response,
    Workshop,
    WorkshopError,
    WorkshopNotFound,
    WrongPin,
)
from playbook.store.workshop_room import ParticipantCalls
from playbook.store.workshop_rows import (
    agenda_for,
    clean,
    digest,
    hidden_item,
    iso,
    responses_of,
    totals_of,
    workshop_of,
)

__all__ = ["WorkshopStore", "agenda_for"]

MAX_TITLE = 80


class WorkshopStore(ParticipantCalls):
    """Workshops, their participants and answers, on the app's one Database."""

    def __init__(self, database: Database):
        self.database = database

    # -- creating and finding ---------------------------------------------------------

    def create(
        self,
        title: str,
        pin: str,
        agenda: Sequence[AgendaItem],
        now: float,
        *,
        time_limit: int | None = None,
        anonymous: bool = False,
        leaderboard: bool = True,
        team_mode: bool = False,
        series: str | None = None,
    ) -> Workshop:
        """A new workshop in the lobby, with a fresh join code; the PIN is stored hashed."""
        title = clean(title, "title", MAX_TITLE)
        problem = rules.check_pin_format(pin)
        if problem:
            raise WorkshopError(problem)
        if not agenda:
            raise WorkshopError("The agenda is empty: add a question or a discussion first.")
        if time_limit is not None and time_limit < 1:
            raise WorkshopError("A time limit must be at least 1 second (or none).")
        series = " ".join((series or "").split()) or None
        pin_hash = rules.hash_pin(pin)  # slow on purpose: outside the write lock
        items = [{"kind": i.kind, "ref": i.ref, "title": i.title} for i in agenda]
        with self.database.write() as sql:
            code = self._free_code(sql)
            sql.execute(
                "INSERT INTO workshops (code, title, pin_hash, agenda, time_limit, anonymous,"
                " leaderboard, team_mode, series, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    code,
                    title,
                    pin_hash,
                    json.dumps(items),
                    time_limit,
                    int(anonymous),
                    int(leaderboard),
                    int(team_mode),
                    series,
                    iso(now),
                ],
            )
        found = self.get(code)
        assert found is not None
        return found

    @staticmethod
    def _free_code(sql) -> str:
        for _ in range(100):
            code = rules.new_join_code()
            if not sql.execute("SELECT 1 FROM workshops WHERE code = ?", [code]).fetchone():
                return code
        raise WorkshopError("Could not find a free join code; try again.")

    def get(self, code: str) -> Workshop | None:
        """The workshop with this join code (typed any way: "k7m-q2p"), or None."""
        code = rules.normalize_code(code)
        if not code:
            return None
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops WHERE code = ?", [code]))
        return workshop_of(rows[0]) if rows else None

    def all(self) -> list[Workshop]:
        """Every workshop, newest first."""
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops ORDER BY id DESC"))
        return [workshop_of(r) for r in rows]

    def _require(self, sql, code: str) -> dict:
        rows = list(sql.query("SELECT * FROM workshops WHERE code = ?", [code]))
        if not rows:
            raise WorkshopNotFound(f"There is no workshop with the code {code or '(none)'}.")
        return rows[0]

    # -- the facilitator ----------------------------------------------------------------

    def verify_facilitator(self, code: str, pin: str, now: float) -> str:
        """A token for the facilitator's actions, for the right PIN; WrongPin otherwise.

        After three failures each try must wait longer (pin_delay); tries made too soon are
        refused without being checked, and the count lives in the database.
        """
        code = rules.normalize_code(code)
        with self.database.read() as sql:
            row = self._require(sql, code)
        self._refuse_if_locked(row, now)
        right = rules.verify_pin(pin, row["pin_hash"])  # slow: outside the write lock
        with self.database.write() as sql:
            row = self._require(sql, code)
            self._refuse_if_locked(row, now)
            if not right:
                failures = row["pin_failures"] + 1
                wait = rules.pin_delay(failures)
                sql.execute(
                    "UPDATE workshops SET pin_failures = ?, locked_until = ? WHERE id = ?",
                    [failures, now + wait if wait else None, row["id"]],
                )
            else:
                token = secrets.token_urlsafe(24)
                sql.execute(
                    "UPDATE workshops SET pin_failures = 0, locked_until = NULL WHERE id = ?",
                    [row["id"]],
                )
                sql.execute(
                    "INSERT INTO workshop_tokens (token_hash, workshop_id, created_at)"
                    " VALUES (?, ?, ?)",
                    [digest(token), row["id"], iso(now)],
                )
        if not right:
            later = f" Wait {wait:g} seconds before the next try." if wait else ""
            raise WrongPin(f"That is not the PIN of this workshop.{later}", wait)
        return token

    @staticmethod
    def _refuse_if_locked(row: dict, now: float) -> None:
        locked_until = row["locked_until"]
        if locked_until is not None and now < locked_until:
            wait = locked_until - now
            raise WrongPin(
                f"Too many wrong PINs: wait {ceil(wait)} more seconds before trying again.", wait
            )

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

    def act(self, token: str, action: str, now: float) -> Workshop:
        """One facilitator action (start, open, close, reveal, next, back, end), committed.

        Raises rules.NotAllowed, whose message says what can be done now.
        """
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        with self.database.write() as sql:
            row = self._facilitated(sql, token)
            workshop = workshop_of(row)
            session = rules.expire(workshop.session, now)
            is_question = workshop.current.is_question if workshop.current else False
            if action == "start":
                session = rules.start(session)
            elif action == "open":
                session = rules.open_answers(session, now, workshop.time_limit, is_question)
            elif action == "close":
                session = rules.close_answers(session)
            elif action == "reveal":
                session = rules.reveal(session)
            elif action == "next":
                session = rules.next_item(session)
            elif action == "back":
                session = rules.previous_item(session)
            else:
                session = rules.end(session)
            self._save_session(sql, row["id"], session, now)
        return self.get(workshop.code)  # type: ignore[return-value]

    def expire(self, token: str, now: float) -> bool:
        """Close answering if its deadline has passed; True if it did."""
        with self.database.write() as sql:
            row = self._facilitated(sql, token)
            session = workshop_of(row).session
            expired = rules.expire(session, now)
            if expired == session:
                return False
            self._save_session(sql, row["id"], expired, now)
        return True

    @staticmethod
    def _save_session(sql, workshop_id: int, s: Session, now: float) -> None:
        sql.execute(
            "UPDATE workshops SET phase = ?, item_index = ?, opened_at = ?, deadline = ?,"
            " ended_at = CASE WHEN ? = 'ended' THEN coalesce(ended_at, ?) END WHERE id = ?",
            [str(s.phase), s.index, s.opened_at, s.deadline, str(s.phase), iso(now), workshop_id],
        )

    def board(self, token: str, now: float) -> Board:
        """The dashboard's view: every participant, the current item's answers, the totals."""
        with self.database.read() as sql:
            workshop = workshop_of(self._facilitated(sql, token))
            responses = responses_of(sql, workshop.id)
            people_rows = list(
                sql.query(
                    "SELECT * FROM workshop_participants WHERE workshop_id = ? ORDER BY id",
                    [workshop.id],
                )
            )
        index = workshop.session.index
        current = [r for r in responses if r.item_index == index]
        answered = {r.participant_id for r in current}
        points: dict[int, int] = {}
        hidden = hidden_item(workshop.session)
        for r in responses:
            if r.item_index != hidden:
                points[r.participant_id] = points.get(r.participant_id, 0) + r.points
        people = tuple(
            Person(
                p["id"],
                p["name"],
                p["team"],
                p["at_item"],
                p["last_seen"],
                points.get(p["id"], 0),
                p["id"] in answered,
            )
            for p in people_rows
        )
        session = rules.expire(workshop.session, now)
        return Board(workshop, session, people, tuple(current), tuple(responses))

    # -- results ------------------------------------------------------------------------

    def results(self, code: str) -> tuple[Workshop, list[dict], list[Response]]:
        """A workshop with its participants (id, name, team) and every response, for exports."""
        code = rules.normalize_code(code)
        with self.database.read() as sql:
            workshop = workshop_of(self._require(sql, code))
            people = list(
                sql.query(
                    "SELECT id, name, team FROM workshop_participants WHERE workshop_id = ?"
                    " ORDER BY id",
                    [workshop.id],
                )
            )
            responses = responses_of(sql, workshop.id)
        return workshop, people, responses

    def totals(self, workshop_id: int) -> list[Row]:
        """(participant id, name, team, points) for everyone who joined."""
        with self.database.read() as sql:
            return totals_of(sql, workshop_id)

    def series(self, name: str) -> list[tuple[Workshop, list[Row]]]:
        """The workshops of a series, oldest first, each with its participants' points."""
        with self.database.read() as sql:
            rows = list(sql.query("SELECT * FROM workshops WHERE series = ? ORDER BY id", [name]))
            return [(workshop_of(r), totals_of(sql, r["id"])) for r in rows]
