"""Two machines' worth of participants on loopback: terminals joining by address (`playbook
join URL`, each a real terminal app in a pseudo-terminal) and a phone page, all through
`playbook serve`; the database is opened by the server's process alone."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import aiohttp
import pytest

from playbook.services import Services
from tests.browser import Browser, find_chromium
from tests.conftest import FIXTURE_CONTENT, REPO, fixture_library

PIN = "2468"


def start_server(db: Path) -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "--db", str(db), "--content", str(FIXTURE_CONTENT),
         "serve", "--port", "0"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    said = ""
    deadline = time.monotonic() + 30
    while "Ctrl+C" not in said and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        said += line
    port = re.search(r"on 127\.0\.0\.1:(\d+)", said)
    key = re.search(r"Facilitator key: (\S+)", said)
    assert port and key, said
    assert "Share this address: http://127.0.0.1:" in said
    return process, f"http://127.0.0.1:{port.group(1)}", key.group(1)


class Terminal:
    """`playbook join URL` in a pseudo-terminal of 100x30, as on another machine: its own
    data folder and a database path that must never be touched."""

    def __init__(self, url: str, name: str, home: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        home.mkdir(parents=True)
        self.never = home / "not-here.db"
        env = {**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": str(home),
               "XDG_CACHE_HOME": str(home), "PLAYBOOK_DB": str(self.never)}  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "playbook", "--content", str(FIXTURE_CONTENT), "join", url,
             "--name", name],
            cwd=REPO, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        self.seen = bytearray()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk

    def keys(self, text: str) -> None:
        os.write(self.master, text.encode())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)


def opened_by(db: Path) -> set[int]:
    """The processes that have the database (or its WAL or shared memory) open."""
    names = {str(db), f"{db}-wal", f"{db}-shm"}
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in names:
                    pids.add(int(entry.name))
                    break
        except OSError:
            continue
    return pids


async def board_of(http, base: str, code: str, token: str) -> dict:
    async with http.get(
        f"{base}/api/workshops/{code}/board", headers={"Authorization": f"Bearer {token}"}
    ) as reply:
        return (await reply.json())["board"]


async def until(check, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
async def test_terminals_by_address_and_a_phone_join_and_only_the_server_opens_the_file(
    tmp_path,
):
    db = tmp_path / "room.db"
    services = Services.open(db, fixture_library())  # the facilitator prepares, then closes
    rooms = services.workshops
    workshop = rooms.create("Two machines", PIN, rooms.agenda([("question", "quiz-case/form")]))
    services.close()
    server, base, key = start_server(db)
    url = f"{base}/{workshop.code}"
    terminals = [Terminal(url, name, tmp_path / name) for name in ("Tess", "Theo")]
    try:
        async with aiohttp.ClientSession(headers={"Origin": base}) as http:
            async with http.post(
                f"{base}/api/workshops/{workshop.code}/facilitate", json={"key": key}
            ) as reply:
                token = (await reply.json())["token"]

            async def joined() -> list[str]:
                names = [
                    p["name"] for p in (await board_of(http, base, workshop.code, token))["people"]
                ]
                return names if len(names) >= 2 else []

            assert sorted(await until(joined, "the two terminals joining")) == ["Tess", "Theo"]
            phone = None
            if find_chromium() is not None:
                async with Browser() as browser:
                    phone = await browser.page(375, 667, mobile=True)
                    await phone.goto(url)
                    await phone.until("document.activeElement.id === 'join-name'", "join form")
                    await phone.type("Pia")
                    await phone.tap("#join-button")
                    await phone.until("!document.getElementById('wait-view').hidden", "lobby")
                    await answer_everywhere(http, base, workshop.code, token, terminals, phone)
            else:
                await answer_everywhere(http, base, workshop.code, token, terminals, None)
            pids = opened_by(db)
            assert pids == {server.pid}, f"the database is open in {pids}, not only the server"
            assert all(t.process.poll() is None for t in terminals)  # still running, no crash
            assert not any(t.never.exists() for t in terminals)
    finally:
        for terminal in terminals:
            terminal.stop()
        server.terminate()
        server.wait(timeout=10)
    services = Services.open(db, fixture_library())
    try:
        answers = services.workshops.snapshot(workshop.id).responses
        people = {p.id: p.name for p in services.workshops.snapshot(workshop.id).participants}
    finally:
        services.close()
    expected = {"Tess", "Theo", "Pia"} if find_chromium() else {"Tess", "Theo"}
    assert {people[r.participant_id] for r in answers} == expected


async def answer_everywhere(http, base, code, token, terminals, phone) -> None:
    """Open the question; each terminal picks choice 1 with its keys, the phone taps one."""
    for action in ("start", "open"):
        async with http.post(
            f"{base}/api/workshops/{code}/act", json={"action": action},
            headers={"Authorization": f"Bearer {token}"},
        ) as reply:  # fmt: skip
            assert reply.status == 200

    async def everyone(count: int):
        board = await board_of(http, base, code, token)
        return board["answered"] >= count

    for n, terminal in enumerate(terminals, start=1):
        for _ in range(40):  # the terminal shows the question, then takes the keys
            terminal.keys("1")
            await asyncio.sleep(0.25)
            terminal.keys("\r")
            if await everyone(n):
                break
        await until(lambda n=n: everyone(n), f"terminal {n}'s answer")
    if phone is not None:
        await phone.until("!!document.querySelector('#answer-box input')", "the phone's question")
        await phone.tap("#answer-box label.choice")
        await phone.tap("#send")
        await until(lambda: everyone(len(terminals) + 1), "the phone's answer")
