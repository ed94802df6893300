"""Provides the Vibe-check scorecard: each factor's score, its evidence and its flags."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.content.fields import CompareField, ScoreField
from playbook.content.models import Stage
from playbook.domain.flags import CULTURE_GAP, LOW_SCORE


@dataclass(frozen=True)
class Factor:
    field_id: str
    label: str
    score: int | None
    anchor: str  # the description the score stands for
    has_evidence: bool
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    field_id: str
    label: str
    low_pole: str
    high_pole: str
    us: int | None
    them: int | None

    @property
    def gap(self) -> int | None:
        return abs(self.us - self.them) if self.us is not None and self.them is not None else None


@dataclass(frozen=True)
class Scorecard:
    factors: tuple[Factor, ...]
    dimensions: tuple[Dimension, ...]

    @property
    def flags(self) -> list[str]:
        found = [f"{f.label}: {flag}" for f in self.factors for flag in f.flags]
        found += [
            f"{d.label}: the two companies sit {d.gap} points apart"
            for d in self.dimensions
            if d.gap is not None and d.gap >= CULTURE_GAP
        ]
        return found

    @property
    def scored(self) -> int:
        return sum(1 for f in self.factors if f.score is not None)

    @property
    def average_words(self) -> str:
        """ "3.5 of 5", or "3.0 of 5 from 2 of 4 factors: not comparable yet"."""
        if self.average is None:
            return "not scored"
        words = f"{self.average:.1f} of 5"
        if self.scored < len(self.factors):
            words += f" from {self.scored} of {len(self.factors)} factors: not comparable yet"
        return words

    @property
    def average(self) -> float | None:
        scores = [f.score for f in self.factors if f.score is not None]
        return sum(scores) / len(scores) if scores else None


def scorecard(stage: Stage, values: dict[str, object]) -> Scorecard:
    """The vibe-check stage's score and compare fields (typed values) as a scorecard."""
    factors: list[Factor] = []
    dimensions: list[Dimension] = []
    for field in stage.fields:
        value = values[field.id] if field.id in values else field.read("")
        if isinstance(field, ScoreField):
            anchor = field.anchor(value)
            has_evidence = bool(value.evidence.strip()) and bool(value.sources)
            flags = []
            if value.score is not None and value.score <= LOW_SCORE:
                flags.append(f"scored {value.score} of 5")
            if value.score is not None and not has_evidence:
                flags.append("no evidence behind the score")
            factors.append(
                Factor(field.id, field.label, value.score, anchor, has_evidence, tuple(flags))
            )
        elif isinstance(field, CompareField):
            low, high = field.poles
            dimensions.append(Dimension(field.id, field.label, low, high, value.us, value.them))
    return Scorecard(tuple(factors), tuple(dimensions))
