"""Provides the typed, immutable content models: stages, cases and the library.

Question kinds live in content/questions.py and worksheet field kinds in content/fields.py.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.content.problems import Problem

if TYPE_CHECKING:  # annotations only: a Library unpickles its cases (and these) on first use
    from playbook.content.fields import WorksheetField
    from playbook.content.narrative import Narrative
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
    """One thing a stage asks the founders to have done, ticked by hand."""

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
    """One stage of the playbook: its lesson, checklist, worksheet and exercises."""

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
    """Where a case's facts come from: the original's title and address."""

    title: str
    url: str = ""


@dataclass(frozen=True)
class Figure:
    """A key number of a case, labelled ("Price paid": "$36 billion")."""

    label: str
    value: str


@dataclass(frozen=True)
class DiscussionPrompt:
    """A question for discussion, with what a strong answer would cover."""

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


class Library:
    """Everything the content folders hold, plus what was wrong with them.

    Pickled (the parse cache, content/cache.py), its cases and banks travel as one packed
    blob, unpacked when first asked for: the home screen needs the stages, the number of
    cases and which questions exist, and those are kept beside the blob, so the app's first
    frame loads neither the question kinds nor the case texts (a tenth of start-up)."""

    def __init__(
        self,
        stages: dict[str, Stage] | None = None,
        cases: dict[str, Case] | None = None,
        problems: list[Problem] | None = None,
        banks: dict[str, Bank] | None = None,
    ) -> None:
        self.stages: dict[str, Stage] = {} if stages is None else stages
        self.problems: list[Problem] = [] if problems is None else problems
        self._cases: dict[str, Case] = {} if cases is None else cases
        self._banks: dict[str, Bank] = {} if banks is None else banks
        self._packed: bytes | None = None  # pickled (cases, banks), not yet unpacked
        self._packed_digest = ""
        self._keys: frozenset[str] = frozenset()  # while packed: every question key
        self._case_count = 0  # while packed: how many cases
        self._unpacking = threading.Lock()

    @property
    def cases(self) -> dict[str, Case]:
        if self._packed is not None:
            self._unpack()
        return self._cases

    @property
    def banks(self) -> dict[str, Bank]:
        if self._packed is not None:
            self._unpack()
        return self._banks

    def _unpack(self) -> None:
        with self._unpacking:  # a worker thread may ask at the same moment as the screen
            if self._packed is not None:
                self._cases, self._banks = pickle.loads(self._packed)
                self._packed = None

    @property
    def case_count(self) -> int:
        return self._case_count if self._packed is not None else len(self._cases)

    def has_question(self, key: str) -> bool:
        """Whether the content holds the question stored under `key` (answered packed)."""
        if self._packed is not None:
            return key in self._keys
        return self.question(key) is not None

    def intact(self) -> bool:
        """False if the packed cases were damaged since they were pickled (a cache file
        changed on disk): a library that would fail later, on first opening a case."""
        return self._packed is None or _digest(self._packed) == self._packed_digest

    def __getstate__(self) -> dict[str, object]:
        owners = [*self.cases.values(), *self.banks.values()]
        packed = pickle.dumps((self.cases, self.banks), protocol=pickle.HIGHEST_PROTOCOL)
        return {
            "stages": self.stages,
            "problems": self.problems,
            "packed": packed,
            "digest": _digest(packed),
            "keys": frozenset(f"{o.id}/{q.id}" for o in owners for q in o.questions),
            "case_count": len(self.cases),
        }

    def __setstate__(self, state: dict) -> None:
        self.stages, self.problems = state["stages"], state["problems"]
        self._cases, self._banks = {}, {}
        self._packed, self._packed_digest = state["packed"], state["digest"]
        self._keys = state["keys"]
        self._case_count = state["case_count"]
        self._unpacking = threading.Lock()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Library):
            return NotImplemented
        return (self.stages, self.cases, self.problems, self.banks) == (
            other.stages,
            other.cases,
            other.problems,
            other.banks,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable while the loader fills it

    def __repr__(self) -> str:
        return (
            f"Library({len(self.stages)} stages, {self.case_count} cases, "
            f"{len(self.problems)} problems)"
        )

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


def _digest(packed: bytes) -> str:
    return hashlib.blake2b(packed, digest_size=16).hexdigest()


_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def sort_title(title: str) -> str:
    """The key a title sorts under, as in a library catalogue: "The Hanseatic League" under H."""
    return _ARTICLE.sub("", title.strip()).casefold()
