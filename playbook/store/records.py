"""Provides the plain records the store hands to its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Profile:
    """Someone who uses the app on this machine: their progress is kept under it."""

    id: int
    name: str


@dataclass(frozen=True)
class Alliance:
    """One real alliance a profile works through the playbook for."""

    id: int
    profile_id: int
    name: str
    partner: str
    our_side: str
    kind: str
    last_stage: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Acknowledgement:
    """A red flag the founder has seen and answered with a note."""

    flag_id: str
    note: str
    at: datetime


@dataclass(frozen=True)
class Milestone:
    """A stage's answers (stored text) as they were when it was last done."""

    stage_id: str
    at: datetime
    answers: dict[str, str]


@dataclass(frozen=True)
class CharterExport:
    """One exported version of the charter, with the shared answers it held."""

    version: int
    at: datetime
    answers: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Attempt:
    """One run through a list of questions: a case's quiz, a retry, a review or a cram."""

    id: int
    profile_id: int
    case_id: str | None  # None for a review or cram session across cases
    mode: str  # a QuizMode: "practice" or "exam"
    kind: str  # an AttemptKind: "quiz", "retry", "review" or "cram"
    confidence: bool  # ask how sure the trainee is, for certainty-based marking
    keys: tuple[str, ...]  # question keys, in the order asked
    started_at: datetime
    finished_at: datetime | None = None
    position: int = 0  # index of the next question to ask
    orders: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    flags: tuple[str, ...] = ()  # question keys flagged to come back to (exam)
    time_limit: int | None = None  # seconds, for an exam with a limit

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class SavedAnswer:
    """One answer as the store keeps it."""

    question_key: str
    response: object  # JSON-able, as the grader reads it
    score: float
    correct: bool
    confidence: str | None
    cbm_mark: float
    seconds: float | None
    answered_at: datetime
    overridden: bool = False  # marked right by the learner after a miss ("I was right")
    feedback: tuple[str, ...] = ()  # what grading said about this response
    note: str = ""  # e.g. a near miss accepted, with the right spelling


@dataclass(frozen=True)
class CardUpdate:
    """A review card's new state after one graded answer (computed by the scheduler)."""

    state_json: str
    due: datetime
    rating: int  # FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy
