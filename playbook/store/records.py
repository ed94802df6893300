"""Provides the plain records the store hands to its callers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Profile:
    id: int
    name: str


@dataclass(frozen=True)
class Alliance:
    id: int
    profile_id: int
    name: str
    partner: str
    our_side: str
    kind: str
    last_stage: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Attempt:
    """One run through a list of questions: a case's quiz, a retry, a review or a cram."""

    id: int
    profile_id: int
    case_id: str | None  # None for a review or cram session across cases
    mode: str  # "practice" or "exam"
    kind: str  # "quiz", "retry", "review" or "cram"
    confidence: bool  # ask how sure the trainee is, for certainty-based marking
    keys: tuple[str, ...]  # question keys, in the order asked
    started_at: datetime
    finished_at: datetime | None = None
    position: int = 0  # index of the next question to ask

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
