"""Provides statistics over attempt records: mastery per stage, daily activity, case results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class Mastery:
    """How well a stage's questions are known: the mean of each one's latest score."""

    score: float  # 0..1; 0 when no question of the stage was answered yet
    seen: int  # questions of the stage answered at least once
    total: int | None = None  # questions the stage has, when the caller said

    @property
    def coverage(self) -> float | None:
        """The share of the stage's questions answered at least once."""
        if not self.total:
            return None
        return min(1.0, self.seen / self.total)


@dataclass(frozen=True)
class CaseStats:
    attempts: int
    best: float  # percent
    last: float  # percent of the most recent attempt
    last_at: datetime


def latest_scores(answers: Iterable[tuple[str, float, datetime]]) -> dict[str, float]:
    """Each question's most recent score (on a tie in time, the one listed last)."""
    latest: dict[str, tuple[datetime, float]] = {}
    for key, score, answered_at in answers:
        if key not in latest or answered_at >= latest[key][0]:
            latest[key] = (answered_at, score)
    return {key: score for key, (_, score) in latest.items()}


def stage_mastery(
    answers: Iterable[tuple[str, float, datetime]],
    question_stage: Mapping[str, str],
    totals: Mapping[str, int] | None = None,
) -> dict[str, Mastery]:
    """Mastery per stage id, from (question_key, score, answered_at) records.

    Questions with no stage ("") or unknown to `question_stage` (say, removed from the
    content) count for no stage. Every stage named in `totals` is in the result, answered or not.
    """
    by_stage: dict[str, list[float]] = {stage: [] for stage in totals or {}}
    for key, score in latest_scores(answers).items():
        stage = question_stage.get(key, "")
        if stage:
            by_stage.setdefault(stage, []).append(score)
    totals = totals or {}
    return {
        stage: Mastery(sum(scores) / len(scores) if scores else 0.0, len(scores), totals.get(stage))
        for stage, scores in by_stage.items()
    }


def daily_activity(times: Iterable[datetime], today: date, days: int = 30) -> list[int]:
    """Answers per day for the last `days` days, oldest first, ending today.

    A time counts on its own calendar date: convert times to the learner's zone first.
    """
    first = today - timedelta(days=max(0, days) - 1)
    counts = [0] * max(0, days)
    for moment in times:
        offset = (moment.date() - first).days
        if 0 <= offset < len(counts):
            counts[offset] += 1
    return counts


def case_summary(attempts: Iterable[tuple[str, float, datetime]]) -> dict[str, CaseStats]:
    """Per case id, from (case_id, percent, finished_at): attempts, best and latest percent."""
    summary: dict[str, CaseStats] = {}
    for case_id, percent, finished_at in attempts:
        before = summary.get(case_id)
        if before is None:
            summary[case_id] = CaseStats(1, percent, percent, finished_at)
            continue
        newer = finished_at >= before.last_at
        summary[case_id] = CaseStats(
            attempts=before.attempts + 1,
            best=max(before.best, percent),
            last=percent if newer else before.last,
            last_at=finished_at if newer else before.last_at,
        )
    return summary
