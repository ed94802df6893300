"""Provides the row helpers shared by the workshop store: records from rows, clean names."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

from playbook.content.models import Library
from playbook.domain import workshop as rules
from playbook.domain.workshop import AgendaItem, Phase, Row, Session
from playbook.store.workshop_records import Response, Workshop, WorkshopError


def iso(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds")


def clean(text: str, what: str, longest: int) -> str:
    text = " ".join(str(text).split())
    if not text:
        raise WorkshopError(f"The {what} cannot be blank.")
    if len(text) > longest:
        raise WorkshopError(f"The {what} is too long (at most {longest} characters).")
    return text


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_rejoin_key() -> str:
    """Four characters from the join-code alphabet: short to copy, easy to read aloud."""
    return "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(4))


def hidden_item(session: Session) -> int | None:
    """The item whose points stay hidden: the current one, until its answer is revealed
    (a board that jumped while answering is open would tell the room who got it right)."""
    return session.index if session.phase in (Phase.OPEN, Phase.CLOSED) else None


def totals_of(sql, workshop_id: int, hidden: int | None = None) -> list[Row]:
    """(participant id, name, team, points) for everyone who joined, in joining order."""
    return [
        (r["id"], r["name"], r["team"], r["points"])
        for r in sql.query(
            "SELECT p.id, p.name, p.team, coalesce(sum(r.points), 0) AS points"
            " FROM workshop_participants p LEFT JOIN workshop_responses r"
            " ON r.participant_id = p.id AND r.item_index IS NOT ?"
            " WHERE p.workshop_id = ? GROUP BY p.id ORDER BY p.id",
            [hidden, workshop_id],
        )
    ]


def responses_of(sql, workshop_id: int) -> list[Response]:
    return [
        response_of(r)
        for r in sql.query(
            "SELECT * FROM workshop_responses WHERE workshop_id = ?"
            " ORDER BY item_index, answered_at, participant_id",
            [workshop_id],
        )
    ]


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
    )


def workshop_of(r: dict) -> Workshop:
    agenda = tuple(
        AgendaItem(i["kind"], i["ref"], i.get("title", "")) for i in json.loads(r["agenda"])
    )
    session = Session(
        Phase(r["phase"]), r["item_index"], len(agenda), r["opened_at"], r["deadline"]
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
        r["created_at"],
        r["ended_at"],
    )


def agenda_for(library: Library, parts: Iterable[tuple[str, str]]) -> list[AgendaItem]:
    """Agenda items from ("case", id), ("question", key) and ("stage", id) parts.

    A case becomes each of its questions in order; a stage becomes its discussion."""
    items: list[AgendaItem] = []
    for kind, ref in parts:
        if kind == "case":
            case = library.cases.get(ref)
            if case is None:
                raise WorkshopError(f"There is no case {ref!r}.")
            items += [AgendaItem(rules.QUESTION, q.key, q.prompt) for q in case.questions]
        elif kind == "question":
            question = library.question(ref)
            if question is None:
                raise WorkshopError(f"There is no question {ref!r}.")
            items.append(AgendaItem(rules.QUESTION, question.key, question.prompt))
        elif kind == "stage":
            stage = library.stages.get(ref)
            if stage is None:
                raise WorkshopError(f"There is no playbook stage {ref!r}.")
            items.append(AgendaItem(rules.DISCUSSION, stage.id, f"Discuss: {stage.title}"))
        else:
            raise ValueError(f"unknown agenda part {kind!r}")
    return items
