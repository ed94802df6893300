"""Typing that never pauses is on disk within 2 seconds: kill the app (SIGKILL) after five
seconds of it, and everything typed up to two seconds before the kill is in the file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

DRIVER = Path(__file__).parent / "typing_driver.py"
TYPING = 5.0  # seconds of continuous typing before the kill
WITHIN = 2.0  # seconds: what was typed before this long ago must be saved


def test_continuous_typing_survives_a_kill(tmp_path):
    db_path = tmp_path / "typing.db"
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    keys: list[tuple[float, int]] = []
    started = None
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("KEY"):
                _, at, count = line.split()
                keys.append((float(at), int(count)))
                started = started or float(at)
                if float(at) - started >= TYPING:
                    killed_at = time.monotonic()
                    os.kill(proc.pid, signal.SIGKILL)
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert started is not None, "the driver never typed"
    assert keys[-1][0] - started >= TYPING, "typing stopped before the kill"
    assert len(keys) > 20, "too few keys to call it typing"
    due = max((count for at, count in keys if at <= killed_at - WITHIN), default=0)
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT value FROM worksheet_answers WHERE stage_id = 'pilot' AND field_id = 'scope'"
        ).fetchall()
    saved = len(rows[0][0]) if rows else 0
    assert saved >= due, f"{saved} characters saved; {due} were typed more than 2 s before"
