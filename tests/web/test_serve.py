"""`playbook serve`: browsers get the join screen; other sites' pages and host names get 403."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from playbook.serve import HostCheck, host_name
from tests.browser import find_chromium, page_text
from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`playbook serve` on a free loopback port, stopped after the module's tests."""
    port = free_port()
    db = tmp_path_factory.mktemp("serve") / "playbook.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "--db", str(db), "serve", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=1) as reply:
                if reply.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"playbook serve did not start: {process.stdout.read()}")
            time.sleep(0.1)
    yield url, process
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


def test_serve_binds_loopback_and_prints_the_address_to_share(server):
    url, process = server
    first = process.stdout.readline() + process.stdout.readline()
    assert "127.0.0.1" in first
    assert f"Share this address: {url}" in first


async def _websocket_status(url: str, origin: str, host: str | None = None) -> int:
    headers = {"Origin": origin}
    if host:
        headers["Host"] = host
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url + "/ws", headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_a_websocket_from_another_sites_page_is_refused(server):
    url, _ = server
    assert asyncio.run(_websocket_status(url, url)) == 101  # our own page is let in
    assert asyncio.run(_websocket_status(url, "http://evil.example")) == 403
    assert asyncio.run(_websocket_status(url, "null")) == 403
    # DNS rebinding: the attacker's name pointing at us, with a matching Origin.
    port = url.rsplit(":", 1)[1]
    rebinding = f"evil.example:{port}"
    assert asyncio.run(_websocket_status(url, f"http://{rebinding}", rebinding)) == 403


def test_a_page_asked_for_under_a_foreign_host_name_is_refused(server):
    url, _ = server
    request = urllib.request.Request(url + "/", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403


@pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium; .ci/run does)",
)
def test_a_browser_gets_the_join_screen(server):
    url, _ = server
    text = page_text(url + "/", "Join a workshop", timeout=20)
    assert "Join a workshop" in text
    assert "Run a workshop" not in text  # no facilitator controls without the PIN


def test_the_host_check_allows_our_own_names_only():
    loopback = HostCheck("127.0.0.1")
    assert loopback.host_allowed("127.0.0.1:8000") and loopback.host_allowed("localhost:8000")
    assert loopback.host_allowed("[::1]:8000")
    assert not loopback.host_allowed("192.168.1.20:8000")
    assert not loopback.host_allowed("evil.example:8000") and not loopback.host_allowed(None)
    room = HostCheck("0.0.0.0", "https://workshop.example.org")
    assert room.host_allowed("192.168.1.20:8000") and room.host_allowed("workshop.example.org")
    assert not room.host_allowed("evil.example")
    assert room.origin_allowed("https://workshop.example.org", "workshop.example.org")
    assert not room.origin_allowed("http://workshop.example.org", "workshop.example.org")
    assert room.origin_allowed("http://192.168.1.20:8000", "192.168.1.20:8000")
    assert not room.origin_allowed("http://192.168.1.20:8000", "192.168.1.21:8000")
    assert host_name("Example.ORG.:80") == "example.org"
