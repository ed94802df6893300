"""Provides Workshops and the two sides of a room: FacilitatorRoom and ParticipantRoom.

Each side holds its capability and can do only what it allows: the facilitator's token
(given for the right PIN) paces the session and sees every answer; a participant's pass
(given at join) answers the open question once, for themselves, and sees only their own
answers, and the room's counts after the reveal. An answer is graded once, here, and
refused whole unless answering is open on that very question and its time has not run
out: the rule runs inside the answer's own write transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from playbook.content.models import Library
from playbook.content.questions import Question
from playbook.domain import workshop as rules
from playbook.domain.workshop import (
    ACTIONS,
    AgendaItem,
    AnswerRefused,
    NameTaken,
    Phase,
    Session,
    WorkshopError,
    WorkshopNotFound,
    WrongPin,
)
from playbook.services.clock import Clock
from playbook.store.store import Store
from playbook.store.workshops import (
    NewWorkshop,
    Participant,
    Response,
    Scored,
    Workshop,
    WorkshopRows,
)

MAX_TITLE = 80
MAX_NAME = 40
CONFIDENCE = ("low", "medium", "high")
HEARTBEAT_SECONDS = 5.0  # a participant's "still here" is written at most this often
ONLINE_SECONDS = 15.0  # a participant not seen for longer is shown as away
REJOIN_KEY_LENGTH = 4


def clean(text: str, what: str, longest: int) -> str:
    text = " ".join(str(text).split())
    if not text:
        raise WorkshopError(f"The {what} cannot be blank.")
    if len(text) > longest:
        raise WorkshopError(f"The {what} is too long (at most {longest} characters).")
    return text


def new_rejoin_key() -> str:
    """Characters from the join-code alphabet: short to copy, easy to read aloud."""
    return "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(REJOIN_KEY_LENGTH))


def hidden_item(session: Session) -> int | None:
    """The item whose points stay hidden: the current one, until its answer is revealed
    (a board that jumped while answering is open would tell the room who got it right)."""
    return session.index if session.phase in (Phase.OPEN, Phase.CLOSED) else None


@dataclass(frozen=True)
class Pass:
    """What a participant holds after joining: who they are, and the key to rejoin."""

    workshop_id: int
    code: str
    participant_id: int
    name: str
    team: str | None
    rejoin_key: str
    rejoined: bool = False  # True when this name had joined before


@dataclass(frozen=True)
class Person:
    """A participant as the facilitator sees them."""

    id: int
    name: str
    team: str | None
    at_item: int | None
    last_seen: datetime
    points: int
    answered: bool  # has answered the current item

    def online(self, now: datetime) -> bool:
        return (now - self.last_seen).total_seconds() <= ONLINE_SECONDS


@dataclass(frozen=True)
class Board:
    """The facilitator's view: everyone, the current item's answers, and the totals."""

    workshop: Workshop
    session: Session  # with an expired deadline already applied
    people: tuple[Person, ...]
    responses: tuple[Response, ...]  # the current item's
    all_responses: tuple[Response, ...] = field(default=(), repr=False)

    def visible(self, now: datetime) -> tuple:
        """What a viewer of the board can see change: a new board is drawn only when this
        differs (a participant's heartbeat alone changes nothing shown)."""
        return (
            self.workshop.session,
            self.session,
            tuple((p.id, p.name, p.team, p.at_item, p.points, p.answered, p.online(now))
                  for p in self.people),
            len(self.all_responses),
        )  # fmt: skip


@dataclass(frozen=True)
class ParticipantView:
    """Everything one participant may see: their own answers and the current item only.

    `distribution` (bars of counts, never anyone's words) is filled only after the reveal.
    """

    workshop: Workshop
    me: Pass
    session: Session  # with an expired deadline already applied
    item: AgendaItem | None
    mine: Response | None  # my answer to the current item
    my_points: int
    my_rank: int | None  # None when the leaderboard is off
    people: int  # how many have joined
    answered: int  # how many answered the current item (a count only)
    distribution: tuple[tuple[str, int], ...] | None = None

    def visible(self) -> tuple:
        return (
            self.session, self.item, self.mine, self.my_points, self.my_rank, self.people,
            self.answered, self.distribution,
        )  # fmt: skip


def agenda_for(library: Library, parts: Iterable[tuple[str, str]]) -> list[AgendaItem]:
    """Agenda items from ("case", id), ("question", key) and ("stage", id) parts.

    A case (or a question bank, by its id) becomes each of its questions in order; a stage
    becomes its discussion."""
    items: list[AgendaItem] = []
    for kind, ref in parts:
        if kind == "case":
            case = library.owner(ref)
            if case is None:
                raise WorkshopError(f"There is no case or question bank {ref!r}.")
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


class Workshops:
    """Creating, finding and opening workshops: the way into either side of a room."""

    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.store = store
        self.library = library
        self.clock = clock

    @property
    def rows(self) -> WorkshopRows:
        return self.store.workshops

    def create(
        self,
        title: str,
        pin: str,
        agenda: Sequence[AgendaItem],
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
        new = NewWorkshop(
            rules.new_join_code(),
            title,
            rules.hash_pin(pin),  # slow on purpose: outside the write lock
            tuple(agenda),
            time_limit,
            anonymous,
            leaderboard,
            team_mode,
            series,
        )
        return self.rows.create(new, self.clock(), rules.new_join_code)

    def agenda(self, parts: Iterable[tuple[str, str]]) -> list[AgendaItem]:
        return agenda_for(self.library, parts)

    def get(self, code: str) -> Workshop | None:
        """The workshop with this join code (typed any way: "k7m-q2p"), or None."""
        code = rules.normalize_code(code)
        return self.rows.get(code) if code else None

    def all(self) -> list[Workshop]:
        return self.rows.all()

    # -- the facilitator's way in ---------------------------------------------------------

    def facilitate(self, code: str, pin: str) -> FacilitatorRoom:
        """The facilitator's side of the room, for the right PIN; WrongPin otherwise.

        After three failures each try must wait longer; tries made too soon are refused
        without being checked, and the count is kept in the database.
        """
        code = rules.normalize_code(code)
        now = self.clock()
        workshop = self.rows.get(code)
        if workshop is None:
            raise WorkshopNotFound(f"There is no workshop with the code {code or '(none)'}.")
        _refuse_if_locked(workshop, now)
        right = rules.verify_pin(pin, self.rows.pin_hash(code))  # slow: outside the lock
        token = secrets.token_urlsafe(24) if right else None
        refused: list[WrongPin] = []

        def decide(current: Workshop) -> tuple[int, datetime | None, str | None]:
            _refuse_if_locked(current, now)
            if right:
                return 0, None, token
            failures = current.pin_failures + 1
            wait = rules.pin_delay(failures)
            later = f" Wait {wait:g} seconds before the next try." if wait else ""
            refused.append(WrongPin(f"That is not the PIN of this workshop.{later}", wait))
            return failures, now + timedelta(seconds=wait) if wait else None, None

        self.rows.record_pin_try(code, now, decide)
        if refused:
            raise refused[0]
        assert token is not None
        return FacilitatorRoom(self, code, token)

    def facilitator(self, code: str, token: str) -> FacilitatorRoom:
        """The facilitator's side again, with a token given earlier (checked on every call)."""
        return FacilitatorRoom(self, rules.normalize_code(code), token)

    # -- the participant's way in ---------------------------------------------------------

    def join(
        self,
        code: str,
        name: str,
        device_id: str,
        *,
        team: str | None = None,
        rejoin_key: str | None = None,
    ) -> ParticipantRoom:
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
        key_given = (rejoin_key or "").strip().upper()

        def decide(workshop: Workshop, existing: Participant | None) -> str | None:
            if workshop.session.phase is Phase.ENDED:
                raise WorkshopError("This workshop has ended.")
            if workshop.team_mode and team is None:
                raise WorkshopError("This workshop plays in teams: enter your team's name.")
            if existing is None:
                return new_rejoin_key()
            if existing.device_id != device_id and key_given != existing.rejoin_key:
                raise NameTaken(
                    f"Someone called {existing.name} has already joined. If that is you on"
                    " another device, enter the rejoin key you were shown; otherwise"
                    " choose another name."
                )
            return None

        participant, rejoined = self.rows.join(code, name, team, device_id, self.clock(), decide)
        me = Pass(
            participant.workshop_id,
            code,
            participant.id,
            participant.name,
            participant.team,
            participant.rejoin_key,
            rejoined,
        )
        return ParticipantRoom(self, me)

    def participant(self, me: Pass) -> ParticipantRoom:
        return ParticipantRoom(self, me)

    # -- results --------------------------------------------------------------------------

    def series(self, name: str) -> list[tuple[Workshop, list[rules.Row]]]:
        """The workshops of a series, oldest first, each with its participants' points."""
        return [(w, self.rows.totals(w.id)) for w in self.rows.in_series(name)]


def _refuse_if_locked(workshop: Workshop, now: datetime) -> None:
    locked_until = workshop.locked_until
    if locked_until is not None and now < locked_until:
        wait = (locked_until - now).total_seconds()
        seconds = max(1, int(wait + 0.999))
        raise WrongPin(
            f"Too many wrong PINs: wait {seconds} more second{'s' if seconds != 1 else ''}"
            " before trying again.",
            wait,
        )


class FacilitatorRoom:
    """The facilitator's side: pace the session, see the room and every answer."""

    def __init__(self, workshops: Workshops, code: str, token: str) -> None:
        self.workshops = workshops
        self.code = code
        self.token = token

    @property
    def rows(self) -> WorkshopRows:
        return self.workshops.rows

    def workshop(self) -> Workshop:
        return self.rows.facilitated(self.token)

    def act(self, action: str) -> Workshop:
        """One action (start, open, close, reveal, next, back, end), committed.

        Raises NotAllowed, whose message says what can be done now.
        """
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        now = self.workshops.clock()

        def decide(workshop: Workshop) -> Session:
            session = rules.expire(workshop.session, now)
            is_question = workshop.current.is_question if workshop.current else False
            if action == "start":
                return rules.start(session)
            if action == "open":
                return rules.open_answers(session, now, workshop.time_limit, is_question)
            if action == "close":
                return rules.close_answers(session)
            if action == "reveal":
                return rules.reveal(session)
            if action == "next":
                return rules.next_item(session)
            if action == "back":
                return rules.previous_item(session)
            return rules.end(session)

        return self.rows.change_session(self.token, now, decide)

    def expire(self) -> bool:
        """Close answering if its deadline has passed; True if it did."""
        now = self.workshops.clock()
        before = self.workshop().session
        after = self.rows.change_session(
            self.token, now, lambda w: rules.expire(w.session, now)
        ).session
        return after != before and before.phase is Phase.OPEN

    def board(self) -> Board:
        """Every participant, the current item's answers, the totals."""
        workshop = self.rows.facilitated(self.token)
        responses = self.rows.responses(workshop.id)
        participants = self.rows.participants(workshop.id)
        index = workshop.session.index
        current = [r for r in responses if r.item_index == index]
        answered = {r.participant_id for r in current}
        hidden = hidden_item(workshop.session)
        points: dict[int, int] = {}
        for r in responses:
            if r.item_index != hidden:
                points[r.participant_id] = points.get(r.participant_id, 0) + r.points
        people = tuple(
            Person(
                p.id, p.name, p.team, p.at_item, p.last_seen, points.get(p.id, 0), p.id in answered
            )
            for p in participants
        )
        session = rules.expire(workshop.session, self.workshops.clock())
        return Board(workshop, session, people, tuple(current), tuple(responses))

    def question(self) -> Question | None:
        """The current item's question, when it is one this library has."""
        item = self.workshop().current
        if item is None or not item.is_question:
            return None
        return self.workshops.library.question(item.ref)


class ParticipantRoom:
    """A participant's side: answer the open question once, see your own answers."""

    def __init__(self, workshops: Workshops, me: Pass) -> None:
        self.workshops = workshops
        self.me = me
        self._beat: tuple[int | None, datetime] | None = None

    @property
    def rows(self) -> WorkshopRows:
        return self.workshops.rows

    def _participant(self) -> Participant:
        found = self.rows.participant(self.me.participant_id, self.me.rejoin_key)
        if found is None or found.workshop_id != self.me.workshop_id:
            raise WorkshopError("You are not in this workshop any more: join again.")
        return found

    def heartbeat(self, at_item: int | None, force: bool = False) -> bool:
        """Note that the participant is still here and which item they see; True if written.

        Written only when the item changed or HEARTBEAT_SECONDS passed, to spare the lock."""
        now = self.workshops.clock()
        participant = self._participant()
        if (
            not force
            and participant.at_item == at_item
            and (now - participant.last_seen).total_seconds() < HEARTBEAT_SECONDS
        ):
            return False
        self.rows.seen(participant.id, at_item, now)
        return True

    def answer(self, response: object, confidence: str | None = None) -> Response:
        """Save an answer to the current question, graded (once) and scored, or refuse it.

        Refused (AnswerRefused) unless answering is open on the question being asked now
        and its deadline has not passed, checked inside the one write transaction.
        """
        if confidence is not None and confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {CONFIDENCE}: {confidence!r}")
        participant = self._participant()
        workshop = self.rows.by_id(participant.workshop_id)
        item = workshop.current if workshop else None
        question = self.workshops.library.question(item.ref) if item and item.is_question else None
        if question is None:
            raise AnswerRefused("There is no question to answer now.")
        reason = question.refusal(response)
        if reason:
            raise AnswerRefused(reason)
        grade = question.grade(response)
        now = self.workshops.clock()

        def decide(current: Workshop, answered: bool) -> Scored:
            item = current.current
            if item is None or item.ref != question.key or not item.is_question:
                raise AnswerRefused("This question is not the one being asked now.")
            if not rules.can_answer(current.session, now):
                if current.session.phase is Phase.OPEN:
                    raise AnswerRefused("Too late: time was up before your answer arrived.")
                raise AnswerRefused("Answering is closed for this question.")
            if answered:
                raise AnswerRefused("You have answered this question already.")
            seconds = rules.seconds_since_open(current.session, now)
            points = rules.score_answer(grade.score, seconds, current.time_limit)
            return Scored(current.session.index, points, seconds)

        return self.rows.record_response(
            participant, question.key, response, grade.score, grade.feedback, confidence, now,
            decide,
        )  # fmt: skip

    def view(self) -> ParticipantView:
        """What this participant may see now: the current item and their own answer to it."""
        self._participant()
        workshop = self.rows.by_id(self.me.workshop_id)
        if workshop is None:
            raise WorkshopNotFound("This workshop is gone.")
        now = self.workshops.clock()
        rows = self.rows.totals(workshop.id, hidden_item(workshop.session))
        index = workshop.session.index
        mine = self.rows.response(self.me.participant_id, index)
        current = self.rows.responses(workshop.id, index)
        session = rules.expire(workshop.session, now)
        bars = None
        item = workshop.current
        if session.phase is Phase.REVEALED and item is not None and item.is_question:
            question = self.workshops.library.question(item.ref)
            if question is not None:  # counts only, never anyone's words
                bars = tuple(question.distribution((r.response, r.score) for r in current))
        my_points = next((r[3] for r in rows if r[0] == self.me.participant_id), 0)
        rank = None
        if workshop.leaderboard:
            standing = rules.leaderboard(rows)
            rank = next(
                (s.rank for s in standing if s.participant_id == self.me.participant_id), None
            )
        return ParticipantView(
            workshop, self.me, session, item, mine, my_points, rank, len(rows), len(current), bars
        )
