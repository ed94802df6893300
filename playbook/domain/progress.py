"""Provides the status of each playbook stage and of the playbook as a whole."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from playbook.content.models import Stage


class Status(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    ticked: int
    total: int
    status: Status


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
    def items_ticked(self) -> int:
        return sum(s.ticked for s in self.stages)

    @property
    def items_total(self) -> int:
        return sum(s.total for s in self.stages)


def stage_progress(stage: Stage, ticked: set[str]) -> StageProgress:
    """A stage is done when every checklist item is ticked."""
    count = sum(1 for item in stage.items if item.id in ticked)
    total = len(stage.items)
    if count == 0:
        status = Status.NOT_STARTED
    elif count == total:
        status = Status.DONE
    else:
        status = Status.IN_PROGRESS
    return StageProgress(stage, count, total, status)


def playbook_progress(stages: list[Stage], ticked: dict[str, set[str]]) -> PlaybookProgress:
    return PlaybookProgress(tuple(stage_progress(s, ticked.get(s.id, set())) for s in stages))
