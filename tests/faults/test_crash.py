"""Kill the app (SIGKILL) at random moments: every action acknowledged on screen survives."""

from __future__ import annotations

import ast
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

DRIVER = Path(__file__).parent / "crash_driver.py"


def run_and_kill(db_path: Path, round_: int, after_acks: int) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(db_path), str(round_)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    acks: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("ACK"):
            acks.append(line.strip())
            if len(acks) >= after_acks:
                time.sleep(random.uniform(0, 0.15))  # somewhere inside the next action
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=30)
    return acks


def test_acknowledged_actions_survive_sigkill(tmp_path):
    db_path = tmp_path / "crash.db"
    rng = random.Random(20261123)
    all_acks: list[str] = []
    for round_ in range(4):
        all_acks += run_and_kill(db_path, round_, after_acks=rng.randint(3, 9))
    assert len(all_acks) >= 12

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ticked = set(
            conn.execute("SELECT stage_id, item_id FROM checklist_ticks WHERE checked").fetchall()
        )
        answers = dict(
            ((stage, field), value)
            for stage, field, value in conn.execute(
                "SELECT stage_id, field_id, value FROM worksheet_answers"
            )
        )
    for ack in all_acks:
        _, kind, stage, rest = ack.split(" ", 3)
        if kind == "tick":
            assert (stage, rest) in ticked, ack
        else:
            field, shown = rest.split(" ", 1)
            # Later rounds add to the same answer: what was acknowledged is still all there.
            assert ast.literal_eval(shown) in answers[(stage, field)], ack
