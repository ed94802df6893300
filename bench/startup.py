"""Start-up: from starting the process to its first painted home screen, against a bare
Textual app (header, label, footer) measured the same way in the same run.

Both start warm, as any start after the first does on a user's machine: byte code cached
(in a folder of the run's own, so nothing is written beside the code) and files in the page
cache. Where PYTHONDONTWRITEBYTECODE is set, as on this machine, every start would compile
every module from source, and that compiling, not the start-up work, made most of the time:
it hid a third of what the playbook adds over a bare app.
"""

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


def _time(args: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its first complete frame (reported by the child)."""
    start = time.time()
    result = subprocess.run(
        args, check=True, cwd=HERE.parent, capture_output=True, text=True, timeout=60, env=env
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
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        launch = [sys.executable, str(HERE / "_launch.py")]
        bare_times, app_times = [], []
        _time([*launch, "bare"], env)  # warm the byte code and file caches for both
        _time([*launch, "playbook", str(db)], env)
        for _ in range(RUNS):  # interleaved, so a noisy neighbour hurts both alike
            bare_times.append(_time([*launch, "bare"], env))
            app_times.append(_time([*launch, "playbook", str(db)], env))
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    return [
        {
            "name": "start-up to the first painted home screen",
            "value": app,
            "unit": "s",
            "baseline_name": "bare Textual app (header, label, footer)",
            "baseline": bare,
            "ratio": app / bare,
            "target": "about 1.3",
            "ok": app / bare <= 1.35,
        }
    ]
