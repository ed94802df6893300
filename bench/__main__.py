"""Runs every benchmark: prints a table and saves the figures as JSON (bench/results.json)."""

from __future__ import annotations

import json
import platform
import sys
from datetime import datetime
from pathlib import Path

from bench import content, keypress, memory, serve, startup, workshop

BENCHES = [startup, content, keypress, memory, workshop, serve]


def main() -> int:
    rows: list[dict] = []
    only = set(sys.argv[1:])  # e.g. `python -m bench startup memory`
    for bench in BENCHES:
        if only and bench.__name__.removeprefix("bench.") not in only:
            continue
        print(f"running {bench.__name__} ...", file=sys.stderr, flush=True)
        rows.extend(bench.run())
    width = max(len(r["name"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'value':>10}  {'baseline':>10}  {'ratio':>6}  target")
    for r in rows:
        value = f"{r['value']:.3f} {r['unit']}"
        baseline = f"{r['baseline']:.3f} {r['unit']}" if r.get("baseline") is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "-"
        mark = "ok" if r.get("ok") else "MISSED"
        print(
            f"{r['name']:<{width}}  {value:>10}  {baseline:>10}  {ratio:>6}  {r['target']} {mark}"
        )
        if r.get("baseline_name"):
            print(f"{'':<{width}}  baseline: {r['baseline_name']}")
        if r.get("note"):
            print(f"{'':<{width}}  note: {r['note']}")
    out = Path(__file__).parent / "results.json"
    out.write_text(
        json.dumps(
            {
                "when": datetime.now().isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "machine": platform.machine(),
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"saved {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
