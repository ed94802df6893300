"""Provides the case and bank models: real, sourced alliances told as decisions, and
banks of questions that belong to no case.

A Library (content/library.py) unpacks these on first use: the app's first screen needs
none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.content.models import DiscussionPrompt

if TYPE_CHECKING:
    from playbook.content.narrative import Narrative
    from playbook.content.questions import Question


@dataclass(frozen=True)
class Source:
    """Where a case's facts come from: the original's title and address."""

    title: str
    url: str = ""


@dataclass(frozen=True)
class Figure:
    """A key number of a case, labelled ("Price paid": "$36 billion")."""

    label: str
    value: str


@dataclass(frozen=True)
class Decision:
    """The dated choice a case puts to the reader: who had to decide what, and when."""

    protagonist: str
    date: str
    question: str


@dataclass(frozen=True)
class PlanStep:
    """One step of a teaching plan: how long, doing what."""

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
    """A real, sourced alliance (or what was legally a merger, acquisition or investment)
    told as a decision, with its questions."""

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
