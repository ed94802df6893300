"""Provides PlaybookServer: textual-serve with the Origin and Host checks it lacks.

textual-serve accepts a websocket from any page: a site open in another tab could start
a session and drive it. Here a websocket is refused (HTTP 403) unless its Origin is this
server's own (scheme://Host), and every request is refused unless its Host is one we
answer to (the public URL's host, localhost, the loopback addresses, the address we are
bound to; any IP literal when bound to every interface), which also stops DNS rebinding.

Imported only by `playbook serve`: textual-serve costs a quarter of a second to import.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

WILDCARDS = ("", "0.0.0.0", "::", "*")
LOOPBACK = ("localhost", "127.0.0.1", "::1")


def host_name(host_header: str) -> str:
    """The host part of a Host header: "[::1]:8000" -> "::1", "Example.org:80" -> "example.org"."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostCheck:
    """Which Host headers and Origins a server bound to `bind` (and known as `public_url`)
    accepts. Kept apart from the server so it can be tested without a socket."""

    def __init__(self, bind: str, public_url: str | None = None):
        self.wildcard = bind in WILDCARDS
        self.public = urlsplit(public_url) if public_url else None
        names = set(LOOPBACK)
        if not self.wildcard:
            names.add(host_name(bind))
        if self.public and self.public.hostname:
            names.add(self.public.hostname.lower())
        self.names = names

    def host_allowed(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        name = host_name(host_header)
        return name in self.names or (self.wildcard and is_ip(name))

    def origin_allowed(self, origin: str | None, host_header: str | None) -> bool:
        """The page that opened the websocket must be ours: Origin == scheme://Host."""
        if not origin or not self.host_allowed(host_header):
            return False
        scheme = "http"
        if self.public and self.public.netloc.lower() == (host_header or "").lower():
            scheme = self.public.scheme or "http"
        return origin.lower() == f"{scheme}://{(host_header or '').lower()}"


class PlaybookServer(Server):
    """Serves one participant app per browser, refusing pages and sockets from elsewhere."""

    def __init__(
        self,
        command: str,
        host: str = "127.0.0.1",
        port: int = 8000,
        public_url: str | None = None,
        title: str = "Alliance Playbook workshop",
    ):
        shown = "localhost" if host in WILDCARDS else host
        if ":" in shown:
            shown = f"[{shown}]"
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            public_url=public_url or f"http://{shown}:{port}",
        )
        self.fixed_public_url = public_url
        self.check = HostCheck(host, public_url)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the command line has already said where to connect."""

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self.check.host_allowed(request.headers.get("Host")):
            raise web.HTTPForbidden(text="This server does not answer to that host name.")
        if self.fixed_public_url is None:
            # Links in the page follow the name the browser used (an allowed one), so a
            # room reaching us by IP address gets a websocket URL that works for it.
            self.public_url = f"http://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.check.origin_allowed(
            request.headers.get("Origin"), request.headers.get("Host")
        ):
            raise web.HTTPForbidden(text="Connections from other sites are refused.")
        return await super().handle_websocket(request)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if not self.check.host_allowed(request.headers.get("Host")):
            raise web.HTTPForbidden(text="This server does not answer to that host name.")
        return await super().handle_download(request)
