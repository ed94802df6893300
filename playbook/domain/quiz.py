"""Provides quiz grading with feedback, deterministic shuffles and certainty-based marking."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from playbook.content.models import Question

NO_ANSWER = "No answer given."
UNREADABLE = "That answer could not be read."
UNGRADABLE = "This question cannot be graded."

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


class Unreadable(Exception):
    """A response that cannot be graded; its message is shown as feedback."""


@dataclass(frozen=True)
class Grade:
    """The result of grading one response; `correct` is derived from the score."""

    score: float
    correct: bool = field(init=False)
    feedback: tuple[str, ...] = ()
    right_answer: str = ""
    explanation: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "correct", self.score >= 1.0)


class QuizScore(NamedTuple):
    points: float
    possible: int
    percent: float


# --- grading -------------------------------------------------------------------------


def grade(question: Question, response: object) -> Grade:
    """Grade a response (a plain JSON-able value); never raises on a malformed one."""
    right = right_answer(question)
    grader = _GRADERS.get(question.type)
    if grader is None:
        return Grade(0.0, (UNGRADABLE,), right, question.explanation)
    if _is_blank(question, response):
        return Grade(0.0, (NO_ANSWER,), right, question.explanation)
    try:
        score, feedback = grader(question, response)
    except Unreadable as problem:
        return Grade(0.0, (str(problem),), right, question.explanation)
    score = min(1.0, max(0.0, score))
    return Grade(score, tuple(f for f in feedback if f), right, question.explanation)


def summarize(grades: Iterable[Grade]) -> QuizScore:
    """Points scored, points possible (one a question) and the percentage."""
    scores = [g.score for g in grades]
    points = sum(scores)
    percent = 100.0 * points / len(scores) if scores else 0.0
    return QuizScore(points, len(scores), percent)


def _is_blank(question: Question, response: object) -> bool:
    """Nothing given. An empty list is an answer to a multiple choice: "none of these"."""
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, list | tuple | dict):
        return not response and question.type != "multiple"
    return False


_Graded = tuple[float, list[str]]


def _grade_single(q: Question, response: object) -> _Graded:
    choice = next((c for c in q.choices if c.id == response), None)
    if choice is None:
        raise Unreadable("That choice is not one of the options.")
    return (1.0 if choice.id == q.answer else 0.0), [choice.feedback]


def _grade_multiple(q: Question, response: object) -> _Graded:
    if not _all_text(response):
        raise Unreadable(UNREADABLE)
    ids = {c.id for c in q.choices}
    if any(r not in ids for r in response):
        raise Unreadable("That choice is not one of the options.")
    chosen, right = set(response), _right_ids(q)
    if not right:
        return (0.0 if chosen else 1.0), [c.feedback for c in q.choices if c.id in chosen]
    score = (len(chosen & right) - len(chosen - right)) / len(right)
    feedback = [c.feedback for c in q.choices if c.id in chosen or c.id in right]
    return max(0.0, score), feedback


def _all_text(response: object) -> bool:
    return isinstance(response, list | tuple) and all(isinstance(r, str) for r in response)


def _grade_true_false(q: Question, response: object) -> _Graded:
    if not isinstance(response, bool):
        raise Unreadable(UNREADABLE)
    feedback = q.feedback_true if response else q.feedback_false
    return (1.0 if response == q.answer else 0.0), [feedback]


def _grade_ordering(q: Question, response: object) -> _Graded:
    if not _all_text(response):
        raise Unreadable(UNREADABLE)
    if sorted(response) != sorted(q.items):
        raise Unreadable("That order does not use the question's items.")
    if len(response) < 2:
        return 0.0, []
    position = {item: i for i, item in enumerate(q.items)}
    steps = list(pairwise(response))
    in_order = sum(1 for a, b in steps if position[a] < position[b])
    note = f"{in_order} of {len(steps)} neighbouring pairs are in the right order."
    return in_order / len(steps), [note if in_order < len(steps) else ""]


def _grade_matching(q: Question, response: object) -> _Graded:
    if not isinstance(response, dict) or not q.pairs:
        raise Unreadable(UNREADABLE)
    right = sum(1 for p in q.pairs if response.get(p.left) == p.right)
    note = f"{right} of {len(q.pairs)} matched correctly."
    return right / len(q.pairs), [note if right < len(q.pairs) else ""]


def normalize_text(text: str) -> str:
    """Trimmed, case-folded, inner whitespace collapsed: how short answers are compared."""
    return " ".join(text.split()).casefold()


def _grade_short(q: Question, response: object) -> _Graded:
    if not isinstance(response, str):
        raise Unreadable(UNREADABLE)
    given = normalize_text(response)
    return (1.0 if any(normalize_text(a) == given for a in q.accept) else 0.0), []


_NUMBER = re.compile(r"[^\d]*?([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[^\d]*")


def parse_number(value: object) -> float | None:
    """A number from what was typed: "7.4", " 7,4 ", "7.4bn", "$1,200.5"; None if unreadable.

    One comma and no point is a decimal comma; otherwise commas separate thousands.
    Text around the number (a currency, a unit) is ignored; a second number is unreadable.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    match = _NUMBER.fullmatch(text.replace(",", ""))
    return float(match.group(1)) if match else None


def _grade_numeric(q: Question, response: object) -> _Graded:
    value = parse_number(response)
    if value is None or not isinstance(q.answer, int | float):
        raise Unreadable(f"Could not read a number in {str(response)!r}.")
    return (1.0 if abs(value - q.answer) <= q.tolerance + 1e-9 else 0.0), []


_GRADERS: dict[str, Callable[[Question, object], _Graded]] = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "true_false": _grade_true_false,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
    "short": _grade_short,
    "numeric": _grade_numeric,
}


# --- the right answer, in words -------------------------------------------------------


def right_answer(question: Question) -> str:
    """A human-readable statement of the right answer."""
    q = question
    if q.type == "single":
        return _choice_text(q, str(q.answer))
    if q.type == "multiple":
        return "; ".join(c.text for c in q.choices if c.id in _right_ids(q)) or "None of them"
    if q.type == "true_false":
        return "True" if q.answer else "False"
    if q.type == "ordering":
        return " → ".join(f"{i}. {item}" for i, item in enumerate(q.items, start=1))
    if q.type == "matching":
        return "; ".join(f"{p.left} → {p.right}" for p in q.pairs)
    if q.type == "short":
        first, *others = q.accept or ("",)
        return f"{first} (or: {', '.join(others)})" if others else first
    if q.type == "numeric" and isinstance(q.answer, int | float):
        text = " ".join(part for part in (format_number(q.answer), q.unit) if part)
        return f"{text} (±{format_number(q.tolerance)})" if q.tolerance else text
    return ""


def describe_response(question: Question, response: object) -> str:
    """What the learner answered, in words, for the results screen."""
    q = question
    if response is None or response == "" or (response == [] and q.type != "multiple"):
        return "(no answer)"
    if q.type == "single":
        return _choice_text(q, str(response))
    if q.type == "multiple" and isinstance(response, list | tuple):
        return "; ".join(c.text for c in q.choices if c.id in response) or "None of them"
    if q.type == "true_false" and isinstance(response, bool):
        return "True" if response else "False"
    if q.type == "ordering" and isinstance(response, list | tuple):
        return " → ".join(f"{i}. {item}" for i, item in enumerate(response, start=1))
    if q.type == "matching" and isinstance(response, dict):
        return "; ".join(f"{p.left} → {response.get(p.left) or '?'}" for p in q.pairs)
    return str(response)


def format_number(value: float) -> str:
    """7.4 -> "7.4", 36.0 -> "36": no trailing ".0", no float noise."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def _choice_text(q: Question, choice_id: str) -> str:
    return next((c.text for c in q.choices if c.id == choice_id), choice_id)


def _right_ids(q: Question) -> set[str]:
    if isinstance(q.answer, str):
        return {q.answer}
    return set(q.answer) if isinstance(q.answer, list | tuple) else set()


# --- deterministic shuffles -----------------------------------------------------------


def display_order(question: Question, seed: str) -> list[str]:
    """An ordering question's items, shuffled from the seed, never already in the right order."""
    items = list(question.items)
    random.Random(seed).shuffle(items)
    if len(items) >= 2 and items == list(question.items):
        items = items[1:] + items[:1]
    return items


def right_options(question: Question, seed: str) -> list[str]:
    """A matching question's right-hand options (distinct rights and distractors), shuffled."""
    options = list(dict.fromkeys([p.right for p in question.pairs] + list(question.distractors)))
    random.Random(seed).shuffle(options)
    return options


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
