"""Provides Worksheet: one stage of one alliance, answered, checked and saved as it is typed.

An edit is checked at once and saved a moment later: SAVE_DELAY after the last key, but
never later than MAX_WAIT after the first key not yet saved, so even typing that never
pauses is on disk within MAX_WAIT. The screen asks `save_due_in()` when to call `flush()`.
If another program holds the database, the text stays pending and is tried again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playbook.content.fields import WorksheetField
from playbook.content.library import Library
from playbook.content.models import Stage
from playbook.domain.checks import (
    Context,
    check_field,
    duplicate_of,
    note_problem,
    read_all,
    read_answers,
)
from playbook.domain.flags import Flag, stage_flags
from playbook.domain.progress import StageProgress, Status, stage_progress
from playbook.domain.vibe import Scorecard, scorecard
from playbook.services.clock import Clock
from playbook.store.db import DatabaseLocked, StoreError
from playbook.store.records import Acknowledgement, Alliance
from playbook.store.store import Store

SAVE_DELAY = 0.3  # seconds of quiet before typed text is written
MAX_WAIT = 1.5  # seconds: typed text is written at the latest this long after its first key
SAVE_WAIT_MS = 250  # how long one save waits for another writer before trying again later
RETRY_DELAY = 2.0  # seconds between tries when the database refused a write


class Worksheet:
    """A stage's checklist and answers for one alliance, with their checks and saving."""

    def __init__(
        self, store: Store, library: Library, stage: Stage, alliance: Alliance, clock: Clock
    ) -> None:
        self.rows = store.alliances
        self.library = library
        # The stage as the founder sees it: {us} and {them} in its texts are the two names.
        self.stage = stage.named(alliance.our_side, alliance.partner)
        self.alliance = alliance
        self.clock = clock
        stored = self.rows.answers(alliance.id)
        self.raw: dict[str, str] = stored.get(stage.id, {})
        # Every stage's answers: the checks across stages read the others.
        self.all_values = read_all(library.ordered_stages, stored)
        self.values: dict[str, object] = self.all_values.setdefault(
            stage.id, read_answers(self.stage, self.raw)
        )
        self.ticked: set[str] = self.rows.ticked(alliance.id, stage.id).get(stage.id, set())
        self.acknowledged = self.rows.acknowledgements(alliance.id)
        self.milestones = {
            m.stage_id: m.answers for m in self.rows.milestones(alliance.id).values()
        }
        self.pending: dict[str, str] = {}
        # Waiting to save is measured on a monotonic clock of its own: the services clock
        # says what time it is (and stands still in tests), not how long a pause lasted.
        self.monotonic: Callable[[], float] = time.monotonic
        self._first_unsaved: float | None = None
        self._last_edit: float | None = None
        self.failed: StoreError | None = None  # the last save's error, until one succeeds

    @property
    def started(self) -> bool:
        """Whether anything was answered yet (the screen opens on the worksheet if so)."""
        return any(v.strip() for v in self.raw.values())

    def field(self, field_id: str) -> WorksheetField:
        return next(f for f in self.stage.fields if f.id == field_id)

    def context(self) -> Context:
        return Context(
            today=self.clock().astimezone().date(),
            us=self.alliance.our_side,
            them=self.alliance.partner,
            stages=tuple(self.library.ordered_stages),
            values=self.all_values,
            stage_id=self.stage.id,
            acknowledged=frozenset(self.acknowledged),
            milestones=self.milestones,
        )

    def messages(self, field: WorksheetField, ctx: Context | None = None) -> list[str]:
        """What is missing from the field's answer ([] when it passes), the checks that
        read other answers included."""
        ctx = ctx or self.context()
        found = check_field(field, self.values[field.id], ctx)
        same = duplicate_of(ctx, self.stage.id, field.id)
        return [*found, same] if same else found

    def all_messages(self) -> dict[str, list[str]]:
        ctx = self.context()
        return {f.id: self.messages(f, ctx) for f in self.stage.fields}

    def progress(self) -> StageProgress:
        return stage_progress(self.stage, self.ticked, self.values, self.context())

    def scorecard(self) -> Scorecard:
        return scorecard(self.stage, self.values)

    def opened(self) -> None:
        """Remember this stage as the one to reopen (and, if it is done but was never
        marked so, keep its answers as they are now: "edited since done" starts here)."""
        self.rows.open_stage(self.alliance.id, self.stage.id, self.clock())
        self._note_done()

    # -- the checklist ----------------------------------------------------

    def tick(self, item_id: str, checked: bool) -> None:
        """Saved at once (raises StoreError, and the tick stays as it was)."""
        self.rows.tick(self.alliance.id, self.stage.id, item_id, checked, self.clock())
        if checked:
            self.ticked.add(item_id)
        else:
            self.ticked.discard(item_id)
        self._note_done()

    def _note_done(self) -> None:
        """The first time the stage is done, keep its answers: later edits show against
        them ("edited since done") until the next charter export."""
        if self.stage.id in self.milestones or self.pending:
            return
        if self.progress().status in (Status.DONE, Status.FLAGGED):
            answers = {k: v for k, v in self.raw.items() if v.strip()}
            self.rows.record_milestone(self.alliance.id, self.stage.id, answers, self.clock())
            self.milestones[self.stage.id] = answers

    # -- red flags ---------------------------------------------------------

    def flags(self) -> list[Flag]:
        """Every red flag of the stage, open or acknowledged."""
        return stage_flags(self.stage, self.values)

    def acknowledge(self, flag_id: str, note: str) -> None:
        """Answer a red flag with a note (what you will do about it); ValueError when the
        note says nothing, StoreError when it cannot be saved."""
        problem = note_problem(note)
        if problem:
            raise ValueError(problem)
        at = self.clock()
        self.rows.acknowledge(self.alliance.id, flag_id, note.strip(), at)
        self.acknowledged[flag_id] = Acknowledgement(flag_id, note.strip(), at)
        self._note_done()

    # -- answers ----------------------------------------------------------

    def edit(self, field_id: str, raw: str) -> dict[str, list[str]]:
        """Take a new answer (stored text) for a field; returns what it still lacks, and
        what the fields whose checks read it now lack (field id -> messages)."""
        field = self.field(field_id)
        now = self.monotonic()
        self.raw[field_id] = raw
        self.values[field_id] = field.read(raw)
        self.pending[field_id] = raw
        self._last_edit = now
        if self._first_unsaved is None:
            self._first_unsaved = now
        ctx = self.context()
        affected = [field] + [
            other
            for other in self.stage.fields
            if other is not field and any(c.arg == field_id for c in other.checks)
        ]
        return {f.id: self.messages(f, ctx) for f in affected}

    def save_due_in(self) -> float | None:
        """Seconds until pending text should be written (None when nothing is pending)."""
        if isinstance(self.failed, DatabaseLocked) and self.pending:
            return RETRY_DELAY  # busy: it will let go
        if not self.pending or self._last_edit is None or self._first_unsaved is None:
            return None
        now = self.monotonic()
        quiet = SAVE_DELAY - (now - self._last_edit)
        latest = MAX_WAIT - (now - self._first_unsaved)
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
        self._note_done()
        return True

    def reset(self) -> None:
        """Forget the stage's ticks and answers (the screen asks first)."""
        self.pending.clear()
        self.rows.reset_stage(self.alliance.id, self.stage.id, self.clock())
        self.milestones.pop(self.stage.id, None)
        self.raw = {}
        self.values = self.all_values[self.stage.id] = read_answers(self.stage, {})
        self.ticked = set()
