"""Provides worksheet values: how each kind of answer is stored, read back and tested for blank.

Answers are stored as text. Plain fields (text, long, date, list, choice) keep
exactly what was typed; structured ones (multi, score, compare, rights) are
JSON. Reading never fails: a value that cannot be understood reads as blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.content.models import WorksheetField

JSON_KINDS = ("multi", "score", "compare", "rights")

EVIDENCE_SOURCES = (
    ("site-visit", "Site visit"),
    ("lowest-paid", "How they treat their lowest-paid staff"),
    ("mid-level", "Talks with the mid-level managers who will do the work"),
    ("past-partners", "Their past partners"),
    ("disputes", "Disputes and litigation"),
)

_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)]|[a-z][.)])\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Score:
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
    decision: str
    owner: str = ""


def _json(raw: str) -> object:
    import json  # only when a structured answer is read: most starts read none

    try:
        return json.loads(raw) if raw.strip() else None
    except (ValueError, RecursionError):
        return None


def _int_1_to_5(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= 5 else None


def read(field: WorksheetField, raw: str) -> object:
    """The typed value of a stored answer."""
    kind = field.kind
    if kind == "multi":
        data = _json(raw)
        return tuple(x for x in data if isinstance(x, str)) if isinstance(data, list) else ()
    if kind == "score":
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
    if kind == "compare":
        data = _json(raw)
        if not isinstance(data, dict):
            return Placement()
        return Placement(_int_1_to_5(data.get("us")), _int_1_to_5(data.get("them")))
    if kind == "rights":
        data = _json(raw)
        if not isinstance(data, list):
            return ()
        return tuple(
            Right(str(row.get("decision", "")), str(row.get("owner", "")))
            for row in data
            if isinstance(row, dict)
        )
    return raw


def write(field: WorksheetField, value: object) -> str:
    """The stored text of a typed value (the inverse of read)."""
    import json

    kind = field.kind
    if kind == "multi":
        return json.dumps(list(value), ensure_ascii=False)
    if kind == "score":
        return json.dumps(
            {"score": value.score, "evidence": value.evidence, "sources": list(value.sources)},
            ensure_ascii=False,
        )
    if kind == "compare":
        return json.dumps({"us": value.us, "them": value.them})
    if kind == "rights":
        return json.dumps(
            [{"decision": r.decision, "owner": r.owner} for r in value], ensure_ascii=False
        )
    return str(value)


def list_items(text: str) -> list[str]:
    """The entries of a list answer: one per non-empty line, bullets and numbers removed."""
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


def is_blank(field: WorksheetField, value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Score):
        return value.score is None and not value.evidence.strip() and not value.sources
    if isinstance(value, Placement):
        return value.us is None and value.them is None
    if isinstance(value, tuple):
        if field.kind == "rights":
            return not any(r.decision.strip() for r in value)
        return not value
    return value is None


def option_label(field: WorksheetField, option_id: str) -> str:
    return next((o.label for o in field.options if o.id == option_id), option_id)


def as_text(field: WorksheetField, value: object) -> str:
    """A plain-text rendering of an answer, for the charter and for checks on words."""
    if isinstance(value, str):
        if field.kind == "choice":
            return option_label(field, value) if value else ""
        return value.strip()
    if isinstance(value, Score):
        return value.evidence.strip()
    if isinstance(value, tuple) and field.kind == "multi":
        return ", ".join(option_label(field, v) for v in value)
    if isinstance(value, tuple) and field.kind == "rights":
        return "\n".join(f"{r.decision}: {r.owner}" for r in value if r.decision.strip())
    return ""
