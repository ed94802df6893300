"""Provides the exit stress test: scenarios that end alliances badly, run against the exit
terms. For each, the clause that covers it, or "not covered" with what to add.

A scenario is covered when every one of its conditions holds: an answer is there, a choice
is ticked, or an answer mentions one of the words that show the case was thought of
("change of control", "insolven..."). The clause shown is the sentence that does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from playbook.content.fields import MultiField, WorksheetField
from playbook.content.models import Condition, Scenario, Stage


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    covered: bool
    clauses: tuple[tuple[str, str], ...]  # (the field's label, the sentence that covers it)
    missing: tuple[str, ...]  # what is not there, in words

    def as_dict(self) -> dict:
        return {
            "id": self.scenario.id,
            "title": self.scenario.title,
            "covered": self.covered,
            "clauses": [list(c) for c in self.clauses],
            "missing": list(self.missing),
            "add": "" if self.covered else self.scenario.add,
        }


def _resolve(ref: str, home: str, stages: Mapping[str, Stage]) -> tuple[str, WorksheetField]:
    stage_id, _, field_id = ref.rpartition(".")
    stage = stages.get(stage_id or home)
    found = next((f for f in stage.fields if f.id == field_id), None) if stage else None
    if found is None:
        raise KeyError(ref)
    return stage.id, found


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def _mentions(text: str, words: tuple[str, ...]) -> str:
    """The sentence of `text` that mentions one of `words` (a word start), or ""."""
    for sentence in _sentences(text):
        folded = sentence.casefold()
        if any(re.search(rf"\b{re.escape(w.casefold())}", folded) for w in words):
            return sentence
    return ""


def _check(
    condition: Condition,
    home: str,
    stages: Mapping[str, Stage],
    values: Mapping[str, Mapping[str, object]],
) -> tuple[tuple[str, str] | None, str]:
    """(the clause that satisfies it, "") or (None, what is missing)."""
    labels = []
    for ref in condition.fields:
        stage_id, answer = _resolve(ref, home, stages)
        labels.append(answer.label)
        value = values.get(stage_id, {}).get(answer.id, answer.read(""))
        if answer.is_blank(value):
            continue
        if condition.option:
            if isinstance(answer, MultiField) and condition.option in value:
                return (answer.label, f"ticked: {answer.option_label(condition.option)}"), ""
            continue
        text = answer.as_text(value)
        if condition.mentions:
            sentence = _mentions(text, condition.mentions)
            if sentence:
                return (answer.label, sentence), ""
            continue
        if condition.filled:
            return (answer.label, _sentences(text)[0] if _sentences(text) else text), ""
    where = " or ".join(f"“{label}”" for label in labels)
    if condition.option:
        return None, f"{where} does not tick it"
    if condition.mentions:
        shown = ", ".join(f"“{w}”" for w in condition.mentions[:4])
        return None, f"nothing in {where} speaks to it (such as {shown})"
    return None, f"{where} is not answered"


def stress_test(
    stage: Stage, stages: Mapping[str, Stage], values: Mapping[str, Mapping[str, object]]
) -> list[Outcome]:
    """Every scenario of `stage` (the Divorce papers) against the alliance's answers."""
    outcomes = []
    for scenario in stage.scenarios:
        clauses, missing = [], []
        for condition in scenario.conditions:
            clause, gap = _check(condition, stage.id, stages, values)
            if clause:
                clauses.append(clause)
            else:
                missing.append(gap)
        outcomes.append(Outcome(scenario, not missing, tuple(clauses), tuple(missing)))
    return outcomes


def reference_problems(
    stage: Stage, stages: Mapping[str, Stage], absent: frozenset[str] = frozenset()
) -> list[str]:
    """What a scenario names that does not exist: a field, or a choice of a field.

    A field of a stage in `absent` (a stage whose own file is already reported as missing
    or broken) is passed over, so one broken file gives one report, not a cascade."""
    problems = []
    for scenario in stage.scenarios:
        for condition in scenario.conditions:
            for ref in condition.fields:
                if ref.rpartition(".")[0] in absent:
                    continue
                try:
                    _stage_id, answer = _resolve(ref, stage.id, stages)
                except KeyError:
                    problems.append(f"scenario '{scenario.id}' names the field '{ref}', which "
                                    "no stage has")  # fmt: skip
                    continue
                ids = {o.id for o in answer.options}
                if condition.option and condition.option not in ids:
                    problems.append(
                        f"scenario '{scenario.id}': '{ref}' has no choice '{condition.option}'"
                    )
    return problems
