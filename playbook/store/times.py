"""Provides the one way the database holds a moment: UTC ISO 8601 text, to the millisecond.

"2026-03-02T09:30:00.000+00:00": always the same shape, so moments compare as text in
SQL (ORDER BY, <=) exactly as they compare as times.
"""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a moment stored in the database must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_db(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
