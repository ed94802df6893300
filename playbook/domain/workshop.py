"""Provides a live workshop's rules: join codes, PINs, the session state machine and scoring."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from math import ceil
from typing import Protocol

from playbook.domain.workshop_errors import NotAllowed

# -- join codes --------------------------------------------------------------------------------

# Easy to read aloud and to type: no 0/O, no 1/I/L, and no vowels (so no words can form).
CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ"
CODE_LENGTH = 6


class _Chooser(Protocol):
    def choice(self, seq: Sequence[str], /) -> str: ...


def new_join_code(rng: _Chooser = secrets) -> str:
    """A fresh 6-character join code, e.g. "K7MQ2P" (shown as "K7M-Q2P")."""
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """The code as typed, cleaned up ("k7m-q2p" -> "K7MQ2P"), or "" if it cannot be a code."""
    code = re.sub(r"[\s\-]+", "", text).upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def display_code(code: str) -> str:
    """The code with a dash in the middle, easier to read aloud: "K7MQ2P" -> "K7M-Q2P"."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


# -- facilitator PINs --------------------------------------------------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_PIN_FORMAT = re.compile(r"[0-9]{4,12}")
FREE_PIN_FAILURES = 3
MAX_PIN_DELAY = 30.0


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The PIN hashed with scrypt and a random salt, as "scrypt$<salt hex>$<hash hex>"."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether the PIN matches a hash_pin() value; False for a malformed stored value."""
    scheme, _, rest = stored.partition("$")
    salt_hex, _, digest_hex = rest.partition("$")
    try:
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:
        return False
    if scheme != "scrypt" or not salt or not expected:
        return False
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return hmac.compare_digest(digest, expected)


def check_pin_format(pin: str) -> str | None:
    """An error message if the PIN is not 4 to 12 digits, else None."""
    if _PIN_FORMAT.fullmatch(pin):
        return None
    return "The PIN must be 4 to 12 digits (0-9), with nothing else."


def pin_delay(failures: int, free: int = FREE_PIN_FAILURES) -> float:
    """Seconds to wait before the next try: none for `free` failures (3), then 1, 2, 4 ...
    up to 30. Used for PINs and for rejoin keys alike, counted per client."""
    if failures <= free:
        return 0.0
    exponent = min(failures - free - 1, 16)  # 2**16 is far past the cap already
    return min(MAX_PIN_DELAY, float(2**exponent))


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 item", "2 items", "1 second", "0 people" (with `many` for irregular plurals)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def wait_words(seconds: float, more: bool = False) -> str:
    """ "wait 1 second", "wait 26 more seconds": whole seconds, rounded up, at least one."""
    whole = max(1, int(seconds + 0.999))
    return f"wait {whole:,} {'more ' if more else ''}{'second' if whole == 1 else 'seconds'}"


# -- the agenda --------------------------------------------------------------------------------

QUESTION = "question"
DISCUSSION = "discussion"
POLL = "poll"
ITEM_KINDS = (QUESTION, DISCUSSION, POLL)
POLL_TYPES = ("scale", "open")


@dataclass(frozen=True)
class PollSpec:
    """A poll the facilitator wrote for this workshop: a 1-5 scale or an open question."""

    type: str  # "scale" or "open"
    low: str = ""  # a scale's ends, e.g. "Not at all" ... "Completely"
    high: str = ""

    def __post_init__(self) -> None:
        if self.type not in POLL_TYPES:
            raise ValueError(f"a poll is one of {POLL_TYPES}, not {self.type!r}")


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item: a question ("case_id/question_id"), a stage discussion (stage id),
    or a poll written for this workshop (its ref unique in the agenda, its prompt the title)."""

    kind: str  # QUESTION, DISCUSSION or POLL
    ref: str
    title: str = ""  # what to show: the question's prompt or the stage's title
    poll: PollSpec | None = None

    def __post_init__(self) -> None:
        if self.kind not in ITEM_KINDS:
            raise ValueError(f"an agenda item is one of {ITEM_KINDS}, not {self.kind!r}")
        if (self.kind == POLL) != (self.poll is not None):
            raise ValueError("a poll item, and only a poll item, carries its poll")

    @property
    def is_question(self) -> bool:
        """A question from the library (graded, scored)."""
        return self.kind == QUESTION

    @property
    def answerable(self) -> bool:
        """A question or a poll: answering can be opened on it."""
        return self.kind in (QUESTION, POLL)


# -- the session state machine -----------------------------------------------------------------


class Phase(StrEnum):
    LOBBY = "lobby"  # participants are joining; no item yet
    WAITING = "waiting"  # an item is current, answering is not open
    OPEN = "open"  # answering is open
    CLOSED = "closed"  # answering closed, the answer not yet revealed
    REVEALED = "revealed"  # the answer and the distribution are shown
    ENDED = "ended"  # final: nothing more happens


ACTIONS = ("start", "open", "close", "reveal", "next", "back", "end")


@dataclass(frozen=True)
class Session:
    """Where a workshop is: its phase, the current agenda item and the answering clock.

    An item is *settled* once its answer is revealed or the room moves on from it after
    answering opened: its answers and points then stand, and answering never opens on it
    again (a second chance after the answer was shown would be worth nearly full points).
    """

    phase: Phase
    index: int
    item_count: int
    opened_at: datetime | None = None
    deadline: datetime | None = None
    settled: frozenset[int] = frozenset()
    revealed: frozenset[int] = frozenset()

    @classmethod
    def new(cls, item_count: int) -> Session:
        return cls(Phase.LOBBY, 0, item_count)

    @property
    def is_last(self) -> bool:
        return self.index >= self.item_count - 1

    @property
    def current_settled(self) -> bool:
        return self.index in self.settled


_SITUATION = {
    Phase.LOBBY: "the workshop has not started yet",
    Phase.WAITING: "answering is not open",
    Phase.OPEN: "answering is open",
    Phase.CLOSED: "answering is closed",
    Phase.REVEALED: "the answer is revealed",
    Phase.ENDED: "the workshop has ended",
}
_DOING = {
    "start": "start the workshop",
    "open": "open answering",
    "close": "close answering",
    "reveal": "reveal the answer",
    "next": "go to the next item",
    "back": "go back",
    "end": "end the workshop",
}


def what_now(s: Session, is_question: bool | None = None) -> str:
    """Where the session is and what can be done, e.g. "answering is open; you can ..."."""
    return f"{_SITUATION[s.phase]}; {_choices(s, is_question)}"


def _choices(s: Session, is_question: bool | None) -> str:
    allowed = allowed_actions(s, is_question is not False)
    doing = [_DOING[a] for a in ACTIONS if a in allowed]
    if "open" in allowed and is_question is None:
        doing[doing.index(_DOING["open"])] += " (on a question or a poll)"
    if "next" in allowed and s.is_last:
        doing[doing.index(_DOING["next"])] = "go on (after this last item the workshop ends)"
    if not doing:
        return "nothing more can be done."
    listed = doing[0] if len(doing) == 1 else f"{', '.join(doing[:-1])} or {doing[-1]}"
    return f"you can {listed}."


def _refuse(what: str, s: Session, is_question: bool | None = None) -> NotAllowed:
    return NotAllowed(f"Cannot {what}: {what_now(s, is_question)}")


def start(s: Session) -> Session:
    """LOBBY -> WAITING on the first item."""
    if s.phase is not Phase.LOBBY:
        raise _refuse("start", s)
    if s.item_count < 1:
        raise NotAllowed("Cannot start: the agenda is empty; add an item first.")
    return Session(Phase.WAITING, 0, s.item_count)


def open_answers(
    s: Session, now: datetime, seconds: int | None, is_question: bool = True
) -> Session:
    """WAITING or CLOSED -> OPEN, with a deadline `seconds` from now (None: no time limit)."""
    if seconds is not None and seconds < 1:
        raise ValueError("a time limit must be at least 1 second, or None for no limit")
    if s.phase not in (Phase.WAITING, Phase.CLOSED):
        raise _refuse("open answering", s)
    if not is_question:
        raise NotAllowed(
            "Cannot open answering: this item is a discussion, not a question; "
            + _choices(s, is_question=False)
        )
    if s.current_settled:
        why = "its answer was revealed" if s.index in s.revealed else "the room moved on from it"
        raise NotAllowed(
            f"Cannot open answering again: {why}, so its answers and points stand; "
            + _choices(s, is_question)
        )
    deadline = None if seconds is None else now + timedelta(seconds=seconds)
    return replace(s, phase=Phase.OPEN, opened_at=now, deadline=deadline)


def close_answers(s: Session) -> Session:
    """OPEN -> CLOSED."""
    if s.phase is not Phase.OPEN:
        raise _refuse("close answering", s)
    return replace(s, phase=Phase.CLOSED)


def reveal(s: Session) -> Session:
    """OPEN or CLOSED -> REVEALED; answering closes first, and the item is settled."""
    if s.phase not in (Phase.OPEN, Phase.CLOSED):
        raise _refuse("reveal the answer", s)
    return replace(
        s, phase=Phase.REVEALED, settled=s.settled | {s.index}, revealed=s.revealed | {s.index}
    )


_MOVABLE = (Phase.WAITING, Phase.CLOSED, Phase.REVEALED)


def _leave(s: Session) -> frozenset[int]:
    """The settled items once the room leaves the current one: settled too if answering
    was ever opened on it (closed or revealed), not if it was only shown."""
    if s.phase in (Phase.CLOSED, Phase.REVEALED):
        return s.settled | {s.index}
    return s.settled


def _arrive(s: Session, index: int, settled: frozenset[int]) -> Session:
    """At another item: revealed again if it was, closed if settled, else waiting."""
    if index in s.revealed:
        phase = Phase.REVEALED
    elif index in settled:
        phase = Phase.CLOSED
    else:
        phase = Phase.WAITING
    return Session(phase, index, s.item_count, settled=settled, revealed=s.revealed)


def next_item(s: Session) -> Session:
    """To the next item; after the last item the workshop ENDS."""
    if s.phase not in _MOVABLE:
        raise _refuse("go to the next item", s)
    settled = _leave(s)
    if s.is_last:
        return Session(Phase.ENDED, s.index, s.item_count, settled=settled, revealed=s.revealed)
    return _arrive(s, s.index + 1, settled)


def previous_item(s: Session) -> Session:
    """Back to the previous item: shown as it was left (revealed, closed or waiting)."""
    if s.phase not in _MOVABLE:
        raise _refuse("go back", s)
    if s.index == 0:
        raise NotAllowed(f"Cannot go back: this is the first item; {_choices(s, None)}")
    return _arrive(s, s.index - 1, _leave(s))


def end(s: Session) -> Session:
    """Any phase -> ENDED (final)."""
    if s.phase is Phase.ENDED:
        raise _refuse("end", s)
    return Session(Phase.ENDED, s.index, s.item_count, settled=_leave(s), revealed=s.revealed)


def ends_workshop(action: str, s: Session) -> bool:
    """Whether the action would end the workshop (asked before: nobody answers after it)."""
    return action == "end" or (action == "next" and s.is_last and s.phase in _MOVABLE)


def everyone_answered(answered: int, present: int) -> bool:
    """Whether answering may close by itself: someone answered and nobody here is left."""
    return answered > 0 and answered >= present


def expire(s: Session, now: datetime) -> Session:
    """OPEN past its deadline -> CLOSED; anything else is returned unchanged."""
    if s.phase is Phase.OPEN and s.deadline is not None and now >= s.deadline:
        return replace(s, phase=Phase.CLOSED)
    return s


def can_answer(s: Session, now: datetime) -> bool:
    """Whether an answer given now counts: answering is open and the deadline has not passed."""
    return s.phase is Phase.OPEN and (s.deadline is None or now < s.deadline)


def seconds_left(s: Session, now: datetime) -> int | None:
    """Whole seconds left to answer (rounded up, never negative); None without a clock."""
    if s.phase is not Phase.OPEN or s.deadline is None:
        return None
    return max(0, ceil((s.deadline - now).total_seconds()))


def seconds_since_open(s: Session, now: datetime) -> float:
    """How long answering has been open, to a tenth of a second (0 if it is not)."""
    if s.opened_at is None:
        return 0.0
    return round(max(0.0, (now - s.opened_at).total_seconds()), 1)


def allowed_actions(s: Session, is_question: bool) -> set[str]:
    """Which of start/open/close/reveal/next/back/end the current item allows now."""
    phase = s.phase
    allowed: set[str] = set()
    if phase is Phase.LOBBY and s.item_count > 0:
        allowed.add("start")
    if phase in (Phase.WAITING, Phase.CLOSED) and is_question and not s.current_settled:
        allowed.add("open")
    if phase is Phase.OPEN:
        allowed |= {"close", "reveal"}
    if phase is Phase.CLOSED:
        allowed.add("reveal")
    if phase in _MOVABLE:
        allowed.add("next")
        if s.index > 0:
            allowed.add("back")
    if phase is not Phase.ENDED:
        allowed.add("end")
    return allowed


# -- scoring -----------------------------------------------------------------------------------

MAX_POINTS = 1000
# Certainty-based marking in a workshop (an option): Gardner-Medwin's marks, right 1/2/3 and
# wrong 0/-2/-6, in thirds of the full points, so a confident mistake costs.
CERTAINTY_MARKS = {"low": (1.0, 0.0), "medium": (2.0, -2.0), "high": (3.0, -6.0)}
CERTAINTY_LEVELS = tuple(CERTAINTY_MARKS)


def _speed(seconds: float, limit: float | None) -> float:
    if limit is None or limit <= 0:
        return 1.0
    return 0.5 + 0.5 * max(0.0, 1.0 - max(seconds, 0.0) / limit)


def score_answer(
    score: float,
    seconds: float,
    limit: float | None,
    confidence: str | None = None,
    certainty: bool = False,
) -> int:
    """Points for one answer: half for being right, half for speed (all of it without a limit).

    `score` is the grade from 0 to 1 (partial credit scales the points); a wrong answer is 0.
    With `certainty` marking, the points are the certainty mark in thirds of the full
    points: right at high confidence earns all of them, at low a third; wrong at high costs
    twice the full points, at low nothing. Speed adds only to what is earned.
    """
    score = min(max(score, 0.0), 1.0)
    if certainty:
        if confidence not in CERTAINTY_MARKS:
            raise ValueError(f"certainty marking needs a confidence: {CERTAINTY_LEVELS}")
        right, wrong = CERTAINTY_MARKS[confidence]
        mark = wrong + score * (right - wrong)
        if mark <= 0:
            return round(MAX_POINTS * mark / 3)
        return round(MAX_POINTS * mark / 3 * _speed(seconds, limit))
    if score == 0:
        return 0
    return round(MAX_POINTS * score * _speed(seconds, limit))


def certainty_points(level: str) -> tuple[int, int]:
    """(points for a right answer at full speed, points for a wrong one) at this level."""
    right, wrong = CERTAINTY_MARKS[level]
    return round(MAX_POINTS * right / 3), round(MAX_POINTS * wrong / 3)


@dataclass(frozen=True)
class Standing:
    rank: int
    participant_id: object
    name: str
    team: str | None
    points: int


@dataclass(frozen=True)
class TeamStanding:
    rank: int
    team: str
    members: int
    points: int
    mean: float  # points per member: fair between teams of different sizes


@dataclass(frozen=True)
class SeriesStanding:
    rank: int
    name: str
    points: int
    workshops: int  # how many of the workshops this person scored in


Row = tuple[object, str, str | None, int]  # (participant_id, name, team, points)


def _ranks(values: Sequence[float]) -> list[int]:
    """Competition ranks for values already sorted best first: ties share, 1, 1, 3."""
    ranks: list[int] = []
    for i, value in enumerate(values):
        ranks.append(ranks[-1] if i and value == values[i - 1] else i + 1)
    return ranks


def leaderboard(rows: Iterable[Row]) -> list[Standing]:
    """Participants by points (most first), then by name; equal points share a rank."""
    ordered = sorted(rows, key=lambda r: (-r[3], r[1].casefold(), str(r[0])))
    ranks = _ranks([r[3] for r in ordered])
    return [
        Standing(rank, pid, name, team, points)
        for rank, (pid, name, team, points) in zip(ranks, ordered, strict=True)
    ]


def _team_key(team: str | None) -> str:
    return " ".join((team or "").split()).casefold()


def team_board(rows: Iterable[Row], by: str = "points") -> list[TeamStanding]:
    """Teams with their total and mean points, ranked by `by` ("points" or "mean").

    Participants without a team are left out; team names match ignoring case and spacing,
    and a team is shown as first spelled.
    """
    if by not in ("points", "mean"):
        raise ValueError('rank teams by "points" or "mean"')
    names: dict[str, str] = {}
    totals: dict[str, list[int]] = {}
    for _pid, _name, team, points in rows:
        key = _team_key(team)
        if not key:
            continue
        names.setdefault(key, " ".join((team or "").split()))
        totals.setdefault(key, []).append(points)
    teams = [(names[k], len(p), sum(p), sum(p) / len(p)) for k, p in totals.items()]
    column = 2 if by == "points" else 3
    teams.sort(key=lambda t: (-t[column], t[0].casefold()))
    ranks = _ranks([t[column] for t in teams])
    return [TeamStanding(rank, *team) for rank, team in zip(ranks, teams, strict=True)]


def alias(number: int) -> str:
    """The name shown for a participant in an anonymous workshop: their place in joining
    order ("Participant 7"), the same on every screen and in every export."""
    return f"Participant {number}"


def anonymize(standings: Sequence[Standing]) -> list[Standing]:
    """Names replaced by "Participant 1", "Participant 2" ... in rank order, for projecting."""
    ordered = sorted(standings, key=lambda s: (s.rank, s.name.casefold(), str(s.participant_id)))
    return [replace(s, name=f"Participant {i}") for i, s in enumerate(ordered, start=1)]


def _person_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def combined_leaderboard(sessions: Iterable[Iterable[Row]]) -> list[SeriesStanding]:
    """A series' board: points summed by participant name (ignoring case and spacing).

    Each session is its own (participant_id, name, team, points) rows; a name is shown as
    first spelled.
    """
    names: dict[str, str] = {}
    points: dict[str, int] = {}
    workshops: dict[str, int] = {}
    for rows in sessions:
        seen: set[str] = set()
        for _pid, name, _team, pts in rows:
            key = _person_key(name)
            names.setdefault(key, " ".join(name.split()))
            points[key] = points.get(key, 0) + pts
            if key not in seen:
                seen.add(key)
                workshops[key] = workshops.get(key, 0) + 1
    ordered = sorted(points, key=lambda k: (-points[k], k))
    ranks = _ranks([points[k] for k in ordered])
    return [
        SeriesStanding(rank, names[k], points[k], workshops[k])
        for rank, k in zip(ranks, ordered, strict=True)
    ]


# -- open answers: the words a room used most ----------------------------------------------------

STOP_WORDS = frozenset(
    """a about after all also am an and any are as at be because been before being but by can
    could did do does doing for from had has have having he her here him his how i if in into
    is it its just me more most my no not now of on once only or other our out over own same
    she should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with
    would you your yours us much many get got make made really""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def top_words(texts: Iterable[str], limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent words across open answers (each counted once per answer), common
    little words left out; ties in alphabetical order."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for text in texts:
        seen = set()
        for match in _WORD.finditer(str(text)):
            word = match.group().strip("'’-")
            key = word.casefold()
            if len(key) < 2 or key in STOP_WORDS or key in seen:
                continue
            seen.add(key)
            shown.setdefault(key, word.lower())
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts, key=lambda k: (-counts[k], k))
    return [(shown[k], counts[k]) for k in ordered[:limit]]
