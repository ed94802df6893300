"""Provides PartnerSessions: the live two-party partner session, served by the workshop server.

A founder opens a session for an alliance: it has its own join code (never one a workshop
has) and two seats, "ours" and "partner", each opened with its own seat key (shown to the
founder, to send to the partner by email or as a QR code); a seat opened with its key is
then held with a bearer token, kept only as a hash. Each side answers the partner sheet's
questions from its own point of view, with the same rules as `partner-import`: a draft is
saved as typed, each failing answer comes back with its message, and a side submits only
when nothing fails; submitting locks that side.

Until both sides have submitted, neither sees anything of the other's answers (a seat's
view holds its own draft and only whether the other side has opened and submitted). Once
both have, the partner's answers are saved as their side (as `partner-import` does), ours
into our worksheet, and both see the gap summary on shared terms: the goal's wording word
by word, what each side named, how far apart the scores are, the exit triggers and the open
items as the charter words them. Never the private annex: no evidence, no red flags, no
due-diligence notes, and not our scores of them.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from playbook.content.fields import EVIDENCE_SOURCES, CompareField, ScoreField, WorksheetField
from playbook.content.library import Library
from playbook.domain import workshop as rules
from playbook.domain.checks import Context, read_all
from playbook.domain.gap import Gap, Resolution, gap, partner_stages
from playbook.domain.workshop import display_code, normalize_code
from playbook.domain.workshop_errors import (
    AnswerRefused,
    NotFacilitator,
    WorkshopNotFound,
    WrongPin,
)
from playbook.services.clock import Clock
from playbook.services.worksheet_files import Sheet, answer_for_file, stored_answer, verdicts
from playbook.store.partner_sessions import SEATS, PartnerSession, PartnerSessionRows
from playbook.store.records import Alliance
from playbook.store.store import Store

SEAT_KEY_LENGTH = 8  # from the join-code alphabet: 2.8e11 keys, and wrong ones are throttled
FREE_KEY_FAILURES = 3
LOCAL_CLIENT = "local"
MAX_VALUE = 4000  # characters in one answer as typed


class AnswersRefused(AnswerRefused):
    """A side's answers do not pass yet: `problems` is each failing field's messages, by
    "stage.field". The draft is kept as typed."""

    def __init__(self, message: str, problems: dict[str, list[str]]):
        super().__init__(message)
        self.problems = problems


def new_seat_key() -> str:
    return "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(SEAT_KEY_LENGTH))


def display_key(key: str) -> str:
    """A seat key in groups of four: "K7MQ2PXB" -> "K7MQ-2PXB"."""
    return "-".join(key[i : i + 4] for i in range(0, len(key), 4))


def normalize_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text or "").upper()


def other_seat(seat: str) -> str:
    return "partner" if seat == "ours" else "ours"


@dataclass(frozen=True)
class SeatStatus:
    seat: str
    company: str
    claimed: bool
    submitted: bool

    @property
    def words(self) -> str:
        if self.submitted:
            return "submitted"
        return "answering" if self.claimed else "waiting"


@dataclass(frozen=True)
class SessionInfo:
    """What the founder sees of a session: its code, both keys and where each side is."""

    code: str
    keys: dict[str, str]
    seats: tuple[SeatStatus, SeatStatus]
    finished: bool

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    def link(self, base: str, seat: str) -> str:
        """The address to send one side: the page, with that seat's key after the # (a
        browser never sends it to the server, and the page takes it off the address bar)."""
        return f"{base.rstrip('/')}/s/{self.code}#key={self.keys[seat]}"


class PartnerSessions:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.store = store
        self.library = library
        self.clock = clock

    @property
    def rows(self) -> PartnerSessionRows:
        return self.store.partner_sessions

    @property
    def stages(self):
        return partner_stages(self.library.ordered_stages)

    # -- the founder's side ------------------------------------------------------------

    def open(self, alliance: Alliance) -> SessionInfo:
        """The alliance's session under way, or a new one: ours prefilled from our
        worksheet, theirs from their answers so far (their own, from an earlier sheet)."""
        found = self.rows.open_for(alliance.id)
        if found is None:
            drafts = {
                "ours": self._as_typed(self.store.alliances.answers(alliance.id)),
                "partner": self._as_typed(self.store.alliances.partner_answers(alliance.id)),
            }
            keys = {seat: new_seat_key() for seat in SEATS}
            found = self.rows.create(
                alliance.id, rules.new_join_code(), keys, drafts, self.clock(), rules.new_join_code
            )
        return self.info(alliance, found)

    def current(self, alliance: Alliance) -> SessionInfo | None:
        """The alliance's latest session (under way or finished), if it has one."""
        found = self.rows.latest_for(alliance.id)
        return self.info(alliance, found) if found else None

    def info(self, alliance: Alliance, found: PartnerSession) -> SessionInfo:
        names = {"ours": alliance.our_side, "partner": alliance.partner}
        seats = tuple(
            SeatStatus(s, names[s], found.seats[s].claimed, found.seats[s].submitted) for s in SEATS
        )
        return SessionInfo(
            found.code,
            {s: found.seats[s].key for s in SEATS},
            seats,
            found.finished,  # type: ignore[arg-type]
        )

    def submit_ours(self, alliance: Alliance, code: str) -> bool:
        """Our side submitted from the terminal, with our worksheet's answers as they are
        now; AnswersRefused with each failing answer. True when both sides are in."""
        seat = SeatRoom(self, normalize_code(code), "ours", alliance)
        seat.save(self._as_typed(self.store.alliances.answers(alliance.id)), replace=True)
        return seat.submit()

    def _as_typed(self, answers: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
        typed: dict[str, dict[str, Any]] = {}
        for stage in self.stages:
            for answer in stage.fields:
                raw = answers.get(stage.id, {}).get(answer.id, "")
                if raw:
                    typed.setdefault(stage.id, {})[answer.id] = answer_for_file(answer, raw)
        return typed

    # -- a side's seat ---------------------------------------------------------------

    def exists(self, code: str) -> bool:
        return self.rows.get(normalize_code(code)) is not None

    def claim(self, code: str, key: str, client: str = LOCAL_CLIENT) -> tuple[SeatRoom, str]:
        """Open a seat with its key: the seat's room and a fresh bearer token (a token held
        before for that seat stops working). Wrong keys are counted per client: after three,
        each try must wait longer, and a try made too soon is refused unchecked."""
        code = normalize_code(code)
        if self.rows.get(code) is None:
            raise WorkshopNotFound(f"There is no partner session with the code {code or '(none)'}.")
        now = self.clock()
        _refuse_if_locked(self.rows.tries(code, client)[1], now)
        given = normalize_key(key)
        token = rules_token()
        refused: list[WrongPin] = []

        def decide(found: PartnerSession, failures: int, locked: datetime | None):
            _refuse_if_locked(locked, now)
            for seat in SEATS:
                if given and hmac.compare_digest(given.encode(), found.seats[seat].key.encode()):
                    return seat, 0, None
            failures += 1
            wait = rules.pin_delay(failures, FREE_KEY_FAILURES)
            later = f" {rules.wait_words(wait).capitalize()} before the next try." if wait else ""
            refused.append(WrongPin(f"That is not a key of this session.{later}", wait))
            return None, failures, now + timedelta(seconds=wait) if wait else None

        seat = self.rows.claim(code, client, token, now, decide)
        if refused or seat is None:
            raise refused[0]
        return self._room(code, seat), token

    def resume(self, code: str, token: str) -> SeatRoom:
        """The seat this bearer token holds in the session; NotFacilitator otherwise."""
        code = normalize_code(code)
        if not token:
            raise NotFacilitator("Open your seat with its key first.")
        _found, seat = self.rows.held(code, token)
        return self._room(code, seat)

    def _room(self, code: str, seat: str) -> SeatRoom:
        found = self.rows.get(code)
        alliance = self.store.alliances.get(found.alliance_id) if found else None
        if alliance is None:
            raise WorkshopNotFound("This partner session is gone.")
        return SeatRoom(self, code, seat, alliance)


def rules_token() -> str:
    """A seat's bearer token: 192 random bits, kept only as a hash."""
    return secrets.token_urlsafe(24)


def _refuse_if_locked(locked_until: datetime | None, now: datetime) -> None:
    if locked_until is not None and now < locked_until:
        wait = (locked_until - now).total_seconds()
        raise WrongPin(
            f"Too many wrong keys: {rules.wait_words(wait, more=True)} before trying again.",
            wait,
        )


class SeatRoom:
    """One side of a session: its questions, its own draft, submitting, and (only once
    both sides are in) the gap on shared terms."""

    def __init__(self, sessions: PartnerSessions, code: str, seat: str, alliance: Alliance):
        self.sessions = sessions
        self.code = code
        self.seat = seat
        self.alliance = alliance
        names = (alliance.our_side, alliance.partner)
        self.us, self.them = names if seat == "ours" else names[::-1]

    @property
    def rows(self) -> PartnerSessionRows:
        return self.sessions.rows

    def session(self) -> PartnerSession:
        found = self.rows.get(self.code)
        if found is None:
            raise WorkshopNotFound("This partner session is gone.")
        return found

    def fields(self) -> list[tuple[str, WorksheetField]]:
        return [
            (stage.id, answer.named(self.us, self.them))
            for stage in self.sessions.stages
            for answer in stage.fields
        ]

    # -- checking --------------------------------------------------------------------

    def check(self, draft: dict) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
        """(the draft's answers as stored text, each failing field's messages): the same
        shape rules as the sheet's, then the same checks as `partner-import`."""
        stored: dict[str, dict[str, str]] = {}
        problems: dict[str, list[str]] = {}
        for stage_id, answer in self.fields():
            value = (draft.get(stage_id) or {}).get(answer.id)
            text, problem = stored_answer(answer, value)
            if problem:
                problems[f"{stage_id}.{answer.id}"] = [f"{answer.label}: {problem}"]
            elif text:
                stored.setdefault(stage_id, {})[answer.id] = text
        sheet = Sheet(partner=self.them, side=self.us, answers=stored)
        ctx = Context(today=self.sessions.clock().astimezone().date(), us=self.us, them=self.them)
        found = verdicts(sheet, self.sessions.library, ctx, self.sessions.stages, with_flags=False)
        for verdict in found:
            if verdict.failing and verdict.where not in problems:
                problems.setdefault(verdict.where, []).append(verdict.message)
        return stored, problems

    # -- changes ---------------------------------------------------------------------

    def save(self, values: object, replace: bool = False) -> dict[str, list[str]]:
        """Keep the answers as typed (merged into the draft, or replacing it); returns each
        failing field's messages. Refused once this side has submitted."""
        if not isinstance(values, dict):
            raise AnswerRefused("The answers are a mapping of stage -> field -> answer.")
        known = {(s, a.id) for s, a in self.fields()}
        kept: list[tuple[str, str, object]] = []
        for stage_id, fields in values.items():
            if not isinstance(fields, dict):
                raise AnswerRefused(f"The answers of {stage_id!r} are a mapping of fields.")
            for field_id, value in fields.items():
                if (stage_id, field_id) not in known:
                    raise AnswerRefused(f"There is no question {stage_id}.{field_id} here.")
                if len(repr(value)) > MAX_VALUE:
                    raise AnswerRefused(f"The answer to {stage_id}.{field_id} is too long.")
                kept.append((stage_id, field_id, value))
        merged: dict[str, dict] = {}

        def decide(found: PartnerSession) -> dict:
            mine = found.seats[self.seat]
            if mine.submitted:
                raise AnswerRefused("This side has submitted: its answers are locked.")
            draft = {} if replace else {k: dict(v) for k, v in mine.draft.items()}
            for stage_id, field_id, value in kept:
                draft.setdefault(stage_id, {})[field_id] = value
            merged.update(draft)
            return draft

        self.rows.save_draft(self.code, self.seat, decide)
        return self.check(merged)[1]

    def submit(self) -> bool:
        """Lock this side's answers, if every one passes (AnswersRefused with each failing
        answer otherwise, the draft kept). True when the other side is in too: then both
        sides' answers are saved, and the gap is shown to both."""

        def decide(found: PartnerSession) -> dict[str, dict[str, str]]:
            mine = found.seats[self.seat]
            if mine.submitted:
                raise AnswerRefused("This side has submitted already: its answers are locked.")
            stored, problems = self.check(mine.draft)
            if problems:
                count = len(problems)
                raise AnswersRefused(
                    f"{count} answer{'s' if count != 1 else ''} to put right before "
                    "submitting: your draft is kept.",
                    problems,
                )
            return stored

        return self.rows.submit(self.code, self.seat, self.sessions.clock(), decide)

    # -- what this side may see ------------------------------------------------------

    def view(self) -> dict[str, Any]:
        """Everything this side may see now, as plain JSON: never the other side's answers
        before both have submitted."""
        found = self.session()
        mine, other = found.seats[self.seat], found.seats[other_seat(self.seat)]
        _stored, problems = self.check(mine.draft)
        return {
            "code": found.code,
            "display_code": display_code(found.code),
            "seat": self.seat,
            "us": self.us,
            "them": self.them,
            "alliance": self.alliance.name,
            "questions": [self._question(stage_id, a) for stage_id, a in self.fields()],
            "sources": [list(s) for s in EVIDENCE_SOURCES],
            "draft": mine.draft,
            "problems": problems,
            "submitted": mine.submitted,
            "other": {"claimed": other.claimed, "submitted": other.submitted},
            "gap": self.shared_gap(found) if found.finished else None,
        }

    def _question(self, stage_id: str, answer: WorksheetField) -> dict[str, Any]:
        question: dict[str, Any] = {
            "stage": stage_id,
            "id": answer.id,
            "kind": str(answer.kind),
            "label": answer.label,
            "prompt": answer.prompt,
            "hint": answer.hint,
            "required": answer.required,
            "options": [[o.id, o.label] for o in answer.options],
        }
        if isinstance(answer, CompareField):
            question["poles"] = list(answer.poles)
        if isinstance(answer, ScoreField):
            question["anchored"] = True
        return question

    def shared_gap(self, found: PartnerSession) -> dict[str, Any]:
        """The gap of the two sides' submitted answers, on shared terms, from this side."""
        ours = found.seats["ours"].answers or {}
        theirs = found.seats["partner"].answers or {}
        stages = tuple(self.sessions.library.ordered_stages)
        alliances = self.sessions.store.alliances
        resolved = {
            item: Resolution(item, fingerprint, agreed, by, at)
            for item, fingerprint, agreed, by, at in alliances.resolutions(self.alliance.id)
        }
        return shared_terms(
            gap(
                stages,
                read_all(stages, ours),
                read_all(stages, theirs),
                self.alliance.our_side,
                self.alliance.partner,
                resolved,
            ),
            self.seat,
        )


def shared_terms(found: Gap, seat: str) -> dict[str, Any]:
    """What both sides may see of the gap: the goal's two wordings word by word, what each
    side named, the exit triggers, how far apart the scores and the cultures are (with the
    viewer's own scores only), and the open items as the charter words them."""
    us, them = found.us, found.them
    who = {"ours": us, "theirs": them, "same": None}
    mine = seat == "ours"
    return {
        "goal": {
            "same": found.goal.same,
            "runs": [{"who": who[kind], "words": words} for kind, words in found.goal.runs],
        },
        "lists": [
            {
                "heading": heading,
                "named": [[us, list(lists.only_ours)], [them, list(lists.only_theirs)]],
                "both": list(lists.both),
            }
            for _field_id, heading, lists in found.lists
        ],
        "triggers": {
            "named": [
                [us, list(found.triggers.only_ours)],
                [them, list(found.triggers.only_theirs)],
            ],
            "both": list(found.triggers.both),
        },
        "scores": [
            {"label": s.label, "gap": s.gap, "yours": s.ours if mine else s.theirs}
            for s in found.scores
        ],
        "cultures": [{"label": f"{p.label}: {p.company}", "gap": p.gap} for p in found.places],
        "open": [i.charter_text for i in found.open],
    }
