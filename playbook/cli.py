"""Provides the command line: `playbook` opens the app; subcommands work without it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playbook import __version__
from playbook.cli_workshop import add_commands as add_workshop_commands
from playbook.cli_workshop import run as run_workshop_command
from playbook.paths import DB_ENV, content_folders, default_db_path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playbook",
        description="Alliance Playbook: form business alliances that last.",
    )
    parser.add_argument("--version", action="version", version=f"playbook {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the progress database (default: ${DB_ENV}, else your data folder)",
    )
    parser.add_argument(
        "--content",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a content folder (with cases/ and checklists/) on top of the bundled one; repeatable",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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

    cases = commands.add_parser(
        "cases", help="list the case library", description="List every case in the library."
    )
    cases.add_argument("--json", action="store_true", help="print JSON for tools")

    export = commands.add_parser("export", help="write a document built from your progress")
    documents = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    charter = documents.add_parser(
        "charter",
        help="an alliance's charter as Markdown",
        description="Write the alliance charter (objectives, scope, contributions, governance, "
        "decision rights, exit terms, pilot plan, open flags) as Markdown.",
    )
    charter.add_argument("alliance", metavar="ALLIANCE", help="the alliance's name or id")
    charter.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: print it)"
    )
    charter.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")

    quiz = commands.add_parser(
        "quiz",
        help="open straight into a case's quiz (resuming one left half way)",
        description="Open the app at a case's quiz. A quiz left half way is resumed.",
    )
    quiz.add_argument("case", metavar="CASE", help="the case id, e.g. daimler-chrysler")
    quiz.add_argument("--exam", action="store_true", help="feedback and score only at the end")
    quiz.add_argument(
        "--confidence",
        action="store_true",
        help="ask how sure you are of each answer (certainty-based marking)",
    )
    quiz.add_argument("--profile", metavar="NAME", help="whose quiz (default: who used it last)")

    stats = commands.add_parser(
        "stats",
        help="print quiz results, mastery by stage, review forecast and activity",
        description="Print a profile's quiz statistics as text tables, or as JSON.",
    )
    stats.add_argument("--json", action="store_true", help="print JSON instead of tables")
    stats.add_argument("--profile", metavar="NAME", help="whose stats (default: who used it last)")
    add_workshop_commands(commands)
    return parser


def pause_gc_until_first_frame() -> None:
    """Start-up allocates mostly objects that live all session; collecting them is wasted work
    (about a tenth of the time to the first screen). The app turns collection back on, and
    freezes what start-up built, once its first frame is up (PlaybookApp.on_mount)."""
    import gc

    gc.disable()


APP_COMMANDS = (None, "quiz", "join", "web-join")  # the commands that open the app


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in APP_COMMANDS:
        pause_gc_until_first_frame()  # never for `serve`, which runs for hours
    try:
        if args.command == "validate":
            return cmd_validate(args.content + args.dirs, report=args.report)
        if args.command == "cases":
            return cmd_cases(args)
        if args.command == "export":
            return cmd_export_charter(args)
        if args.command == "stats":
            return cmd_stats(args)
        workshop_result = run_workshop_command(args)
        if workshop_result is not None:
            return workshop_result
        return run_app(args)
    except BrokenPipeError:  # e.g. `playbook validate | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


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
    summary = f"{len(library.stages)} stages, {len(library.cases)} cases ({where})"
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {summary}.")
        return 1
    print(f"OK: {summary}.")
    return 0


def fail(message: str, code: int = 1) -> int:
    print(f"playbook: {message}", file=sys.stderr)
    return code


def cmd_export_charter(args: argparse.Namespace) -> int:
    from datetime import date

    from playbook.content.loader import load_library
    from playbook.exports import charter_markdown, write_text
    from playbook.store.db import StoreError

    store = open_store(args)
    if store is None:
        return 2
    try:
        profile_id = None
        if args.profile:
            profile = find_profile(store, args.profile)
            if profile is None:
                return 1
            profile_id = profile.id
        found = store.find_alliances(args.alliance, profile_id)
        if not found:
            known = store.find_alliances("", profile_id)
            listing = "; ".join(f"{a.id}: {a.name}" for a in known) or "none yet"
            return fail(f"no alliance called '{args.alliance}'. Alliances: {listing}")
        if len(found) > 1:
            listing = "; ".join(f"{a.id}: {a.name}" for a in found)
            return fail(f"'{args.alliance}' matches several alliances ({listing}); give its id")
        library = load_library(content_folders(args.content))
        text = charter_markdown(library, store, found[0], date.today())
    except StoreError as error:
        return fail(str(error), 2)
    finally:
        store.close()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        path = write_text(args.output, text)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    print(f"Charter of {found[0].name} written to {path}")
    return 0


def open_store(args: argparse.Namespace):
    """Open the database or print what to do and return None."""
    from playbook.store.db import StoreError
    from playbook.store.progress import Store

    path = args.db or default_db_path()
    try:
        store = Store.open(path)
    except StoreError as error:
        print(f"playbook: {error}", file=sys.stderr)
        return None
    if store.backup is not None:
        print(f"playbook: updated the database; a copy of the old one is at {store.backup}")
    return store


def find_case(library, wanted: str):
    """The case with this id (or exact title), else None after printing close matches."""
    import difflib

    cases = library.cases
    if wanted in cases:
        return cases[wanted]
    folded = wanted.casefold()
    for case in cases.values():
        if case.title.casefold() == folded:
            return case
    close = [c.id for c in cases.values() if folded in c.id or folded in c.title.casefold()]
    close += difflib.get_close_matches(folded, list(cases), n=5, cutoff=0.5)
    close = list(dict.fromkeys(close))[:5]
    print(f"playbook: there is no case {wanted!r}.", file=sys.stderr)
    if close:
        print(f"Did you mean: {', '.join(close)}?", file=sys.stderr)
    else:
        print(f"Cases: {', '.join(sorted(cases))}", file=sys.stderr)
    return None


def find_profile(store, name: str):
    """The profile with this name (any case), or None after saying which there are."""
    profile = next((p for p in store.profiles() if p.name.casefold() == name.casefold()), None)
    if profile is None:
        names = ", ".join(p.name for p in store.profiles()) or "none yet"
        print(f"playbook: there is no profile {name!r} (profiles: {names}).", file=sys.stderr)
    return profile


def choose_profile(store, name: str | None):
    """The named profile (made the current one) or the last one used; None after a message."""
    if name is None:
        profile = store.last_profile()
        if profile is None:
            print("playbook: no profile yet: start `playbook` to create one.", file=sys.stderr)
        return profile
    profile = find_profile(store, name)
    if profile is not None:
        store.use_profile(profile)
    return profile


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from playbook.content.loader import load_library
    from playbook.domain.report import format_report
    from playbook.store.db import StoreError

    store = open_store(args)
    if store is None:
        return 2
    try:
        profile = choose_profile(store, args.profile)
        if profile is None:
            return 1
        library = load_library(content_folders(args.content))
        report = store.quiz.report(profile.id, library)
    except StoreError as error:
        print(f"playbook: {error}", file=sys.stderr)
        return 2
    finally:
        store.close()
    if args.json:
        print(json.dumps({"profile": profile.name, **report.as_dict()}, indent=2))
    else:
        print(format_report(report, profile.name))
    return 0


def run_app(args: argparse.Namespace) -> int:
    from playbook.tui.app import QuizRequest, make_app

    request = library = None
    if args.command == "quiz":
        from playbook.content.loader import load_library

        library = load_library(content_folders(args.content))
        case = find_case(library, args.case)
        if case is None:
            return 1
        request = QuizRequest(case.id, "exam" if args.exam else "practice", args.confidence)
    store = open_store(args)
    if store is None:
        return 2
    if request is not None and args.profile:
        from playbook.store.db import StoreError

        try:
            chosen = choose_profile(store, args.profile)
        except StoreError as error:
            store.close()
            return fail(str(error), 2)
        if chosen is None:
            store.close()
            return 1
    store.database.safety_copies = True  # see Database.write_safety_copy
    app = make_app(args.content, store=store, quiz=request, library=library)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0
