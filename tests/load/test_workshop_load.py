"""Forty participant processes answer the same question in the same second: none is lost."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time

from playbook.services import Services
from tests.conftest import REPO, fixture_library
from tests.tui.workshop_helpers import Clock, Room, open_dashboard, text, wait_for

PEOPLE = 40
CHOICES = ("licence", "jv", "merger")


def count(db_path, sql: str) -> int:
    with sqlite3.connect(db_path, timeout=10) as conn:
        return conn.execute(sql).fetchone()[0]


async def test_forty_participants_answering_at_once_are_all_saved_and_charted(db_path, tmp_path):
    room = Room(db_path, Clock())
    fay = room.facilitator()
    workshop, token = room.create(fay, time_limit=120)
    barrier = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.load.answer_worker",
                str(db_path),
                workshop.code,
                f"Person {n:02d}",
                CHOICES[n % 3],
                str(barrier),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(PEOPLE)
    ]
    try:
        deadline = time.monotonic() + 60
        while count(db_path, "SELECT count(*) FROM workshop_participants") < PEOPLE:
            assert time.monotonic() < deadline, "not everyone joined"
            assert all(w.poll() is None for w in workers), "a participant process died"
            time.sleep(0.05)
        # Open answering with the real clock (the workers answer with it), then release all.
        real = Services.open(db_path, fixture_library())  # the system clock
        try:
            pacing = real.workshops.facilitator(workshop.code, token)
            pacing.act("start")
            pacing.act("open")
        finally:
            real.close()
        barrier.touch()
        outputs = [w.communicate(timeout=60)[0] for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    problems = [o for o in outputs if "saved" not in o or "error" in o or "locked" in o]
    assert not problems, problems[:3]
    assert count(db_path, "SELECT count(*) FROM workshop_responses") == PEOPLE
    seconds = count(
        db_path, "SELECT count(DISTINCT substr(answered_at, 1, 19)) FROM workshop_responses"
    )
    assert seconds <= 3  # all within the same second or two

    # The dashboard shows every answer in its chart.
    try:
        await check_the_chart(fay, workshop.code, token)
    finally:
        room.close()


async def check_the_chart(fay, code: str, token: str) -> None:
    async with fay.run_test(size=(100, 30)) as pilot:
        open_dashboard(fay, code, token)
        await wait_for((pilot,), lambda: "answered" in text(fay, "#dash-clock"), "the dashboard")
        assert f"{PEOPLE} of {PEOPLE} answered" in text(fay, "#dash-clock")
        bars = [int(n) for n in re.findall(r"(\d+) \(\d+%\)", text(fay, "#dash-chart"))]
        assert sorted(bars) == [13, 13, 14] and sum(bars) == PEOPLE  # in the room's order
