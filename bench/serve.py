"""The workshop server at scale: 300 simulated participants on websockets, one load script.

`playbook serve` runs as its own process on a fresh database; this script (one asyncio
process, every request bounded in count and time, loopback only) joins PARTICIPANTS people
at once, opens a question, releases every answer in the same instant, and measures:

- join: from the first join request to the last participant holding its first view;
- acknowledgement: each answer from sending to its ack (p50, p95, max), and the whole burst
  from the first send to the last ack; answers lost (acks missing, or rows missing from
  the database afterwards);
- the dashboard: from the last ack to a facilitator's websocket showing all answers;
- the server's peak memory (VmHWM) and CPU time.

Baselines measured in the same run: a websocket ping round trip on the same server (what
one message costs with nobody else there), and the design before the server, one full app
process per participant (what textual-serve started for every browser): BASELINE_APPS of
them started at once, their start-up time, memory and CPU, scaled to the room.
"""

from __future__ import annotations

import asyncio
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

HERE = Path(__file__).parent
REPO = HERE.parent
PARTICIPANTS = 300
BASELINE_APPS = 8
TIMEOUT = 60.0  # no step of a run waits longer than this
CHOICES = ("licence", "jv", "merger")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def make_workshop(db: Path) -> str:
    """A fresh database with one workshop: a single-choice question with a long limit."""
    sys.path.insert(0, str(REPO))
    from playbook.content.loader import load_library
    from playbook.services import Services

    services = Services.open(db, load_library([REPO / "tests" / "fixtures" / "content"]))
    try:
        rooms = services.workshops
        agenda = rooms.agenda([("question", "quiz-case/form"), ("stage", "pilot")])
        return rooms.create("Load", "4321", agenda, time_limit=120).code
    finally:
        services.close()


class Server:
    """`playbook serve` in its own process, on a free loopback port."""

    def __init__(self, db: Path, per_client: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "playbook", "--db", str(db), "--content",
             str(REPO / "tests" / "fixtures" / "content"), "serve", "--port", "0",
             "--max-per-client", str(per_client), "--max-connections", str(per_client + 50)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        said = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            said.append(line)
            if "Ctrl+C" in line:
                break
        text = "".join(said)
        port = re.search(r"on 127\.0\.0\.1:(\d+)", text)
        key = re.search(r"Facilitator key: (\S+)", text)
        if not (port and key):
            self.stop()
            raise RuntimeError(f"playbook serve did not start: {text}")
        self.base = f"http://127.0.0.1:{port.group(1)}"
        self.key = key.group(1)

    def status(self, field: str) -> float:
        """A /proc/PID/status figure in MiB (VmRSS, VmHWM)."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def cpu(self) -> float:
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Participant:
    def __init__(self, number: int) -> None:
        self.name = f"Person {number:03d}"
        self.choice = CHOICES[number % len(CHOICES)]
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.first_view = asyncio.Event()
        self.open = asyncio.Event()
        self.acked = asyncio.Event()
        self.ack: dict = {}
        self.sent_at = 0.0
        self.acked_at = 0.0

    async def join(self, http: aiohttp.ClientSession, base: str, code: str) -> None:
        async with http.post(
            f"{base}/api/workshops/{code}/join", json={"name": self.name, "device": self.name}
        ) as reply:
            token = (await reply.json())["token"]
        self.ws = await http.ws_connect(f"{base}/ws", origin=base, heartbeat=30)
        await self.ws.send_json({"type": "hello", "role": "participant", "token": token})
        asyncio.get_running_loop().create_task(self.read())
        await self.first_view.wait()

    async def read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = message.json()
            if data["type"] == "view":
                self.first_view.set()
                session = data["view"]["session"]
                if session["phase"] == "open" and data["view"]["mine"] is None:
                    self.open.set()
            elif data["type"] == "ack" and data.get("id") == 1:
                self.acked_at = time.perf_counter()
                self.ack = data
                self.acked.set()

    async def answer(self) -> None:
        assert self.ws is not None
        self.sent_at = time.perf_counter()
        await self.ws.send_json({"type": "answer", "id": 1, "item": 0, "response": self.choice})


async def _board_until(board: aiohttp.ClientWebSocketResponse, condition) -> float:
    async for message in board:
        if message.type == aiohttp.WSMsgType.TEXT:
            data = message.json()
            if data["type"] == "board" and condition(data["board"]):
                return time.perf_counter()
    raise RuntimeError("the dashboard's websocket closed")


async def room_load(participants: int, db: Path) -> dict:
    """Run one room of `participants` against a fresh server; every figure in a dict."""
    code = make_workshop(db)
    server = Server(db, per_client=participants + 10)
    try:
        return await asyncio.wait_for(_room(server, code, db, participants), TIMEOUT)
    finally:
        server.stop()


async def _room(server: Server, code: str, db: Path, n: int) -> dict:
    base = server.base
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        async with http.post(
            f"{base}/api/workshops/{code}/facilitate", json={"key": server.key}
        ) as reply:
            token = (await reply.json())["token"]
        headers = {"Authorization": f"Bearer {token}"}
        board = await http.ws_connect(f"{base}/ws", origin=base)
        await board.send_json(
            {"type": "hello", "role": "facilitator", "code": code, "token": token}
        )
        # A baseline on this very server: one message's round trip, nobody else there.
        rtts = []
        for n_ping in range(20):
            start = time.perf_counter()
            await board.send_json({"type": "ping", "id": n_ping})
            async for message in board:
                if message.type == aiohttp.WSMsgType.TEXT and message.json()["type"] == "pong":
                    break
            rtts.append(time.perf_counter() - start)
        cpu_before = server.cpu()
        people = [Participant(i) for i in range(n)]
        started = time.perf_counter()
        await asyncio.gather(*(p.join(http, base, code) for p in people))
        joined = time.perf_counter() - started
        await _board_until(board, lambda b: b["joined"] == n)
        cpu_join = server.cpu() - cpu_before
        for action in ("start", "open"):
            async with http.post(
                f"{base}/api/workshops/{code}/act", json={"action": action}, headers=headers
            ) as reply:
                assert reply.status == 200, await reply.text()
        await asyncio.gather(*(p.open.wait() for p in people))
        # Everyone answers in the same instant.
        await asyncio.gather(*(p.answer() for p in people))
        await asyncio.gather(*(asyncio.wait_for(p.acked.wait(), 20) for p in people))
        last_ack = max(p.acked_at for p in people)
        shown = await _board_until(board, lambda b: b["answered"] == n)
        latencies = [p.acked_at - p.sent_at for p in people]
        burst = last_ack - min(p.sent_at for p in people)
        ok = sum(1 for p in people if p.ack.get("ok"))
        for p in people:
            if p.ws is not None:
                await p.ws.close()
        await board.close()
    with sqlite3.connect(db) as conn:
        saved = conn.execute("SELECT count(*) FROM workshop_responses").fetchone()[0]
    return {
        "participants": n,
        "join_s": joined,
        "ack_p50_ms": statistics.median(latencies) * 1000,
        "ack_p95_ms": p95(latencies) * 1000,
        "ack_max_ms": max(latencies) * 1000,
        "burst_ms": burst * 1000,
        "acked": ok,
        "saved": saved,
        "lost": n - min(ok, saved),
        "dashboard_ms": max(0.0, shown - last_ack) * 1000,
        "ping_ms": statistics.median(rtts) * 1000,
        "server_peak_mib": server.status("VmHWM"),
        "server_rss_mib": server.status("VmRSS"),
        "server_cpu_join_s": cpu_join,
    }


def app_processes(count: int, db: Path) -> dict:
    """The design before the server: one full participant app per person. `count` started
    at once; their time to the first screen, peak memory and CPU seconds each."""
    launch = [sys.executable, str(HERE / "_launch.py"), "participant", str(db)]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(launch, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(count)
    ]  # fmt: skip
    peaks, cpus, ends = [], [], []
    for proc in procs:
        _pid, _status, usage = os.wait4(proc.pid, 0)
        ends.append(time.perf_counter())
        cpus.append(usage.ru_utime + usage.ru_stime)
        text = proc.stderr.read()
        found = re.search(r"peak-kib (\d+)", text)
        peaks.append(int(found.group(1)) / 1024 if found else 0.0)
        proc.returncode = 0
    return {
        "last_first_frame_s": max(ends) - started,
        "peak_mib_each": statistics.median(peaks),
        "cpu_s_each": statistics.median(cpus),
    }


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        room = asyncio.run(room_load(PARTICIPANTS, Path(tmp) / "serve.db"))
        apps = app_processes(BASELINE_APPS, Path(tmp) / "serve.db")
    n = room["participants"]
    per_app = apps["peak_mib_each"]
    return [
        {
            "name": f"{n} participants join on websockets (to the last first view)",
            "value": room["join_s"],
            "unit": "s",
            "baseline_name": f"{BASELINE_APPS} participant app processes started at once, "
            "to the last first screen (the old one process per browser)",
            "baseline": apps["last_first_frame_s"],
            "ratio": room["join_s"] / apps["last_first_frame_s"],
            "target": "< 10 s",
            "ok": room["join_s"] < 10,
            "note": f"server CPU for the {n} joins: {room['server_cpu_join_s']:.2f} s; "
            f"one app process each: {apps['cpu_s_each']:.2f} s, so {n} of them "
            f"{apps['cpu_s_each'] * n:.0f} s",
        },
        {
            "name": f"answer acknowledged, p95 of {n} sent at once",
            "value": room["ack_p95_ms"],
            "unit": "ms",
            "baseline_name": "one websocket round trip on the same server, nobody else there",
            "baseline": room["ping_ms"],
            "ratio": room["ack_p95_ms"] / room["ping_ms"],
            "target": "< 300 ms",
            "ok": room["ack_p95_ms"] < 300,
            "note": f"p50 {room['ack_p50_ms']:.0f} ms, max {room['ack_max_ms']:.0f} ms",
        },
        {
            "name": f"all {n} answers, first sent to last acknowledged",
            "value": room["burst_ms"],
            "unit": "ms",
            "baseline_name": "one websocket round trip",
            "baseline": room["ping_ms"],
            "ratio": room["burst_ms"] / room["ping_ms"],
            "target": "< 1000 ms, 0 lost",
            "ok": room["burst_ms"] < 1000 and room["lost"] == 0,
            "note": f"{room['acked']} acknowledged, {room['saved']} rows saved, "
            f"{room['lost']} lost",
        },
        {
            "name": f"the dashboard shows all {n} answers, after the last ack",
            "value": room["dashboard_ms"],
            "unit": "ms",
            "baseline_name": "one websocket round trip",
            "baseline": room["ping_ms"],
            "ratio": room["dashboard_ms"] / room["ping_ms"],
            "target": "< 1000 ms",
            "ok": room["dashboard_ms"] < 1000,
        },
        {
            "name": f"server peak memory with {n} participants",
            "value": room["server_peak_mib"],
            "unit": "MiB",
            "baseline_name": f"{n} participant app processes ({per_app:.1f} MiB each, "
            f"measured on {BASELINE_APPS})",
            "baseline": per_app * n,
            "ratio": room["server_peak_mib"] / (per_app * n),
            "target": "< 250 MiB",
            "ok": room["server_peak_mib"] < 250,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
