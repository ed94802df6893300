"""Provides the status of each playbook stage and of the playbook as a whole.

A stage is done only when every checklist item is ticked and every worksheet
check passes: ticking boxes alone does not finish a stage, and neither does
typing something into every field. A stage whose answers raise red flags (a weak
score, a culture gap, a walk-away signal) is "done, N open flags" until each flag is
resolved or acknowledged with a note; and a done stage whose answers changed since it
was done (or since the charter was last exported) says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from playbook.content.models import Stage
from playbook.domain.checks import Context, StageCheck, check_stage, read_answers
from playbook.domain.flags import Flag, open_flags


class Status(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    FLAGGED = "done, open flags"  # everything passes, but red flags wait for an answer
    DONE = "done"


@dataclass(frozen=True)
class StageProgress:
    """Where one stage stands: its ticks, its checks, its open flags and its status."""

    stage: Stage
    ticked: int
    total: int
    check: StageCheck
    status: Status
    flags: tuple[Flag, ...] = ()  # open red flags
    edited_since_done: bool = False  # answers changed since the stage was last done

    @property
    def words(self) -> str:
        """The status as the founder reads it: "done, 2 open flags", "done, edited since done"."""
        if self.status is Status.FLAGGED:
            count = len(self.flags)
            return f"done, {count} open flag{'s' if count != 1 else ''}"
        if self.status is Status.DONE and self.edited_since_done:
            return "done, edited since done"
        return str(self.status)

    @property
    def fraction(self) -> float:
        """How far along, 0..1: ticks and passing answers, counted alike."""
        parts = self.total + self.check.total
        return (self.ticked + self.check.passing) / parts if parts else 0.0


@dataclass(frozen=True)
class PlaybookProgress:
    """Where the whole playbook stands, stage by stage."""

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


def stage_progress(
    stage: Stage, ticked: set[str], values: dict[str, object], ctx: Context | None = None
) -> StageProgress:
    """A stage's status from its ticks and its answers (typed values, see read_answers);
    with a Context, the checks across stages count too."""
    count = sum(1 for item in stage.items if item.id in ticked)
    total = len(stage.items)
    check = check_stage(stage, values, ctx)
    flags = tuple(open_flags(stage, values, ctx.acknowledged if ctx else frozenset()))
    if count == total and check.passed:
        status = Status.FLAGGED if flags else Status.DONE
    elif count == 0 and check.answered == 0:
        status = Status.NOT_STARTED
    else:
        status = Status.IN_PROGRESS
    milestone = ctx.milestones.get(stage.id) if ctx else None
    edited = milestone is not None and read_answers(stage, dict(milestone)) != dict(values)
    return StageProgress(stage, count, total, check, status, flags, edited)


def playbook_progress(
    stages: list[Stage],
    ticked: dict[str, set[str]],
    values: dict[str, dict[str, object]],
    ctx: Context | None = None,
) -> PlaybookProgress:
    """Every stage's status; `values` are typed answers by stage, then field."""
    if ctx is None:
        ctx = Context(stages=tuple(stages), values=values)
    return PlaybookProgress(
        tuple(stage_progress(s, ticked.get(s.id, set()), values.get(s.id, {}), ctx) for s in stages)
    )
