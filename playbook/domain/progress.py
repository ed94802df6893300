"""Provides the status of each playbook stage and of the playbook as a whole.

A stage is done only when every checklist item is ticked and every worksheet
check passes: ticking boxes alone does not finish a stage, and neither does
typing something into every field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from playbook.content.models import Stage
from playbook.domain.checks import StageCheck, check_stage


class Status(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    ticked: int
    total: int
    check: StageCheck
    status: Status

    @property
    def fraction(self) -> float:
        """How far along, 0..1: ticks and passing answers, counted alike."""
        parts = self.total + self.check.total
        return (self.ticked + self.check.passing) / parts if parts else 0.0


@dataclass(frozen=True)
class PlaybookProgress:
    stages: tuple[StageProgress, ...]

    @property
    def done(self) -> int:
        return sum(1 for s in self.stages if s.status is Status.DONE)

    @property
    def total(self) -> int:
        return len(self.stages)

    @property
    def fraction(self) -> float:
        return sum(s.fraction for s in self.stages) / len(self.stages) if self.stages else 0.0

    def get(self, stage_id: str) -> StageProgress | None:
        return next((s for s in self.stages if s.stage.id == stage_id), None)


def stage_progress(stage: Stage, ticked: set[str], values: dict[str, object]) -> StageProgress:
    """A stage's status from its ticks and its answers (typed values, see read_answers)."""
    count = sum(1 for item in stage.items if item.id in ticked)
    total = len(stage.items)
    check = check_stage(stage, values)
    if count == total and check.passed:
        status = Status.DONE
    elif count == 0 and check.answered == 0:
        status = Status.NOT_STARTED
    else:
        status = Status.IN_PROGRESS
    return StageProgress(stage, count, total, check, status)


def playbook_progress(
    stages: list[Stage], ticked: dict[str, set[str]], values: dict[str, dict[str, object]]
) -> PlaybookProgress:
    """Every stage's status; `values` are typed answers by stage, then field."""
    return PlaybookProgress(
        tuple(stage_progress(s, ticked.get(s.id, set()), values.get(s.id, {})) for s in stages)
    )
