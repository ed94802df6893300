"""Provides filter_cases: the case library narrowed by stage, type, outcome, industry, words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from playbook.content.cases import Case
from playbook.content.models import DIRECTIONS, FORMS


@dataclass(frozen=True)
class CaseFilter:
    """Empty fields match everything. `kind` is a direction or a form (the alliance type)."""

    stage: str = ""
    kind: str = ""
    outcome: str = ""
    industry: str = ""
    text: str = ""

    def matches(self, case: Case) -> bool:
        if self.stage and self.stage not in case.stages:
            return False
        if self.kind and self.kind not in (case.direction, case.form, case.ended_as):
            return False
        if self.outcome and case.outcome != self.outcome:
            return False
        if self.industry and case.industry != self.industry:
            return False
        return all(word in searchable(case) for word in self.text.casefold().split())


def searchable(case: Case) -> str:
    """The text a search looks in: the facts, the summary and the whole narrative."""
    facts = [case.title, *case.parties, case.summary, case.industry, case.form, case.years]
    return " ".join([*facts, case.id, case.legal_form, case.narrative]).casefold()


def filter_cases(cases: Iterable[Case], criteria: CaseFilter) -> list[Case]:
    return [case for case in cases if criteria.matches(case)]


def kinds_in(cases: Iterable[Case]) -> list[str]:
    """The directions and forms the cases use, directions first, in the content's order."""
    cases = list(cases)
    used = {c.direction for c in cases} | {c.form for c in cases} | {c.ended_as for c in cases}
    return [k for k in (*DIRECTIONS, *FORMS) if k in used]
