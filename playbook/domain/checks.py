"""Provides the worksheet checks: is this answer a real answer, and what exactly is missing?

Each check takes the field, its typed value, the check's parameter and a Context (today,
the two companies' names, every other answer of the alliance), and returns None when the
answer passes or a message that says precisely what is missing. The checks are strict
about the usual dodges: blanks, one-word answers, nonsense, the example copied back, stock
phrases ("leverage synergies", with or without a digit beside them), the same text pasted
into several fields, a list of goals where one was asked for, a goal whose only number is
its date, a role where a person was asked for, a year where a length of time was asked for,
a date already past.

Every written answer is screened for placeholders, nonsense and boilerplate whatever the
stage file asks; the checks a field names run after that, so a founder sees every gap at
once. Checks across fields (the same text twice, a ticked exit trigger not spelled out, a
pilot whose go line is below the North Star's pace) need the Context's other answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache

from playbook.content.fields import (
    CHECK_NAMES,
    TEXT_KINDS,
    FieldKind,
    Placement,
    RightsField,
    Score,
    WorksheetField,
    list_items,
)
from playbook.content.models import Stage
from playbook.domain.dates import Span, find_dates, find_span, lengths, read_day
from playbook.domain.wordlike import nonsense


@dataclass(frozen=True)
class Failure:
    """One answer that does not yet pass: what is missing, and how to fix it."""

    field_id: str
    label: str
    message: str  # what is missing, precisely
    hint: str  # how to fix it, shown only when asked for


@dataclass(frozen=True)
class StageCheck:
    """A stage's worksheet checked: what fails, and how many answers are in and passing."""

    stage_id: str
    failures: tuple[Failure, ...]
    answered: int  # fields with anything in them
    passing: int  # required fields whose checks all pass
    total: int  # required fields: the ones that must pass

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Context:
    """What a check may need beyond the answer itself."""

    today: date | None = None  # the founder's today (None: checks about the future skip)
    us: str = ""  # our side's name, as the alliance gives it
    them: str = ""  # the partner's
    stages: tuple[Stage, ...] = ()  # every stage, in order (for the checks across stages)
    values: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # typed answers
    stage_id: str = ""  # the stage being checked (the checks that read a sibling field)
    acknowledged: frozenset[str] = frozenset()  # red flags answered with a note
    milestones: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # stage -> stored
    # answers as they were when the stage was last done (or its charter last exported)

    def value(self, stage_id: str, field_id: str) -> object | None:
        """Another answer of the alliance, typed; None if that field does not exist."""
        stage = next((s for s in self.stages if s.id == stage_id), None)
        answer = next((f for f in stage.fields if f.id == field_id), None) if stage else None
        if answer is None:
            return None
        values = self.values.get(stage_id, {})
        return values[field_id] if field_id in values else answer.read("")

    def field(self, stage_id: str, field_id: str) -> WorksheetField | None:
        stage = next((s for s in self.stages if s.id == stage_id), None)
        return next((f for f in stage.fields if f.id == field_id), None) if stage else None


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
RELATIVE_TIME = LazyPattern(
    r"\b(?:within|in|over|after|for)\s+(?:the\s+)?(?:next|first)\s+\d+\s*(?:days?|weeks?|months?"
    r"|years?|quarters?)\b|\b(?:per|a|each|every)\s+(?:day|week|month|quarter|year)\b|"
    r"\bby\s+week\s+\d+\b|\bweek(?:ly)?\b",
    re.IGNORECASE,
)
NUMBER = LazyPattern(r"(?<![\w.])[$€£¥]?\d[\d,.]*\s*(?:%|k\b|m\b|bn\b|x\b)?", re.IGNORECASE)
NUMBER_WORDS = LazyPattern(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"double|doubling|triple|tripling|half|halve)\b",
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
    "testing",
    "asdf",
    "xxx",
    "same",
    "same as above",
    "see above",
    "as above",
    "yes",
    "no",
    "ok",
)
PLACEHOLDER_INSIDE = LazyPattern(r"\b(?:lorem ipsum|tbd|tbc|tba|xxx+|todo)\b", re.IGNORECASE)
STOP_WORDS = frozenset(
    "a an the and or of to in on for with by at from as is are be will we our us they their "
    "them it its this that these those each both all any some more most very so such into "
    "than then also just our own other ways way".split()
)
ROLE_WORDS = frozenset(
    "team teams department dept committee board office group manager managers head lead leader "
    "director vp svp evp ceo cto cfo coo cmo cpo owner chief officer president chair someone "
    "somebody anyone tbd tbc tba hire hired hiring new person role people staff sales "
    "engineering marketing legal finance operations ops hr partnerships partnership alliances "
    "alliance business development product procurement purchasing category buyer both sides "
    "side partner partners we us they them our their senior junior assistant associate "
    "coordinator specialist analyst consultant executive".split()
)
NAME_PREFIXES = frozenset({"dr", "mr", "ms", "mrs", "mx", "prof", "sir", "dame"})
ROLE_SEPARATOR = LazyPattern(r"\s*(?:,|;|\(|\s[-–—]\s|\s/\s|\bas\b|\bour\b|\btheir\b)\s*", re.I)
TIME_SHARE = LazyPattern(
    r"\b(?:full[- ]time|part[- ]time|dedicated|\d{1,3}\s*%|\d{1,3}\s*per\s*cent|"
    r"(?:\d|one|two|three|four|half)\s*(?:\.\d)?\s*days?\s*(?:a|per|each)\s*week|"
    r"\d+\s*hours?\s*(?:a|per|each)\s*week|(?:half|a\s+third|a\s+quarter)\s+of\s+(?:her|his|"
    r"their|my)\s+time|all\s+of\s+(?:her|his|their|my)\s+time)\b",
    re.IGNORECASE,
)
FREED = LazyPattern(
    r"\b(?:no|without|freed from|relieved of|off)\s+(?:a\s+|any\s+|her\s+|his\s+|their\s+)?"
    r"(?:sales\s+)?(?:quota|quotas|target|targets)\b|\bfull[- ]time\s+on\s+(?:the|this)\s+"
    r"(?:alliance|partnership)\b|\bdedicated\s+to\s+(?:the|this)\s+(?:alliance|partnership)\b",
    re.IGNORECASE,
)
QUOTA_ROLES = LazyPattern(
    r"\b(?:sales|selling|account (?:executive|manager)|business development|bdr|sdr|"
    r"engineer|engineering|developer|software|programmer|cto)\b",
    re.IGNORECASE,
)
GOAL_JOINERS = LazyPattern(r"\b(?:and also|as well as|and|plus|while also)\b|;", re.IGNORECASE)
RESULT_VERBS = frozenset(
    "sell reach grow open launch sign win hire cut raise increase reduce enter recruit double "
    "triple halve deliver ship install refill onboard acquire convert build serve save earn "
    "lift lower attract book achieve hit generate make produce train certify".split()
)


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=8192)
def _normal(text: str) -> str:
    return " ".join(words(text.casefold()))


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern:
    phrases = sorted(BOILERPLATE, key=len, reverse=True)  # "win-win" before "win"
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _content_words(normal: str) -> list[str]:
    return [w for w in normal.split() if w not in STOP_WORDS and not w[:1].isdigit()]


# -- what a number in text measures --------------------------------------------------------


def _outside_time(text: str, today: date) -> str:
    """The text with its dates and lengths of time blanked out (same length)."""
    spans = [(m.start, m.end) for m in find_dates(text, today)]
    spans += [(s.start, s.end) for s in lengths(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return RELATIVE_TIME.sub(lambda m: " " * len(m.group()), "".join(chars))


def targets(text: str, today: date) -> list[str]:
    """Numbers that measure something: not a date, a year or a length of time."""
    rest = _outside_time(text, today)
    found = [m.group().strip() for m in NUMBER.finditer(rest)]
    found = [n for n in found if not YEAR.fullmatch(n.strip(",."))]
    found += [m.group() for m in NUMBER_WORDS.finditer(rest)]
    return found


def has_timeframe(text: str, today: date) -> bool:
    return bool(find_dates(text, today) or lengths(text))


# -- the checks: (field, value, arg, context) -> message or None -----------------------


def check_filled(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
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
        inside = PLACEHOLDER_INSIDE.search(text)
        if inside:
            return f"“{inside.group()}” is a placeholder: replace it with the real answer."
    return None


def check_min_words(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    needed = int(arg) if isinstance(arg, int) else 5
    text = field.as_text(value)
    count = len(words(text))
    if count < needed:
        said = "no words" if count == 0 else f"{count} word{'s' if count != 1 else ''}"
        return f"Too short: {said}; a real answer here needs at least {needed}."
    return None


def check_not_boilerplate(
    field: WorksheetField, value: object, arg: object, ctx: Context
) -> str | None:
    return boilerplate_in(field.as_text(value), field)


def boilerplate_in(text: str, field: WorksheetField) -> str | None:
    """What is stock, copied, repeated or nonsense about `text`, written for `field`."""
    normal = _normal(text)
    if not normal:
        return None
    if field.placeholder:
        example = _normal(re.sub(r"^\s*e\.?g\.?,?\s*", "", field.placeholder, flags=re.IGNORECASE))
        if example and (similar(normal, example, 0.9) or (len(normal) > 20 and normal in example)):
            return "This is the example from the prompt: write your own alliance's answer."
    if normal in (_normal(field.label), _normal(field.prompt)):
        return "This repeats the question: answer it."
    tokens = normal.split()
    if len(set(tokens)) == 1 and len(tokens) > 1:
        return "The same word repeated is not an answer."
    odd = nonsense(text)
    if odd:
        return f"This does not read as words ({odd}): write the answer in plain sentences."
    found = list(dict.fromkeys(m.group() for m in _boilerplate().finditer(normal)))
    if found:
        stripped = _boilerplate().sub(" ", normal)
        # Digits do not make a stock phrase concrete ("we leverage synergies in 2 ways"):
        # only enough words of its own, naming what will happen, do.
        if len(_content_words(stripped)) < 8:
            quoted = ", ".join(f"“{p}”" for p in found[:3])
            return (
                f"This reads like boilerplate ({quoted}): say what will actually happen, "
                "with names, numbers or things someone could check."
            )
    return None


_JOINER = LazyPattern(r",(?!\d)|;|\band also\b|\bas well as\b|\band\b|\bplus\b", re.I)


def _clauses(text: str, blanked: str) -> list[tuple[str, str]]:
    """The parts of a goal between joiners ("and", "plus", ";", ","): each as written, and
    with its dates blanked out (`blanked` is `text` with dates as spaces)."""
    parts, at = [], 0
    for joiner in [*_JOINER.finditer(blanked), None]:
        end = joiner.start() if joiner else len(text)
        if blanked[at:end].strip():
            parts.append((text[at:end].strip(" .,;"), blanked[at:end]))
        at = joiner.end() if joiner else end
    return parts


def check_single_goal(
    field: WorksheetField, value: object, arg: object, ctx: Context
) -> str | None:
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
    rest = _outside_time(text, ctx.today)
    # A result is a part with its own target or its own verb: "sell 30,000 bags", "open 40
    # stores". "in its Ohio and Michigan stores" has neither: it is one place, not a goal.
    results = []
    places = {singular(p) for p in PLACE_NOUNS}
    for written, clause in _clauses(text, rest):
        numbers = targets(clause, ctx.today)
        quantities = _quantities(clause)
        if numbers and quantities and all(noun in places for _, noun in quantities):
            numbers = []  # "and 12 cafés": more places for the same result, not a second one
        first_word = next(iter(words(clause.casefold())), "")
        if numbers or first_word in RESULT_VERBS:
            results.append((written, numbers))
    counted = [r for r in results if r[1]]
    if len(results) >= 2 and (len(counted) >= 2 or len(results) >= 3):
        shown = " and ".join(f"“{c}”" for c, _ in results[:2])
        return (
            f"This looks like more than one goal ({shown}): pick the one the alliance "
            "would still be worth it for, and move the others to the scorecard."
        )
    return None


def check_has_number(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    text = field.as_text(value)
    if targets(text, ctx.today):
        return None
    if find_dates(text, ctx.today) and re.search(r"\d", text):
        return (
            "The only number here is part of a date: add the target itself (units, revenue, "
            "customers, a percentage)."
        )
    return (
        "No measurable target: name a number you can count (units, revenue, customers, "
        "a percentage), not only a direction like “grow” or “improve”."
    )


def check_has_timeframe(
    field: WorksheetField, value: object, arg: object, ctx: Context
) -> str | None:
    text = field.as_text(value)
    problems = [m.problem for m in find_dates(text, ctx.today) if m.problem]
    if problems:
        return problems[0] + "."
    if has_timeframe(text, ctx.today) or RELATIVE_TIME.search(text):
        return None
    return "No time frame: add a date (by 30 June 2027) or a period (within 18 months)."


def split_person(text: str) -> tuple[str, str]:
    """("Dana Whitfield", "Head of Partnerships") from "Dana Whitfield, Head of Partnerships"."""
    parts = ROLE_SEPARATOR.split(text.strip(), maxsplit=1)
    name = parts[0].strip()
    role = parts[1].strip(" )") if len(parts) > 1 else ""
    return name, role


def person_problem(text: str) -> str | None:
    """Why `text` does not name a person (a name, with or without a role after it)."""
    name, _role = split_person(text)
    tokens = [w for w in words(name) if w.casefold().rstrip(".") not in NAME_PREFIXES]
    if not tokens:
        return "Give the person's first and last name."
    lowered = [t.casefold() for t in tokens]
    if lowered[0] in ROLE_WORDS or "of" in lowered or "for" in lowered:
        return (
            "That is a role or a team, not a person: give the name of the one person who "
            "owns it (a role may follow: “Dana Whitfield, Head of Partnerships”)."
        )
    if all(t in ROLE_WORDS for t in lowered):
        return "That is a role or a team, not a person: give the person's name."
    if len(tokens) < 2 or sum(1 for t in tokens if t[:1].isupper()) < 2:
        return "Give the person's first and last name."
    if len(tokens) > 5:
        return "That is more than a name: give the person's name, then their role after a comma."
    return None


def check_names_person(
    field: WorksheetField, value: object, arg: object, ctx: Context
) -> str | None:
    """A person's name, a role after it allowed; with `role`, the role is required."""
    text = field.as_text(value)
    problem = person_problem(text)
    if problem is None and arg == "role" and not split_person(text)[1]:
        return (
            "Add their title after the name, after a comma: “Amira Haddad, Chief Operating "
            "Officer”."
        )
    return problem


def check_not_role(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    """A job with a quota of its own (sales, engineering) pulls against the bridge, unless
    the answer says the quota is gone or the alliance is the whole job."""
    text = field.as_text(value)
    match = QUOTA_ROLES.search(text)
    if match and not FREED.search(text):
        return (
            f"Their job today is in {match.group().lower()}, with targets of its own that will "
            "pull against the alliance: say that the quota is lifted or that they are "
            "full-time on the alliance, or choose someone whose job is the bridge."
        )
    return None


def check_time_share(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    text = field.as_text(value)
    if TIME_SHARE.search(text):
        return None
    return (
        "Say how much of their time goes to the alliance (full-time, 60%, three days a "
        "week): a bridge run in spare moments is not a bridge."
    )


def check_min_items(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    needed = int(arg) if isinstance(arg, int) else 1
    count = len(list_items(field.as_text(value)))
    if count < needed:
        return f"{count} listed; at least {needed} needed, one per line."
    return None


def check_max_items(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    most = int(arg) if isinstance(arg, int) else 5
    count = len(list_items(field.as_text(value)))
    if count > most:
        return f"{count} listed: keep the {most} that matter most (a long list gets ignored)."
    return None


def parse_date(text: str, today: date | None = None) -> date | None:
    return read_day(text, today)[0]


def check_date(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    day, problem = read_day(field.as_text(value), ctx.today)
    if day is None:
        return problem
    return None


def check_future(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    day, _problem = read_day(field.as_text(value), ctx.today)
    if day is not None and ctx.today is not None and day <= ctx.today:
        return f"{day:%-d %B %Y} has already passed: pick a date ahead."
    return None


def pilot_span(
    stage_id: str, duration_id: str, start_id: str | None, ctx: Context
) -> tuple[Span | None, date | None]:
    """The span a duration field describes, and the day it ends (counted from its start
    field when the duration is only a length)."""
    text = str(ctx.value(stage_id, duration_id) or "")
    span = find_span(text, ctx.today)
    if span is None:
        return None, None
    if span.last is not None:
        return span, span.last
    if start_id:
        start, _ = read_day(str(ctx.value(stage_id, start_id) or ""), ctx.today)
        if start is not None:
            return span, start + timedelta(days=round(span.days) - 1)
    return span, None


def _stage_of(field: WorksheetField, ctx: Context) -> str:
    """The stage a field belongs to: the one being checked, else the one holding it."""
    if ctx.stage_id:
        return ctx.stage_id
    holding = [s.id for s in ctx.stages if any(f.id == field.id for f in s.fields)]
    return holding[0] if len(holding) == 1 else ""


def check_span(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    """A length of time or a range of dates, not a year or a single day."""
    text = field.as_text(value)
    span = find_span(text, ctx.today)
    if span is None:
        mentions = find_dates(text, ctx.today)
        if mentions and mentions[0].problem:
            return mentions[0].problem + "."
        if YEAR.fullmatch(text.strip()) or (mentions and mentions[0].precision == "year"):
            return (
                f"“{text.strip()}” is a year, not a length of time: say how long (twelve "
                "weeks) or from when to when (1 May to 31 October 2027)."
            )
        if mentions:
            return (
                f"“{mentions[0].text.strip()}” is one moment, not a span: say how long, or "
                "give a start and an end."
            )
        return "Say how long it runs (twelve weeks) or from when to when (1 May to 31 Oct 2027)."
    if span.days <= 0:
        return "The end comes before the start."
    if span.days > 3 * 365:
        return f"That is {span.days / 365.25:.0f} years: a pilot this long is the alliance itself."
    return None


def check_after(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    """This date falls after the end of the span in another field of the stage (`arg`)."""
    day, _ = read_day(field.as_text(value), ctx.today)
    if day is None or not isinstance(arg, str):
        return None
    stage_id = _stage_of(field, ctx)
    other = ctx.field(stage_id, arg)
    starts = [c.arg for c in other.checks if c.name == "span"] if other else []
    start_id = starts[0] if starts and isinstance(starts[0], str) else None
    _span, end = pilot_span(stage_id, arg, start_id, ctx)
    if end is not None and day <= end:
        label = other.label.lower() if other else arg
        return (
            f"{day:%-d %B %Y} is before the {label} ends ({end:%-d %B %Y}): the review comes "
            "after the results are in."
        )
    return None


def check_evidence(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
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
            missing.append(
                "where it came from (site visit, staff, managers, past partners, filings)"
            )
        return f"A score of {value.score} with no evidence behind it: add {' and '.join(missing)}."
    return None


def check_all_owned(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    if not isinstance(value, tuple):
        return None
    owners = {o.id for o in field.options}
    unowned = [r.decision.strip() for r in value if r.decision.strip() and r.owner not in owners]
    if unowned:
        shown = ", ".join(f"“{d}”" for d in unowned[:3])
        more = f" and {len(unowned) - 3} more" if len(unowned) > 3 else ""
        return f"No owner for {shown}{more}: say whose decision each one is."
    return None


def rights_problems(field: RightsField, value: tuple) -> list[str]:
    """Every decision a real one, and each listed once (whatever owner each copy names)."""
    problems = []
    seen: dict[str, str] = {}
    for row in field.rows(value):
        normal = _normal(row.decision)
        if not normal or normal in PLACEHOLDERS or PLACEHOLDER_INSIDE.search(row.decision):
            problems.append(f"“{row.decision.strip()}” is a placeholder, not a decision.")
            continue
        odd = nonsense(row.decision)
        if odd:
            problems.append(f"“{row.decision.strip()}” does not read as a decision ({odd}).")
            continue
        key = normal.removeprefix("the ")
        if key in seen:
            problems.append(
                f"“{row.decision.strip()}” is listed twice: one decision has one owner."
            )
        seen.setdefault(key, row.owner)
    return problems


def check_spelled_out(
    field: WorksheetField, value: object, arg: object, ctx: Context
) -> str | None:
    """Each ticked option (an exit trigger) is spelled out in the field named by `arg`."""
    if not isinstance(value, tuple) or not isinstance(arg, str):
        return None
    stage_id = _stage_of(field, ctx)
    detail = str(ctx.value(stage_id, arg) or "")
    other = ctx.field(stage_id, arg)
    missing = [o for o in value if not _trigger_spelled(o, field.option_label(o), detail, ctx)]
    if not missing:
        return None
    where = other.label if other else arg
    what = "; ".join(
        f"“{field.option_label(o)}”: {TRIGGER_NEEDS.get(o, 'say what')}" for o in missing
    )
    return f"Ticked but not spelled out in “{where}”: {what}."


TRIGGER_NEEDS = {
    "date": "give the end date",
    "revenue": "give the figure below which it ends",
    "leadership": "say whose departure or which change of control ends it",
    "missed-milestone": "name the milestone and its date",
}
_LEADERSHIP = LazyPattern(
    r"\b(?:ceo|chief|founder|leaves?|leaving|departs?|departure|change of control|"
    r"acquired|acquisition|sponsor|leadership|steps? down|resigns?|owner)\b",
    re.IGNORECASE,
)
_MILESTONE = LazyPattern(r"\b(?:milestone|target|miss(?:es|ed)?|falls? short|below|under)\b", re.I)


def _trigger_spelled(option: str, label: str, detail: str, ctx: Context) -> bool:
    if option == "date":
        return bool(find_dates(detail, ctx.today) or lengths(detail))
    if option == "revenue":
        return bool(targets(detail, ctx.today))
    if option == "leadership":
        return bool(_LEADERSHIP.search(detail))
    if option == "missed-milestone":
        return bool(_MILESTONE.search(detail)) and bool(
            targets(detail, ctx.today) or find_dates(detail, ctx.today)
        )
    keys = [w for w in _content_words(_normal(label)) if len(w) > 3]
    return any(k in _normal(detail) for k in keys)


# -- a pilot's go line against the North Star's pace ---------------------------------------

PLACE_NOUNS = frozenset(
    "store stores shop shops outlet outlets location locations branch branches site sites "
    "cafe cafes café cafés restaurant restaurants market markets city cities clinic clinics "
    "school schools office offices".split()
)
_QUANTITY = LazyPattern(
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<k>k|thousand|m|million)?\s+(?:[a-z'’-]+\s+){0,2}?"
    r"(?P<noun>[a-zé]+)",
    re.IGNORECASE,
)
_PER = LazyPattern(r"\b(?:per|a|an|each|every)\s+(?P<what>[a-zé]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Pace:
    """How much of something, per place and per week."""

    noun: str
    amount: float
    places: float
    weeks: float
    written: str  # the arithmetic, in words

    @property
    def per_place_week(self) -> float:
        return self.amount / max(self.places, 1) / max(self.weeks, 1e-9)


def singular(noun: str) -> str:
    noun = noun.lower()
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _quantities(text: str) -> list[tuple[float, str]]:
    found = []
    for match in _QUANTITY.finditer(text):
        number = float(match.group("n").replace(",", ""))
        scale = (match.group("k") or "").lower()
        number *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(scale, 1)
        found.append((number, singular(match.group("noun"))))
    return found


def goal_pace(text: str, ctx: Context) -> Pace | None:
    """The pace a goal needs: "60,000 bags in 40 stores within 52 weeks" -> bags per store
    per week. None when the goal does not say what, where and by when."""
    rest = _outside_time(text, ctx.today)
    quantities = [(n, w) for n, w in _quantities(rest) if w not in STOP_WORDS]
    amount = next(((n, w) for n, w in quantities if w not in PLACE_NOUNS), None)
    places = next(((n, w) for n, w in quantities if w in {singular(p) for p in PLACE_NOUNS}), None)
    if amount is None or places is None:
        return None
    weeks = None
    span = find_span(text, ctx.today)
    if span is not None and span.last is None:
        weeks = span.days / 7
    else:
        ends = [m.last for m in find_dates(text, ctx.today) if not m.problem]
        if ends and ctx.today is not None and ends[-1] > ctx.today:
            weeks = (ends[-1] - ctx.today).days / 7
    if not weeks:
        return None
    written = (
        f"{amount[0]:,.0f} {amount[1]}s over {places[0]:,.0f} {places[1]}s and {weeks:,.0f} weeks"
    )
    return Pace(amount[1], amount[0], places[0], weeks, written)


def pilot_pace(text: str, noun: str, ctx: Context) -> float | None:
    """The pilot's go line as that noun per place per week, when it can be read."""
    rest = _outside_time(text, ctx.today)
    per = {singular(m.group("what")) for m in _PER.finditer(text)}
    quantities = [(n, w) for n, w in _quantities(rest) if w == noun]
    if not quantities:
        return None
    amount = quantities[0][0]
    place_words = {singular(p) for p in PLACE_NOUNS}
    places = next((n for n, w in _quantities(rest) if w in place_words), None)
    weekly = "week" in per
    if not (per & place_words) and places is None:
        return None
    if not (per & place_words):
        amount /= places or 1
    if not weekly:
        span = lengths(text)
        if not span:
            return None
        amount /= span[0].days / 7
    return amount


def check_paces(field: WorksheetField, value: object, arg: object, ctx: Context) -> str | None:
    """The pilot's go line is at least the pace the North Star goal needs (`arg` names the
    goal as "stage.field"), with the arithmetic shown."""
    if not isinstance(arg, str) or "." not in arg:
        return None
    stage_id, goal_id = arg.split(".", 1)
    pace = goal_pace(str(ctx.value(stage_id, goal_id) or ""), ctx)
    if pace is None:
        return None
    go = pilot_pace(field.as_text(value), pace.noun, ctx)
    if go is None:
        return None
    needed = pace.per_place_week
    if go + 1e-9 < needed:
        return (
            f"The goal needs about {needed:,.0f} {pace.noun}s per {_place(pace)} per week "
            f"({pace.written}); this go line is {go:,.0f}. A pilot that passes at this pace "
            "would not reach the goal: raise the line, or say why the pace will rise."
        )
    return None


def _place(pace: Pace) -> str:
    return "store" if "store" in pace.written else "place"


CHECKS: dict[str, Callable[[WorksheetField, object, object, Context], str | None]] = {
    "filled": check_filled,
    "min_words": check_min_words,
    "not_boilerplate": check_not_boilerplate,
    "single_goal": check_single_goal,
    "has_number": check_has_number,
    "has_timeframe": check_has_timeframe,
    "names_person": check_names_person,
    "not_role": check_not_role,
    "time_share": check_time_share,
    "min_items": check_min_items,
    "max_items": check_max_items,
    "date": check_date,
    "future": check_future,
    "span": check_span,
    "after": check_after,
    "evidence": check_evidence,
    "all_owned": check_all_owned,
    "spelled_out": check_spelled_out,
    "paces": check_paces,
}
assert set(CHECKS) == set(CHECK_NAMES), "every check the content may name is implemented"


SCREENED_KINDS = (FieldKind.TEXT, FieldKind.LONG, FieldKind.LIST)


def check_field(field: WorksheetField, value: object, ctx: Context | None = None) -> list[str]:
    """Messages for everything wrong with one answer; [] when it passes.

    A blank required field fails with one message; a blank optional field passes. Every
    written answer is screened for placeholders, nonsense and boilerplate, whether or not
    the stage file asks for it: no stage passes on "TBD", "asdf" or "leverage synergies".
    After that, every check the field names runs, so the founder sees every gap at once.
    """
    ctx = ctx or Context()
    if field.is_blank(value):
        if not field.required:
            return []
        return [check_filled(field, value, None, ctx) or "Not answered yet."]
    first = check_filled(field, value, None, ctx)
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
            boiler = check_not_boilerplate(field, value, None, ctx)
            if boiler:
                messages.append(boiler)
    if isinstance(field, RightsField):
        messages += rights_problems(field, value)
    for check in field.checks:
        if check.name == "filled":
            continue
        message = CHECKS[check.name](field, value, check.arg, ctx)
        if message:
            messages.append(message)
    return messages


def note_problem(note: str) -> str | None:
    """Why a note answering a red flag says nothing (None when it says something)."""
    normal = _normal(note)
    if not normal or normal in PLACEHOLDERS:
        return "Say what you will do about it: a note of a few words at least."
    if len(words(note)) < 4:
        return "A few words more: what will you do about it, or why is it acceptable?"
    odd = nonsense(note)
    if odd:
        return f"This does not read as words ({odd})."
    return None


def read_answers(stage: Stage, raw: dict[str, str]) -> dict[str, object]:
    """A stage's stored answers as typed values, every field present (blank where unanswered)."""
    return {field.id: field.read(raw.get(field.id, "")) for field in stage.fields}


def read_all(stages, raw: dict[str, dict[str, str]]) -> dict[str, dict[str, object]]:
    """Every stage's stored answers (by stage, then field) as typed values."""
    return {s.id: read_answers(s, raw.get(s.id, {})) for s in stages}


# -- the same text in two fields ------------------------------------------------------------

SAME_TEXT = 0.85  # similarity from which two answers count as the same text
MIN_WORDS_TO_COMPARE = 4


def _comparable(ctx: Context) -> list[tuple[str, str, str, str, set[str]]]:
    """(stage id, field id, normal text, where, words) of every written answer long enough
    to compare, in playbook order."""
    found = []
    for stage in ctx.stages:
        for answer in stage.fields:
            if answer.kind not in SCREENED_KINDS and answer.kind is not FieldKind.SCORE:
                continue
            value = ctx.value(stage.id, answer.id)
            if value is None or answer.is_blank(value):
                continue
            normal = _normal(answer.as_text(value))
            tokens = set(normal.split())
            if len(normal.split()) >= MIN_WORDS_TO_COMPARE:
                found.append(
                    (stage.id, answer.id, normal, f"{answer.label}, {stage.title}", tokens)
                )
    return found


@lru_cache(maxsize=4096)
def _word_set(normal: str) -> frozenset[str]:
    return frozenset(normal.split())


def _same(a: tuple, b: tuple) -> bool:
    text_a, words_a, text_b, words_b = a[2], a[4], b[2], b[4]
    if text_a == text_b:
        return True
    if min(len(text_a), len(text_b)) < SAME_TEXT * max(len(text_a), len(text_b)):
        return False  # lengths too far apart for the ratio to reach SAME_TEXT
    overlap = len(words_a & words_b) / max(1, len(words_a | words_b))
    return overlap >= 0.6 and similar(text_a, text_b, SAME_TEXT)


@lru_cache(maxsize=4096)
def similar(a: str, b: str, at_least: float) -> bool:
    """Whether two texts are at least this alike (difflib's ratio), cheap bounds first:
    the checks run on every key press."""
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= at_least
        and matcher.quick_ratio() >= at_least
        and matcher.ratio() >= at_least
    )


def duplicate_of(ctx: Context, stage_id: str, field_id: str) -> str | None:
    """A message when this answer repeats an earlier one of the alliance (the same or
    nearly the same text), in playbook order; None otherwise."""
    answers = _comparable(ctx)
    at = next((i for i, a in enumerate(answers) if a[:2] == (stage_id, field_id)), None)
    if at is None:
        return None
    mine = answers[at]
    for other in answers[:at]:
        if _same(other, mine):
            return (
                f"This is the same text as “{other[3]}”: each field asks something "
                "different, so answer this one on its own."
            )
    return None


def duplicates(ctx: Context, stage_id: str | None = None) -> dict[tuple[str, str], str]:
    """(stage, field) -> a message, for every answer that repeats an earlier one (of one
    stage only, when `stage_id` is given)."""
    answers = _comparable(ctx)
    found: dict[tuple[str, str], str] = {}
    for index, mine in enumerate(answers):
        if stage_id is not None and mine[0] != stage_id:
            continue
        other = next((o for o in answers[:index] if _same(o, mine)), None)
        if other is not None:
            found[mine[:2]] = (
                f"This is the same text as “{other[3]}”: each field asks something "
                "different, so answer this one on its own."
            )
    return found


def check_stage(stage: Stage, values: dict[str, object], ctx: Context | None = None) -> StageCheck:
    """Every field of the stage checked; `values` are typed (see read_answers). With a
    Context holding the alliance's other answers, the checks across fields run too."""
    if ctx is None:
        ctx = Context(stages=(stage,), values={stage.id: values})
    ctx = replace(ctx, stage_id=stage.id)
    repeated = duplicates(ctx, stage.id)
    failures: list[Failure] = []
    answered = passing = 0
    for answer in stage.fields:
        value = values[answer.id] if answer.id in values else answer.read("")
        if not answer.is_blank(value):
            answered += 1
        messages = check_field(answer, value, ctx)
        if (stage.id, answer.id) in repeated:
            messages.append(repeated[(stage.id, answer.id)])
        if messages:
            failures.extend(Failure(answer.id, answer.label, m, answer.hint) for m in messages)
        elif answer.required:  # an optional field left blank is not progress
            passing += 1
    required = sum(1 for answer in stage.fields if answer.required)
    return StageCheck(stage.id, tuple(failures), answered, passing, required)
