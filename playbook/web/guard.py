"""Provides the server's checks on who is asking: Host and Origin, and connection caps.

Every request is refused (HTTP 403) unless its Host is one we answer to (the public URL's
host, localhost, the loopback addresses, the address we are bound to; any IP literal when
bound to every interface), which also stops DNS rebinding; a websocket, and any request a
browser sends with an Origin, must come from one of our own pages (Origin ==
scheme://Host). Connections are capped per client address and in total, so one machine
cannot exhaust the server.
"""

from __future__ import annotations

import ipaddress
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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


class TooMany(Exception):
    """A connection over a cap; the message says which."""


@dataclass
class Caps:
    """Open websocket connections, counted per client address and in total."""

    per_client: int = 10
    total: int = 1000
    open: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.open.values())

    def take(self, client: str) -> None:
        """Count a new connection from `client`, or TooMany if a cap is reached."""
        if self.count >= self.total:
            raise TooMany("The workshop is full: the server takes no more connections.")
        if self.open[client] >= self.per_client:
            raise TooMany(
                f"Too many connections from your address (at most {self.per_client}):"
                " close a tab or two."
            )
        self.open[client] += 1

    def give_back(self, client: str) -> None:
        self.open[client] -= 1
        if self.open[client] <= 0:
            del self.open[client]


@dataclass
class Bucket:
    """At most `rate` messages a second on one connection, with bursts up to `burst`."""

    rate: float = 20.0
    burst: float = 40.0
    tokens: float = 40.0
    at: float = field(default_factory=time.monotonic)

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
