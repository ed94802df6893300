"""Provides LiveScreen: a screen that follows a workshop, loading what changed off the UI thread.

Every POLL_SECONDS the screen asks its room whether anything changed (on this machine,
SQLite's data_version, which moves when another connection commits; through a workshop
server, the count of updates it pushed); if it did, `load()` runs in a worker thread and
`show()` gets the result on the UI thread. A key press never waits for a load, and a load
that finds nothing a viewer can see changed (a participant's heartbeat) draws nothing:
`show()` compares what it is given with what it drew.
"""

from __future__ import annotations

from typing import Any

from textual import work

from playbook.services.errors import StoreError, WorkshopError
from playbook.tui.base import PlaybookScreen

POLL_SECONDS = 0.3


class LiveScreen(PlaybookScreen):
    """Subclasses set `room` (with version()), implement `load()` (in a thread: services
    only) and `show(result)`."""

    room: Any
    _seen_version: int | None = None
    _loading = False
    _again = False

    def start_live(self) -> None:
        self.reload()
        self.set_interval(POLL_SECONDS, self._poll)

    _link = "connected"

    def _poll(self) -> None:
        self.tick()
        self._say_connection()
        self._start_load(force=False)

    def _say_connection(self) -> None:
        """A room served elsewhere: say when its connection drops, and when it is back."""
        status = getattr(self.room, "status", "connected")
        if status == self._link or status == "connecting":
            return
        before, self._link = self._link, status
        if status == "reconnecting":
            self.notify(
                "The connection to the workshop server is lost: reconnecting…",
                title="Workshop",
                severity="warning",
                markup=False,
            )
        elif status == "connected" and before == "reconnecting":
            self.notify("Reconnected to the workshop server.", title="Workshop", markup=False)

    def reload(self) -> None:
        """Load again now (after an action of our own: the data_version does not move for
        writes on this connection)."""
        self._start_load(force=True)

    def _start_load(self, force: bool) -> None:
        if self._loading:
            self._again = self._again or force
            return
        self._loading = True
        self._load_in_thread(force)

    @work(thread=True, group="live")
    def _load_in_thread(self, force: bool) -> None:
        result: Any = None
        error: Exception | None = None
        changed = True
        try:
            version = self.room.version()
            changed = force or version != self._seen_version
            if changed:
                result = self.load()
                self._seen_version = version
        except (StoreError, WorkshopError) as problem:
            error = problem
        self.app.call_from_thread(self._loaded, changed, result, error)

    def _loaded(self, changed: bool, result: Any, error: Exception | None) -> None:
        self._loading = False
        if error is not None:
            self.show_error(error)
        elif changed and self.is_mounted:
            self.show(result)
        if self._again:
            self._again = False
            self._start_load(force=True)

    def load(self) -> Any:
        """Read what the screen shows (runs in a worker thread)."""
        raise NotImplementedError

    def show(self, result: Any) -> None:
        """Draw what `load()` read, if a viewer would see a difference (UI thread)."""
        raise NotImplementedError

    def show_error(self, error: Exception) -> None:
        self.not_saved(error, title="Workshop")

    def tick(self) -> None:
        """Called on every poll: update what moves with the clock (a countdown)."""

    @property
    def remote(self) -> bool:
        """Whether the room is served elsewhere (its calls go over the network)."""
        return hasattr(self.room, "connection")

    def call_room(self, call, *args, done=None) -> None:
        """Do `call(*args)` on the room, then reload (and `done()`); a room served elsewhere
        is called from a worker thread, so the screen never waits on the network. A refusal
        is told as a notice."""
        if not self.remote:
            self._called(call, args, done)
            return
        self._call_in_thread(call, args, done)

    @work(thread=True, group="room-call")
    def _call_in_thread(self, call, args, done) -> None:
        self._called(call, args, done, threaded=True)

    def _called(self, call, args, done, threaded: bool = False) -> None:
        error = None
        try:
            call(*args)
        except (WorkshopError, StoreError, ValueError) as problem:
            error = problem

        def after() -> None:
            if error is not None:
                self.notify(str(error), title="Not done", severity="warning", markup=False)
            if done is not None:
                done()
            self.reload()

        if threaded:
            self.app.call_from_thread(after)
        else:
            after()

    def now(self):
        """The time by the room's clock (a room served elsewhere keeps the server's, offset
        to this machine's)."""
        clock = getattr(self.room, "clock", None)
        return clock() if clock is not None else self.services.clock()
