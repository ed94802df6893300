"""Provides the typed, immutable content models: stages, cases and questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

STAGE_IDS = ("north-star", "vibe-check", "divorce-papers", "alliance-manager", "pilot")

DIRECTIONS = ("horizontal", "vertical", "diagonal", "mixed")
FORMS = (
    "equity",
    "non-equity",
    "joint venture",
    "licence",
    "merger",
    "acquisition",
    "investment",
    "consortium",
)
# Forms that were not alliances in law: a case with one of these must say so.
NON_ALLIANCE_FORMS = ("merger", "acquisition", "investment")
OUTCOMES = ("success", "mixed", "failure", "ongoing")

QUESTION_TYPES = (
    "single",
    "multiple",
    "true_false",
    "ordering",
    "matching",
    "short",
    "numeric",
)
# Worksheet checks a stage file may name; playbook.domain.checks implements each.
CHECK_NAMES = (
    "filled",  # not blank
    "min_words",  # at least N words
    "not_boilerplate",  # not a stock phrase such as "increase synergies"
    "single_goal",  # one goal, not a list of goals
    "has_number",  # names a measurable target
    "has_timeframe",  # names a date or a period
    "names_person",  # a person's name, not a team or a role
    "not_role",  # not someone whose job is already sales or engineering
    "min_items",  # a list with at least N entries
    "date",  # a real date
    "evidence",  # every score has evidence behind it
    "all_owned",  # every decision listed has an owner
)
FIELD_KINDS = (
    "text",  # one line
    "long",  # several lines
    "choice",  # one of a few options, each with its explanation
    "multi",  # several of a few options
    "date",  # YYYY-MM-DD
    "list",  # one entry per line
    "score",  # 1-5 against anchored descriptions, with evidence
    "compare",  # a cultural dimension: where we sit and where they sit, 1-5
    "rights",  # a decision-rights table: decision -> owner
)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a content file, located to a line."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    hint: str = ""


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
class WorksheetField:
    id: str
    label: str
    kind: str = "long"
    prompt: str = ""
    placeholder: str = ""
    hint: str = ""
    options: tuple[Option, ...] = ()
    checks: tuple[Check, ...] = ()
    required: bool = True
    charter: str = ""  # the charter section this answer belongs to


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    order: int
    summary: str
    lesson: str
    items: tuple[ChecklistItem, ...] = ()
    fields: tuple[WorksheetField, ...] = ()
    discussion: tuple[DiscussionPrompt, ...] = ()
    path: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True)
class Question:
    """A quiz question. Its id is stable: history is keyed by it, not by wording."""

    id: str
    type: str
    prompt: str
    explanation: str
    stage: str = ""
    choices: tuple[Choice, ...] = ()
    # single: a choice id; multiple: a tuple of choice ids; true_false: a bool;
    # numeric: a float; ordering, matching and short use the fields below.
    answer: object = None
    items: tuple[str, ...] = ()  # ordering: the right order
    pairs: tuple[Pair, ...] = ()  # matching: left -> right
    distractors: tuple[str, ...] = ()  # matching: right-hand options that match nothing
    accept: tuple[str, ...] = ()  # short answer
    tolerance: float = 0.0  # numeric
    unit: str = ""  # numeric
    feedback_true: str = ""  # true_false: feedback for answering true
    feedback_false: str = ""
    see: str = ""  # where in the case text the answer is taught
    as_of: str = ""  # the date a time-dependent wording refers to ("March 2026")
    reject: tuple[str, ...] = ()  # short answer: near misses that must stay wrong
    case_id: str = ""

    @property
    def key(self) -> str:
        """The id that history is stored under: unique across the library."""
        return f"{self.case_id}/{self.id}" if self.case_id else self.id


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class DiscussionPrompt:
    prompt: str
    strong_answer: str = ""


@dataclass(frozen=True)
class Decision:
    """The dated choice a case puts to the reader: who had to decide what, and when."""

    protagonist: str
    date: str
    question: str


@dataclass(frozen=True)
class PlanStep:
    minutes: int
    activity: str


@dataclass(frozen=True)
class TeachingNote:
    """A facilitator's plan for teaching a case: never shown to trainees before they answer."""

    objectives: tuple[str, ...] = ()
    plan: tuple[PlanStep, ...] = ()
    board_plan: tuple[str, ...] = ()
    live_questions: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.plan)


@dataclass(frozen=True)
class CheckRecord:
    """When a second reader checked the case's claims against its sources."""

    date: str
    by: str = ""
    note: str = ""


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    parties: tuple[str, ...]
    years: str
    industry: str
    direction: str
    form: str
    legal_form: str  # what it was in law, in a sentence
    outcome: str
    stages: tuple[str, ...]
    summary: str
    narrative: str
    sources: tuple[Source, ...]
    figures: tuple[Figure, ...] = ()
    questions: tuple[Question, ...] = ()
    discussion: tuple[DiscussionPrompt, ...] = ()
    ended_as: str = ""  # a form it turned into at the end, e.g. acquisition
    decision: Decision | None = None
    led_from: str = ""  # the country (or countries) of the party that led it
    teaching_note: TeachingNote | None = None
    checked: CheckRecord | None = None
    path: Path | None = field(default=None, compare=False)
    # where things were written, for messages: "stage:<id>", "question:<id>" -> line
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Library:
    """Everything the content folders hold, plus what was wrong with them."""

    stages: dict[str, Stage] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ordered_stages(self) -> list[Stage]:
        return sorted(self.stages.values(), key=lambda s: (s.order, s.id))

    @property
    def ordered_cases(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: c.title.casefold())

    def question(self, key: str) -> Question | None:
        case_id, _, question_id = key.partition("/")
        case = self.cases.get(case_id)
        if case is None:
            return None
        return next((q for q in case.questions if q.id == question_id), None)
