"""Provides WorkshopServer: `playbook serve`, the one process that owns the workshop database.

Participants (the page in a phone or laptop browser, and `playbook join URL` terminals)
and facilitators (`playbook dashboard URL`, the projector page) reach the room only
through this server's JSON API and its websocket; nobody else opens the database. Every
use case is a call to the services, so the terminal and the web behave the same.

    GET  /                         the landing page: type the join code
    GET  /K7MQ2P                   the participant page for that workshop
    GET  /K7MQ2P/projector         the projector page (the facilitator's PIN or key)
    GET  /K7MQ2P/qr.svg            the join address as a QR code
    GET  /api/workshops/K7MQ2P     what anyone may know of a workshop before joining
    POST /api/workshops/K7MQ2P/join          {name, team, device, rejoin_key} -> a session token
    POST /api/workshops/K7MQ2P/facilitate    {pin} or {key} -> a facilitator token
    POST /api/workshops/K7MQ2P/act           {action}          (facilitator)
    POST /api/workshops/K7MQ2P/hide          {participant_id, item_index, hidden}
    POST /api/workshops/K7MQ2P/rename        {participant_id, name}
    POST /api/workshops/K7MQ2P/remove        {participant_id}
    GET  /api/workshops/K7MQ2P/board         the dashboard's view  (facilitator)
    GET  /api/workshops/K7MQ2P/answers.csv   the export, and debrief.md  (facilitator)
    GET  /api/me                   a participant's own view          (participant token)
    POST /api/answer               {item, response, confidence}      (participant token)
    GET  /ws                       the websocket: say hello with a token, then views are
                                   pushed as they change; answers and actions go up it
Health checks after launch (anonymous surveys of both organisations, no names asked):

    GET  /h/K7MQ2P                 the survey page
    GET  /h/K7MQ2P/qr.svg          its address as a QR code
    GET  /api/checks/K7MQ2P        the statements and the two organisations (never answers)
    POST /api/checks/K7MQ2P/answer {key, side, scores, comments}   (again, to correct them)
    POST /api/checks/K7MQ2P/mine   {key} -> what this device answered before

    GET  /s/K7MQ2P, /api/sessions/K7MQ2P/...   the live partner session (partner_routes.py)

Tokens travel in an `Authorization: Bearer` header (and in the websocket's first message),
never in a URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets
import signal
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from aiohttp import WSMsgType, web

from playbook.domain.health import HealthError
from playbook.domain.workshop import display_code, normalize_code
from playbook.services import Services
from playbook.services.errors import (
    AnswerRefused,
    NameTaken,
    NotAllowed,
    NotFacilitator,
    StoreError,
    WorkshopError,
    WorkshopNotFound,
    WrongPin,
)
from playbook.services.wire import encode
from playbook.services.workshop import FacilitatorRoom, ParticipantRoom
from playbook.web.guard import LOOPBACK, WILDCARDS, Caps, HostCheck, TooMany
from playbook.web.hub import Client, Hub
from playbook.web.partner_routes import PartnerSessionRoutes

log = logging.getLogger("playbook.web")

MAX_BODY = 32 * 1024  # bytes in a request: an answer or a name is far less
MAX_MESSAGE = 32 * 1024  # bytes in a websocket message
STATIC = files("playbook.web") / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
        " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    max_per_client: int = 10
    max_connections: int = 1000
    key: str = ""  # the facilitator key printed at start (a fresh one if empty)


class WorkshopServer:
    """The aiohttp application serving every workshop of one database."""

    def __init__(self, services: Services, settings: Settings | None = None) -> None:
        self.services = services
        self.workshops = services.workshops
        self.settings = settings or Settings()
        self.key = self.settings.key or secrets.token_urlsafe(12)
        self.check = HostCheck(self.settings.host, self.settings.public_url)
        self.caps = Caps(self.settings.max_per_client, self.settings.max_connections)
        self.hub = Hub(services, lambda: self.share_address)
        self.share_address: str | None = self.settings.public_url
        self.writer = Writer(self.workshops)
        self.app = self._build()

    # -- the application -----------------------------------------------------------------

    def _build(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        r = app.router
        r.add_get("/", self.page_index)
        r.add_get("/static/{name}", self.static)
        r.add_get("/ws", self.websocket)
        r.add_get("/api/me", self.api_me)
        r.add_post("/api/answer", self.api_answer)
        r.add_get("/api/workshops/{code}", self.api_workshop)
        r.add_post("/api/workshops/{code}/join", self.api_join)
        r.add_post("/api/workshops/{code}/facilitate", self.api_facilitate)
        r.add_post("/api/workshops/{code}/act", self.api_act)
        r.add_post("/api/workshops/{code}/hide", self.api_hide)
        r.add_post("/api/workshops/{code}/rename", self.api_rename)
        r.add_post("/api/workshops/{code}/remove", self.api_remove)
        r.add_get("/api/workshops/{code}/board", self.api_board)
        r.add_get("/api/workshops/{code}/answers.csv", self.api_csv)
        r.add_get("/api/workshops/{code}/debrief.md", self.api_debrief)
        # -- health checks (see HealthChecks) --
        r.add_get("/h/{code}", self.page_check)
        r.add_get("/h/{code}/qr.svg", self.check_qr)
        r.add_get("/api/checks/{code}", self.api_check)
        r.add_post("/api/checks/{code}/answer", self.api_check_answer)
        r.add_post("/api/checks/{code}/mine", self.api_check_mine)
        r.add_get("/favicon.ico", self.no_icon)
        # -- issue 16: the live partner session (/s/, /api/sessions/), in its own module --
        PartnerSessionRoutes(self).add_to(r)
        # -- the workshop's own pages, last: "/{code}" would take any one-segment path --
        r.add_get("/{code}", self.page_room)
        r.add_get("/{code}/projector", self.page_projector)
        r.add_get("/{code}/qr.svg", self.qr)
        app.on_startup.append(self._startup)
        app.on_shutdown.append(self._shutdown)
        return app

    async def _startup(self, app: web.Application) -> None:
        self.hub.start()
        self.writer.start()

    async def _shutdown(self, app: web.Application) -> None:
        await self.writer.stop()
        await self.hub.stop()
        with contextlib.suppress(StoreError):
            self.workshops.serving(None)

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        """Our own host names only; a browser's request only from our own pages; the
        security headers on every answer; and errors as words, never a traceback."""
        if not self.check.host_allowed(request.headers.get("Host")):
            return _error(403, "This server does not answer to that host name.")
        origin = request.headers.get("Origin")
        if (origin is not None or request.path == "/ws") and not self.check.origin_allowed(
            origin, request.headers.get("Host")
        ):
            return _error(403, "Requests from other sites are refused.")
        try:
            response = await handler(request)
        except web.HTTPException as http:
            if http.status >= 400 and http.content_type != "application/json":
                response = _error(http.status, http.reason)
            else:
                raise
        except (StoreError, WorkshopError) as problem:
            response = _refusal(problem)
        if not isinstance(response, web.WebSocketResponse) and not response.prepared:
            response.headers.update(SECURITY_HEADERS)
        return response

    # -- pages ---------------------------------------------------------------------------

    def _file(self, name: str) -> web.Response:
        resource = STATIC / name
        if "/" in name or name.startswith(".") or not resource.is_file():
            raise web.HTTPNotFound(reason="There is no such page.")
        suffix = name[name.rfind(".") :]
        return web.Response(
            body=resource.read_bytes(),
            content_type=TYPES.get(suffix, "application/octet-stream"),
            charset="utf-8" if suffix in TYPES else None,
        )

    def page(self, name: str) -> web.Response:
        """One of the static pages (for the routes kept in their own modules)."""
        return self._file(name)

    async def page_index(self, request: web.Request) -> web.Response:
        return self._file("index.html")

    async def static(self, request: web.Request) -> web.Response:
        return self._file(request.match_info["name"])

    async def no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    def _code(self, request: web.Request) -> str:
        code = normalize_code(request.match_info["code"])
        if not code:
            raise web.HTTPNotFound(reason="That is not a join code: it has 6 letters and digits.")
        return code

    async def page_room(self, request: web.Request) -> web.Response:
        code = self._code(request)
        if request.match_info["code"] != code:  # "k7m-q2p" -> "/K7MQ2P"
            raise web.HTTPFound(f"/{code}")
        return self._file("room.html")

    async def page_projector(self, request: web.Request) -> web.Response:
        self._code(request)
        return self._file("projector.html")

    async def qr(self, request: web.Request) -> web.Response:
        code = self._code(request)
        return _qr(self.join_address(request, code), f"Join workshop {display_code(code)}")

    def join_address(self, request: web.Request, code: str, prefix: str = "") -> str:
        """The address to share: the public URL if given, else the one this browser used
        (`prefix` "h/" for a health check's survey)."""
        base = self.settings.public_url or f"{request.scheme}://{request.host}"
        return f"{base.rstrip('/')}/{prefix}{code}"

    # -- health checks -------------------------------------------------------------------

    async def page_check(self, request: web.Request) -> web.Response:
        code = self._code(request)
        if request.match_info["code"] != code:
            raise web.HTTPFound(f"/h/{code}")
        return self._file("health.html")

    async def check_qr(self, request: web.Request) -> web.Response:
        code = self._code(request)
        return _qr(self.join_address(request, code, "h/"), f"Health check {display_code(code)}")

    async def api_check(self, request: web.Request) -> web.Response:
        try:
            survey = self.services.health.survey(self._code(request))
        except HealthError as problem:
            return _error(404, str(problem), kind="not_found")
        return web.json_response(
            {
                "code": survey.code,
                "display_code": display_code(survey.code),
                "alliance": survey.alliance,
                "organisations": dict(zip(("ours", "partner"), survey.organisations, strict=True)),
                "open": survey.open,
                "areas": [
                    {
                        "id": area.id,
                        "title": area.title,
                        "statements": [{"id": sid, "text": text} for sid, text in area.statements],
                    }
                    for area in survey.areas
                ],
            }
        )

    async def api_check_answer(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        scores, comments = data.get("scores"), data.get("comments") or {}
        if not isinstance(scores, dict) or not isinstance(comments, dict):
            return _error(400, "The request needs scores (and comments) as objects.")
        try:
            self.services.health.respond(
                self._code(request), _text(data, "key"), _text(data, "side"), scores, comments
            )
        except HealthError as problem:
            return _error(400, str(problem), kind="refused")
        return web.json_response({"saved": True})

    async def api_check_mine(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        try:
            found = self.services.health.mine(self._code(request), _text(data, "key"))
        except HealthError as problem:
            return _error(400, str(problem), kind="refused")
        if found is None:
            return web.json_response({"answered": False})
        return web.json_response(
            {
                "answered": True,
                "side": found.side.value,
                "scores": dict(found.scores),
                "comments": dict(found.comments),
            }
        )

    # -- who is asking -------------------------------------------------------------------

    @staticmethod
    def client(request: web.Request) -> str:
        """The client a PIN or rejoin-key try counts against: its address."""
        return f"ip:{request.remote or 'unknown'}"

    @staticmethod
    def bearer(request: web.Request) -> str:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotFacilitator("Sign in first: this needs a token.")
        return token.strip()

    def facilitator(self, request: web.Request) -> FacilitatorRoom:
        room = self.workshops.facilitator(self._code(request), self.bearer(request))
        room.workshop()  # checks the token opens this workshop (NotFacilitator if not)
        return room

    def participant(self, request: web.Request) -> ParticipantRoom:
        return self.workshops.resume(self.bearer(request))

    @staticmethod
    async def body(request: web.Request) -> dict[str, Any]:
        try:
            data = await request.json()
        except (ValueError, UnicodeDecodeError):
            raise WorkshopError("The request is not JSON.") from None
        if not isinstance(data, dict):
            raise WorkshopError("The request is not a JSON object.")
        return data

    # -- the API -------------------------------------------------------------------------

    async def api_workshop(self, request: web.Request) -> web.Response:
        workshop = self.workshops.get(self._code(request))
        if workshop is None:
            raise WorkshopNotFound(f"There is no workshop with the code {self._code(request)}.")
        return web.json_response(
            {
                "code": workshop.code,
                "title": workshop.title,
                "team_mode": workshop.team_mode,
                "anonymous": workshop.anonymous,
                "certainty": workshop.certainty,
                "phase": str(workshop.session.phase),
                "join_url": self.join_address(request, workshop.code),
            }
        )

    async def api_join(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        code = self._code(request)
        room = self.workshops.join(
            code,
            _text(data, "name"),
            _text(data, "device") or f"web-{secrets.token_hex(8)}",
            team=_text(data, "team") or None,
            rejoin_key=_text(data, "rejoin_key") or None,
            client=self.client(request),
        )
        self.hub.mark(room.me.workshop_id)
        me = room.me
        return web.json_response(
            {
                "token": room.token,
                "participant_id": me.participant_id,
                "name": me.name,
                "team": me.team,
                "rejoin_key": me.rejoin_key,
                "rejoined": me.rejoined,
                "code": me.code,
                "workshop_id": me.workshop_id,
            }
        )

    async def api_facilitate(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        code = self._code(request)
        key = _text(data, "key")
        if key:
            if not hmac.compare_digest(key.encode(), self.key.encode()):
                raise WrongPin("That is not this server's facilitator key.")
            room = self.workshops.open_as_facilitator(code)
        else:
            loop = asyncio.get_running_loop()  # scrypt is slow on purpose: off the loop
            room = await loop.run_in_executor(
                None, self.workshops.facilitate, code, _text(data, "pin"), self.client(request)
            )
        return web.json_response({"token": room.token, "code": room.code})

    async def api_act(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        room = self.facilitator(request)
        action = _text(data, "action")
        from playbook.domain.workshop import ACTIONS

        if action not in ACTIONS:
            raise WorkshopError(f"There is no action {action!r}: one of {', '.join(ACTIONS)}.")
        workshop = room.act(action)
        self.hub.mark(workshop.id, urgent=True)
        return web.json_response({"ok": True, "phase": str(workshop.session.phase)})

    async def api_hide(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        room = self.facilitator(request)
        room.hide(
            _int(data, "participant_id"), _int(data, "item_index"), bool(data.get("hidden", True))
        )
        self.hub.mark(room.workshop().id, urgent=True)
        return web.json_response({"ok": True})

    async def api_rename(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        room = self.facilitator(request)
        room.rename(_int(data, "participant_id"), _text(data, "name"))
        self.hub.mark(room.workshop().id, urgent=True)
        return web.json_response({"ok": True})

    async def api_remove(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        room = self.facilitator(request)
        room.remove(_int(data, "participant_id"))
        self.hub.mark(room.workshop().id, urgent=True)
        return web.json_response({"ok": True})

    async def api_board(self, request: web.Request) -> web.Response:
        room = self.facilitator(request)
        board = room.board(projector=request.query.get("projector") == "1")
        return web.json_response(
            {"board": encode(board), "join_url": self.join_address(request, room.code)}
        )

    async def api_csv(self, request: web.Request) -> web.Response:
        room = self.facilitator(request)
        text = self.services.workshop_results.csv_text(room.code)
        return web.Response(
            text=text,
            content_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{room.code}-answers.csv"'},
        )

    async def api_debrief(self, request: web.Request) -> web.Response:
        room = self.facilitator(request)
        return web.Response(
            text=self.services.workshop_results.markdown_text(room.code),
            content_type="text/markdown",
            headers={"Content-Disposition": f'attachment; filename="{room.code}-debrief.md"'},
        )

    async def api_me(self, request: web.Request) -> web.Response:
        room = self.participant(request)
        return web.json_response({"view": encode(room.view())})

    async def api_answer(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        room = self.participant(request)
        return web.json_response(await self.answer(room, data))

    async def answer(self, room: ParticipantRoom, data: dict[str, Any]) -> dict[str, Any]:
        """One answer, for the participant who sent it (whoever they claim to be): checked
        and graded here, then saved with whatever else arrived meanwhile, in one write."""
        item = data.get("item")
        confidence = data.get("confidence") or None
        if not isinstance(item, int) or isinstance(item, bool):
            raise AnswerRefused("Say which item the answer is for.")
        if confidence is not None and not isinstance(confidence, str):
            raise AnswerRefused("How sure you are is low, medium or high.")
        saved = await self.writer.save(room.prepare(data.get("response"), confidence, item))
        self.hub.mark(room.me.workshop_id)
        return {"ok": True, "item": saved.item_index}

    # -- the websocket -------------------------------------------------------------------

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        address = request.remote or "unknown"
        try:
            self.caps.take(address)
        except TooMany as full:
            return _error(429, str(full))
        ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=MAX_MESSAGE)
        try:
            await ws.prepare(request)
            client = await self._hello(ws, address)
            if client is None:
                return ws
            try:
                await self._serve_client(client)
            finally:
                self.hub.drop(client)
        finally:
            self.caps.give_back(address)
        return ws

    async def _hello(self, ws: web.WebSocketResponse, address: str) -> Client | None:
        """The first message names who this is: a participant's session token, or a
        facilitator's token and the workshop (for the dashboard or the projector)."""
        try:
            message = await ws.receive(timeout=15)
        except TimeoutError:
            await ws.close(code=4408, message=b"no hello")
            return None
        if message.type != WSMsgType.TEXT:
            await ws.close(code=4400, message=b"say hello first")
            return None
        try:
            data = json.loads(message.data)
            role = data.get("role", "participant")
            token = str(data.get("token") or "")
            if role == "participant":
                room = self.workshops.resume(token)
                client = Client(ws, role, address, room.me.workshop_id, room, room.token_hash)
            elif role in ("facilitator", "projector"):
                facilitator = self.workshops.facilitator(str(data.get("code") or ""), token)
                client = Client(ws, role, address, facilitator.workshop().id)
            else:
                raise WorkshopError(f"Unknown role {role!r}.")
        except (ValueError, AttributeError):
            await ws.send_json({"type": "error", "error": "The hello is not understood."})
            await ws.close(code=4400, message=b"bad hello")
            return None
        except (WorkshopError, StoreError) as problem:
            await ws.send_json({"type": "gone", "reason": str(problem)})
            await ws.close(code=4401, message=b"not signed in")
            return None
        self.hub.add(client)
        await ws.send_json({"type": "welcome", "role": client.role})
        await self.hub.welcome(client)
        return client

    async def _serve_client(self, client: Client) -> None:
        ws = client.ws
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            if not client.bucket.allow():
                await ws.send_json({"type": "error", "error": "Slow down: too many messages."})
                continue
            try:
                data = json.loads(message.data)
                if not isinstance(data, dict):
                    raise ValueError
            except ValueError:
                await ws.send_json({"type": "error", "error": "A message is not JSON."})
                continue
            await ws.send_json(await self._handle(client, data))

    async def _handle(self, client: Client, data: dict[str, Any]) -> dict[str, Any]:
        kind = data.get("type")
        ident = data.get("id")
        try:
            if kind == "ping":
                return {"type": "pong", "id": ident}
            if kind == "answer" and client.room is not None:
                reply = await self.answer(client.room, data)
                return {"type": "ack", "id": ident, **reply}
            if kind == "answer":
                raise NotFacilitator("Only a participant answers.")
            if kind == "act":
                raise NotFacilitator("Pace the workshop with the facilitator's API.")
            raise WorkshopError(f"Unknown message {kind!r}.")
        except (WorkshopError, StoreError) as problem:
            return {"type": "ack", "id": ident, "ok": False, "error": str(problem)}

    # -- running -------------------------------------------------------------------------

    async def start(self) -> web.AppRunner:
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.settings.host, self.settings.port, backlog=1024)
        await site.start()
        if self.share_address is None:
            self.share_address = share_address(self.settings.host, self.port(runner))
        self.workshops.serving(self.share_address)
        return runner

    @staticmethod
    def port(runner: web.AppRunner) -> int:
        for site in runner.sites:
            server = getattr(site, "_server", None)
            if server is not None and server.sockets:
                return server.sockets[0].getsockname()[1]
        return 0


class Writer:
    """Saves answers in batches: whatever arrived while the last write ran goes in the next
    one transaction, so a room answering in the same second waits for a few writes, not
    for hundreds (each answer is still decided and refused on its own)."""

    def __init__(self, workshops) -> None:
        self.workshops = workshops
        self.pending: list[tuple[Any, asyncio.Future]] = []
        self.wake = asyncio.Event()
        self.task: asyncio.Task | None = None
        self.batches = 0

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def save(self, prepared):
        future = asyncio.get_running_loop().create_future()
        self.pending.append((prepared, future))
        self.wake.set()
        return await future

    async def _run(self) -> None:
        while True:
            await self.wake.wait()
            await asyncio.sleep(0)  # let the answers already read off the sockets join in
            self.wake.clear()
            batch, self.pending = self.pending, []
            if not batch:
                continue
            self.batches += 1
            try:
                results = self.workshops.answer_all([prepared for prepared, _ in batch])
            except (StoreError, WorkshopError) as problem:
                results = [problem] * len(batch)
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, Exception):
                    future.set_exception(result)
                else:
                    future.set_result(result)


def share_address(host: str, port: int) -> str:
    """The address participants type: this machine's address on the network when bound to
    every interface, else the one bound to."""
    if host in WILDCARDS:
        import socket

        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("192.0.2.1", 9))  # no packet is sent: it picks the route
                host = probe.getsockname()[0]
        except OSError:
            host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise WorkshopError(f"The request needs a whole number {key}.")
    return value


def _qr(address: str, title: str) -> web.Response:
    from playbook.services.qr import qr_svg

    return web.Response(text=qr_svg(address, title), content_type="image/svg+xml")


def _error(status: int, message: str, **more: Any) -> web.Response:
    response = web.json_response({"error": message, **more}, status=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def _refusal(problem: Exception) -> web.Response:
    if isinstance(problem, WorkshopNotFound):
        return _error(404, str(problem), kind="not_found")
    if isinstance(problem, WrongPin):
        return _error(403, str(problem), kind="wrong_pin", wait=problem.wait)
    if isinstance(problem, NotFacilitator):
        return _error(403, str(problem), kind="not_facilitator")
    if isinstance(problem, NameTaken):
        return _error(409, str(problem), kind="name_taken")
    if isinstance(problem, AnswerRefused | NotAllowed):
        return _error(409, str(problem), kind="refused")
    if isinstance(problem, StoreError):
        return _error(503, str(problem), kind="database")
    text = str(problem)
    if "not in the workshop" in text or "join again" in text:
        return _error(401, text, kind="signed_out")
    return _error(400, text, kind="refused")


async def serve_forever(server: WorkshopServer, started=None) -> None:
    """Run until SIGINT or SIGTERM; `started(runner)` is called once listening."""
    runner = await server.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    if started is not None:
        started(runner)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def loopback_only(host: str) -> bool:
    return host not in WILDCARDS and host in LOOPBACK
