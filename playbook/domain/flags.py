"""Provides red flags: what the answers say is wrong with the partner or the deal.

A weak score in the Vibe check (2 of 5 or lower), a culture gap (the two companies two
points or more apart on a dimension), a walk-away signal already noted in the Divorce
papers: each is a flag on its stage. A flag stays open until it is resolved (the answer
changes, so the flag is gone) or acknowledged with a note saying what you will do about
it; a stage whose checks all pass is "done, N open flags" until then.

A flag's id says what it is about and how bad ("reputation:score-2"), so acknowledging
a score of 2 does not silence a later score of 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from playbook.content.fields import CompareField, MultiField, ScoreField
from playbook.content.models import Stage

LOW_SCORE = 2  # a factor scored this or lower is a red flag
CULTURE_GAP = 2  # points apart on a dimension from which it is a red flag


@dataclass(frozen=True)
class Flag:
    """A red flag an answer raises (a weak score, a culture gap, a walk-away signal)."""

    id: str
    stage_id: str
    field_id: str
    text: str


def stage_flags(stage: Stage, values: Mapping[str, object]) -> list[Flag]:
    """Every red flag the stage's answers raise (typed values)."""
    flags: list[Flag] = []
    for field in stage.fields:
        value = values[field.id] if field.id in values else field.read("")
        if isinstance(field, ScoreField) and value.score is not None:
            if value.score <= LOW_SCORE:
                flags.append(
                    Flag(
                        f"{field.id}:score-{value.score}",
                        stage.id,
                        field.id,
                        f"{field.label} scored {value.score} of 5",
                    )
                )
        elif isinstance(field, CompareField) and value.us is not None and value.them is not None:
            gap = abs(value.us - value.them)
            if gap >= CULTURE_GAP:
                low, high = field.poles
                flags.append(
                    Flag(
                        f"{field.id}:gap-{gap}",
                        stage.id,
                        field.id,
                        f"{field.label}: the two companies sit {gap} points apart "
                        f"({value.us} against {value.them}, from {low} to {high})",
                    )
                )
        elif isinstance(field, MultiField) and field.charter == "flags":
            for option in value:
                flags.append(
                    Flag(
                        f"{field.id}:{option}",
                        stage.id,
                        field.id,
                        f"{field.label}: {field.option_label(option)}",
                    )
                )
    return flags


def open_flags(
    stage: Stage, values: Mapping[str, object], acknowledged: frozenset[str] | set[str]
) -> list[Flag]:
    return [f for f in stage_flags(stage, values) if f.id not in acknowledged]
