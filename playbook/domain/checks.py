"""Provides the worksheet checks: is this answer a real answer, and what exactly is missing?

Each check takes the field, its typed value and the check's parameter, and
returns None when the answer passes or a message that says precisely what is
missing. The checks are deliberately strict about the usual dodges: blanks,
one-word answers, the example copied back, stock phrases ("leverage
synergies"), a list of goals where one was asked for, a goal with no number or
no date, a team where a person was asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from playbook.content.fields import (
    CHECK_NAMES,
    TEXT_KINDS,
    FieldKind,
    Placement,
    Score,
    WorksheetField,
    list_items,
)
from playbook.content.models import Stage


@dataclass(frozen=True)
class Failure:
    field_id: str
    label: str
    message: str  # what is missing, precisely
    hint: str  # how to fix it, shown only when asked for


@dataclass(frozen=True)
class StageCheck:
    stage_id: str
    failures: tuple[Failure, ...]
    answered: int  # fields with anything in them
    passing: int  # required fields whose checks all pass
    total: int  # required fields: the ones that must pass

    @property
    def passed(self) -> bool:
        return not self.failures


class LazyPattern:
    """A regular expression compiled on first use: most starts never run a check."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self.compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self.compiled is None:
            self.compiled = re.compile(self.pattern, self.flags)
        return getattr(self.compiled, name)


WORD = LazyPattern(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
YEAR = LazyPattern(r"\b(?:19|20)\d\d\b")
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
TIMEFRAME = LazyPattern(
    rf"\b(?:(?:19|20)\d\d|q[1-4]|h[12]|(?:{MONTHS})\b|"
    r"\d+\s*(?:days?|weeks?|months?|years?|quarters?|yrs?|mos?)\b|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|"
    r"twenty-four|thirty-six)\s+(?:days?|weeks?|months?|years?|quarters?)\b|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    r"(?:next|this)\s+(?:quarter|year|financial year|fiscal year))",
    re.IGNORECASE,
)
NUMBER = LazyPattern(r"(?<![\w.])[$€£¥]?\d[\d,.]*\s*(?:%|k\b|m\b|bn\b|x\b)?", re.IGNORECASE)
NUMBER_WORDS = LazyPattern(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"double|doubling|triple|tripling|half|halve|quarter)\b",
    re.IGNORECASE,
)
BOILERPLATE = (
    "synergy",
    "synergies",
    "synergistic",
    "win-win",
    "win win",
    "leverage",
    "leveraging",
    "best-in-class",
    "best in class",
    "world-class",
    "world class",
    "value creation",
    "create value",
    "mutual benefit",
    "mutually beneficial",
    "strategic partnership",
    "strategic alignment",
    "grow together",
    "going forward",
    "move the needle",
    "holistic",
    "paradigm",
    "ecosystem",
    "innovative solutions",
    "core competencies",
    "core competences",
    "added value",
    "value-add",
    "as appropriate",
    "as needed",
    "where possible",
    "various",
    "etc",
    "and so on",
)
PLACEHOLDERS = (
    "tbd",
    "tba",
    "tbc",
    "n a",
    "na",
    "none",
    "nothing",
    "todo",
    "to do",
    "to be decided",
    "to be determined",
    "to be confirmed",
    "to be agreed",
    "later",
    "unknown",
    "not sure",
    "dunno",
    "?",
    "-",
    "...",
    "lorem ipsum",
    "test",
    "asdf",
    "xxx",
    "same",
    "see above",
    "yes",
    "no",
    "ok",
)
STOP_WORDS = frozenset(
    "a an the and or of to in on for with by at from as is are be will we our us they their "
    "them it its this that these those each both all any some more most very so such into "
    "than then also just our own other".split()
)
NOT_A_PERSON = frozenset(
    "team teams department dept committee board office group manager managers head lead "
    "director vp ceo cto cfo coo cmo owner someone somebody anyone tbd tbc tba hire hired hiring "
    "new person role people staff sales engineering marketing legal finance operations ops hr "
    "both sides side partner we us they them our their".split()
)
BRIDGE_WORDS = ("alliance", "partnership", "partner manager", "full-time", "full time", "dedicated")
DISQUALIFYING_ROLES = LazyPattern(
    r"\b(?:sales|selling|account (?:executive|manager)|business development|engineer|"
    r"engineering|developer|software|programmer|cto)\b",
    re.IGNORECASE,
)
GOAL_JOINERS = LazyPattern(r"\b(?:and also|as well as|and|plus|while also)\b|;", re.IGNORECASE)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _normal(text: str) -> str:
    return " ".join(words(text.casefold()))


# -- the checks: (field, value, arg) -> message or None ---------------------------


def check_filled(field: WorksheetField, value: object, arg: object) -> str | None:
    if isinstance(value, Score):
        if value.score is None:
            return "No score yet: pick the description that fits best (1-5)."
        return None
    if isinstance(value, Placement):
        missing = [
            who for who, v in (("your company", value.us), ("the partner", value.them)) if v is None
        ]
        if missing:
            return f"Place {' and '.join(missing)} on the scale (1-5)."
        return None
    if field.is_blank(value):
        return field.blank_message
    text = field.as_text(value)
    if field.kind in TEXT_KINDS:
        normal = _normal(text)
        if not normal or normal in PLACEHOLDERS:
            return f"“{text.strip()}” is a placeholder, not an answer."
    return None


def check_min_words(field: WorksheetField, value: object, arg: object) -> str | None:
    needed = int(arg) if isinstance(arg, int) else 5
    text = field.as_text(value)
    count = len(words(text))
    if count < needed:
        said = "no words" if count == 0 else f"{count} word{'s' if count != 1 else ''}"
        return f"Too short: {said}; a real answer here needs at least {needed}."
    return None


def check_not_boilerplate(field: WorksheetField, value: object, arg: object) -> str | None:
    return boilerplate_in(field.as_text(value), field)


def boilerplate_in(text: str, field: WorksheetField) -> str | None:
    """What is stock, copied or repeated about `text`, written for `field` (None if nothing)."""
    normal = _normal(text)
    if not normal:
        return None
    if field.placeholder:
        example = _normal(re.sub(r"^\s*e\.?g\.?,?\s*", "", field.placeholder, flags=re.IGNORECASE))
        if example and (normal == example or (len(normal) > 20 and normal in example)):
            return "This is the example from the prompt: write your own alliance's answer."
    if normal in (_normal(field.label), _normal(field.prompt)):
        return "This repeats the question: answer it."
    tokens = normal.split()
    if len(set(tokens)) == 1 and len(tokens) > 1:
        return "The same word repeated is not an answer."
    found = [p for p in BOILERPLATE if re.search(rf"\b{re.escape(p)}\b", normal)]
    if found:
        stripped = normal
        for phrase in found:
            stripped = re.sub(rf"\b{re.escape(phrase)}\b", " ", stripped)
        content = [w for w in stripped.split() if w not in STOP_WORDS]
        concrete = NUMBER.search(text) or len(content) >= 8
        if not concrete:
            quoted = ", ".join(f"“{p}”" for p in found[:3])
            return (
                f"This reads like boilerplate ({quoted}): say what will actually happen, "
                "with names, numbers or things someone could check."
            )
    return None


def _targets(text: str) -> list[str]:
    """Numbers that measure something: not years, not parts of a time frame."""
    without_time = TIMEFRAME.sub(" ", text)
    found = [m.group().strip() for m in NUMBER.finditer(without_time)]
    found = [n for n in found if not YEAR.fullmatch(n.strip(",."))]
    found += [m.group() for m in NUMBER_WORDS.finditer(without_time)]
    return found


def check_single_goal(field: WorksheetField, value: object, arg: object) -> str | None:
    text = field.as_text(value)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and sum(1 for line in lines if list_items(line) != [line.strip()]) >= 1:
        return f"This is a list of {len(lines)} goals: keep the one that matters most."
    if len(lines) > 2:
        return "Write one goal in one or two sentences, not several lines."
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip()) if s.strip()]
    if len(sentences) > 2:
        return (
            f"That is {len(sentences)} sentences: state one goal in one sentence "
            "(one more for context at most)."
        )
    targets = _targets(text)
    if len(targets) >= 2 and GOAL_JOINERS.search(TIMEFRAME.sub(" ", text)):
        shown = " and ".join(f"“{t}”" for t in targets[:2])
        return (
            f"This looks like more than one goal ({shown}): pick the one the alliance "
            "would still be worth it for, and drop the other."
        )
    return None


def check_has_number(field: WorksheetField, value: object, arg: object) -> str | None:
    if _targets(field.as_text(value)):
        return None
    return (
        "No measurable target: name a number you can count (units, revenue, customers, "
        "a percentage), not only a direction like “grow” or “improve”."
    )


def check_has_timeframe(field: WorksheetField, value: object, arg: object) -> str | None:
    if TIMEFRAME.search(field.as_text(value)):
        return None
    return "No time frame: add a date (by 30 June 2027) or a period (within 18 months)."


def check_names_person(field: WorksheetField, value: object, arg: object) -> str | None:
    text = field.as_text(value)
    names = [w for w in words(text) if w.casefold() not in {"dr", "mr", "ms", "mrs", "prof"}]
    lowered = {w.casefold() for w in names}
    if lowered & NOT_A_PERSON:
        return (
            "Name one person, not a team, a role or a hire to come: the bridge needs an "
            "owner you can call."
        )
    capitalised = [w for w in names if w[:1].isupper()]
    if len(names) < 2 or len(capitalised) < 2:
        return "Give the person's first and last name."
    return None


def check_not_role(field: WorksheetField, value: object, arg: object) -> str | None:
    text = field.as_text(value)
    match = DISQUALIFYING_ROLES.search(text)
    if match and not any(word in text.casefold() for word in BRIDGE_WORDS):
        return (
            f"Their job today is in {match.group().lower()}: the alliance manager's job is the "
            "relationship itself. Free them from it, or choose someone whose job is the bridge."
        )
    return None


def check_min_items(field: WorksheetField, value: object, arg: object) -> str | None:
    needed = int(arg) if isinstance(arg, int) else 1
    count = len(list_items(field.as_text(value)))
    if count < needed:
        return f"{count} listed; at least {needed} needed, one per line."
    return None


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def check_date(field: WorksheetField, value: object, arg: object) -> str | None:
    text = field.as_text(value)
    if parse_date(text) is None:
        return f"“{text.strip()}” is not a date: write it as YYYY-MM-DD, e.g. 2027-03-31."
    return None


def check_evidence(field: WorksheetField, value: object, arg: object) -> str | None:
    if not isinstance(value, Score) or value.score is None:
        return None
    if value.evidence.strip():
        normal = _normal(value.evidence)
        if not normal or normal in PLACEHOLDERS:
            return f"“{value.evidence.strip()}” is not evidence: say what you saw or heard."
        boiler = boilerplate_in(value.evidence, field)
        if boiler:
            return boiler
    if len(words(value.evidence)) < 5 or not value.sources:
        missing = []
        if len(words(value.evidence)) < 5:
            missing.append("what you saw or heard, in a sentence")
        if not value.sources:
            missing.append("where it came from (site visit, staff, managers, past partners)")
        return f"A score of {value.score} with no evidence behind it: add {' and '.join(missing)}."
    return None


def check_all_owned(field: WorksheetField, value: object, arg: object) -> str | None:
    if not isinstance(value, tuple):
        return None
    owners = {o.id for o in field.options}
    unowned = [r.decision.strip() for r in value if r.decision.strip() and r.owner not in owners]
    if unowned:
        shown = ", ".join(f"“{d}”" for d in unowned[:3])
        more = f" and {len(unowned) - 3} more" if len(unowned) > 3 else ""
        return f"No owner for {shown}{more}: say whose decision each one is."
    return None


CHECKS: dict[str, Callable[[WorksheetField, object, object], str | None]] = {
    "filled": check_filled,
    "min_words": check_min_words,
    "not_boilerplate": check_not_boilerplate,
    "single_goal": check_single_goal,
    "has_number": check_has_number,
    "has_timeframe": check_has_timeframe,
    "names_person": check_names_person,
    "not_role": check_not_role,
    "min_items": check_min_items,
    "date": check_date,
    "evidence": check_evidence,
    "all_owned": check_all_owned,
}
assert set(CHECKS) == set(CHECK_NAMES), "every check the content may name is implemented"


SCREENED_KINDS = (FieldKind.TEXT, FieldKind.LONG, FieldKind.LIST)


def check_field(field: WorksheetField, value: object) -> list[str]:
    """Messages for everything wrong with one answer; [] when it passes.

    A blank required field fails with one message; a blank optional field
    passes. Every written answer is screened for placeholders and boilerplate,
    whether or not the stage file asks for it: no stage passes on "TBD" or
    "leverage synergies". After that, every check the field names runs, so the
    founder sees every gap at once.
    """
    if field.is_blank(value):
        return [check_filled(field, value, None) or "Not answered yet."] if field.required else []
    first = check_filled(field, value, None)
    if first:
        return [first]
    messages: list[str] = []
    names = field.check_names
    if field.kind in SCREENED_KINDS:
        if field.kind is FieldKind.LIST:
            stubs = [i for i in list_items(str(value)) if _normal(i) in PLACEHOLDERS]
            if stubs:
                messages.append(f"“{stubs[0]}” is a placeholder, not an entry: replace it.")
        if "not_boilerplate" not in names:
            boiler = check_not_boilerplate(field, value, None)
            if boiler:
                messages.append(boiler)
    for check in field.checks:
        if check.name == "filled":
            continue
        message = CHECKS[check.name](field, value, check.arg)
        if message:
            messages.append(message)
    return messages


def read_answers(stage: Stage, raw: dict[str, str]) -> dict[str, object]:
    """A stage's stored answers as typed values, every field present (blank where unanswered)."""
    return {field.id: field.read(raw.get(field.id, "")) for field in stage.fields}


def read_all(stages, raw: dict[str, dict[str, str]]) -> dict[str, dict[str, object]]:
    """Every stage's stored answers (by stage, then field) as typed values."""
    return {s.id: read_answers(s, raw.get(s.id, {})) for s in stages}


def check_stage(stage: Stage, values: dict[str, object]) -> StageCheck:
    """Every field of the stage checked; `values` are typed (see read_answers)."""
    failures: list[Failure] = []
    answered = passing = 0
    for field in stage.fields:
        value = values[field.id] if field.id in values else field.read("")
        if not field.is_blank(value):
            answered += 1
        messages = check_field(field, value)
        if messages:
            failures.extend(Failure(field.id, field.label, m, field.hint) for m in messages)
        elif field.required:  # an optional field left blank is not progress
            passing += 1
    required = sum(1 for field in stage.fields if field.required)
    return StageCheck(stage.id, tuple(failures), answered, passing, required)
