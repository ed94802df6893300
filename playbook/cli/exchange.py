"""Provides the commands that move questions and progress between tools and machines:
`import gift`, `export gift` (Moodle's question format), `export progress` and
`import progress` (a learner's progress as one JSON file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.cli.common import (
    db_path,
    fail,
    find_case,
    in_words,
    load_library,
    open_services,
    subcommands,
)
from playbook.services.errors import StoreError


def add_commands(commands) -> None:
    imports = subcommands(
        commands, "import", "source", help="bring questions or progress in from a file"
    )
    gift_in = imports.add_parser(
        "gift",
        help="questions from a GIFT file (Moodle's format) into a bank or a case",
        description="Turn a GIFT file's questions into content files: a new bank per GIFT "
        "category (or the bank --bank names), or questions added to a case (--case). "
        "What no question kind here can take is reported as FILE:line: message and the rest "
        "still imports. Importing the same file again adds nothing.",
    )
    gift_in.add_argument("file", type=Path, metavar="FILE")
    target = gift_in.add_mutually_exclusive_group()
    target.add_argument("--case", metavar="ID", help="add the questions to this case")
    target.add_argument("--bank", metavar="NAME", help="put every question in this bank")
    gift_in.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="the content folder to write into (default: the first --content, else here)",
    )
    progress_in = imports.add_parser(
        "progress",
        help="merge a progress bundle into this database",
        description="Merge a bundle written by `playbook export progress`: newer wins per "
        "worksheet answer and tick, quiz attempts and review history are united, review "
        "cards are rescheduled from the merged history. Importing it again changes nothing.",
    )
    progress_in.add_argument("file", type=Path, metavar="FILE")

    exports = subcommands(commands, "export", "document")
    gift_out = exports.add_parser(
        "gift",
        help="a case's (or bank's) questions as GIFT, for Moodle",
        description="Write questions as GIFT. Ordering questions have no GIFT form: they are "
        "written as matching (each item to its place), and said so.",
    )
    which = gift_out.add_mutually_exclusive_group(required=True)
    which.add_argument("case", nargs="?", metavar="CASE", help="a case or bank id (or title)")
    which.add_argument("--all", action="store_true", help="every case and bank")
    gift_out.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: print it)"
    )
    progress_out = exports.add_parser(
        "progress",
        help="your progress as one JSON file, to merge into another database",
        description="Write profiles, alliances, worksheet answers, ticks, quiz attempts, "
        "review cards and history as one versioned JSON file, keyed by content ids.",
    )
    progress_out.add_argument("--profile", metavar="NAME", help="only this profile")
    progress_out.add_argument(
        "-o", "--output", type=Path, metavar="FILE", required=True, help="the file to write"
    )


def run(args: argparse.Namespace) -> int | None:
    if args.command == "import" and args.source == "gift":
        return cmd_import_gift(args)
    if args.command == "import" and args.source == "progress":
        return cmd_import_progress(args)
    if args.command == "export" and args.document == "gift":
        return cmd_export_gift(args)
    if args.command == "export" and args.document == "progress":
        return cmd_export_progress(args)
    return None


def _shown(path: Path) -> str:
    here = Path.cwd()
    path = Path(path)
    if path.is_absolute() and path.is_relative_to(here):
        return str(path.relative_to(here))
    return str(path)


def cmd_import_gift(args: argparse.Namespace) -> int:
    from playbook.content.gift_files import import_gift_file

    folder = args.output or (args.content[0] if args.content else Path("."))
    library = load_library(args)
    result = import_gift_file(args.file, folder, library, case=args.case, bank=args.bank)
    for problem in sorted(result.problems + result.notes, key=lambda p: (str(p.path), p.line)):
        tag = "" if problem in result.problems else "note: "
        print(f"{_shown(problem.path)}:{problem.line}: {tag}{problem.message}", file=sys.stderr)
    refused = [p for f in result.files for p in f.refused]
    for problem in refused:
        print(f"{_shown(problem.path)}:{problem.line}: {problem.message}", file=sys.stderr)
    for written in result.files:
        if written.added and not written.refused:
            what = "created" if written.created else "added to"
            count = len(written.added)
            print(
                f"{count} question{'s' if count != 1 else ''} {what} {_shown(written.path)} "
                f"(quiz: {written.owner})"
            )
    if result.added:
        content = [Path(c) for c in args.content]
        if not any(Path(folder).resolve() == c.resolve() for c in content):
            print(f"Use them with: playbook --content {_shown(Path(folder))} ...")
    elif not refused:
        there = any("already (imported before)" in n.message for n in result.notes)
        print(
            "Nothing new to import: every question that can be is there already."
            if there
            else "No question imported."
        )
    return 1 if result.problems or refused else 0


def cmd_export_gift(args: argparse.Namespace) -> int:
    from playbook.content.gift_export import export_gift
    from playbook.services.files import write_text

    library = load_library(args)
    if args.all:
        owners = library.owners
    else:
        owner = find_case(library, args.case)
        if owner is None:
            return 1
        owners = [owner]
    exported = export_gift(owners)
    for note in exported.notes:
        print(f"playbook: {note}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(exported.text)
        return 0
    try:
        path = write_text(args.output, exported.text)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    print(f"{exported.questions} questions written to {path} as GIFT")
    return 0


def cmd_export_progress(args: argparse.Namespace) -> int:
    from playbook.services.files import write_text
    from playbook.services.progress import bundle_json

    if not db_path(args).exists():
        return fail(f"there is no database at {db_path(args)}: nothing to export yet")
    services = open_services(args)
    if services is None:
        return 2
    try:
        name = None
        if args.profile:
            profile = services.profiles.named(args.profile)
            if profile is None:
                names = ", ".join(p.name for p in services.profiles.all()) or "none yet"
                return fail(f"there is no profile {args.profile!r} (profiles: {names}).")
            name = profile.name
        bundle = services.progress.export(name)
    except StoreError as error:
        return fail(in_words(error), 2)
    finally:
        services.close()
    try:
        path = write_text(args.output, bundle_json(bundle))
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    print(f"Progress of {bundle.summary()} written to {path}")
    return 0


def cmd_import_progress(args: argparse.Namespace) -> int:
    from playbook.services.progress import BundleError, read_bundle

    try:
        bundle = read_bundle(args.file)
    except BundleError as error:
        return fail(str(error))
    services = open_services(args)
    if services is None:
        return 2
    try:
        report = services.progress.merge(bundle)
    except StoreError as error:
        return fail(in_words(error), 2)
    finally:
        services.close()
    print(report.in_words())
    return 0
