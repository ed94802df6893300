"""Provides the content commands: `playbook validate` and `playbook cases`."""

from __future__ import annotations

import argparse
from pathlib import Path

from playbook.paths import content_folders


def add_commands(commands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check content files and print every problem as path:line: message",
        description="Check content folders on top of the bundled content (or the bundled "
        "content alone). Exits 1 if anything is wrong.",
    )
    validate.add_argument("dirs", nargs="*", type=Path, metavar="DIR")
    validate.add_argument(
        "--report",
        action="store_true",
        help="also print the library's coverage: stages, forms and outcomes per case, and gaps",
    )
    validate.add_argument(
        "--watch",
        action="store_true",
        help="check again every time a content file in the folders is saved (Ctrl+C stops)",
    )
    validate.add_argument(
        "--interval",
        type=float,
        default=0.5,
        metavar="SECONDS",
        help="with --watch: how often to look for saved files (default 0.5)",
    )
    cases = commands.add_parser(
        "cases", help="list the case library", description="List every case in the library."
    )
    cases.add_argument("--json", action="store_true", help="print JSON for tools")


def run(args: argparse.Namespace) -> int | None:
    if args.command == "validate" and args.watch:
        return cmd_watch(args.content + args.dirs, max(0.01, args.interval))
    if args.command == "validate":
        return cmd_validate(args.content + args.dirs, report=args.report)
    if args.command == "cases":
        return cmd_cases(args)
    return None


def cmd_cases(args: argparse.Namespace) -> int:
    import json

    from playbook.content.loader import load_library

    library = load_library(content_folders(args.content))
    cases = library.ordered_cases
    if args.json:
        rows = [
            {
                "id": c.id,
                "title": c.title,
                "years": c.years,
                "parties": list(c.parties),
                "industry": c.industry,
                "direction": c.direction,
                "form": c.form,
                "ended_as": c.ended_as or None,
                "outcome": c.outcome,
                "stages": list(c.stages),
                "questions": len(c.questions),
                "sources": [{"title": s.title, "url": s.url} for s in c.sources],
            }
            for c in cases
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    columns = [
        ("id", lambda c: c.id),
        ("title", lambda c: c.title),
        ("years", lambda c: c.years),
        ("form", lambda c: c.form + (f" → {c.ended_as}" if c.ended_as else "")),
        ("outcome", lambda c: c.outcome),
        ("stages", lambda c: ", ".join(c.stages)),
        ("questions", lambda c: str(len(c.questions))),
    ]
    table = [[name for name, _ in columns]] + [[get(c) for _, get in columns] for c in cases]
    widths = [min(36, max(len(row[i]) for row in table)) for i in range(len(columns))]
    for number, row in enumerate(table):
        cells = [
            cell if len(cell) <= w else cell[: w - 1] + "…"
            for cell, w in zip(row, widths, strict=True)
        ]
        print("  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\n{len(cases)} cases")
    return 0


def cmd_validate(dirs: list[Path], report: bool = False) -> int:
    from playbook.content.validate import validate

    library, problems = validate(content_folders(dirs))
    if report:
        from playbook.content.coverage import report as coverage_report

        print(coverage_report(library))
        print()
    here = Path.cwd()
    for problem in problems:
        path = problem.path.relative_to(here) if problem.path.is_relative_to(here) else problem.path
        print(f"{path}:{problem.line}: {problem.message}")
    where = ", ".join(str(d) for d in dirs) if dirs else "bundled content"
    count = len(library.banks)
    banks = f", {count} question bank{'s' if count != 1 else ''}" if count else ""
    summary = f"{len(library.stages)} stages, {len(library.cases)} cases{banks} ({where})"
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {summary}.")
        return 1
    print(f"OK: {summary}.")
    return 0


def cmd_watch(dirs: list[Path], interval: float) -> int:
    """Validate now and after every save, until Ctrl+C."""
    import sys
    from datetime import datetime

    from playbook.content.watch import watch

    folders = content_folders(dirs)
    watched = [Path(d) for d in dirs] or folders
    here = Path.cwd()

    def check(changed: list[Path]) -> None:
        if changed:
            names = ", ".join(
                str(p.relative_to(here)) if p.is_relative_to(here) else str(p) for p in changed
            )
            print(f"\n-- {datetime.now():%H:%M:%S} {names} changed --")
        cmd_validate(dirs)
        print(f"Watching {', '.join(str(w) for w in watched)}; Ctrl+C stops.", flush=True)
        sys.stdout.flush()

    try:
        watch(watched, check, interval=interval)
    except KeyboardInterrupt:
        print("\nStopped watching.", flush=True)
    return 0
