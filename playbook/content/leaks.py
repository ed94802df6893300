"""Provides the checks that keep questions honest: none gives another's answer away, and none
says "today" without saying which day.

A leak is a question's right answer (its text, or its number in any form: "7.4", "$7.4
billion", "7,400 million") shown by another question of the same case before that one is
answered: in its prompt, its choices, its items or its pairs. The case's own parties are
not counted: the case shows them with its title, so naming one gives nothing away.

A dated word ("today", "now", "currently", "still", "as of") in what a question shows
needs an `as_of:` date, which the app then shows with the prompt, so the question does not
turn false as the years pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from playbook.content.answers import NotANumber, fold, read_quantity, unit_scale
from playbook.content.cases import Case
from playbook.content.questions import Numeric, Question

DATED = re.compile(
    r"\b(today|now|nowadays|currently|at present|these days|still|as of|so far|to date)\b",
    re.IGNORECASE,
)
_NUMBER_IN_TEXT = re.compile(
    r"(?:US\$|[$€£¥])?\s?\d[\d,.]*(?:\s?(?:%|percent|k|m|mn|bn|b|tn|thousand|million|billion|"
    r"trillion)\b)?",
    re.IGNORECASE,
)
MIN_TEXT = 5  # folded answers shorter than this are too common to count as giving anything away


@dataclass(frozen=True)
class Leak:
    answered: Question  # the question whose answer is shown
    shown_by: Question  # the question that shows it
    what: str  # the answer as it appears


def numbers_in(text: str) -> Iterator[tuple[str, float, bool]]:
    """(as written, value with its own scale applied, whether it carried a scale or sign)."""
    for match in _NUMBER_IN_TEXT.finditer(text):
        written = match.group().strip().rstrip(".,")
        try:
            quantity = read_quantity(written)
        except NotANumber:
            continue
        marked = quantity.scaled or quantity.percent or bool(re.match(r"(US\$|[$€£¥])", written))
        yield written, quantity.value * quantity.scale, marked


def _number_leaks(question: Numeric, numbers: list[tuple[str, float, bool]]) -> Iterator[str]:
    """The numbers (as `numbers_in` read them from a text) that give the answer away."""
    target = question.answer * unit_scale(question.unit)
    slack = max(question.tolerance * unit_scale(question.unit), abs(target) * 1e-9)
    small = abs(question.answer) < 10 and float(question.answer).is_integer()
    for written, value, marked in numbers:
        if small and not marked:
            continue  # "5 films" does not give away "a stake of 5%"
        year = re.fullmatch(r"(1[89]|20)\d\d", written) and not marked
        if year and not 1800 <= question.answer <= 2100:
            continue  # a year in the text is not the answer to "how many"
        scaled = value if marked else value * unit_scale(question.unit)
        if abs(scaled - target) <= slack:
            yield written


def leaks(case: Case) -> list[Leak]:
    """Every answer of the case shown by another of its questions."""
    found: list[Leak] = []
    parties = {fold(p) for p in case.parties} | {fold(p.split(" (")[0]) for p in case.parties}
    # Each question's shown texts, folded and with their numbers, read once.
    shown = {
        id(q): [(f" {fold(t)} ", list(numbers_in(t))) for t in q.shown_texts() if t]
        for q in case.questions
    }
    for answered in case.questions:
        texts = []
        for t in answered.answer_texts():
            folded = fold(t)
            if len(folded) >= MIN_TEXT and folded not in parties:
                texts.append(folded)
        for other in case.questions:
            if other is answered:
                continue
            for folded, numbers in shown[id(other)]:
                hit = next((t for t in texts if f" {t} " in folded), None)
                if hit is not None:
                    found.append(Leak(answered, other, hit))
                    break
                if isinstance(answered, Numeric):
                    number = next(_number_leaks(answered, numbers), None)
                    if number is not None:
                        found.append(Leak(answered, other, number))
                        break
    return found


def dated_words(question: Question) -> list[str]:
    """The dated words the question shows without an `as_of` date."""
    if question.as_of:
        return []
    words: list[str] = []
    for text in question.shown_texts():
        words += [m.group(1).lower() for m in DATED.finditer(text)]
    return list(dict.fromkeys(words))
