"""Provides the trainee's commands: `playbook quiz` (opens the app at a quiz) and `stats`."""

from __future__ import annotations

import argparse

from playbook.cli.common import (
    db_path,
    fail,
    in_words,
    load_library,
    open_services,
)
from playbook.services.errors import StoreError


def add_commands(commands) -> None:
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


def run(args: argparse.Namespace) -> int | None:
    if args.command == "stats":
        return cmd_stats(args)
    if args.command == "quiz":
        from playbook.cli.app import run_app

        return run_app(args)
    return None


def cmd_stats(args: argparse.Namespace) -> int:
    """A read-only look: on a database that does not exist yet, empty stats (and no file)."""
    from playbook.services.stats import report_for_nobody

    library = load_library(args)
    if not db_path(args).exists():
        return _print_stats(args, None, report_for_nobody(library))
    services = open_services(args, library)
    if services is None:
        return 2
    try:
        if args.profile:
            profile = services.profiles.named(args.profile)
            if profile is None:
                names = ", ".join(p.name for p in services.profiles.all()) or "none yet"
                return fail(f"there is no profile {args.profile!r} (profiles: {names}).")
        else:
            profile = services.profiles.last()
        if profile is None:
            report = report_for_nobody(library)
        else:
            report = services.stats.report(profile.id)
    except StoreError as error:
        return fail(in_words(error), 2)
    finally:
        services.close()
    return _print_stats(args, profile.name if profile else None, report)


def _print_stats(args: argparse.Namespace, name: str | None, report) -> int:
    import json

    from playbook.domain.report import format_report

    if args.json:
        print(json.dumps({"profile": name, **report.as_dict()}, indent=2))
    else:
        print(format_report(report, name or "nobody yet"))
    return 0
