"""Provides Workshops and the two sides of a room: FacilitatorRoom and ParticipantRoom.

Each side holds its capability and can do only what it allows: the facilitator's token
(given for the right PIN, or to the server's own key) paces the session, sees every answer
and runs the room (moderate the wall, rename or remove someone, edit, copy or delete the
workshop); a participant's pass (given at join, with a session token) answers the open
question once, for themselves, and sees only their own answers, and the room's counts
until the reveal. An answer is graded once, here, and refused whole unless answering is
open on that very item and its time has not run out: the rule runs inside the answer's
own write transaction. Wrong PINs and rejoin keys are counted per client, so a guesser
slows only themselves.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from playbook.content.library import Library
from playbook.content.questions import Question
from playbook.domain import workshop as rules
from playbook.domain.workshop import ACTIONS, POLL, AgendaItem, Phase, PollSpec, Session
from playbook.domain.workshop_errors import (
    AnswerRefused,
    NameTaken,
    WorkshopError,
    WorkshopNotFound,
    WrongPin,
)
from playbook.services.clock import Clock
from playbook.services.workshop_views import (
    ONLINE_SECONDS,
    BoardView,
    ParticipantView,
    RoomViews,
    item_question,
)
from playbook.store.store import Store
from playbook.store.workshops import (
    NewResponse,
    NewWorkshop,
    Participant,
    Response,
    Scored,
    Snapshot,
    Workshop,
    WorkshopOptions,
    WorkshopRows,
    digest,
)

__all__ = ["ONLINE_SECONDS", "BoardView", "ParticipantView", "WorkshopOptions"]

MAX_TITLE = 80
MAX_NAME = 40
MAX_PROMPT = 200
CONFIDENCE = rules.CERTAINTY_LEVELS
HEARTBEAT_SECONDS = 5.0  # a participant's "still here" is written at most this often
# Rejoin keys are typed only when moving to another device (a reload or a lost connection
# rejoins with the session token). 8 characters of a 27-letter alphabet: 2.8e11 keys, and
# wrong ones are throttled per client like PINs.
REJOIN_KEY_LENGTH = 8
FREE_REJOIN_FAILURES = 3
LOCAL_CLIENT = "local"  # the client a terminal on the database's own machine counts as
SERVED_FRESH = 90.0  # a server says where it serves every 30 seconds; older is stale


def clean(text: str, what: str, longest: int) -> str:
    text = " ".join(str(text).split())
    if not text:
        raise WorkshopError(f"The {what} cannot be blank.")
    if len(text) > longest:
        raise WorkshopError(f"The {what} is too long (at most {longest} characters).")
    return text


def new_rejoin_key() -> str:
    """Characters from the join-code alphabet: easy to read aloud and to type."""
    return "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(REJOIN_KEY_LENGTH))


def display_key(key: str) -> str:
    """A rejoin key in groups of four, easier to copy: "K7MQ2PXB" -> "K7MQ-2PXB"."""
    return "-".join(key[i : i + 4] for i in range(0, len(key), 4))


def normalize_key(text: str) -> str:
    """A rejoin key as typed, cleaned up ("k7mq-2pxb" -> "K7MQ2PXB")."""
    return re.sub(r"[\s\-]+", "", text or "").upper()


def new_token() -> str:
    """A session token: 192 random bits, kept only as a hash."""
    return secrets.token_urlsafe(24)


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


def agenda_for(library: Library, parts: Iterable[tuple[str, ...]]) -> list[AgendaItem]:
    """Agenda items from ("case", id), ("question", key), ("stage", id), and polls written
    for the workshop: ("scale", prompt, low end, high end) and ("open", prompt).

    A case (or a question bank, by its id) becomes each of its questions in order; a stage
    becomes its discussion."""
    items: list[AgendaItem] = []
    polls = 0
    for kind, ref, *more in parts:
        if kind in rules.POLL_TYPES:
            polls += 1
            prompt = clean(ref, "poll's question", MAX_PROMPT)
            low, high = ([*more, "", ""])[:2] if kind == "scale" else ("", "")
            spec = PollSpec(kind, " ".join(low.split())[:40], " ".join(high.split())[:40])
            items.append(AgendaItem(POLL, f"poll-{polls}", prompt, spec))
            continue
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
        certainty: bool = False,
        auto_close: bool = False,
        hide_live: bool = False,
    ) -> Workshop:
        """A new workshop in the lobby, with a fresh join code; the PIN is stored hashed."""
        title, options = checked(
            title,
            agenda,
            WorkshopOptions(
                time_limit, anonymous, leaderboard, team_mode, series, certainty, auto_close,
                hide_live,
            ),
        )  # fmt: skip
        problem = rules.check_pin_format(pin)
        if problem:
            raise WorkshopError(problem)
        new = NewWorkshop(
            rules.new_join_code(),
            title,
            rules.hash_pin(pin),  # slow on purpose: outside the write lock
            tuple(agenda),
            options,
        )
        return self.rows.create(new, self.clock(), rules.new_join_code)

    def agenda(self, parts: Iterable[tuple[str, ...]]) -> list[AgendaItem]:
        return agenda_for(self.library, parts)

    def question(self, item: AgendaItem | None) -> Question | None:
        """The question an agenda item asks (from the library, or its poll)."""
        return item_question(self.library, item)

    def get(self, code: str) -> Workshop | None:
        """The workshop with this join code (typed any way: "k7m-q2p"), or None."""
        code = rules.normalize_code(code)
        return self.rows.get(code) if code else None

    def all(self) -> list[Workshop]:
        return self.rows.all()

    # -- the facilitator's way in ---------------------------------------------------------

    def facilitate(self, code: str, pin: str, client: str = LOCAL_CLIENT) -> FacilitatorRoom:
        """The facilitator's side of the room, for the right PIN; WrongPin otherwise.

        After three failures each try from that client must wait longer; tries made too
        soon are refused without being checked. The count is kept in the database per
        client (an address, or a device), so reconnecting does not reset it and one
        guesser never locks out the facilitator.
        """
        code = rules.normalize_code(code)
        now = self.clock()
        workshop = self.rows.get(code)
        if workshop is None:
            raise WorkshopNotFound(f"There is no workshop with the code {code or '(none)'}.")
        _refuse_if_locked(self.rows.tries(code, client, "pin")[1], now, "PINs")
        right = rules.verify_pin(pin, self.rows.pin_hash(code))  # slow: outside the lock
        refused: list[WrongPin] = []

        def decide(current: Workshop, failures: int, locked: datetime | None):
            _refuse_if_locked(locked, now, "PINs")
            if right:
                return 0, None
            failures += 1
            wait = rules.pin_delay(failures)
            later = f" {rules.wait_words(wait).capitalize()} before the next try." if wait else ""
            refused.append(WrongPin(f"That is not the PIN of this workshop.{later}", wait))
            return failures, now + timedelta(seconds=wait) if wait else None

        self.rows.record_try(code, client, "pin", decide)
        if refused:
            raise refused[0]
        return self.open_as_facilitator(code)

    def open_as_facilitator(self, code: str) -> FacilitatorRoom:
        """The facilitator's side without a PIN, for a caller that has made sure already
        (the workshop server, shown its own facilitator key)."""
        code = rules.normalize_code(code)
        if self.rows.get(code) is None:
            raise WorkshopNotFound(f"There is no workshop with the code {code or '(none)'}.")
        token = new_token()
        self.rows.add_token(code, token, self.clock())
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
        client: str = LOCAL_CLIENT,
    ) -> ParticipantRoom:
        """Join (or rejoin) a workshop under a display name.

        The same name from the same device, or with the rejoin key shown at the first join,
        is the same participant again, with their answers and score; anyone else is refused.
        Wrong rejoin keys are throttled per client. The room returned holds a fresh session
        token (`token`), which rejoins from then on without a key.
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
        key_given = normalize_key(rejoin_key or "")
        now = self.clock()
        if key_given:
            _refuse_if_locked(self.rows.tries(code, client, "rejoin")[1], now, "rejoin keys")
        wrong_key: list[bool] = []

        def decide(workshop: Workshop, existing: Participant | None) -> str | None:
            if workshop.session.phase is Phase.ENDED:
                raise WorkshopError("This workshop has ended.")
            if workshop.team_mode and team is None:
                raise WorkshopError("This workshop plays in teams: enter your team's name.")
            if existing is None:
                return new_rejoin_key()
            if existing.device_id != device_id and key_given != existing.rejoin_key:
                if key_given:
                    wrong_key.append(True)
                raise NameTaken(
                    f"Someone called {existing.name} has already joined. If that is you on"
                    " another device, enter the rejoin key you were shown; otherwise"
                    " choose another name."
                )
            return None

        token = new_token()
        try:
            participant, rejoined = self.rows.join(code, name, team, device_id, now, decide, token)
        except NameTaken as refused:
            if wrong_key:
                wait = self._count_wrong_key(code, client, now)
                if wait:
                    raise NameTaken(
                        f"That rejoin key is not right. {rules.wait_words(wait).capitalize()}"
                        " before the next try."
                    ) from None
                raise NameTaken(
                    "That rejoin key is not right: check it on your first device, or choose"
                    " another name."
                ) from None
            raise refused
        me = Pass(
            participant.workshop_id,
            code,
            participant.id,
            participant.name,
            participant.team,
            participant.rejoin_key,
            rejoined,
        )
        return ParticipantRoom(self, me, token)

    def _count_wrong_key(self, code: str, client: str, now: datetime) -> float:
        """Count a wrong rejoin key for this client; the seconds it must now wait."""
        waits: list[float] = []

        def decide(current: Workshop, failures: int, locked: datetime | None):
            failures += 1
            wait = rules.pin_delay(failures, FREE_REJOIN_FAILURES)
            waits.append(wait)
            return failures, now + timedelta(seconds=wait) if wait else None

        self.rows.record_try(code, client, "rejoin", decide)
        return waits[0] if waits else 0.0

    def resume(self, token: str) -> ParticipantRoom:
        """A participant's side again, from the session token their device holds."""
        found = self.rows.by_token(token) if token else None
        if found is None:
            raise WorkshopError("This device is not in the workshop (any more): join again.")
        workshop = self.rows.by_id(found.workshop_id)
        if workshop is None:
            raise WorkshopNotFound("This workshop is gone.")
        me = Pass(
            workshop.id, workshop.code, found.id, found.name, found.team, found.rejoin_key, True
        )
        return ParticipantRoom(self, me, token)

    def participant(self, me: Pass) -> ParticipantRoom:
        return ParticipantRoom(self, me)

    # -- the room as a whole (the server's side) ------------------------------------------

    def snapshot(self, workshop_id: int) -> Snapshot | None:
        return self.rows.snapshot(workshop_id)

    def views(self, workshop_id: int) -> RoomViews:
        """Every view of the room now, from one read (the server builds each client's from it)."""
        snapshot = self.rows.snapshot(workshop_id)
        if snapshot is None:
            raise WorkshopNotFound("This workshop is gone.")
        return self.views_of(snapshot)

    def views_of(self, snapshot: Snapshot) -> RoomViews:
        workshop = snapshot.workshop
        series: list[rules.SeriesStanding] = []
        if workshop.series and workshop.session.phase is Phase.ENDED:
            series = rules.combined_leaderboard(
                self.rows.totals(w.id) for w in self.rows.in_series(workshop.series)
            )
        return RoomViews(snapshot, self.library, self.clock(), series)

    def settle(self, workshop_id: int) -> bool:
        """What the room does by itself: close answering when its time is up, or (with the
        option) once everyone here has answered. True if the session changed."""
        now = self.clock()
        before: list[Session] = []

        def decide(workshop: Workshop, answers: int, present: int) -> Session:
            before.append(workshop.session)
            return _settled(workshop, now, answers, present)

        after = self.rows.settle_session(
            workshop_id, now, now - timedelta(seconds=ONLINE_SECONDS), decide
        )
        return bool(after is not None and before and after.session != before[0])

    def answer_all(self, answers: list[NewResponse]) -> list[Response | WorkshopError]:
        """Answers prepared by their participants' rooms, saved in one write transaction:
        each decided and refused on its own (see WorkshopRows.record_responses)."""
        return self.rows.record_responses(answers)

    def seen(self, seen: list[tuple[int, int | None]]) -> None:
        """Many participants still here (the server's connections), in one write."""
        self.rows.seen_many(seen, self.clock())

    def serving(self, address: str | None) -> None:
        """Note (or, with None, forget) the address a workshop server serves this database
        at, so a dashboard on the same machine can show it; said again while it runs."""
        self.rows.set_served(address, self.clock())

    def served_at(self) -> str | None:
        """The address a running workshop server gave (said within SERVED_FRESH seconds)."""
        return self.rows.served(self.clock() - timedelta(seconds=SERVED_FRESH))

    # -- results --------------------------------------------------------------------------

    def series(self, name: str) -> list[tuple[Workshop, list[rules.Row]]]:
        """The workshops of a series, oldest first, each with its participants' points."""
        return [(w, self.rows.totals(w.id)) for w in self.rows.in_series(name)]


def checked(
    title: str, agenda: Sequence[AgendaItem], options: WorkshopOptions
) -> tuple[str, WorkshopOptions]:
    """The title and options cleaned up, or WorkshopError saying what is wrong."""
    title = clean(title, "title", MAX_TITLE)
    if not agenda:
        raise WorkshopError("The agenda is empty: add a question or a discussion first.")
    if options.time_limit is not None and options.time_limit < 1:
        raise WorkshopError("A time limit must be at least 1 second (or none).")
    series = " ".join((options.series or "").split()) or None
    if series is not None:
        series = clean(series, "series name", MAX_TITLE)
    return title, WorkshopOptions(
        options.time_limit, options.anonymous, options.leaderboard, options.team_mode, series,
        options.certainty, options.auto_close, options.hide_live,
    )  # fmt: skip


def _settled(workshop: Workshop, now: datetime, answers: int, present: int) -> Session:
    """The session once the clock and the room have had their say."""
    session = rules.expire(workshop.session, now)
    if (
        workshop.auto_close
        and session.phase is Phase.OPEN
        and rules.everyone_answered(answers, present)
    ):
        session = rules.close_answers(session)
    return session


def _refuse_if_locked(locked_until: datetime | None, now: datetime, what: str) -> None:
    if locked_until is not None and now < locked_until:
        wait = (locked_until - now).total_seconds()
        raise WrongPin(
            f"Too many wrong {what}: {rules.wait_words(wait, more=True)} before trying again.",
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
            is_question = workshop.current.answerable if workshop.current else False
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

    def settle(self) -> bool:
        """Close answering if its time is up (or everyone here answered); True if it did."""
        return self.workshops.settle(self.workshop().id)

    def expire(self) -> bool:
        return self.settle()

    def board(self, projector: bool = False) -> BoardView:
        """Everyone, the current item with its live chart, the boards (see RoomViews)."""
        workshop = self.workshop()
        return self.workshops.views(workshop.id).board(projector)

    def version(self) -> int:
        return self.workshops.store.data_version()

    def join_url(self) -> str | None:
        """The address participants join at, while a workshop server serves this database."""
        served = self.workshops.served_at()
        return f"{served}/{self.code}" if served else None

    def question(self) -> Question | None:
        """The current item's question (from the library, or its poll)."""
        return item_question(self.workshops.library, self.workshop().current)

    # -- running the room ------------------------------------------------------------------

    def remove(self, participant_id: int) -> Participant:
        """Take someone out of the room, with their answers (their device is signed out)."""
        return self.rows.remove(self.token, participant_id)

    def rename(self, participant_id: int, name: str) -> Participant:
        return self.rows.rename(self.token, participant_id, clean(name, "name", MAX_NAME))

    def hide(self, participant_id: int, item_index: int, hidden: bool = True) -> None:
        """Take an open answer off the wall (or put it back)."""
        self.rows.hide_response(self.token, participant_id, item_index, hidden)

    def edit(
        self,
        title: str,
        agenda: Sequence[AgendaItem],
        options: WorkshopOptions,
        pin: str | None = None,
    ) -> Workshop:
        """Change the workshop before it starts: title, agenda, options (and the PIN)."""
        title, options = checked(title, agenda, options)
        pin_hash = None
        if pin:
            problem = rules.check_pin_format(pin)
            if problem:
                raise WorkshopError(problem)
            pin_hash = rules.hash_pin(pin)

        def decide(current: Workshop) -> None:
            if current.session.phase is not Phase.LOBBY:
                raise WorkshopError(
                    "This workshop has started: it can no longer be edited. Copy it to run"
                    " a changed one."
                )

        return self.rows.update(self.token, title, tuple(agenda), options, pin_hash, decide)

    def copy(self, title: str | None = None) -> Workshop:
        """A new workshop in the lobby with this one's agenda, options and PIN."""
        workshop = self.workshop()
        new = NewWorkshop(
            rules.new_join_code(),
            clean(title or workshop.title, "title", MAX_TITLE),
            self.rows.pin_hash(workshop.code),
            workshop.agenda,
            workshop.options,
        )
        return self.rows.create(new, self.workshops.clock(), rules.new_join_code)

    def delete(self) -> None:
        """Delete the workshop with every answer in it."""
        self.rows.delete(self.token)


class ParticipantRoom:
    """A participant's side: answer the open question once, see your own answers."""

    def __init__(self, workshops: Workshops, me: Pass, token: str | None = None) -> None:
        self.workshops = workshops
        self.me = me
        self.token = token  # the session token this device rejoins with

    @property
    def rows(self) -> WorkshopRows:
        return self.workshops.rows

    def _participant(self) -> Participant:
        found = self.rows.participant(self.me.participant_id, self.me.rejoin_key)
        if found is None or found.workshop_id != self.me.workshop_id:
            raise WorkshopError("You are not in this workshop any more: join again.")
        return found

    def version(self) -> int:
        return self.workshops.store.data_version()

    @property
    def token_hash(self) -> str | None:
        """What the database keeps of this device's session token."""
        return digest(self.token) if self.token else None

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

    def answer(
        self, response: object, confidence: str | None = None, item_index: int | None = None
    ) -> Response:
        """Save an answer to the current item, graded (once) and scored, or refuse it.

        Refused (AnswerRefused) unless answering is open on the item being asked now (the
        one `item_index` names, when given) and its deadline has not passed, checked inside
        the one write transaction; with the option, the same transaction closes answering
        once everyone here has answered.
        """
        (result,) = self.workshops.answer_all([self.prepare(response, confidence, item_index)])
        if isinstance(result, Exception):
            raise result
        return result

    def prepare(
        self, response: object, confidence: str | None = None, item_index: int | None = None
    ) -> NewResponse:
        """An answer checked and graded, ready to save (with others: Workshops.answer_all);
        AnswerRefused now if it cannot be taken at all."""
        if confidence is not None and confidence not in CONFIDENCE:
            raise AnswerRefused(f"How sure you are is one of {', '.join(CONFIDENCE)}.")
        participant = self._participant()
        workshop = self.rows.by_id(participant.workshop_id)
        item = workshop.current if workshop else None
        question = item_question(self.workshops.library, item) if item else None
        if workshop is None or item is None or question is None or not item.answerable:
            raise AnswerRefused("There is no question to answer now.")
        if item_index is not None and item_index != workshop.session.index:
            raise AnswerRefused("This question is not the one being asked now.")
        if question.is_blank(response):
            raise AnswerRefused("Give an answer first.")
        reason = question.refusal(response)
        if reason:
            raise AnswerRefused(reason)
        if question.is_poll:
            confidence = None
        elif workshop.certainty and confidence is None:
            raise AnswerRefused("Say how sure you are first: low, medium or high.")
        grade = question.grade(response)
        now = self.workshops.clock()
        index = workshop.session.index

        def decide(current: Workshop, answered: bool) -> Scored:
            if current.session.index != index or current.current != item:
                raise AnswerRefused("This question is not the one being asked now.")
            if not rules.can_answer(current.session, now):
                if current.session.phase is Phase.OPEN:
                    raise AnswerRefused("Too late: time was up before your answer arrived.")
                raise AnswerRefused("Answering is closed for this question.")
            if answered:
                raise AnswerRefused("You have answered this question already.")
            seconds = rules.seconds_since_open(current.session, now)
            points = 0
            if not question.is_poll:
                points = rules.score_answer(
                    grade.score, seconds, current.time_limit, confidence, current.certainty
                )
            return Scored(current.session.index, points, seconds)

        def settle(current: Workshop, answers: int, present: int) -> Session:
            return _settled(current, now, answers, present)

        return NewResponse(
            participant, question.key, response, grade.score, grade.feedback, confidence, now,
            decide, settle if workshop.auto_close else None,
            now - timedelta(seconds=ONLINE_SECONDS),
        )  # fmt: skip

    def view(self) -> ParticipantView:
        """What this participant may see now (see RoomViews.participant)."""
        self._participant()
        return self.workshops.views(self.me.workshop_id).participant(self.me.participant_id)
