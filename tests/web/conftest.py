"""A workshop server in the test's own event loop, and clients that talk to it like a page."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
import pytest

from playbook.services.wire import decode
from playbook.services.workshop_views import BoardView, ParticipantView
from playbook.web.server import Settings, WorkshopServer

PIN = "2468"


class Served:
    def __init__(self, server: WorkshopServer, base: str) -> None:
        self.server = server
        self.base = base
        self.services = server.services

    def workshop(self, parts=None, **options):
        rooms = self.services.workshops
        parts = parts or [("question", "quiz-case/form"), ("stage", "pilot")]
        return rooms.create("Alliances 101", PIN, rooms.agenda(parts), **options)


class Guest:
    """One client: an HTTP session (from a chosen loopback address) and, once joined, a
    websocket whose pushed views it keeps."""

    def __init__(self, served: Served, address: str = "127.0.0.1") -> None:
        self.served = served
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(address, 0), force_close=True),
            headers={"Origin": served.base},
        )
        self.token = ""
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.messages: list[dict[str, Any]] = []
        self.reader: asyncio.Task | None = None

    async def call(self, method: str, path: str, body=None, token: str = "") -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with self.http.request(
            method, self.served.base + path, json=body, headers=headers
        ) as reply:
            data = (
                await reply.json()
                if reply.content_type == "application/json"
                else await reply.text()
            )
            return reply.status, data

    async def join(self, code: str, name: str, **more) -> dict[str, Any]:
        status, data = await self.call(
            "POST", f"/api/workshops/{code}/join", {"name": name, **more}
        )
        assert status == 200, data
        self.token = data["token"]
        return data

    async def connect(self, hello: dict[str, Any] | None = None) -> None:
        self.ws = await self.http.ws_connect(self.served.base + "/ws", origin=self.served.base)
        await self.ws.send_json(
            hello or {"type": "hello", "role": "participant", "token": self.token}
        )
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(message.json())

    def latest(self, kind: str = "view") -> dict[str, Any] | None:
        found = [m for m in self.messages if m.get("type") == kind]
        return found[-1][kind] if found else None

    def view(self) -> ParticipantView:
        return decode(ParticipantView, self.latest("view"))

    def board(self) -> BoardView:
        return decode(BoardView, self.latest("board"))

    async def until(self, condition, what: str, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if condition():
                    return
            except (TypeError, KeyError, AttributeError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; last: {self.messages[-1:]}")
            await asyncio.sleep(0.02)

    async def answer(self, item: int, response, confidence=None, ident: int = 1) -> dict[str, Any]:
        assert self.ws is not None
        await self.ws.send_json(
            {"type": "answer", "id": ident, "item": item, "response": response,
             "confidence": confidence}
        )  # fmt: skip
        await self.until(
            lambda: any(m.get("type") == "ack" and m.get("id") == ident for m in self.messages),
            "the acknowledgement",
        )
        return next(m for m in self.messages if m.get("type") == "ack" and m.get("id") == ident)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
        await self.http.close()


@pytest.fixture
async def served(services):
    """The workshop server on a free loopback port, over the test's services."""
    server = WorkshopServer(services, Settings(port=0, max_per_client=50))
    runner = await server.start()
    yield Served(server, f"http://127.0.0.1:{server.port(runner)}")
    await runner.cleanup()


@pytest.fixture
async def guests(served):
    made: list[Guest] = []

    def make(address: str = "127.0.0.1") -> Guest:
        guest = Guest(served, address)
        made.append(guest)
        return guest

    yield make
    for guest in made:
        await guest.close()


async def facilitator(guest: Guest, code: str) -> str:
    status, data = await guest.call(
        "POST", f"/api/workshops/{code}/facilitate", {"key": guest.served.server.key}
    )
    assert status == 200, data
    return data["token"]


async def act(guest: Guest, code: str, token: str, *actions: str) -> None:
    for action in actions:
        status, data = await guest.call(
            "POST", f"/api/workshops/{code}/act", {"action": action}, token
        )
        assert status == 200, (action, data)
