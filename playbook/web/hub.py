"""Provides Hub: who is connected to which room, and pushing each of them what changed.

One loop, every TICK seconds: notice writes other processes made (SQLite's data_version),
let the rooms settle themselves (time up, everyone answered), and push each dirty room's
views. A push reads the room once (one snapshot) and builds every connected client's view
from it; a client is sent its view only when what it shows differs from what it was sent.
Boards go out at most every BOARD_EVERY seconds, participants' views every VIEW_EVERY, and
at once when the session itself changes. The participants still connected are written as
seen every HEARTBEAT seconds, in one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from playbook.services import Services
from playbook.services.errors import StoreError, WorkshopError
from playbook.services.wire import encode
from playbook.services.workshop import HEARTBEAT_SECONDS, ParticipantRoom, Pass
from playbook.services.workshop_views import RoomViews
from playbook.web.guard import Bucket

log = logging.getLogger("playbook.web")

TICK = 0.1
BOARD_EVERY = 0.2
VIEW_EVERY = 0.5
REFRESH_EVERY = 5.0  # boards again even when nothing was written (who is away changes)
HEARTBEAT = HEARTBEAT_SECONDS
SERVED_EVERY = 30.0

# Why a participant's connection ends for good (the page then offers to join again).
GONE_REMOVED = "The facilitator removed you from this workshop."
GONE_MOVED = "You joined this workshop from another device; this one has left."


@dataclass(eq=False)
class Client:
    """One open websocket: a participant, or a facilitator's board, or a projector."""

    ws: web.WebSocketResponse
    role: str  # participant, facilitator or projector
    address: str
    workshop_id: int = 0
    room: ParticipantRoom | None = None  # a participant's side
    token_hash: str | None = None
    sent: str = ""  # the last view (or board) sent, to send only what changed
    bucket: Bucket = field(default_factory=Bucket)

    @property
    def pass_(self) -> Pass | None:
        return self.room.me if self.room else None


@dataclass(eq=False)
class Room:
    """The connections to one workshop and when it was last pushed."""

    workshop_id: int
    participants: dict[int, set[Client]] = field(default_factory=dict)
    boards: set[Client] = field(default_factory=set)
    dirty: bool = True
    urgent: bool = True
    pushed_views: float = 0.0
    pushed_boards: float = 0.0
    open: bool = False  # answering was open at the last push: let the room settle itself
    index: int | None = None  # the item shown at the last push
    cached: RoomViews | None = None

    @property
    def empty(self) -> bool:
        return not self.participants and not self.boards


class Hub:
    def __init__(self, services: Services, address: Callable[[], str | None] = lambda: None):
        self.services = services
        self.workshops = services.workshops
        self.rooms: dict[int, Room] = {}
        self.address = address  # where we serve, to tell a dashboard on this machine
        self._version: int | None = None
        self._beat = time.monotonic()
        self._served = 0.0
        self._task: asyncio.Task | None = None
        self.pushes = 0  # how many pushes went out (for tests and the bench)

    # -- connections ---------------------------------------------------------------------

    def room(self, workshop_id: int) -> Room:
        room = self.rooms.get(workshop_id)
        if room is None:
            room = self.rooms[workshop_id] = Room(workshop_id)
        return room

    def add(self, client: Client) -> None:
        room = self.room(client.workshop_id)
        if client.role == "participant" and client.pass_ is not None:
            room.participants.setdefault(client.pass_.participant_id, set()).add(client)
        else:
            room.boards.add(client)
        self.mark(client.workshop_id)

    def drop(self, client: Client) -> None:
        room = self.rooms.get(client.workshop_id)
        if room is None:
            return
        if client.pass_ is not None:
            clients = room.participants.get(client.pass_.participant_id, set())
            clients.discard(client)
            if not clients:
                room.participants.pop(client.pass_.participant_id, None)
        room.boards.discard(client)
        if room.empty:
            del self.rooms[client.workshop_id]
        else:
            self.mark(client.workshop_id)

    def mark(self, workshop_id: int, urgent: bool = False) -> None:
        """Something in this room changed: push it soon (at once if `urgent`)."""
        room = self.rooms.get(workshop_id)
        if room is not None:
            room.dirty = True
            room.urgent = room.urgent or urgent
            room.cached = None

    def views(self, room: Room) -> RoomViews:
        if room.cached is None:
            room.cached = self.workshops.views(room.workshop_id)
        return room.cached

    # -- the loop ------------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for room in list(self.rooms.values()):
            for client in [*room.boards, *(c for cs in room.participants.values() for c in cs)]:
                with contextlib.suppress(Exception):
                    await client.ws.close(code=1001, message=b"The server is stopping.")

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except (StoreError, WorkshopError) as problem:
                log.warning("workshop server: %s", problem)
            except Exception:  # keep serving the room whatever one push hit
                log.exception("workshop server: a push failed")
            await asyncio.sleep(TICK)

    async def tick(self) -> None:
        now = time.monotonic()
        version = self.services.data_version()
        if version != self._version:  # another process wrote (a dashboard on this machine)
            self._version = version
            for workshop_id in self.rooms:
                self.mark(workshop_id, urgent=True)
        for room in list(self.rooms.values()):
            if room.open and self.workshops.settle(room.workshop_id):
                self.mark(room.workshop_id, urgent=True)
        if now - self._beat >= HEARTBEAT:
            self._beat = now
            self._heartbeat()
        if now - self._served >= SERVED_EVERY:
            self._served = now
            address = self.address()
            if address:
                self.workshops.serving(address)
        for room in list(self.rooms.values()):
            await self.push(room, now)

    def _heartbeat(self) -> None:
        seen = []
        for room in self.rooms.values():
            seen += [(pid, room.index) for pid in room.participants]
        if seen:
            self.workshops.seen(seen)
        for workshop_id in self.rooms:
            self.mark(workshop_id)

    async def push(self, room: Room, now: float | None = None) -> None:
        """Send the room's clients what changed, when they are due."""
        now = time.monotonic() if now is None else now
        boards_due = room.boards and (
            room.urgent
            or (room.dirty and now - room.pushed_boards >= BOARD_EVERY)
            or now - room.pushed_boards >= REFRESH_EVERY
        )
        views_due = room.participants and (
            room.urgent or (room.dirty and now - room.pushed_views >= VIEW_EVERY)
        )
        if not (boards_due or views_due):
            return
        try:
            views = self.views(room)
        except WorkshopError:  # deleted: everyone leaves
            for client in [*room.boards, *(c for cs in room.participants.values() for c in cs)]:
                await self.gone(client, "This workshop was deleted.")
            self.rooms.pop(room.workshop_id, None)
            return
        room.open = views.session.phase.value == "open"
        room.index = None if views.session.phase.value == "lobby" else views.session.index
        moment = json.dumps(views.now.isoformat())
        memo: dict[int, Any] = {}  # the parts every view shares are encoded once
        self.pushes += 1
        if boards_due:
            room.pushed_boards = now
            texts: dict[bool, str] = {}
            for client in list(room.boards):
                projector = client.role == "projector"
                if projector not in texts:
                    texts[projector] = json.dumps(encode(views.board(projector).visible(), memo))
                await self.send(client, "board", texts[projector], moment)
        if views_due:
            room.pushed_views = now
            tokens = {p.id: p.token_hash for p in views.people}
            for pid, clients in list(room.participants.items()):
                if pid not in tokens:
                    for client in list(clients):
                        await self.gone(client, GONE_REMOVED)
                    continue
                text = json.dumps(encode(views.participant(pid).visible(), memo))
                for client in list(clients):
                    if client.token_hash != tokens[pid]:
                        await self.gone(client, GONE_MOVED)
                        continue
                    await self.send(client, "view", text, moment)
        room.dirty = room.urgent = False

    async def send(self, client: Client, kind: str, body: str, moment: str) -> None:
        if body == client.sent or client.ws.closed:
            return
        client.sent = body
        with contextlib.suppress(ConnectionError, RuntimeError):
            await client.ws.send_str(f'{{"type":"{kind}","now":{moment},"{kind}":{body}}}')

    async def gone(self, client: Client, reason: str) -> None:
        """End a participant's connection for good, saying why."""
        self.drop(client)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await client.ws.send_json({"type": "gone", "reason": reason})
            await client.ws.close(code=4403, message=b"gone")

    async def welcome(self, client: Client) -> dict[str, Any]:
        """The first view for a client that has just connected (sent at once)."""
        room = self.room(client.workshop_id)
        views = self.views(room)
        if client.role == "participant" and client.pass_ is not None:
            body = json.dumps(encode(views.participant(client.pass_.participant_id).visible()))
            kind = "view"
        else:
            body = json.dumps(encode(views.board(client.role == "projector").visible()))
            kind = "board"
        client.sent = ""
        await self.send(client, kind, body, json.dumps(views.now.isoformat()))
        return {}
