"""Start-up: from starting the process to its first painted home screen, against a bare
Textual app (header, label, footer) measured the same way in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench._seed import new_alliance, new_profile

HERE = Path(__file__).parent
RUNS = int(os.environ.get("BENCH_RUNS", "9"))


def _time(args: list[str]) -> float:
    """Seconds from starting the process to its first complete frame (reported by the child)."""
    start = time.time()
    result = subprocess.run(
        args, check=True, cwd=HERE.parent, capture_output=True, text=True, timeout=60
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("first-frame "))
    return float(line.split()[1]) - start


def run() -> list[dict]:
    from playbook.store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store.open(db)
        profile = new_profile(store, "Bench")
        alliance = new_alliance(store, profile.id, "Globex", "Acme")
        store.alliances.tick(alliance.id, "north-star", "one-goal", True, datetime.now(UTC))
        store.close()
        launch = [sys.executable, str(HERE / "_launch.py")]
        bare_times, app_times = [], []
        _time([*launch, "bare"])  # warm the file cache for both
        _time([*launch, "playbook", str(db)])
        for _ in range(RUNS):  # interleaved, so a noisy neighbour hurts both alike
            bare_times.append(_time([*launch, "bare"]))
            app_times.append(_time([*launch, "playbook", str(db)]))
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    return [
        {
            "name": "start-up to the first painted home screen",
            "value": app,
            "unit": "s",
            "baseline_name": "bare Textual app (header, label, footer)",
            "baseline": bare,
            "ratio": app / bare,
            "target": "<= 1.25",
            "ok": app / bare <= 1.25,
        }
    ]
