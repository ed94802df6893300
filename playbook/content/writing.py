"""Provides the writing of content files: questions as YAML, bank files, questions added to
a case or bank, each checked by reading it back the way the app reads it.

`question_data` is the inverse of reading a question (content/questions.py): every field
that is not its default is written, so a question written and read again is the same
question. Adding questions to an existing file inserts them at the end of its
`questions:` list and leaves every other line (and comment) as it was.
"""

from __future__ import annotations

from pathlib import Path

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


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _choices(question: SingleChoice | MultipleChoice) -> list[dict]:
    written = []
    for choice in question.choices:
        item: dict = {"id": choice.id, "text": choice.text}
        if choice.feedback:
            item["feedback"] = choice.feedback
        if choice.weight is not None:
            item["weight"] = _number(choice.weight)
        written.append(item)
    return written


def question_data(question: Question) -> dict:
    """A question as the plain mapping a content file holds (only what is not a default)."""
    data: dict = {"id": question.id, "type": question.type}
    for key in ("title", "stage", "see", "as_of"):
        if getattr(question, key):
            data[key] = getattr(question, key)
    if question.tags:
        data["tags"] = list(question.tags)
    data["prompt"] = question.prompt
    if isinstance(question, SingleChoice):
        data["choices"] = _choices(question)
        data["answer"] = question.answer
    elif isinstance(question, MultipleChoice):
        data["choices"] = _choices(question)
        data["answer"] = list(question.answer)
    elif isinstance(question, TrueFalse):
        data["answer"] = question.answer
        if question.feedback_true:
            data["feedback_true"] = question.feedback_true
        if question.feedback_false:
            data["feedback_false"] = question.feedback_false
    elif isinstance(question, Ordering):
        data["items"] = list(question.items)
    elif isinstance(question, Matching):
        data["pairs"] = [{"left": p.left, "right": p.right} for p in question.pairs]
        if question.distractors:
            data["distractors"] = list(question.distractors)
    elif isinstance(question, ShortAnswer):
        said = dict(question.feedback)

        def listed(text: str) -> str | dict:
            return {"text": text, "feedback": said[text]} if said.get(text) else text

        accept: list = [listed(text) for text in question.accept]
        for answer in question.partial:
            item: dict = {"text": answer.text, "weight": _number(answer.weight)}
            if answer.feedback:
                item["feedback"] = answer.feedback
            accept.append(item)
        data["accept"] = accept
        if question.reject:
            data["reject"] = [listed(text) for text in question.reject]
        if question.feedback_other:
            data["feedback_other"] = question.feedback_other
    elif isinstance(question, Numeric):
        data["answer"] = _number(question.answer)
        if question.tolerance:
            data["tolerance"] = _number(question.tolerance)
        if question.unit:
            data["unit"] = question.unit
        if question.feedback:
            data["feedback"] = question.feedback
        if question.partial:
            partial = []
            for other in question.partial:
                item = {"answer": _number(other.answer)}
                if other.tolerance:
                    item["tolerance"] = _number(other.tolerance)
                item["weight"] = _number(other.weight)
                if other.feedback:
                    item["feedback"] = other.feedback
                partial.append(item)
            data["partial"] = partial
        if question.feedback_other:
            data["feedback_other"] = question.feedback_other
    else:  # a kind this writer does not know yet: say so rather than write half of it
        raise TypeError(f"cannot write a {question.type} question")
    if question.explanation:
        data["explanation"] = question.explanation
    return data


def dump_yaml(data: object) -> str:
    import yaml

    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=92, default_flow_style=False
    )


def questions_yaml(questions: list[Question], indent: int = 2) -> str:
    """The questions as YAML list items, each line indented by `indent` spaces."""
    text = dump_yaml([question_data(q) for q in questions])
    return "".join(" " * indent + line if line.strip() else line for line in _lines(text))


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def bank_text(
    bank_id: str,
    title: str,
    questions: list[Question],
    *,
    summary: str = "",
    category: str = "",
    source: str = "",
    description: str = "",
) -> str:
    """A whole bank file: front matter (id, title, what it came from, the questions)."""
    head: dict = {"id": bank_id, "title": title}
    if summary:
        head["summary"] = summary
    if category:
        head["category"] = category
    if source:
        head["source"] = source
    text = "---\n" + dump_yaml(head) + "questions:\n" + questions_yaml(questions) + "---\n"
    return text + (description.strip() + "\n" if description.strip() else "")


class CannotAdd(ValueError):
    """The file's front matter cannot take more questions where they belong."""


def add_questions(text: str, questions: list[Question]) -> str:
    """`text` (a case or bank file) with `questions` added at the end of its questions list;
    every other line is left as it was. CannotAdd if its front matter is not readable."""
    from playbook.content.frontmatter import split

    document = split(text)
    if document.meta is None or document.issues:
        where = document.issues[0] if document.issues else None
        raise CannotAdd(
            f"line {where.line}: {where.message}" if where else "the file has no front matter"
        )
    lines = _lines(text)
    end = document.body_line - 2  # index of the closing '---' line
    meta = document.meta
    key_lines = sorted(meta.key_lines.items(), key=lambda item: item[1])
    if "questions" not in meta or not meta["questions"]:
        block = "questions:\n" + questions_yaml(questions)
        if "questions" in meta:  # `questions:` with nothing (or `[]`) after it: replace it
            index = meta.key_lines["questions"] - 1
            return "".join(lines[:index]) + block + "".join(lines[index + 1 :])
        return "".join(lines[:end]) + _ended(lines[:end]) + block + "".join(lines[end:])
    items = meta["questions"]
    if not isinstance(items, list) or not hasattr(items, "item_lines"):
        raise CannotAdd(f"line {meta.key_lines['questions']}: 'questions' is not a list")
    start = meta.key_lines["questions"]
    if items.item_lines[0] == start:
        raise CannotAdd(f"line {start}: 'questions' is written on one line; make it a list")
    first = lines[items.item_lines[0] - 1]
    indent = len(first) - len(first.lstrip(" "))
    after = [line for _key, line in key_lines if line > start]
    stop = (after[0] - 1) if after else end  # the line index after the list's last line
    while stop > start and _outside(lines[stop - 1], indent):
        stop -= 1  # blank lines, and comments about what follows, stay where they were
    block = questions_yaml(questions, indent)
    return "".join(lines[:stop]) + _ended(lines[:stop]) + block + "".join(lines[stop:])


def _outside(line: str, indent: int) -> bool:
    stripped = line.strip()
    return not stripped or (stripped.startswith("#") and len(line) - len(line.lstrip()) <= indent)


def _ended(lines: list[str]) -> str:
    return "\n" if lines and not lines[-1].endswith("\n") else ""


def write_file(path: Path, text: str) -> Path:
    """Write `text` to `path` whole (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path
