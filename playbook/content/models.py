"""Provides the typed, immutable content models of the playbook: stages, their checklists,
worksheets and exercises, and the vocabulary a case is described in.

Cases and banks live in content/cases.py, the library in content/library.py, question
kinds in content/questions.py and worksheet field kinds in content/fields.py. What the
first screen needs (the stages) is kept apart from what only a case needs, so the app's
start does not build the case models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.content.problems import Problem

if TYPE_CHECKING:
    from playbook.content.fields import WorksheetField

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
class DiscussionPrompt:
    """A question for discussion, with what a strong answer would cover."""

    prompt: str
    strong_answer: str = ""


_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def sort_title(title: str) -> str:
    """The key a title sorts under, as in a library catalogue: "The Hanseatic League" under H."""
    return _ARTICLE.sub("", title.strip()).casefold()
