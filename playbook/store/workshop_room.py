"""Provides ParticipantCalls: what a participant's process may do (join, answer, look).

Each call checks the participant's rejoin key. An answer is refused whole unless answering
is open on that very question and its deadline has not passed, checked inside the answer's
own BEGIN IMMEDIATE transaction. A participant sees their own answers and counts only;
the distribution comes after the reveal, as counts, never another person's words.
"""

from __future__ import annotations

import json

from playbook.content.models import Library, Question
from playbook.domain import workshop as rules
from playbook.domain.workshop import Phase, Row
from playbook.store.db import Database
from playbook.store.workshop_records import (
    AnswerRefused,
    NameTaken,
    ParticipantView,
    Pass,
    Response,
    WorkshopError,
    WorkshopNotFound,
)
from playbook.store.workshop_rows import (
    clean,
    hidden_item,
    iso,
    name_key,
    new_rejoin_key,
    response_of,
    totals_of,
    workshop_of,
)

MAX_NAME = 40
CONFIDENCE = ("low", "medium", "high")
HEARTBEAT_SECONDS = 5.0  # a participant's "still here" is written at most this often


class ParticipantCalls:
    """The participant's half of WorkshopStore."""

    database: Database

    def _require(self, sql, code: str) -> dict:
        raise NotImplementedError

    def join(
        self,
        code: str,
        name: str,
        device_id: str,
        now: float,
        *,
        team: str | None = None,
        rejoin_key: str | None = None,
    ) -> Pass:
        """Join (or rejoin) a workshop under a display name.

        The same name from the same device, or with the rejoin key shown at the first join,
        is the same participant again, with their answers and score; anyone else is refused.
        """
        typed = code
        code = rules.normalize_code(code)
        if not code:
            raise WorkshopNotFound(
                f"{typed.strip() or 'That'} is not a join code: it has 6 letters and digits,"
                " like K7M-Q2P."
            )
        name = clean(name, "name", MAX_NAME)
        team = " ".join((team or "").split()) or None
        if team is not None:
            team = clean(team, "team", MAX_NAME)
        with self.database.write() as sql:
            row = self._require(sql, code)
            if row["phase"] == Phase.ENDED:
                raise WorkshopError("This workshop has ended.")
            if row["team_mode"] and team is None:
                raise WorkshopError("This workshop plays in teams: enter your team's name.")
            found = list(
                sql.query(
                    "SELECT * FROM workshop_participants WHERE workshop_id = ? AND name_key = ?",
                    [row["id"], name_key(name)],
                )
            )
            if found:
                me = found[0]
                key_given = (rejoin_key or "").strip().upper()
                if me["device_id"] != device_id and key_given != me["rejoin_key"]:
                    raise NameTaken(
                        f"Someone called {me['name']} has already joined. If that is you on"
                        " another device, enter the rejoin key you were shown; otherwise"
                        " choose another name."
                    )
                sql.execute(
                    "UPDATE workshop_participants SET device_id = ?, last_seen = ? WHERE id = ?",
                    [device_id, now, me["id"]],
                )
                return Pass(
                    row["id"], code, me["id"], me["name"], me["team"], me["rejoin_key"], True
                )
            key = new_rejoin_key()
            cursor = sql.execute(
                "INSERT INTO workshop_participants (workshop_id, name, name_key, team,"
                " device_id, rejoin_key, last_seen, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [row["id"], name, name_key(name), team, device_id, key, now, iso(now)],
            )
        return Pass(row["id"], code, cursor.lastrowid, name, team, key)

    def _me(self, sql, me: Pass) -> dict:
        rows = list(
            sql.query(
                "SELECT * FROM workshop_participants WHERE id = ? AND rejoin_key = ?",
                [me.participant_id, me.rejoin_key],
            )
        )
        if not rows:
            raise WorkshopError("You are not in this workshop any more: join again.")
        return rows[0]

    def heartbeat(self, me: Pass, at_item: int | None, now: float, force: bool = False) -> bool:
        """Note that the participant is still here and which item they see; True if written.

        Written only when the item changed or HEARTBEAT_SECONDS passed, to spare the lock."""
        with self.database.read() as sql:
            row = self._me(sql, me)
        if not force and row["at_item"] == at_item and now - row["last_seen"] < HEARTBEAT_SECONDS:
            return False
        with self.database.write() as sql:
            sql.execute(
                "UPDATE workshop_participants SET at_item = ?, last_seen = ? WHERE id = ?",
                [at_item, now, me.participant_id],
            )
        return True

    def answer(
        self,
        me: Pass,
        question: Question,
        response: object,
        now: float,
        confidence: str | None = None,
    ) -> Response:
        """Save an answer to the current question, graded and scored, or refuse it whole.

        Refused (AnswerRefused) unless answering is open on this very question and its
        deadline has not passed, all checked inside the one write transaction.
        """
        from playbook.domain.quiz import grade

        if confidence is not None and confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {CONFIDENCE}: {confidence!r}")
        result = grade(question, response)
        payload = json.dumps(response)
        with self.database.write() as sql:
            self._me(sql, me)
            found = list(sql.query("SELECT * FROM workshops WHERE id = ?", [me.workshop_id]))
            row = found[0]
            workshop = workshop_of(row)
            item = workshop.current
            if item is None or item.ref != question.key or not item.is_question:
                raise AnswerRefused("This question is not the one being asked now.")
            if not rules.can_answer(workshop.session, now):
                if workshop.session.phase is Phase.OPEN:
                    raise AnswerRefused("Too late: time was up before your answer arrived.")
                raise AnswerRefused("Answering is closed for this question.")
            index = workshop.session.index
            if sql.execute(
                "SELECT 1 FROM workshop_responses WHERE participant_id = ? AND item_index = ?",
                [me.participant_id, index],
            ).fetchone():
                raise AnswerRefused("You have answered this question already.")
            opened = workshop.session.opened_at or now
            seconds = round(max(0.0, now - opened), 1)
            points = rules.score_answer(result.score, seconds, workshop.time_limit)
            sql.execute(
                "INSERT INTO workshop_responses (participant_id, workshop_id, item_index,"
                " question_key, response, score, points, seconds, confidence, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    me.participant_id,
                    me.workshop_id,
                    index,
                    question.key,
                    payload,
                    result.score,
                    points,
                    seconds,
                    confidence,
                    iso(now),
                ],
            )
            sql.execute(
                "UPDATE workshop_participants SET last_seen = ?, at_item = ? WHERE id = ?",
                [now, index, me.participant_id],
            )
        return Response(
            me.participant_id, index, question.key, response, result.score, points, seconds,
            confidence,
        )  # fmt: skip

    def participant_view(self, me: Pass, library: Library, now: float) -> ParticipantView:
        """What this participant may see now: the current item and their own answer to it."""
        from playbook.domain.workshop_analysis import distribution

        with self.database.read() as sql:
            self._me(sql, me)
            found = list(sql.query("SELECT * FROM workshops WHERE id = ?", [me.workshop_id]))
            row = found[0]
            workshop = workshop_of(row)
            rows: list[Row] = totals_of(sql, workshop.id, hidden_item(workshop.session))
            index = workshop.session.index
            mine_rows = list(
                sql.query(
                    "SELECT * FROM workshop_responses WHERE participant_id = ? AND item_index = ?",
                    [me.participant_id, index],
                )
            )
            answered = sql.execute(
                "SELECT count(*) FROM workshop_responses WHERE workshop_id = ? AND item_index = ?",
                [workshop.id, index],
            ).fetchone()[0]
            session = rules.expire(workshop.session, now)
            bars = None
            item = workshop.current
            if session.phase is Phase.REVEALED and item is not None and item.is_question:
                question = library.question(item.ref)
                given = [
                    json.loads(r[0])
                    for r in sql.execute(
                        "SELECT response FROM workshop_responses"
                        " WHERE workshop_id = ? AND item_index = ?",
                        [workshop.id, index],
                    )
                ]
                if question is not None:
                    bars = tuple(distribution(question, given))  # counts only, never words
        my_points = next((r[3] for r in rows if r[0] == me.participant_id), 0)
        rank = None
        if workshop.leaderboard:
            standing = rules.leaderboard(rows)
            rank = next((s.rank for s in standing if s.participant_id == me.participant_id), None)
        return ParticipantView(
            workshop,
            me,
            session,
            item,
            response_of(mine_rows[0]) if mine_rows else None,
            my_points,
            rank,
            len(rows),
            answered,
            bars,
        )
