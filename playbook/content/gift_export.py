"""Provides export_gift: cases' and banks' questions written as GIFT, for Moodle to import.

Each case or bank becomes a `$CATEGORY:` of its own (a bank keeps the category it came
with). Choices, weights, feedback and explanations (as general feedback, `####`) are
written in GIFT's own terms, as Moodle's exporter writes them; a multiple-answer
question's rule (each right pick earns its share, each wrong one costs as much) becomes
the percentages that mark it the same way in Moodle. What GIFT has no place for (choice
ids, the stage, the case section, the date, the unit) goes in a comment line Moodle
skips, so importing the file here again gives back the same questions.

An ordering question has no GIFT form: it is written as a matching question that pairs
each item with its place (1 is first), and said so; imported here again it is an
ordering question once more.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from playbook.content.cases import Bank, Case
from playbook.content.gift import FORMATS, META, escape
from playbook.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

# Appended to an ordering question's prompt when it is written as matching.
ORDER_HINT = " (Match each item to its place in the order: 1 is first.)"
ROOT = "$course$/top"


@dataclass
class Exported:
    text: str = ""
    questions: int = 0
    notes: list[str] = field(default_factory=list)  # "<key>: what became of it"


def _text(text: str) -> str:
    """A text as GIFT: escaped, and marked [plain] where Moodle would read it as markup
    (or as a format of its own)."""
    written = escape(text)
    match = re.match(r"^\[(\w+)\]", text)
    if (match and match.group(1) in FORMATS) or re.search(r"[<>&]", text):
        return "[plain]" + written
    if text.startswith(("//", "$CATEGORY:", "::")):  # else a comment, category or title
        return "[moodle]" + written
    return written


def _percent(value: float) -> str:
    return f"{round(value, 5):.5f}".rstrip("0").rstrip(".")


def _answer(mark: str, text: str, percent: float | None = None, feedback: str = "") -> str:
    """One answer line: `=text#feedback`, `~%50%text`..."""
    weight = f"%{_percent(percent)}%" if percent is not None else ""
    if not weight and text.startswith("%"):
        weight = "%100%" if mark == "=" else "%0%"  # else the % would read as a weight
    line = f"\t{mark}{weight}{_text(text)}"
    return line + (f"#{_text(feedback)}" if feedback else "") + "\n"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def _meta(question: Question, owner: str) -> dict:
    meta: dict = {"owner": owner}
    for key in ("stage", "see", "as_of"):
        if getattr(question, key):
            meta[key] = getattr(question, key)
    if isinstance(question, SingleChoice | MultipleChoice):
        meta["choices"] = [c.id for c in question.choices]
    if isinstance(question, Numeric) and question.unit:
        meta["unit"] = question.unit
    if isinstance(question, Ordering):
        meta["kind"] = "ordering"
    return meta


def question_gift(question: Question, owner: str) -> tuple[str, str]:
    """(the question as GIFT, a note on it) or ("", why it cannot be written)."""
    note = ""
    prompt = question.prompt
    body: list[str] = []
    if isinstance(question, SingleChoice):
        for choice in question.choices:
            credit = question.credit(choice) * 100
            if choice.id == question.answer:
                body.append(_answer("=", choice.text, None, choice.feedback))
            else:
                body.append(_answer("~", choice.text, credit or None, choice.feedback))
    elif isinstance(question, MultipleChoice):
        if not question.answer:
            return "", "no choice is right (pick none): Moodle has no such question"
        for choice in question.choices:
            weighted = question.weighted
            percent = (choice.weight or None) if weighted else question.credit(choice) * 100
            body.append(_answer("~", choice.text, percent, choice.feedback))
    elif isinstance(question, TrueFalse):
        right, wrong = (
            (question.feedback_true, question.feedback_false)
            if question.answer
            else (question.feedback_false, question.feedback_true)
        )
        line = "TRUE" if question.answer else "FALSE"
        if wrong or right:
            line += "#" + _text(wrong)
        if right:
            line += "#" + _text(right)
        body.append(f"\t{line}\n")
    elif isinstance(question, ShortAnswer):
        said = dict(question.feedback)
        texts = [*question.accept, *(a.text for a in question.partial), *question.reject]
        if any("->" in t for t in texts):
            return "", "an answer holds '->', which Moodle would read as a matching pair"
        if any("*" in t for t in texts):
            note = "an answer holds '*', which Moodle reads as a wildcard"
        for text in question.accept:
            body.append(_answer("=", text, None, said.get(text, "")))
        for partial in question.partial:
            body.append(_answer("=", partial.text, partial.weight, partial.feedback))
        for text in question.reject:
            body.append(_answer("=", text, 0, said.get(text, "")))
        if question.feedback_other:
            body.append(f"\t=%0%*#{_text(question.feedback_other)}\n")
    elif isinstance(question, Numeric):
        main = f"{_number(question.answer)}:{_number(question.tolerance)}"
        body.append(f"\t={main}" + (f"#{_text(question.feedback)}" if question.feedback else ""))
        body[-1] += "\n"
        for other in question.partial:
            line = f"\t=%{_percent(other.weight)}%{_number(other.answer)}:"
            line += _number(other.tolerance)
            body.append(line + (f"#{_text(other.feedback)}" if other.feedback else "") + "\n")
        if question.feedback_other:
            body.append(f"\t~#{_text(question.feedback_other)}\n")
    elif isinstance(question, Matching | Ordering):
        if isinstance(question, Ordering):
            pairs = [(item, str(place)) for place, item in enumerate(question.items, start=1)]
            distractors: tuple[str, ...] = ()
            prompt += ORDER_HINT
            note = (
                "an ordering question has no GIFT form: written as matching, each item to its place"
            )
        else:
            pairs = [(p.left, p.right) for p in question.pairs]
            distractors = question.distractors
        if any("->" in left for left, _ in pairs):
            return "", "a left-hand side holds '->', which GIFT cannot write"
        for left, right in pairs:
            body.append(f"\t={_text(left)} -> {escape(right)}\n")
        for extra in distractors:
            body.append(f"\t= -> {escape(extra)}\n")
    else:
        return "", f"no GIFT form for a {question.type} question"
    head = [f"// [id:{question.id}]\n"]
    if question.tags:
        head.append("// " + " ".join(f"[tag:{t}]" for t in question.tags) + "\n")
    head.append(f"// {META} {json.dumps(_meta(question, owner), ensure_ascii=False)}\n")
    title = f"::{escape(question.title)}::" if question.title else ""
    opening = "{#\n" if isinstance(question, Numeric) else "{\n"
    general = f"\t####{_text(question.explanation)}\n" if question.explanation else ""
    text = "".join(head) + title + _text(prompt) + opening + "".join(body) + general + "}\n"
    return text, note


def category_of(owner: Case | Bank) -> str:
    if isinstance(owner, Bank) and owner.category:
        return owner.category
    return f"{ROOT}/{owner.title.replace('/', '//')}"


def export_gift(owners: list[Case | Bank]) -> Exported:
    """Every question of these cases and banks as one GIFT file."""
    out = Exported()
    parts = [
        "// Questions exported from Alliance Playbook as GIFT (Moodle's question format).\n"
        "// Lines starting with // playbook: keep what GIFT has no place for; Moodle skips "
        "them.\n"
    ]
    for owner in owners:
        written = []
        for question in owner.questions:
            text, note = question_gift(question, owner.id)
            if not text:
                out.notes.append(f"{question.key}: left out: {note}")
                continue
            if note:
                out.notes.append(f"{question.key}: {note}")
            written.append(text)
        if written:
            parts.append(f"\n$CATEGORY: {category_of(owner)}\n\n" + "\n".join(written))
            out.questions += len(written)
    out.text = "".join(parts)
    return out
