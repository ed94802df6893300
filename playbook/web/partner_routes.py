"""Provides PartnerSessionRoutes: the live two-party partner session's page and API.

Kept apart from the workshop routes (one line in WorkshopServer._build adds them), with the
same rules: Host and Origin checked and the security headers set by the server's guard,
tokens only in an `Authorization: Bearer` header, seat keys only in a request body (the
link's `#key=` never reaches the server), wrong keys throttled per client address.

    GET  /s/K7MQ2P                          the page of a session: a seat opened with its key
    GET  /api/sessions/K7MQ2P               only that the session exists
    POST /api/sessions/K7MQ2P/claim         {key} -> {token, seat}
    GET  /api/sessions/K7MQ2P/me            the seat's view: its questions, its own draft,
                                            whether the other side is in; the gap once both are
    POST /api/sessions/K7MQ2P/draft         {answers} -> each failing answer's messages
    POST /api/sessions/K7MQ2P/submit        {answers} -> locked, or each failing answer (409)
"""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from playbook.domain.workshop import normalize_code
from playbook.services import Services
from playbook.services.errors import WorkshopNotFound
from playbook.services.partner_session import AnswersRefused, SeatRoom


class Server(Protocol):
    """What these routes use of the workshop server (which imports this module)."""

    services: Services

    def bearer(self, request: web.Request) -> str: ...
    def client(self, request: web.Request) -> str: ...
    async def body(self, request: web.Request) -> dict: ...
    def page(self, name: str) -> web.Response: ...


class PartnerSessionRoutes:
    def __init__(self, server: Server) -> None:
        self.server = server

    @property
    def sessions(self):
        return self.server.services.partner_sessions

    def add_to(self, r: web.UrlDispatcher) -> None:
        r.add_get("/s/{code}", self.page)
        r.add_get("/api/sessions/{code}", self.api_session)
        r.add_post("/api/sessions/{code}/claim", self.api_claim)
        r.add_get("/api/sessions/{code}/me", self.api_me)
        r.add_post("/api/sessions/{code}/draft", self.api_draft)
        r.add_post("/api/sessions/{code}/submit", self.api_submit)

    def _code(self, request: web.Request) -> str:
        code = normalize_code(request.match_info["code"])
        if not code:
            raise web.HTTPNotFound(reason="That is not a session code: 6 letters and digits.")
        return code

    def _seat(self, request: web.Request) -> SeatRoom:
        return self.sessions.resume(self._code(request), self.server.bearer(request))

    async def page(self, request: web.Request) -> web.Response:
        code = self._code(request)
        if request.match_info["code"] != code:
            raise web.HTTPFound(f"/s/{code}")
        return self.server.page("session.html")

    async def api_session(self, request: web.Request) -> web.Response:
        code = self._code(request)
        if not self.sessions.exists(code):
            raise WorkshopNotFound(f"There is no partner session with the code {code}.")
        return web.json_response({"code": code})

    async def api_claim(self, request: web.Request) -> web.Response:
        data = await self.server.body(request)
        key = data.get("key")
        room, token = self.sessions.claim(
            self._code(request), key if isinstance(key, str) else "", self.server.client(request)
        )
        return web.json_response({"token": token, "seat": room.seat, "code": room.code})

    async def api_me(self, request: web.Request) -> web.Response:
        return web.json_response({"view": self._seat(request).view()})

    async def api_draft(self, request: web.Request) -> web.Response:
        data = await self.server.body(request)
        seat = self._seat(request)
        problems = seat.save(data.get("answers", {}))
        return web.json_response({"ok": True, "problems": problems})

    async def api_submit(self, request: web.Request) -> web.Response:
        data = await self.server.body(request)
        seat = self._seat(request)
        if "answers" in data:
            seat.save(data["answers"])
        try:
            finished = seat.submit()
        except AnswersRefused as refused:
            return web.json_response(
                {"error": str(refused), "kind": "refused", "problems": refused.problems},
                status=409,
            )
        return web.json_response({"ok": True, "finished": finished})
