"""Provides Worksheet: one stage of one alliance, answered, checked and saved as it is typed.

An edit is checked at once and saved a moment later: SAVE_DELAY after the last key, but
never later than MAX_WAIT after the first key not yet saved, so even typing that never
pauses is on disk within MAX_WAIT. The screen asks `save_due_in()` when to call `flush()`.
If another program holds the database, the text stays pending and is tried again.
"""

from __future__ import annotations

from datetime import datetime

from playbook.content.fields import WorksheetField
from playbook.content.models import Stage
from playbook.domain.checks import check_field, read_answers
from playbook.domain.progress import StageProgress, stage_progress
from playbook.domain.vibe import Scorecard, scorecard
from playbook.services.clock import Clock
from playbook.store.db import DatabaseLocked, StoreError
from playbook.store.records import Alliance
from playbook.store.store import Store

SAVE_DELAY = 0.3  # seconds of quiet before typed text is written
MAX_WAIT = 1.5  # seconds: typed text is written at the latest this long after its first key
SAVE_WAIT_MS = 250  # how long one save waits for another writer before trying again later
RETRY_DELAY = 2.0  # seconds between tries when the database refused a write


class Worksheet:
    """A stage's checklist and answers for one alliance, with their checks and saving."""

    def __init__(self, store: Store, stage: Stage, alliance: Alliance, clock: Clock) -> None:
        self.rows = store.alliances
        self.stage = stage
        self.alliance = alliance
        self.clock = clock
        self.raw: dict[str, str] = self.rows.answers(alliance.id, stage.id).get(stage.id, {})
        self.values: dict[str, object] = read_answers(stage, self.raw)
        self.ticked: set[str] = self.rows.ticked(alliance.id, stage.id).get(stage.id, set())
        self.pending: dict[str, str] = {}
        self._first_unsaved: datetime | None = None
        self._last_edit: datetime | None = None
        self.failed: StoreError | None = None  # the last save's error, until one succeeds

    @property
    def started(self) -> bool:
        """Whether anything was answered yet (the screen opens on the worksheet if so)."""
        return any(v.strip() for v in self.raw.values())

    def field(self, field_id: str) -> WorksheetField:
        return next(f for f in self.stage.fields if f.id == field_id)

    def messages(self, field: WorksheetField) -> list[str]:
        """What is missing from the field's answer ([] when it passes)."""
        return check_field(field, self.values[field.id])

    def progress(self) -> StageProgress:
        return stage_progress(self.stage, self.ticked, self.values)

    def scorecard(self) -> Scorecard:
        return scorecard(self.stage, self.values)

    def opened(self) -> None:
        """Remember this stage as the one to reopen."""
        self.rows.open_stage(self.alliance.id, self.stage.id, self.clock())

    # -- the checklist ----------------------------------------------------

    def tick(self, item_id: str, checked: bool) -> None:
        """Saved at once (raises StoreError, and the tick stays as it was)."""
        self.rows.tick(self.alliance.id, self.stage.id, item_id, checked, self.clock())
        if checked:
            self.ticked.add(item_id)
        else:
            self.ticked.discard(item_id)

    # -- answers ----------------------------------------------------------

    def edit(self, field_id: str, raw: str) -> list[str]:
        """Take a new answer (stored text) for a field; returns what it still lacks."""
        field = self.field(field_id)
        now = self.clock()
        self.raw[field_id] = raw
        self.values[field_id] = field.read(raw)
        self.pending[field_id] = raw
        self._last_edit = now
        if self._first_unsaved is None:
            self._first_unsaved = now
        return check_field(field, self.values[field_id])

    def save_due_in(self) -> float | None:
        """Seconds until pending text should be written (None when nothing is pending)."""
        if isinstance(self.failed, DatabaseLocked) and self.pending:
            return RETRY_DELAY  # busy: it will let go
        if not self.pending or self._last_edit is None or self._first_unsaved is None:
            return None
        now = self.clock()
        quiet = SAVE_DELAY - (now - self._last_edit).total_seconds()
        latest = MAX_WAIT - (now - self._first_unsaved).total_seconds()
        return max(0.0, min(quiet, latest))

    def flush(self, wait_ms: int | None = SAVE_WAIT_MS) -> bool:
        """Write every pending answer in one transaction; True when nothing is left pending.

        On failure the text stays pending (and `failed` says why); each try waits only
        `wait_ms` for another writer, so typing never freezes for the full busy timeout.
        """
        if not self.pending:
            return True
        values, self.pending = self.pending, {}
        try:
            self.rows.save_answers(
                self.alliance.id, self.stage.id, values, self.clock(), wait_ms=wait_ms
            )
        except StoreError as error:
            self.pending = {**values, **self.pending}  # keep them for the next try
            self.failed = error
            if not isinstance(error, DatabaseLocked):  # tried again on the next edit
                self._first_unsaved = self._last_edit = None
            return False
        self.failed = None
        self._first_unsaved = self._last_edit = None
        return True

    def reset(self) -> None:
        """Forget the stage's ticks and answers (the screen asks first)."""
        self.pending.clear()
        self.rows.reset_stage(self.alliance.id, self.stage.id, self.clock())
        self.raw = {}
        self.values = read_answers(self.stage, {})
        self.ticked = set()
