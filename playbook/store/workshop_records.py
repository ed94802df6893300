"""Provides the records WorkshopStore hands out: a workshop, a participant's pass, views."""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook.domain.workshop import AgendaItem, Phase, Session

ONLINE_SECONDS = 15.0  # a participant not seen for longer is shown as away


class WorkshopError(Exception):
    """A workshop action that cannot be done; the message says why and what to do."""


class WorkshopNotFound(WorkshopError):
    pass


class WrongPin(WorkshopError):
    """The PIN was wrong (or tried too soon); `wait` is how long before the next try."""

    def __init__(self, message: str, wait: float = 0.0):
        super().__init__(message)
        self.wait = wait


class NameTaken(WorkshopError):
    pass


class AnswerRefused(WorkshopError):
    pass


class NotFacilitator(WorkshopError):
    pass


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
    created_at: str = ""
    ended_at: str | None = None

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
class Response:
    participant_id: int
    item_index: int
    question_key: str
    response: object
    score: float
    points: int
    seconds: float | None
    confidence: str | None


@dataclass(frozen=True)
class Person:
    """A participant as the facilitator sees them."""

    id: int
    name: str
    team: str | None
    at_item: int | None
    last_seen: float
    points: int
    answered: bool  # has answered the current item

    def online(self, now: float) -> bool:
        return now - self.last_seen <= ONLINE_SECONDS


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


@dataclass(frozen=True)
class Board:
    """The facilitator's view: everyone, the current item's answers, and the totals."""

    workshop: Workshop
    session: Session  # with an expired deadline already applied
    people: tuple[Person, ...]
    responses: tuple[Response, ...]  # the current item's
    all_responses: tuple[Response, ...] = field(default=(), repr=False)
