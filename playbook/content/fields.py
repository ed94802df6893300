"""Provides the worksheet field kinds: one class per kind, each reading and writing its answers.

An answer is stored as text: plain kinds keep exactly what was typed, structured ones
(multi, score, compare, rights) are JSON. `read()` turns the stored text into the kind's
typed value once (a str, a tuple of option ids, a Score, a Placement, a tuple of Rights);
everything after that (checks, progress, the charter) works on typed values. Reading never
fails: a value that cannot be understood reads as blank. Adding a kind means one class
here (registered in FIELD_KINDS) and one editor widget in the terminal app.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, ClassVar


class FieldKind(StrEnum):
    TEXT = "text"  # one line
    LONG = "long"  # several lines
    CHOICE = "choice"  # one of a few options, each with its explanation
    MULTI = "multi"  # several of a few options
    DATE = "date"  # a date
    LIST = "list"  # one entry per line
    SCORE = "score"  # 1-5 against anchored descriptions, with evidence
    COMPARE = "compare"  # a cultural dimension: where each company sits, 1-5
    RIGHTS = "rights"  # a decision-rights table: decision -> owner


# Worksheet checks a stage file may name; playbook.domain.checks implements each.
CHECK_NAMES = (
    "filled",  # not blank
    "min_words",  # at least N words
    "not_boilerplate",  # not a stock phrase such as "increase synergies"
    "single_goal",  # one goal, not a list of goals
    "has_number",  # names a measurable target
    "has_timeframe",  # names a date or a period
    "names_person",  # a person's name (a role may follow), not a team or a role alone
    "not_role",  # not someone whose job carries a sales or engineering quota of its own
    "time_share",  # says how much of the person's time goes to the alliance
    "min_items",  # a list with at least N entries
    "max_items",  # a list with at most N entries
    "date",  # a real day ("7 June 2027", "2027-06-07", "07/06/2027 (day/month)")
    "future",  # a day still ahead
    "span",  # a length of time or a range of dates (arg: the field holding its start)
    "after",  # a day after the span in the field named by arg has ended
    "evidence",  # every score has evidence behind it
    "all_owned",  # every decision listed has an owner
    "spelled_out",  # every ticked option is spelled out in the field named by arg
    "paces",  # a go line at least the pace of the goal named by arg ("north-star.goal")
)

EVIDENCE_SOURCES = (
    ("site-visit", "Site visit"),
    ("lowest-paid", "How they treat their lowest-paid staff"),
    ("mid-level", "Talks with the mid-level managers who will do the work"),
    ("past-partners", "Their past partners"),
    ("disputes", "Disputes and litigation"),
    ("filings", "Annual report or filings"),
    ("other", "Other (say which in the evidence)"),
)
SOURCE_LABELS = dict(EVIDENCE_SOURCES)

_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)]|[a-z][.)])\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Option:
    """One option of a choice field, or an anchor of a score."""

    id: str
    label: str
    explain: str = ""


@dataclass(frozen=True)
class Check:
    """A named worksheet check with its parameters, e.g. min_words(8)."""

    name: str
    arg: object = None


@dataclass(frozen=True)
class Score:
    """A score field's answer: 1-5 against its anchors, the evidence, and where it came from."""

    score: int | None = None
    evidence: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placement:
    """Where each company sits on a cultural dimension, 1-5."""

    us: int | None = None
    them: int | None = None


@dataclass(frozen=True)
class Right:
    """One row of a decision-rights table: a decision and who owns it."""

    decision: str
    owner: str = ""


# -- how an answer is presented in documents (the charter renders these as Markdown) -----


@dataclass(frozen=True)
class Para:
    """A paragraph; `lead` is a short bold label before it ("2 of 5"); `marks` are
    (start, end) spans of `text` to set in bold."""

    text: str
    lead: str = ""
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, one item a line."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    """A table: a header row and rows of cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Para | Bullets | Grid


def with_parties(text: str, us: str, them: str) -> str:
    """Content text with {us} and {them} replaced by the two companies' names (any other
    braces are left as written: this is not str.format)."""
    return text.replace("{us}", us or "our side").replace("{them}", them or "the partner")


def list_items(text: str) -> list[str]:
    """The entries of a list answer: one per non-empty line, bullets and numbers removed."""
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


def _json(raw: str) -> object:
    try:
        return json.loads(raw) if raw.strip() else None
    except (ValueError, RecursionError):
        return None


def _int_1_to_5(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= 5 else None


@dataclass(frozen=True, kw_only=True)
class WorksheetField:
    """One question of a stage's worksheet.

    A kind that adds no fields of its own is a plain subclass, not a dataclass again: the
    decorator would only write the same methods once more, at about 2 ms a class when the
    app starts (tests/unit/test_kind_classes.py checks no kind's own field is left out)."""

    kind: ClassVar[FieldKind]
    option_ids: ClassVar[tuple[str, ...] | None] = None  # fixed option ids (a scale's points)
    needs_options: ClassVar[bool] = False
    blank_message: ClassVar[str] = "Not answered yet."

    id: str
    label: str
    prompt: str = ""
    placeholder: str = ""
    hint: str = ""
    options: tuple[Option, ...] = ()
    checks: tuple[Check, ...] = ()
    required: bool = True
    charter: str = ""  # the charter section this answer belongs to
    charter_label: str = ""  # its heading in the charter, with {us} and {them} for the names

    def read(self, raw: str) -> Any:
        """The typed value of a stored answer (plain text kinds: the text as typed)."""
        return raw

    def write(self, value: Any) -> str:
        """The stored text of a typed value (the inverse of read)."""
        return str(value)

    def is_blank(self, value: Any) -> bool:
        return not str(value).strip()

    def as_text(self, value: Any) -> str:
        """A plain-text rendering, for the checks that look at words."""
        return str(value).strip()

    def option_label(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), option_id)

    def named(self, us: str, them: str) -> WorksheetField:
        """This field with {us} and {them} in its texts and options replaced by the names."""

        def name(text: str) -> str:
            return with_parties(text, us, them)

        options = tuple(
            replace(o, label=name(o.label), explain=name(o.explain)) for o in self.options
        )
        return replace(
            self,
            label=name(self.label),
            prompt=name(self.prompt),
            hint=name(self.hint),
            placeholder=name(self.placeholder),
            options=options,
        )

    def heading(self, us: str, them: str) -> str:
        """The answer's heading in the charter, with the two companies named."""
        return with_parties(self.charter_label or self.label, us, them)

    def present(self, value: Any) -> tuple[Block, ...]:
        """The answer as document blocks (for a non-blank value)."""
        return (Para(str(value).strip()),)

    @property
    def check_names(self) -> set[str]:
        return {c.name for c in self.checks}


class TextField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.TEXT


class LongField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.LONG


class DateField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.DATE


class ListField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.LIST
    blank_message: ClassVar[str] = "No entries yet: write one per line."

    def items(self, value: str) -> list[str]:
        return list_items(value)

    def present(self, value: Any) -> tuple[Block, ...]:
        return (Bullets(tuple(list_items(value))),)


class ChoiceField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.CHOICE
    needs_options: ClassVar[bool] = True
    blank_message: ClassVar[str] = "Not chosen yet."

    def as_text(self, value: Any) -> str:
        return self.option_label(value) if value else ""

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.id == value), None)

    def present(self, value: Any) -> tuple[Block, ...]:
        option = self.option(value)
        if option is None:
            return (Para(str(value)),)
        return (Para(option.label + (f": {option.explain}" if option.explain else "")),)


class MultiField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.MULTI
    needs_options: ClassVar[bool] = True
    blank_message: ClassVar[str] = "Pick at least one."

    def read(self, raw: str) -> tuple[str, ...]:
        data = _json(raw)
        return tuple(x for x in data if isinstance(x, str)) if isinstance(data, list) else ()

    def write(self, value: Any) -> str:
        return json.dumps(list(value), ensure_ascii=False)

    def is_blank(self, value: Any) -> bool:
        return not value

    def as_text(self, value: Any) -> str:
        return ", ".join(self.option_label(v) for v in value)

    def present(self, value: Any) -> tuple[Block, ...]:
        return (Bullets(tuple(self.option_label(v) for v in value)),)


class ScoreField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.SCORE
    option_ids: ClassVar[tuple[str, ...] | None] = ("1", "2", "3", "4", "5")
    needs_options: ClassVar[bool] = True

    def read(self, raw: str) -> Score:
        data = _json(raw)
        if not isinstance(data, dict):
            return Score()
        sources = data.get("sources")
        return Score(
            score=_int_1_to_5(data.get("score")),
            evidence=data["evidence"] if isinstance(data.get("evidence"), str) else "",
            sources=tuple(s for s in sources if isinstance(s, str))
            if isinstance(sources, list)
            else (),
        )

    def write(self, value: Any) -> str:
        return json.dumps(
            {"score": value.score, "evidence": value.evidence, "sources": list(value.sources)},
            ensure_ascii=False,
        )

    def is_blank(self, value: Any) -> bool:
        return value.score is None and not value.evidence.strip() and not value.sources

    def as_text(self, value: Any) -> str:
        return value.evidence.strip()

    def anchor(self, value: Score) -> str:
        return self.option_label(str(value.score)) if value.score else ""

    def present(self, value: Any) -> tuple[Block, ...]:
        blocks: list[Block] = [
            Para(self.anchor(value), lead=f"{value.score} of 5" if value.score else "not scored")
        ]
        if value.evidence.strip():
            blocks.append(Para(f"Evidence: {value.evidence.strip()}"))
        if value.sources:
            names = ", ".join(SOURCE_LABELS.get(s, s) for s in value.sources)
            blocks.append(Para(f"Sources: {names}"))
        return tuple(blocks)


class CompareField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.COMPARE
    option_ids: ClassVar[tuple[str, ...] | None] = ("1", "5")
    needs_options: ClassVar[bool] = True

    def read(self, raw: str) -> Placement:
        data = _json(raw)
        if not isinstance(data, dict):
            return Placement()
        return Placement(_int_1_to_5(data.get("us")), _int_1_to_5(data.get("them")))

    def write(self, value: Any) -> str:
        return json.dumps({"us": value.us, "them": value.them})

    def is_blank(self, value: Any) -> bool:
        return value.us is None and value.them is None

    def as_text(self, value: Any) -> str:
        return ""

    @property
    def poles(self) -> tuple[str, str]:
        return self.option_label("1"), self.option_label("5")

    def present(self, value: Any) -> tuple[Block, ...]:
        low, high = self.poles
        us = "?" if value.us is None else str(value.us)
        them = "?" if value.them is None else str(value.them)
        text = f"Us {us}, them {them} (1 = {low}, 5 = {high})"
        marks = ((3, 3 + len(us)), (3 + len(us) + 7, 3 + len(us) + 7 + len(them)))
        return (Para(text, marks=marks),)


class RightsField(WorksheetField):
    kind: ClassVar[FieldKind] = FieldKind.RIGHTS
    needs_options: ClassVar[bool] = False
    blank_message: ClassVar[str] = "No decisions listed yet."

    def read(self, raw: str) -> tuple[Right, ...]:
        data = _json(raw)
        if not isinstance(data, list):
            return ()
        return tuple(
            Right(str(row.get("decision", "")), str(row.get("owner", "")))
            for row in data
            if isinstance(row, dict)
        )

    def write(self, value: Any) -> str:
        return json.dumps(
            [{"decision": r.decision, "owner": r.owner} for r in value], ensure_ascii=False
        )

    def is_blank(self, value: Any) -> bool:
        return not any(r.decision.strip() for r in value)

    def as_text(self, value: Any) -> str:
        return "\n".join(f"{r.decision}: {r.owner}" for r in value if r.decision.strip())

    def rows(self, value: tuple[Right, ...]) -> list[Right]:
        return [r for r in value if r.decision.strip()]

    def present(self, value: Any) -> tuple[Block, ...]:
        rows = tuple(
            (r.decision, self.option_label(r.owner) if r.owner else "no owner yet")
            for r in self.rows(value)
        )
        return (Grid(("Decision", "Owner"), rows),)


FIELD_KINDS: dict[FieldKind, type[WorksheetField]] = {
    cls.kind: cls
    for cls in (
        TextField,
        LongField,
        ChoiceField,
        MultiField,
        DateField,
        ListField,
        ScoreField,
        CompareField,
        RightsField,
    )
}
TEXT_KINDS = (FieldKind.TEXT, FieldKind.LONG, FieldKind.LIST, FieldKind.DATE)
