"""Provides the quiz question kinds: one class per kind, each reading, grading and showing itself.

A kind knows the front-matter keys it takes (and checks them), how to grade a response
(always a plain JSON-able value: a choice id, a list of ids, a bool, a list of items, a
{left: right} mapping, or text), how to say the right answer and a given answer in words,
the bars of a room's answers, and which texts would give its answer away. Adding a kind
means one class here (registered in KINDS) and one answer widget in the terminal app.

Grading is pure (the question and the response, nothing else), so it lives with the
questions; marking across questions (certainty marks, calibration) is in domain/quiz.py.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from playbook.content.answers import (
    NotANumber,
    fold,
    format_number,
    match_text,
    read_quantity,
    readings_in_unit,
    unit_scale,
)
from playbook.content.placeholders import is_placeholder

if TYPE_CHECKING:
    from playbook.content.frontmatter import LineDict
    from playbook.content.reader import Reader

NO_ANSWER = "No answer given."
UNREADABLE = "That answer could not be read."
NOT_AN_OPTION = "That choice is not one of the options."
RIGHT, PARTLY, WRONG = "Right", "Partly right", "Wrong"


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    ORDERING = "ordering"
    MATCHING = "matching"
    SHORT = "short"
    NUMERIC = "numeric"


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
    note: str = ""  # e.g. "Accepted; it is spelled Cerberus." for a near miss

    def __post_init__(self) -> None:
        object.__setattr__(self, "correct", self.score >= 1.0)


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    feedback: str = ""
    # The share of the marks picking it earns, in percent (negative: it costs marks);
    # None: the kind's own rule (the answer earns everything, a wrong pick costs its share).
    weight: float | None = None


@dataclass(frozen=True)
class TextAnswer:
    """A typed answer a short-answer question lists: what it earns (percent) and says."""

    text: str
    weight: float = 100.0
    feedback: str = ""


@dataclass(frozen=True)
class NumberAnswer:
    """A number a numeric question lists besides its answer: what it earns and says."""

    answer: float
    tolerance: float = 0.0
    weight: float = 100.0
    feedback: str = ""

    def holds(self, value: float) -> bool:
        return abs(value - self.answer) <= self.tolerance + 1e-9


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


def _blank_value(response: object) -> bool:
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    return isinstance(response, list | tuple | dict) and not response


def _all_text(response: object) -> bool:
    return isinstance(response, list | tuple) and all(isinstance(r, str) for r in response)


@dataclass(frozen=True, kw_only=True)
class Question:
    """A quiz question. Its id is stable: history is keyed by it, not by wording."""

    kind: ClassVar[QuestionKind]
    KEYS: ClassVar[tuple[str, ...]] = ()  # the front-matter keys of this kind, beyond the common
    # How an answer of this kind is shown: feedback beside each option, the right place
    # marked on each row (so the right answer need not be written out), the exact value.
    feedback_inline: ClassVar[bool] = False
    marks_in_place: ClassVar[bool] = False
    states_exact: ClassVar[bool] = False
    is_poll: ClassVar[bool] = False  # an opinion (scale, open text): no right answer, no points

    id: str
    prompt: str
    explanation: str = ""
    stage: str = ""
    see: str = ""  # where in the case text the answer is taught
    as_of: str = ""  # the date a time-dependent wording refers to ("March 2026")
    title: str = ""  # a name for question banks elsewhere (GIFT's ::title::); never shown
    tags: tuple[str, ...] = ()  # labels kept for question banks elsewhere (GIFT's [tag:])
    case_id: str = ""  # the owner: the case, or the bank, the question belongs to

    @property
    def key(self) -> str:
        """The id that history is stored under: unique across the library."""
        return f"{self.case_id}/{self.id}" if self.case_id else self.id

    @property
    def type(self) -> str:
        return str(self.kind)

    # -- reading it from a content file ---------------------------------------------------

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        """The kind's own fields from its mapping (problems reported through `r`)."""
        return {}

    # -- grading --------------------------------------------------------------------------

    def is_blank(self, response: object) -> bool:
        """Nothing given (an empty list is an answer to a multiple choice: "none of these")."""
        return _blank_value(response)

    def refusal(self, response: object) -> str:
        """Why a response cannot be taken as an answer at all ("" when it can): the learner
        is asked to retype it instead of being marked wrong."""
        return ""

    def grade(self, response: object) -> Grade:
        """Grade a response (a plain JSON-able value); never raises on a malformed one."""
        right = self.right_answer()
        if self.is_blank(response):
            return Grade(0.0, (NO_ANSWER,), right, self.explanation)
        try:
            score, feedback, note = self.score(response)
        except Unreadable as problem:
            return Grade(0.0, (str(problem),), right, self.explanation)
        score = min(1.0, max(0.0, score))
        return Grade(score, tuple(f for f in feedback if f), right, self.explanation, note)

    def score(self, response: object) -> tuple[float, list[str], str]:
        """(score 0..1, feedback lines, note) for a non-blank response; Unreadable if bad."""
        raise NotImplementedError

    # -- words ----------------------------------------------------------------------------

    def right_answer(self) -> str:
        """A human-readable statement of the right answer."""
        raise NotImplementedError

    def describe(self, response: object) -> str:
        """What the learner answered, in words ("(no answer)" for nothing)."""
        if self.is_blank(response):
            return "(no answer)"
        return str(response)

    def option_feedback(self) -> tuple[tuple[str, str], ...]:
        """(option, its feedback) for every option the question offers: the teaching on
        the choices not picked. Kinds without options return ()."""
        return ()

    # -- a room's answers -----------------------------------------------------------------

    def distribution(self, answers: Iterable[tuple[object, float]]) -> list[tuple[str, int]]:
        """Bars for a live chart from (response, score) pairs, already graded: one bar per
        option for the kinds with options, else Right / Partly right / Wrong. Blanks are
        not counted (an answer the grader could not read scored 0: wrong)."""
        scores = [score for response, score in answers if not _blank_value(response)]
        right = sum(1 for s in scores if s >= 1.0)
        wrong = sum(1 for s in scores if s <= 0.0)
        partly = len(scores) - right - wrong
        if partly or self.partial_credit:
            return [(RIGHT, right), (PARTLY, partly), (WRONG, wrong)]
        return [(RIGHT, right), (WRONG, wrong)]

    partial_credit: ClassVar[bool] = False  # whether the chart always shows "Partly right"

    def right_labels(self) -> tuple[str, ...]:
        """The bar labels of `distribution` that are right answers (marked at the reveal)."""
        return (RIGHT,)

    # -- for the library's own checks -----------------------------------------------------

    def answer_texts(self) -> tuple[str, ...]:
        """Texts that give the right answer away if another question shows them."""
        return ()

    def answer_numbers(self) -> tuple[float, ...]:
        """Numbers that give the right answer away, in the question's unit."""
        return ()

    def shown_texts(self) -> tuple[str, ...]:
        """Everything this question shows a learner before they answer."""
        return (self.prompt,)

    def display_order(self, rng: random.Random) -> tuple[str, ...]:
        """The order its options are shown in for one attempt ("" for kinds with none)."""
        return ()


# -- choices ------------------------------------------------------------------------------


def _weight(r: Reader, key: str, low: float = 0.0, high: float = 100.0) -> float:
    """A share of the marks in percent, between `low` and `high`."""
    value = r.number(key, required=False, default=high)
    if not low <= value <= high:
        r.problem(
            r.line_of(key),
            f"'{key}' is a share of the marks in percent, from {low:g} to {high:g}, not {value:g}",
        )
        return max(low, min(high, value))
    return value


def _read_choices(r: Reader) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    for data in r.mappings("choices"):
        c = r.child(data, where=f"choice on line {data.line}: ")
        choice = Choice(
            id=c.slug("id"),
            text=c.text("text"),
            feedback=c.text("feedback", required=False),
            weight=_weight(c, "weight", low=-100.0) if "weight" in data else None,
        )
        c.finish(("id", "text", "feedback", "weight"))
        if not c.ok:
            r.ok = False
            continue
        if any(existing.id == choice.id for existing in choices):
            r.problem(data.line, f"choice id '{choice.id}' is used twice")
        choices.append(choice)
    if len(choices) < 2 and r.ok:
        r.problem(r.line_of("choices"), "a choice question needs at least two choices")
    texts = [c.text.casefold() for c in choices]
    if len(set(texts)) != len(texts):
        r.problem(r.line_of("choices"), "two choices have the same text")
    return tuple(choices)


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """A question answered by picking among its choices (shown in an order drawn per attempt)."""

    feedback_inline: ClassVar[bool] = True

    choices: tuple[Choice, ...] = ()

    def choice(self, choice_id: object) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def text_of(self, choice_id: object) -> str:
        choice = self.choice(choice_id)
        return choice.text if choice else str(choice_id)

    def option_feedback(self) -> tuple[tuple[str, str], ...]:
        return tuple((c.text, c.feedback) for c in self.choices if c.feedback)

    def shown_texts(self) -> tuple[str, ...]:
        return (self.prompt, *(c.text for c in self.choices))

    def display_order(self, rng: random.Random) -> tuple[str, ...]:
        ids = [c.id for c in self.choices]
        rng.shuffle(ids)
        return tuple(ids)

    def distribution(self, answers: Iterable[tuple[object, float]]) -> list[tuple[str, int]]:
        """One bar per choice: how many people picked it (each person once per choice)."""
        counts = {c.id: 0 for c in self.choices}
        for response, _score in answers:
            for choice_id in {c for c in self.picked(response) if c in counts}:
                counts[choice_id] += 1
        return [(c.text, counts[c.id]) for c in self.choices]

    def picked(self, response: object) -> list[str]:
        """The choice ids a response picks (none for a malformed one)."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class SingleChoice(ChoiceQuestion):
    kind: ClassVar[QuestionKind] = QuestionKind.SINGLE
    KEYS: ClassVar[tuple[str, ...]] = ("choices", "answer")

    answer: str = ""  # the right choice's id

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        choices = _read_choices(r)
        answer = r.slug("answer")
        ids = {c.id for c in choices}
        if answer and ids and answer not in ids:
            r.problem(
                r.line_of("answer"),
                f"the answer '{answer}' is not among the choices ({', '.join(sorted(ids))})",
            )
        right = next((c for c in choices if c.id == answer), None)
        if right is not None and right.weight is not None and right.weight != 100:
            r.problem(
                r.line_of("answer"),
                f"the answer '{answer}' earns all the marks: its weight can only be 100, "
                f"not {right.weight:g}",
            )
        return {"choices": choices, "answer": answer}

    def credit(self, choice: Choice) -> float:
        """The share of the marks picking `choice` earns (the answer: 1; others: their
        weight, else 0)."""
        if choice.weight is not None:
            return choice.weight / 100
        return 1.0 if choice.id == self.answer else 0.0

    def full_marks(self) -> list[Choice]:
        """The choices that earn every mark: the answer first, then any other weighted 100."""
        return sorted(
            (c for c in self.choices if self.credit(c) >= 1.0), key=lambda c: c.id != self.answer
        )

    def score(self, response: object) -> tuple[float, list[str], str]:
        choice = self.choice(response) if isinstance(response, str) else None
        if choice is None:
            raise Unreadable(NOT_AN_OPTION)
        return max(0.0, self.credit(choice)), [choice.feedback], ""

    def right_answer(self) -> str:
        first, *others = [c.text for c in self.full_marks()] or [self.text_of(self.answer)]
        return f"{first} (or: {', '.join(others)})" if others else first

    def describe(self, response: object) -> str:
        if self.is_blank(response):
            return "(no answer)"
        return self.text_of(response)

    def answer_texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.full_marks()) or (self.text_of(self.answer),)

    def right_labels(self) -> tuple[str, ...]:
        return self.answer_texts()

    def picked(self, response: object) -> list[str]:
        return [response] if isinstance(response, str) else []


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(ChoiceQuestion):
    kind: ClassVar[QuestionKind] = QuestionKind.MULTIPLE
    KEYS: ClassVar[tuple[str, ...]] = ("choices", "answer")

    answer: tuple[str, ...] = ()  # the right choices' ids

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        choices = _read_choices(r)
        answers = r.texts("answer")
        ids = {c.id for c in choices}
        missing = [a for a in answers if a not in ids]
        if missing and ids:
            r.problem(
                r.line_of("answer"),
                f"the answer {', '.join(repr(m) for m in missing)} is not among the choices "
                f"({', '.join(sorted(ids))})",
            )
        if any(c.weight is not None for c in choices):
            _check_weights(r, choices, set(answers))
        return {"choices": choices, "answer": tuple(answers)}

    @property
    def weighted(self) -> bool:
        """Whether the choices carry their own weights (else each right pick earns an equal
        share and each wrong one costs as much)."""
        return any(c.weight is not None for c in self.choices)

    def credit(self, choice: Choice) -> float:
        """The share of the marks picking `choice` earns (negative: what it costs)."""
        if self.weighted:
            total = sum(c.weight for c in self.choices if c.weight and c.weight > 0)
            return (choice.weight or 0.0) / total if total else 0.0
        if not self.answer:
            return 0.0
        return (1.0 if choice.id in self.answer else -1.0) / len(self.answer)

    def is_blank(self, response: object) -> bool:
        return response is None or (isinstance(response, str) and not response.strip())

    def score(self, response: object) -> tuple[float, list[str], str]:
        if not _all_text(response):
            raise Unreadable(UNREADABLE)
        ids = {c.id for c in self.choices}
        if any(r not in ids for r in response):
            raise Unreadable(NOT_AN_OPTION)
        chosen, right = set(response), set(self.answer)
        if self.weighted and right:
            score = sum(self.credit(c) for c in self.choices if c.id in chosen)
            feedback = [c.feedback for c in self.choices if c.id in chosen or c.id in right]
            return max(0.0, min(1.0, score)), feedback, ""
        if not right:
            return (
                (0.0 if chosen else 1.0),
                [c.feedback for c in self.choices if c.id in chosen],
                "",
            )
        score = (len(chosen & right) - len(chosen - right)) / len(right)
        feedback = [c.feedback for c in self.choices if c.id in chosen or c.id in right]
        return max(0.0, score), feedback, ""

    def right_answer(self) -> str:
        return "; ".join(c.text for c in self.choices if c.id in self.answer) or "None of them"

    def describe(self, response: object) -> str:
        if self.is_blank(response):
            return "(no answer)"
        if isinstance(response, list | tuple):
            chosen = [c.text for c in self.choices if c.id in response]
            unknown = sorted(str(r) for r in response if self.choice(r) is None)
            return "; ".join(chosen + unknown) or "None of them"
        return str(response)

    def answer_texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.choices if c.id in self.answer)

    def right_labels(self) -> tuple[str, ...]:
        return self.answer_texts()

    def picked(self, response: object) -> list[str]:
        return [r for r in response if isinstance(r, str)] if _all_text(response) else []


def _check_weights(r: Reader, choices: tuple[Choice, ...], right: set[str]) -> None:
    """Weighted choices of a multiple-answer question: the right ones earn, the others do
    not, and the right ones add up to the whole mark."""
    line = r.line_of("choices")
    for choice in choices:
        weight = choice.weight
        if choice.id in right and (weight is None or weight <= 0):
            r.problem(
                line,
                f"choice '{choice.id}' is in the answer, so it needs a weight above 0 "
                "(when any choice has a weight, every right one needs its own)",
            )
        elif choice.id not in right and weight is not None and weight > 0:
            r.problem(
                line,
                f"choice '{choice.id}' earns {weight:g}% but is not in the answer: "
                "add it to the answer or give it a weight of 0 or less",
            )
    total = sum(c.weight for c in choices if c.weight and c.weight > 0)
    if right and abs(total - 100) > 0.1:
        r.problem(
            line,
            f"the right choices' weights add up to {total:g}%, not 100%: each earns its "
            "share of their total",
            fatal=False,
        )


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    kind: ClassVar[QuestionKind] = QuestionKind.TRUE_FALSE
    KEYS: ClassVar[tuple[str, ...]] = ("answer", "feedback_true", "feedback_false")
    feedback_inline: ClassVar[bool] = True

    answer: bool = False
    feedback_true: str = ""  # shown to someone who answered true
    feedback_false: str = ""

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        return {
            "answer": r.boolean("answer"),
            "feedback_true": r.text("feedback_true", required=False),
            "feedback_false": r.text("feedback_false", required=False),
        }

    def score(self, response: object) -> tuple[float, list[str], str]:
        if not isinstance(response, bool):
            raise Unreadable(UNREADABLE)
        feedback = self.feedback_true if response else self.feedback_false
        return (1.0 if response == self.answer else 0.0), [feedback], ""

    def right_answer(self) -> str:
        return "True" if self.answer else "False"

    def describe(self, response: object) -> str:
        if isinstance(response, bool):
            return "True" if response else "False"
        return "(no answer)" if self.is_blank(response) else str(response)

    def option_feedback(self) -> tuple[tuple[str, str], ...]:
        pairs = (("True", self.feedback_true), ("False", self.feedback_false))
        return tuple((label, text) for label, text in pairs if text)

    def display_order(self, rng: random.Random) -> tuple[str, ...]:
        order = ["true", "false"]
        rng.shuffle(order)
        return tuple(order)

    def distribution(self, answers: Iterable[tuple[object, float]]) -> list[tuple[str, int]]:
        given = [response for response, _score in answers]
        return [
            ("True", sum(1 for r in given if r is True)),
            ("False", sum(1 for r in given if r is False)),
        ]

    def right_labels(self) -> tuple[str, ...]:
        return (self.right_answer(),)


@dataclass(frozen=True, kw_only=True)
class Ordering(Question):
    kind: ClassVar[QuestionKind] = QuestionKind.ORDERING
    KEYS: ClassVar[tuple[str, ...]] = ("items",)
    partial_credit: ClassVar[bool] = True
    marks_in_place: ClassVar[bool] = True

    items: tuple[str, ...] = ()  # in the right order

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        items = r.texts("items")
        if len(items) < 2:
            r.problem(r.line_of("items"), "an ordering question needs at least two items")
        elif len(set(items)) != len(items):
            r.problem(r.line_of("items"), "ordering items must all be different")
        return {"items": items}

    def score(self, response: object) -> tuple[float, list[str], str]:
        if not _all_text(response):
            raise Unreadable(UNREADABLE)
        if sorted(response) != sorted(self.items):
            raise Unreadable("That order does not use the question's items.")
        if len(response) < 2:
            return 0.0, [], ""
        position = {item: i for i, item in enumerate(self.items)}
        steps = list(pairwise(response))
        in_order = sum(1 for a, b in steps if position[a] < position[b])
        note = f"{in_order} of {len(steps)} neighbouring pairs are in the right order."
        return in_order / len(steps), [note if in_order < len(steps) else ""], ""

    def right_answer(self) -> str:
        return " → ".join(f"{i}. {item}" for i, item in enumerate(self.items, start=1))

    def describe(self, response: object) -> str:
        if isinstance(response, list | tuple) and response:
            return " → ".join(f"{i}. {item}" for i, item in enumerate(response, start=1))
        return "(no answer)" if self.is_blank(response) else str(response)

    def shown_texts(self) -> tuple[str, ...]:
        return (self.prompt, *self.items)

    def display_order(self, rng: random.Random) -> tuple[str, ...]:
        """The items shuffled, never already in the right order."""
        items = list(self.items)
        rng.shuffle(items)
        if len(items) >= 2 and items == list(self.items):
            items = items[1:] + items[:1]
        return tuple(items)


@dataclass(frozen=True, kw_only=True)
class Matching(Question):
    kind: ClassVar[QuestionKind] = QuestionKind.MATCHING
    KEYS: ClassVar[tuple[str, ...]] = ("pairs", "distractors")
    partial_credit: ClassVar[bool] = True
    marks_in_place: ClassVar[bool] = True

    pairs: tuple[Pair, ...] = ()
    distractors: tuple[str, ...] = ()  # right-hand options that match nothing

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        pairs: list[Pair] = []
        for data in r.mappings("pairs"):
            p = r.child(data, where=f"pair on line {data.line}: ")
            pair = Pair(left=p.text("left"), right=p.text("right"))
            p.finish(("left", "right"))
            if p.ok:
                pairs.append(pair)
            else:
                r.ok = False
        if len(pairs) < 2 and r.ok:
            r.problem(r.line_of("pairs"), "a matching question needs at least two pairs")
        lefts = [p.left for p in pairs]
        if len(set(lefts)) != len(lefts):
            r.problem(
                r.line_of("pairs"), "each left-hand item of a matching question must be unique"
            )
        distractors = r.texts("distractors", required=False)
        rights = {p.right for p in pairs}
        if any(d in rights for d in distractors):
            r.problem(r.line_of("distractors"), "a distractor is also a right answer")
        return {"pairs": tuple(pairs), "distractors": distractors}

    @property
    def options(self) -> tuple[str, ...]:
        """The right-hand options: each distinct right once, then the distractors."""
        return tuple(dict.fromkeys([p.right for p in self.pairs] + list(self.distractors)))

    def score(self, response: object) -> tuple[float, list[str], str]:
        if not isinstance(response, dict) or not self.pairs:
            raise Unreadable(UNREADABLE)
        right = sum(1 for p in self.pairs if response.get(p.left) == p.right)
        note = f"{right} of {len(self.pairs)} matched correctly."
        return right / len(self.pairs), [note if right < len(self.pairs) else ""], ""

    def right_answer(self) -> str:
        return "; ".join(f"{p.left} → {p.right}" for p in self.pairs)

    def describe(self, response: object) -> str:
        if isinstance(response, dict) and response:
            return "; ".join(f"{p.left} → {response.get(p.left) or '?'}" for p in self.pairs)
        return "(no answer)" if self.is_blank(response) else str(response)

    def shown_texts(self) -> tuple[str, ...]:
        return (self.prompt, *(p.left for p in self.pairs), *self.options)

    def display_order(self, rng: random.Random) -> tuple[str, ...]:
        options = list(self.options)
        rng.shuffle(options)
        return tuple(options)


def _text_answers(r: Reader, key: str, *, weights: bool) -> list[tuple[TextAnswer, int]]:
    """A list of typed answers, each a text or a mapping (text, feedback, and with
    `weights` a weight): (answer, its line) in order."""
    raw = r.raw(key, required=False)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [(TextAnswer(raw.strip()), r.line_of(key))]
    if not isinstance(raw, list):
        r.problem(r.line_of(key), f"'{key}' should be a list of answers")
        return []
    found: list[tuple[TextAnswer, int]] = []
    allowed = ("text", "weight", "feedback") if weights else ("text", "feedback")
    for index, item in enumerate(raw):
        line = raw.line_of(index) if hasattr(raw, "line_of") else r.line_of(key)
        if isinstance(item, dict):  # a LineDict, from the YAML reader
            a = r.child(item, where=f"{key} item on line {line}: ")
            answer = TextAnswer(
                a.text("text"),
                _weight(a, "weight", low=0.0) if weights and "weight" in item else 100.0,
                a.text("feedback", required=False),
            )
            if weights and "weight" in item and answer.weight <= 0:
                a.problem(
                    item.line_of("weight"),
                    "an accepted answer earns something: list an answer worth 0 under 'reject'",
                )
            a.finish(allowed)
            if not a.ok:
                r.ok = False
                continue
            found.append((answer, line))
        elif isinstance(item, str | int | float) and not isinstance(item, bool):
            if is_placeholder(item):
                r.problem(
                    line,
                    f"'{key}' still holds a placeholder (“{item}”): replace it with the real thing",
                    fatal=False,
                )
            found.append((TextAnswer(str(item).strip()), line))
        else:
            r.problem(line, f"'{key}' item {index + 1} should be text, or text with feedback")
    return found


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Question):
    """Typed text, compared after folding case, punctuation, accents and legal suffixes;
    a near miss within a few slips is accepted and its spelling shown.

    Answers may carry feedback, an accepted answer may earn part of the marks (`partial`),
    and `feedback_other` speaks to any answer the question does not list."""

    kind: ClassVar[QuestionKind] = QuestionKind.SHORT
    KEYS: ClassVar[tuple[str, ...]] = ("accept", "reject", "feedback_other")

    accept: tuple[str, ...] = ()  # full marks
    reject: tuple[str, ...] = ()  # near misses that must stay wrong
    partial: tuple[TextAnswer, ...] = ()  # accepted for part of the marks
    feedback: tuple[tuple[str, str], ...] = ()  # (accepted or rejected answer, what it says)
    feedback_other: str = ""  # what any other answer is told

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        if r.raw("accept", required=False) is None:
            r.raw("accept")  # reports it missing
        listed = _text_answers(r, "accept", weights=True)
        rejected = _text_answers(r, "reject", weights=False)
        accept = tuple(a.text for a, _ in listed if a.weight >= 100)
        partial = tuple(a for a, _ in listed if a.weight < 100)
        reject = tuple(a.text for a, _ in rejected)
        if any(not a.text for a, _ in listed):
            r.problem(r.line_of("accept"), "an accepted answer is empty")
        elif listed and not accept:
            r.problem(
                r.line_of("accept"),
                "at least one accepted answer must earn full marks (a weight of 100)",
            )
        if set(reject) & {a.text for a, _ in listed}:
            r.problem(r.line_of("reject"), "an answer cannot be both accepted and rejected")
        if set(accept) & {a.text for a in partial}:
            r.problem(r.line_of("accept"), "an answer cannot earn both full and part marks")
        feedback = tuple(  # a partial answer keeps its own
            (a.text, a.feedback) for a, _ in listed + rejected if a.feedback and a.weight >= 100
        )
        return {
            "accept": accept,
            "reject": reject,
            "partial": partial,
            "feedback": feedback,
            "feedback_other": r.text("feedback_other", required=False),
        }

    def said_about(self, text: str) -> str:
        return next((said for listed, said in self.feedback if listed == text), "")

    def score(self, response: object) -> tuple[float, list[str], str]:
        if not isinstance(response, str):
            raise Unreadable(UNREADABLE)
        partial = {a.text: a for a in self.partial}
        found = match_text(response, self.accept, self.reject + tuple(partial))
        if found.right:
            target = found.spelled or next(
                (a for a in self.accept if fold(a) == fold(response)), ""
            )
            note = f"Accepted; it is spelled {found.spelled}." if found.spelled else ""
            return 1.0, [self.said_about(target)], note
        if found.rejected in partial:
            answer = partial[found.rejected]
            return answer.weight / 100, [answer.feedback], ""
        if found.rejected:
            return 0.0, [self.said_about(found.rejected) or self.feedback_other], ""
        if partial:
            near = match_text(response, tuple(partial), self.reject + self.accept)
            if near.right:
                answer = partial[near.spelled or near.rejected]
                note = f"Taken as {answer.text}." if near.spelled else ""
                return answer.weight / 100, [answer.feedback], note
        return 0.0, [self.feedback_other], ""

    def right_answer(self) -> str:
        first, *others = self.accept or ("",)
        return f"{first} (or: {', '.join(others)})" if others else first

    def answer_texts(self) -> tuple[str, ...]:
        return self.accept

    def option_feedback(self) -> tuple[tuple[str, str], ...]:
        return self.feedback + tuple((a.text, a.feedback) for a in self.partial if a.feedback)


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    """A number within a tolerance, read the way people type numbers (see content/answers).

    Other numbers may be listed (`partial`) with the share of the marks each earns (0 for a
    common mistake worth a word of feedback); `feedback_other` speaks to any other number."""

    kind: ClassVar[QuestionKind] = QuestionKind.NUMERIC
    KEYS: ClassVar[tuple[str, ...]] = (
        "answer", "tolerance", "unit", "feedback", "partial", "feedback_other",
    )  # fmt: skip
    states_exact: ClassVar[bool] = True

    answer: float = 0.0
    tolerance: float = 0.0
    unit: str = ""
    feedback: str = ""  # what the right answer is told
    partial: tuple[NumberAnswer, ...] = ()
    feedback_other: str = ""

    @classmethod
    def read_fields(cls, r: Reader) -> dict[str, Any]:
        answer = r.number("answer")
        tolerance = r.number("tolerance", required=False)
        if tolerance < 0:
            r.problem(r.line_of("tolerance"), "'tolerance' cannot be negative")
        partial = []
        for data in r.mappings("partial", required=False):
            p = r.child(data, where=f"partial answer on line {data.line}: ")
            number = NumberAnswer(
                p.number("answer"),
                p.number("tolerance", required=False),
                _weight(p, "weight") if "weight" in data else p.number("weight"),
                p.text("feedback", required=False),
            )
            if number.tolerance < 0:
                p.problem(data.line_of("tolerance"), "'tolerance' cannot be negative")
            p.finish(("answer", "tolerance", "weight", "feedback"))
            if p.ok:
                partial.append(number)
            else:
                r.ok = False
        return {
            "answer": answer,
            "tolerance": tolerance,
            "unit": r.text("unit", required=False),
            "feedback": r.text("feedback", required=False),
            "partial": tuple(partial),
            "feedback_other": r.text("feedback_other", required=False),
        }

    def refusal(self, response: object) -> str:
        if self.is_blank(response):
            return ""
        try:
            read_quantity(response)
        except NotANumber as problem:
            return f"“{response}” is not a number: {problem}."
        return ""

    def score(self, response: object) -> tuple[float, list[str], str]:
        try:
            values = readings_in_unit(response, self.unit)
        except NotANumber:
            raise Unreadable(f"Could not read a number in {str(response)!r}.") from None
        main = NumberAnswer(self.answer, self.tolerance)
        if any(main.holds(value) for value in values):
            return 1.0, [self.feedback], ""
        for other in self.partial:
            if any(other.holds(value) for value in values):
                return other.weight / 100, [other.feedback], ""
        return 0.0, [self.feedback_other], ""

    def right_answer(self) -> str:
        text = " ".join(part for part in (format_number(self.answer), self.unit) if part)
        return f"{text} (±{format_number(self.tolerance)})" if self.tolerance else text

    def describe(self, response: object) -> str:
        if isinstance(response, int | float) and not isinstance(response, bool):
            return " ".join(part for part in (format_number(response), self.unit) if part)
        return "(no answer)" if self.is_blank(response) else str(response)

    def answer_numbers(self) -> tuple[float, ...]:
        return (self.answer,)

    def option_feedback(self) -> tuple[tuple[str, str], ...]:
        return tuple((format_number(p.answer), p.feedback) for p in self.partial if p.feedback)

    @property
    def scale(self) -> float:
        return unit_scale(self.unit)


# -- polls: a room's opinions, with no right answer ---------------------------------------------


class PollKind(StrEnum):
    """Kinds a workshop asks a room (not quiz content): nothing is right, nothing scores."""

    SCALE = "scale"
    OPEN = "open"


SCALE_POINTS = (1, 2, 3, 4, 5)
OPEN_TEXT_LONGEST = 200


class Poll(Question):
    """A question with no right answer: every answer counts the same and earns no points.

    It adds no fields, so it is a plain subclass (see WorksheetField on why)."""

    kind: ClassVar[PollKind]  # type: ignore[assignment]
    is_poll: ClassVar[bool] = True

    def score(self, response: object) -> tuple[float, list[str], str]:
        return 0.0, [], ""

    def right_answer(self) -> str:
        return ""

    def right_labels(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True, kw_only=True)
class Scale(Poll):
    """A rating from 1 to 5, its two ends named ("Not at all" ... "Completely")."""

    kind: ClassVar[PollKind] = PollKind.SCALE  # type: ignore[assignment]

    low: str = "1"
    high: str = "5"

    def refusal(self, response: object) -> str:
        if self.is_blank(response) or self.value(response) is not None:
            return ""
        return "Pick a number from 1 to 5."

    @staticmethod
    def value(response: object) -> int | None:
        """The rating a response gives (None for anything that is not 1 to 5)."""
        if isinstance(response, bool) or not isinstance(response, int | str):
            return None
        try:
            number = int(response)
        except ValueError:
            return None
        return number if number in SCALE_POINTS else None

    def label(self, point: int) -> str:
        ends = {SCALE_POINTS[0]: self.low, SCALE_POINTS[-1]: self.high}
        return f"{point} · {ends[point]}" if ends.get(point) else str(point)

    def describe(self, response: object) -> str:
        value = self.value(response)
        if value is None:
            return "(no answer)" if self.is_blank(response) else str(response)
        return self.label(value)

    def distribution(self, answers: Iterable[tuple[object, float]]) -> list[tuple[str, int]]:
        """One bar per point of the scale, 1 to 5."""
        counts = dict.fromkeys(SCALE_POINTS, 0)
        for response, _score in answers:
            value = self.value(response)
            if value is not None:
                counts[value] += 1
        return [(self.label(point), counts[point]) for point in SCALE_POINTS]

    def mean(self, responses: Iterable[object]) -> float | None:
        """The room's mean rating (None before anyone rated)."""
        values = [v for v in (self.value(r) for r in responses) if v is not None]
        return sum(values) / len(values) if values else None

    def shown_texts(self) -> tuple[str, ...]:
        return (self.prompt, self.low, self.high)


@dataclass(frozen=True, kw_only=True)
class OpenText(Poll):
    """A few words from each person, shown as a wall the facilitator moderates."""

    kind: ClassVar[PollKind] = PollKind.OPEN  # type: ignore[assignment]

    longest: int = OPEN_TEXT_LONGEST

    def refusal(self, response: object) -> str:
        if isinstance(response, str) and len(response.strip()) > self.longest:
            return f"That is {len(response.strip())} characters: keep it to {self.longest}."
        if response is not None and not isinstance(response, str):
            return UNREADABLE
        return ""

    def describe(self, response: object) -> str:
        if self.is_blank(response):
            return "(no answer)"
        return " ".join(str(response).split())

    def distribution(self, answers: Iterable[tuple[object, float]]) -> list[tuple[str, int]]:
        """No bars: the wall and its most frequent words show an open question."""
        return []


POLL_KINDS: dict[PollKind, type[Poll]] = {cls.kind: cls for cls in (Scale, OpenText)}


KINDS: dict[QuestionKind, type[Question]] = {
    cls.kind: cls
    for cls in (SingleChoice, MultipleChoice, TrueFalse, Ordering, Matching, ShortAnswer, Numeric)
}
COMMON_KEYS = ("id", "type", "prompt", "explanation", "stage", "see", "as_of", "title", "tags")


def build_question(
    parent: Reader, data: LineDict, case_id: str, explained: bool = True
) -> Question | None:
    """Build a question of its kind, or None (with problems reported) when it cannot be graded.

    `explained`: the explanation is required (a case's questions); else (a bank's) a
    missing one is reported without dropping the question."""
    label = data.get("id") if isinstance(data.get("id"), str) else f"on line {data.line}"
    r = parent.child(data, where=f"question '{label}': ")
    qid = r.slug("id")
    kind_name = r.one_of("type", tuple(KINDS))
    explanation = r.text("explanation", required=explained)
    if not explained and not explanation:
        r.problem(
            r.line,
            "no explanation: write what the answer teaches (learners see it after answering)",
            fatal=False,
        )
    common = {
        "id": qid,
        "prompt": r.text("prompt"),
        "explanation": explanation,
        "stage": r.slug("stage", required=False),
        "see": r.text("see", required=False),
        "as_of": r.text("as_of", required=False),
        "title": r.text("title", required=False),
        "tags": r.texts("tags", required=False),
        "case_id": case_id,
    }
    if not kind_name:
        r.finish(tuple({*COMMON_KEYS, *(k for cls in KINDS.values() for k in cls.KEYS)}))
        return None
    cls = KINDS[QuestionKind(kind_name)]
    fields = cls.read_fields(r)
    r.finish((*COMMON_KEYS, *cls.KEYS))
    if not r.ok:
        return None
    return cls(**common, **fields)


def shuffled_orders(questions: Sequence[Question], seed: str) -> dict[str, tuple[str, ...]]:
    """Each question's display order for one attempt (a room shares one seed per item)."""
    orders = {}
    for question in questions:
        order = question.display_order(random.Random(f"{seed}:{question.key}"))
        if order:
            orders[question.key] = order
    return orders
