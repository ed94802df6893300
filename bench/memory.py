"""Memory: peak resident memory of the app at its home screen, and of one participant's app
process (what each browser cost before the workshop server), against the bare Textual app."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench._seed import new_alliance, new_profile

HERE = Path(__file__).parent
RUNS = 3


def peak_mib(args: list[str]) -> float:
    """Run a launch to completion; it reports its own peak RSS since exec (VmHWM, in KiB).

    (getrusage would count the pages a forked child shares with this process before exec.)
    """
    result = subprocess.run(args, cwd=HERE.parent, capture_output=True, text=True, check=True)
    line = next(x for x in result.stderr.splitlines() if x.startswith("peak-kib "))
    return int(line.split()[1]) / 1024


def run() -> list[dict]:
    from playbook.store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store.open(db)
        profile = new_profile(store, "Bench")
        new_alliance(store, profile.id, "Globex", "Acme")
        store.close()
        launch = [sys.executable, str(HERE / "_launch.py")]
        bare = statistics.median(peak_mib([*launch, "bare"]) for _ in range(RUNS))
        app = statistics.median(peak_mib([*launch, "playbook", str(db)]) for _ in range(RUNS))
        served = statistics.median(peak_mib([*launch, "participant", str(db)]) for _ in range(RUNS))
    return [
        {
            "name": "peak memory at the home screen",
            "value": app,
            "unit": "MiB",
            "baseline_name": "bare Textual app (header, label, footer)",
            "baseline": bare,
            "ratio": app / bare,
            "target": "-",
            "ok": True,
        },
        {
            "name": "peak memory of one participant app process",
            "value": served,
            "unit": "MiB",
            "baseline_name": "bare Textual app (textual-serve runs one such process per browser)",
            "baseline": bare,
            "ratio": served / bare,
            "target": "-",
            "ok": True,
        },
    ]
