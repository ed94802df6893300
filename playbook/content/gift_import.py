"""Provides import_gift: a GIFT file's questions as questions of our kinds, with stable ids.

Each GIFT question becomes the kind that grades it the way Moodle does: one `=` among
`~`s a single choice (other weighted choices earn their share), only `~`s with weights a
multiple-answer question, `=`s alone a short answer (`%0%` answers stay wrong and keep
their feedback; `=%0%*#...` speaks to any other answer), `{#...}` a numeric question
(ranges become an answer and a tolerance; more numbers keep their weights), `{T}` a
true/false one, `=a -> b` a matching one (`= -> c` an extra option). The general
feedback becomes the explanation. HTML becomes the text the app shows; Markdown and
plain text are kept.

What no kind here can take is reported at its line and left out, and the rest imports:
essays (marked by a person), descriptions (no answers), wildcard short answers, a
choice question where nothing earns marks. Answers that stood in the middle of the text
are imported as Moodle itself stores them, with a blank (_____) in their place, and
noted.

Ids never change once published: a question's id is its `[id:...]`, else its title,
else its first words, made a slug; the same file imported again gives the same ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from playbook.content.gift import BLANK, Answer, GiftQuestion, Text, html_text, parse_gift
from playbook.content.problems import Problem
from playbook.content.questions import (
    Choice,
    Matching,
    MultipleChoice,
    NumberAnswer,
    Numeric,
    Ordering,
    Pair,
    Question,
    ShortAnswer,
    SingleChoice,
    TextAnswer,
    TrueFalse,
)
from playbook.content.reader import SLUG

WORDS_IN_ID = 6


@dataclass
class Imported:
    """What a GIFT file gave: the questions (in file order), and what was said about it."""

    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # left out, at their lines
    notes: list[Problem] = field(default_factory=list)  # imported, with something to know
    categories: list[tuple[str, list[Question]]] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # question id -> its GIFT line


def slug(text: str, words: int = WORDS_IN_ID, limit: int = 48) -> str:
    """Lower-case ASCII words joined by dashes: "¿Cómo se cambia...?" -> "como-se-cambia"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    parts = re.findall(r"[a-z0-9]+", ascii_text.casefold())[:words]
    result = "-".join(parts)
    while len(result) > limit and "-" in result:
        result = result.rpartition("-")[0]
    return result[:limit].strip("-")


def unique(wanted: str, taken: set[str], fallback: str) -> str:
    base = wanted or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


class _Reading:
    """One import under way: ids handed out and what was said, by line."""

    def __init__(self, path: Path, owner: str, taken: Collection[str], explain: str) -> None:
        self.path = path
        self.owner = owner
        self.ids: set[str] = set()
        self.taken = set(taken)
        self.explain = explain  # what an unexplained question's explanation becomes
        self.result = Imported()

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(self.path, line, message))

    def note(self, line: int, message: str) -> None:
        self.result.notes.append(Problem(self.path, line, message))

    def text(self, given: Text | None, line: int) -> str:
        """A GIFT text as our content keeps it: HTML made plain, the rest as written."""
        if given is None:
            return ""
        if given.format != "html":
            return given.text
        text, images = html_text(given.text)
        for image in images:
            self.note(line, f"an image ({image}) was left out: the app shows text only")
        return text


def import_gift(
    text: str,
    path: Path | str,
    owner: str,
    taken: Collection[str] = (),
    explain: str = "",
) -> Imported:
    """The questions of a GIFT file for the case or bank `owner`. `taken`: question ids the
    owner has already (a question whose id is among them is left out, said as a note: it
    was imported before). `explain`: the explanation of a question without one."""
    reading = _Reading(Path(path), owner, taken, explain)
    parsed = parse_gift(text)
    for gift_problem in parsed.problems:
        reading.problem(gift_problem.line, gift_problem.message)
    for gift_note in parsed.notes:
        reading.note(gift_note.line, gift_note.message)
    category = ""
    for gift in parsed.questions:
        if gift.kind == "category":
            category = gift.category
            continue
        question = _convert(reading, gift)
        if question is None:
            continue
        if question.id in reading.taken:
            reading.note(
                gift.line,
                f"question '{question.id}' is there already (imported before): left as it is",
            )
            continue
        reading.result.questions.append(question)
        reading.result.lines[question.id] = gift.line
        if not reading.result.categories or reading.result.categories[-1][0] != category:
            reading.result.categories.append((category, []))
        reading.result.categories[-1][1].append(question)
    reading.result.problems.sort(key=lambda p: p.line)
    reading.result.notes.sort(key=lambda p: p.line)
    return reading.result


def _question_id(reading: _Reading, gift: GiftQuestion, prompt: str) -> str:
    # An id that is one of ours already (our own export writes them) is kept as it is.
    wanted = gift.id if SLUG.match(gift.id) else slug(gift.id, words=12) if gift.id else ""
    if gift.id and not wanted:
        reading.note(gift.line, f"the id {gift.id!r} has no letters or digits: made one up")
    if not wanted:
        wanted = slug(gift.title) or slug(prompt.replace(BLANK, " "))
    return unique(wanted, reading.ids, f"question-{len(reading.ids) + 1}")


def _convert(reading: _Reading, gift: GiftQuestion) -> Question | None:
    line = gift.line
    if gift.kind == "essay":
        reading.problem(
            line,
            "an essay question (a written answer marked by a person): no question kind "
            "here can mark it, so it is left out",
        )
        return None
    if gift.kind == "description":
        reading.problem(
            line,
            "a description (text with no answers) is not a question: left out",
        )
        return None
    prompt = reading.text(gift.stem, line)
    if not prompt:
        reading.problem(line, "the question has no text: left out")
        return None
    build = {
        "multichoice": _choice,
        "truefalse": _true_false,
        "shortanswer": _short,
        "numerical": _numeric,
        "matching": _matching,
    }[gift.kind]
    fields = build(reading, gift)
    if fields is None:
        return None
    cls, kind_fields = fields
    if cls is Matching and gift.meta.get("kind") == "ordering":
        cls, kind_fields, prompt = _ordering(kind_fields, prompt)
    if gift.embedded:
        reading.note(
            line,
            f"the answers stood inside the text: imported with a blank ({BLANK}) where they "
            "were, as Moodle shows it",
        )
    explanation = reading.text(gift.general_feedback, line) or reading.explain
    kept = {key: gift.meta[key] for key in ("stage", "see", "as_of") if _said(gift.meta, key)}
    if cls is Numeric and _said(gift.meta, "unit"):
        kind_fields["unit"] = gift.meta["unit"]
    return cls(
        id=_question_id(reading, gift, prompt),
        prompt=prompt,
        explanation=explanation,
        title=gift.title,
        tags=gift.tags,
        case_id=reading.owner,
        **kept,
        **kind_fields,
    )


def _said(meta: dict, key: str) -> bool:
    return isinstance(meta.get(key), str) and bool(meta[key].strip())


def _ordering(fields: dict, prompt: str):
    """A matching question our export wrote for an ordering one, back as ordering."""
    from playbook.content.gift_export import ORDER_HINT

    places = [p.right for p in fields["pairs"]]
    if fields["distractors"] or sorted(places) != [str(n) for n in range(1, len(places) + 1)]:
        return Matching, fields, prompt
    items = tuple(p.left for p in sorted(fields["pairs"], key=lambda p: int(p.right)))
    return Ordering, {"items": items}, prompt.removesuffix(ORDER_HINT.strip()).rstrip()


def _choice(reading: _Reading, gift: GiftQuestion):
    line = gift.line
    texts = [reading.text(a.text, line) for a in gift.answers]
    if len(gift.answers) < 2:
        reading.problem(line, "a choice question needs at least two choices: left out")
        return None
    if any(not t for t in texts):
        reading.problem(line, "a choice has no text: left out")
        return None
    if len({t.casefold() for t in texts}) != len(texts):
        reading.problem(line, "two choices have the same text: left out")
        return None
    ids: set[str] = set()
    kept = gift.meta.get("choices")
    if (
        isinstance(kept, list)
        and len(kept) == len(texts)
        and all(isinstance(k, str) and SLUG.match(k) for k in kept)
        and len(set(kept)) == len(kept)
    ):
        choice_ids = list(kept)  # the ids our own export wrote
    else:
        choice_ids = [
            unique(slug(t, words=4, limit=32), ids, chr(ord("a") + i) if i < 26 else f"c{i}")
            for i, t in enumerate(texts)
        ]
    percents = [a.percent for a in gift.answers]
    feedback = [reading.text(a.feedback, line) for a in gift.answers]
    if gift.single:
        full = [i for i, p in enumerate(percents) if p >= 100]
        marked = [i for i in full if gift.answers[i].right]
        answer = (marked or full or [None])[0]
        if answer is None:
            reading.problem(line, "no choice earns full marks: left out")
            return None
        choices = tuple(
            Choice(
                choice_ids[i],
                texts[i],
                feedback[i],
                None if i == answer or percents[i] == 0 else percents[i],
            )
            for i in range(len(texts))
        )
        return SingleChoice, {"choices": choices, "answer": choice_ids[answer]}
    right = [i for i, p in enumerate(percents) if p > 0]
    if not right:
        reading.problem(
            line,
            "no choice earns any marks (mark the right one with =, or give weights such as "
            "~%50%): left out",
        )
        return None
    share = 100 / len(right)
    default = all(abs(p - (share if i in right else -share)) < 1e-3 for i, p in enumerate(percents))
    choices = tuple(
        Choice(
            choice_ids[i],
            texts[i],
            feedback[i],
            None if default or percents[i] == 0 else percents[i],
        )
        for i in range(len(texts))
    )
    return MultipleChoice, {"choices": choices, "answer": tuple(choice_ids[i] for i in right)}


def _true_false(reading: _Reading, gift: GiftQuestion):
    return TrueFalse, {
        "answer": gift.is_true,
        "feedback_true": reading.text(gift.feedback_true, gift.line),
        "feedback_false": reading.text(gift.feedback_false, gift.line),
    }


def _short(reading: _Reading, gift: GiftQuestion):
    line = gift.line
    accept: list[str] = []
    partial: list[TextAnswer] = []
    reject: list[str] = []
    said: list[tuple[str, str]] = []
    other = ""
    for answer in gift.answers:
        text = reading.text(answer.text, line)
        feedback = reading.text(answer.feedback, line)
        percent = answer.percent
        if text == "*" and percent <= 0:
            other = feedback
            continue
        if "*" in text:
            reading.note(
                line,
                f"the answer {text!r} uses Moodle's wildcard (*), which is not matched here: "
                "left out of the question",
            )
            continue
        if not text:
            continue
        if percent >= 100:
            accept.append(text)
        elif percent > 0:
            partial.append(TextAnswer(text, percent, feedback))
            continue
        else:
            reject.append(text)
        if feedback:
            said.append((text, feedback))
    if not accept:
        reading.problem(line, "no answer earns full marks (write it as =answer): left out")
        return None
    return ShortAnswer, {
        "accept": tuple(dict.fromkeys(accept)),
        "reject": tuple(dict.fromkeys(t for t in reject if t not in accept)),
        "partial": tuple(partial),
        "feedback": tuple(said),
        "feedback_other": other,
    }


def _numeric(reading: _Reading, gift: GiftQuestion):
    line = gift.line
    numbers = [a for a in gift.answers if a.number is not None]
    others = [a for a in gift.answers if a.number is None]
    main: Answer | None = next((a for a in numbers if a.percent >= 100), None)
    if main is None:
        reading.problem(line, "no number earns full marks (write it as =number): left out")
        return None
    assert main.number is not None
    partial = tuple(
        NumberAnswer(
            a.number,
            a.tolerance,
            max(0.0, min(100.0, a.percent)),
            reading.text(a.feedback, line),
        )
        for a in numbers
        if a is not main and a.number is not None
    )
    return Numeric, {
        "answer": main.number,
        "tolerance": main.tolerance,
        "feedback": reading.text(main.feedback, line),
        "partial": partial,
        "feedback_other": next((reading.text(a.feedback, line) for a in others), ""),
    }


def _matching(reading: _Reading, gift: GiftQuestion):
    line = gift.line
    pairs = [Pair(reading.text(p.left, line), p.right) for p in gift.pairs if p.left.text]
    distractors = tuple(dict.fromkeys(p.right for p in gift.pairs if not p.left.text))
    if len(pairs) < 2:
        reading.problem(line, "a matching question needs at least two pairs: left out")
        return None
    if len({p.left for p in pairs}) != len(pairs):
        reading.problem(line, "two pairs have the same left-hand side: left out")
        return None
    if any(not p.right for p in pairs):
        reading.problem(line, "a pair has nothing on its right-hand side: left out")
        return None
    rights = {p.right for p in pairs}
    return Matching, {
        "pairs": tuple(pairs),
        "distractors": tuple(d for d in distractors if d and d not in rights),
    }
