"""Provides the typed, immutable content models: stages, cases and the library.

Question kinds live in content/questions.py and worksheet field kinds in content/fields.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from playbook.content.fields import WorksheetField
from playbook.content.narrative import Narrative
from playbook.content.problems import Problem
from playbook.content.questions import Question

__all__ = ["Problem"]  # re-exported: content problems are part of the models' vocabulary

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


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Condition:
    """One thing an answer must hold for a stress-test scenario to count as covered."""

    fields: tuple[str, ...]  # "field" of the stage, or "stage.field"; any of them may hold it
    option: str = ""  # a choice that must be ticked
    mentions: tuple[str, ...] = ()  # words (or word starts) one of which must appear
    filled: bool = False  # the answer must simply be there


@dataclass(frozen=True)
class Scenario:
    """A way an alliance can end badly, run against the exit terms."""

    id: str
    title: str
    what: str  # what happens, in a sentence or two
    conditions: tuple[Condition, ...]  # all must hold for it to be covered
    add: str  # what to add to the terms when it is not covered


@dataclass(frozen=True)
class HealthArea:
    """One area of the health check, with its 1-5 statements (id -> text)."""

    id: str
    title: str
    statements: tuple[tuple[str, str], ...]


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
    scenarios: tuple[Scenario, ...] = ()  # the exit stress test (the Divorce papers)
    health_check: tuple[HealthArea, ...] = ()  # the survey after launch (Alliance manager)
    path: Path | None = field(default=None, compare=False)

    def named(self, us: str, them: str) -> Stage:
        """The stage with {us} and {them} in its worksheet replaced by the two names."""
        return replace(self, fields=tuple(f.named(us, them) for f in self.fields))


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
    story: Narrative | None = field(default=None, compare=False, repr=False)
    path: Path | None = field(default=None, compare=False)
    # where things were written, for messages: "stage:<id>", "question:<id>" -> line
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Bank:
    """Questions that belong to no case (imported from elsewhere, say): a quiz of its own.

    Its questions are keyed "<bank id>/<question id>", as a case's are, so they are quizzed,
    reviewed, counted in stats and used in workshops just the same."""

    id: str
    title: str
    questions: tuple[Question, ...] = ()
    summary: str = ""
    category: str = ""  # the category it came from in another question bank (GIFT)
    source: str = ""  # where its questions came from, in words
    description: str = ""  # the Markdown after the front matter
    path: Path | None = field(default=None, compare=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Library:
    """Everything the content folders hold, plus what was wrong with them."""

    stages: dict[str, Stage] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    banks: dict[str, Bank] = field(default_factory=dict)

    @property
    def ordered_banks(self) -> list[Bank]:
        return sorted(self.banks.values(), key=lambda b: sort_title(b.title))

    def owner(self, owner_id: str) -> Case | Bank | None:
        """The case or bank whose questions are keyed "<owner_id>/...", if any."""
        return self.cases.get(owner_id) or self.banks.get(owner_id)

    @property
    def owners(self) -> list[Case | Bank]:
        """Everything that holds questions: the cases, then the banks, each by title."""
        return [*self.ordered_cases, *self.ordered_banks]

    @property
    def ordered_stages(self) -> list[Stage]:
        return sorted(self.stages.values(), key=lambda s: (s.order, s.id))

    @property
    def ordered_cases(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: sort_title(c.title))

    def question(self, key: str) -> Question | None:
        """The question stored under `key` ("<case or bank id>/<question id>"), or None."""
        owner_id, _, question_id = key.partition("/")
        owner = self.owner(owner_id)
        if owner is None:
            return None
        return next((q for q in owner.questions if q.id == question_id), None)


_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def sort_title(title: str) -> str:
    """The key a title sorts under, as in a library catalogue: "The Hanseatic League" under H."""
    return _ARTICLE.sub("", title.strip()).casefold()
