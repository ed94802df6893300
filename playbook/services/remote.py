"""Provides the two sides of a room served elsewhere: RemoteParticipantRoom, RemoteFacilitatorRoom.

`playbook join URL` and `playbook dashboard URL` reach a workshop through its server
(`playbook serve`) and open no database: each side here offers what the local room does
(view or board, answer or act, version) over the server's JSON API, with the views pushed
on a websocket and decoded into the very dataclasses the local room returns, so the same
screens show both. The connection lives on its own thread; it reconnects by itself, and
`status` says whether it is connected.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from playbook.domain.workshop import normalize_code
from playbook.domain.workshop_errors import (
    AnswerRefused,
    NameTaken,
    NotAllowed,
    NotFacilitator,
    WorkshopError,
    WorkshopNotFound,
    WrongPin,
)
from playbook.services.wire import WireError, decode
from playbook.services.workshop_views import BoardView, ParticipantView

TIMEOUT = 10.0
_URL = re.compile(r"^(?:(https?)://)?([^/\s]+)/+([A-Za-z0-9\- ]{6,9})/*(?:projector)?/*$")


class Unreachable(WorkshopError):
    """The workshop server cannot be reached (the message says where, and what to check)."""


def parse_url(text: str) -> tuple[str, str] | None:
    """(server base, join code) from an address as typed ("10.0.0.5:8000/k7m-q2p" or
    "http://10.0.0.5:8000/K7MQ2P"), or None if it is not a workshop's address."""
    match = _URL.match((text or "").strip())
    if not match:
        return None
    scheme, host, code = match.groups()
    code = normalize_code(code)
    if not code or not urlsplit(f"http://{host}").hostname:
        return None
    return f"{scheme or 'http'}://{host}", code


@dataclass(frozen=True)
class RemotePass:
    """What a participant of a served room holds: who they are, and their token."""

    workshop_id: int
    code: str
    participant_id: int
    name: str
    team: str | None
    rejoin_key: str
    rejoined: bool = False


@dataclass(frozen=True)
class WorkshopInfo:
    """What anyone may know of a served workshop before joining it."""

    code: str
    title: str
    team_mode: bool
    anonymous: bool
    certainty: bool
    phase: str
    join_url: str


def _problem(status: int, data: dict[str, Any]) -> WorkshopError:
    message = str(data.get("error") or f"The server answered {status}.")
    kind = data.get("kind")
    if status == 404 or kind == "not_found":
        return WorkshopNotFound(message)
    if kind == "wrong_pin":
        return WrongPin(message, float(data.get("wait") or 0))
    if kind == "not_facilitator":
        return NotFacilitator(message)
    if kind == "name_taken":
        return NameTaken(message)
    if kind == "refused" and status == 409:
        return AnswerRefused(message) if "answer" in message.lower() else NotAllowed(message)
    return WorkshopError(message)


class Connection:
    """One server: HTTP requests and a websocket that pushes updates, on a thread of its own."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True, name="workshop")
        self.thread.start()
        self._session = None
        self._watch: asyncio.Future | None = None
        self.status = "connecting"
        self.offset = timedelta(0)  # the server's clock minus ours

    def _run(self, coroutine, timeout: float = TIMEOUT):
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(timeout + 1)
        except TimeoutError:
            future.cancel()
            raise Unreachable(
                f"The workshop server at {self.base} did not answer in time."
            ) from None

    async def _http(self):
        if self._session is None:
            import aiohttp

            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT))
        return self._session

    def request(self, method: str, path: str, body: dict | None = None, token: str = "") -> Any:
        """A JSON request; the server's refusal as the WorkshopError it stands for."""
        return self._run(self._request(method, path, body, token))

    async def _request(self, method: str, path: str, body: dict | None, token: str) -> Any:
        import aiohttp

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            session = await self._http()
            async with session.request(method, self.base + path, json=body, headers=headers) as r:
                text = await r.text()
                data = json.loads(text) if r.content_type == "application/json" else text
                if r.status >= 400:
                    raise _problem(r.status, data if isinstance(data, dict) else {"error": text})
                return data
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            raise Unreachable(
                f"Cannot reach the workshop server at {self.base} ({error.__class__.__name__}):"
                " check the address, and that this machine is on the same network."
            ) from None

    def watch(self, hello: dict[str, Any], receive: Callable[[dict[str, Any]], None]) -> None:
        """Keep a websocket open (reconnecting after a drop), giving `receive` each message."""
        self._watch = asyncio.run_coroutine_threadsafe(self._follow(hello, receive), self.loop)

    async def _follow(self, hello: dict[str, Any], receive) -> None:
        import aiohttp

        wait = 0.5
        url = "ws" + self.base[len("http") :] + "/ws"
        while True:
            try:
                session = await self._http()
                async with session.ws_connect(url, heartbeat=20, origin=self.base) as ws:
                    await ws.send_json(hello)
                    async for message in ws:
                        if message.type != aiohttp.WSMsgType.TEXT:
                            continue
                        data = json.loads(message.data)
                        if data.get("type") == "welcome":
                            self.status, wait = "connected", 0.5
                        if data.get("type") == "gone":
                            self.status = "gone"
                            receive(data)
                            return
                        if "now" in data:
                            server = datetime.fromisoformat(data["now"])
                            self.offset = server - datetime.now(UTC)
                        receive(data)
            except asyncio.CancelledError:
                raise
            except (aiohttp.ClientError, OSError, TimeoutError, ValueError):
                pass
            if self.status == "gone":
                return
            self.status = "reconnecting"
            receive({"type": "status"})
            await asyncio.sleep(wait)
            wait = min(10.0, wait * 2)

    def clock(self) -> datetime:
        """Now by the server's clock (countdowns agree with everyone else's)."""
        return datetime.now(UTC) + self.offset

    def close(self) -> None:
        async def shut() -> None:
            if self._watch is not None:
                self._watch.cancel()
            if self._session is not None:
                await self._session.close()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(shut(), self.loop).result(3)
        self.loop.call_soon_threadsafe(self.loop.stop)


class _Follower:
    """What both sides share: the latest pushed value and a version that moves with it."""

    kind = ""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._version = 0
        self._latest: Any = None
        self._lock = threading.Lock()
        self.gone_reason = ""

    def _receive(self, data: dict[str, Any]) -> None:
        with self._lock:
            self._version += 1
            if data.get("type") == self.kind:
                self._latest = (data[self.kind], data.get("now"))
            elif data.get("type") == "gone":
                self.gone_reason = str(data.get("reason") or "")

    def version(self) -> int:
        with self._lock:
            return self._version

    @property
    def status(self) -> str:
        return self.connection.status

    def clock(self) -> datetime:
        return self.connection.clock()

    def _decoded(self, cls, fetch: Callable[[], dict[str, Any]]):
        if self.gone_reason:
            raise WorkshopError(self.gone_reason)
        with self._lock:
            latest = self._latest
        if latest is None:
            latest = (fetch(), None)
        data, _now = latest
        try:
            value = decode(cls, data)
        except WireError as problem:
            raise WorkshopError(f"The server sent a view this app cannot read: {problem}") from None
        return value

    def close(self) -> None:
        self.connection.close()


class RemoteParticipantRoom(_Follower):
    """A participant's side of a served room (see ParticipantRoom)."""

    kind = "view"

    def __init__(self, connection: Connection, me: RemotePass, token: str) -> None:
        super().__init__(connection)
        self.me = me
        self.token = token
        connection.watch({"type": "hello", "role": "participant", "token": token}, self._receive)

    def view(self) -> ParticipantView:
        return self._decoded(
            ParticipantView,
            lambda: self.connection.request("GET", "/api/me", token=self.token)["view"],
        )

    def answer(
        self, response: object, confidence: str | None = None, item_index: int | None = None
    ):
        if item_index is None:
            item_index = self.view().session.index
        body = {"item": item_index, "response": response, "confidence": confidence}
        return self.connection.request("POST", "/api/answer", body, self.token)

    def heartbeat(self, at_item: int | None, force: bool = False) -> bool:
        """The server sees who is connected: nothing to write from here."""
        return False


class RemoteFacilitatorRoom(_Follower):
    """The facilitator's side of a served room (see FacilitatorRoom)."""

    kind = "board"

    def __init__(self, connection: Connection, code: str, token: str) -> None:
        super().__init__(connection)
        self.code = code
        self.token = token
        hello = {"type": "hello", "role": "facilitator", "code": code, "token": token}
        connection.watch(hello, self._receive)

    def _path(self, end: str) -> str:
        return f"/api/workshops/{self.code}/{end}"

    def board(self, projector: bool = False) -> BoardView:
        return self._decoded(
            BoardView,
            lambda: self.connection.request("GET", self._path("board"), token=self.token)["board"],
        )

    def join_url(self) -> str:
        return f"{self.connection.base}/{self.code}"

    def act(self, action: str):
        return self.connection.request("POST", self._path("act"), {"action": action}, self.token)

    def settle(self) -> bool:
        """The server closes answering itself when time is up."""
        return False

    def hide(self, participant_id: int, item_index: int, hidden: bool = True) -> None:
        body = {"participant_id": participant_id, "item_index": item_index, "hidden": hidden}
        self.connection.request("POST", self._path("hide"), body, self.token)

    def rename(self, participant_id: int, name: str) -> None:
        body = {"participant_id": participant_id, "name": name}
        self.connection.request("POST", self._path("rename"), body, self.token)

    def remove(self, participant_id: int) -> None:
        body = {"participant_id": participant_id}
        self.connection.request("POST", self._path("remove"), body, self.token)


class RemoteWorkshops:
    """The way into a workshop served at an address: look it up, join it, or run it."""

    def __init__(self, url: str) -> None:
        parsed = parse_url(url)
        if parsed is None:
            raise WorkshopError(
                f"{url.strip() or 'That'} is not a workshop's address: it looks like"
                " http://10.0.0.5:8000/K7MQ2P."
            )
        self.base, self.code = parsed
        self.connection = Connection(self.base)

    def get(self) -> WorkshopInfo:
        data = self.connection.request("GET", f"/api/workshops/{self.code}")
        return WorkshopInfo(
            data["code"], data["title"], bool(data["team_mode"]), bool(data["anonymous"]),
            bool(data["certainty"]), str(data["phase"]), str(data["join_url"]),
        )  # fmt: skip

    def join(
        self, name: str, device_id: str, team: str | None = None, rejoin_key: str | None = None
    ) -> RemoteParticipantRoom:
        body = {
            "name": name,
            "team": team or "",
            "device": device_id,
            "rejoin_key": rejoin_key or "",
        }
        data = self.connection.request("POST", f"/api/workshops/{self.code}/join", body)
        me = RemotePass(
            data["workshop_id"], data["code"], data["participant_id"], data["name"], data["team"],
            data["rejoin_key"], bool(data["rejoined"]),
        )  # fmt: skip
        return RemoteParticipantRoom(self.connection, me, data["token"])

    def facilitate(self, pin: str = "", key: str = "") -> RemoteFacilitatorRoom:
        body = {"key": key} if key else {"pin": pin}
        data = self.connection.request("POST", f"/api/workshops/{self.code}/facilitate", body)
        return RemoteFacilitatorRoom(self.connection, self.code, data["token"])

    def close(self) -> None:
        self.connection.close()
