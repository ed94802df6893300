"""Provides the marking of a whole quiz: scores summed, certainty-based marks, calibration.

Each question kind grades itself (content/questions.py); this is what comes after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from playbook.content.questions import Grade


class QuizMode(StrEnum):
    PRACTICE = "practice"  # feedback after each answer
    EXAM = "exam"  # feedback at the end


class AttemptKind(StrEnum):
    QUIZ = "quiz"  # a case's whole quiz
    RETRY = "retry"  # the questions missed in an attempt, again
    REVIEW = "review"  # the questions due for spaced review
    CRAM = "cram"  # review ahead of schedule: changes no schedule


CASE_KINDS = (AttemptKind.QUIZ, AttemptKind.RETRY)  # belong to one case; can be resumed

CONFIDENCE_LEVELS = ("low", "medium", "high")
# Certainty-based marking (Gardner-Medwin): the mark for (right, wrong) at each level.
CBM_MARKS = {"low": (1.0, 0.0), "medium": (2.0, -2.0), "high": (3.0, -6.0)}
# The share of right answers at which each level earns the most marks on average.
EXPECTED = {"low": (0.0, 2 / 3), "medium": (2 / 3, 0.8), "high": (0.8, 1.0)}
CONFIDENT_ENOUGH = 0.8  # above this, high confidence pays; below it, it costs

WELL_CALIBRATED = "well calibrated"
OVER_CONFIDENT = "over-confident"
UNDER_CONFIDENT = "under-confident"
NO_DATA = "no data"


class QuizScore(NamedTuple):
    points: float
    possible: int
    percent: float


def summarize(grades: Iterable[Grade]) -> QuizScore:
    """Points scored, points possible (one a question) and the percentage."""
    scores = [g.score for g in grades]
    points = sum(scores)
    percent = 100.0 * points / len(scores) if scores else 0.0
    return QuizScore(points, len(scores), percent)


# --- certainty-based marking (Gardner-Medwin) ----------------------------------------


def confidence_level(confidence: str | None) -> str:
    """The level a confidence counts as: None (not given) counts as low."""
    if confidence is None:
        return "low"
    if confidence not in CBM_MARKS:
        raise ValueError(f"confidence must be one of {CONFIDENCE_LEVELS} or None: {confidence!r}")
    return confidence


def cbm_mark(score: float, confidence: str | None) -> float:
    """Gardner-Medwin's certainty-based mark: right 1/2/3, wrong 0/-2/-6, partial in between."""
    right, wrong = CBM_MARKS[confidence_level(confidence)]
    score = min(1.0, max(0.0, score))
    return wrong + score * (right - wrong)


@dataclass(frozen=True)
class LevelStats:
    """How answers given at one confidence level went, and where that level pays best."""

    level: str
    count: int
    mean_score: float | None  # None when no answer was given at this level
    expected: tuple[float, float]


@dataclass(frozen=True)
class Calibration:
    levels: dict[str, LevelStats]  # "low", "medium", "high"
    kind: str  # WELL_CALIBRATED, OVER_CONFIDENT, UNDER_CONFIDENT or NO_DATA
    verdict: str  # one sentence for the learner


def calibration(results: Iterable[tuple[float, str | None]]) -> Calibration:
    """How well confidence matched results, judged against Gardner-Medwin's thresholds."""
    scores: dict[str, list[float]] = {level: [] for level in CONFIDENCE_LEVELS}
    for score, confidence in results:
        scores[confidence_level(confidence)].append(min(1.0, max(0.0, score)))
    levels = {
        level: LevelStats(level, len(s), sum(s) / len(s) if s else None, EXPECTED[level])
        for level, s in scores.items()
    }
    kind, verdict = _verdict(levels)
    return Calibration(levels, kind, verdict)


def _verdict(levels: dict[str, LevelStats]) -> tuple[str, str]:
    high, low = levels["high"], levels["low"]
    if not any(s.count for s in levels.values()):
        return NO_DATA, "No answers with a confidence yet."
    if high.mean_score is not None and high.mean_score < CONFIDENT_ENOUGH:
        return OVER_CONFIDENT, (
            f"Over-confident: your high-confidence answers were right {high.mean_score:.0%} "
            "of the time, and high confidence only pays above 80%."
        )
    medium = levels["medium"]
    if (
        medium.count >= 3
        and medium.mean_score is not None
        and medium.mean_score < EXPECTED["medium"][0]
    ):
        return OVER_CONFIDENT, (
            f"Over-confident: your medium-confidence answers were right {medium.mean_score:.0%} "
            "of the time; below 67%, low confidence would have cost you less."
        )
    if low.count >= 3 and low.mean_score is not None and low.mean_score > CONFIDENT_ENOUGH:
        return UNDER_CONFIDENT, (
            f"Under-confident: your low-confidence answers were right {low.mean_score:.0%} "
            "of the time, so you could have claimed more confidence."
        )
    return WELL_CALIBRATED, "Well calibrated: your confidence matched how often you were right."
