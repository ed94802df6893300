"""Provides `playbook new case SLUG`: a case skeleton to fill in, with every field explained."""

from __future__ import annotations

import argparse
from pathlib import Path

from playbook.cli.common import fail, load_library


def add_commands(commands) -> None:
    new = commands.add_parser("new", help="start a new content file from a skeleton")
    kinds = new.add_subparsers(dest="new_kind", metavar="KIND", required=True)
    case = kinds.add_parser(
        "case",
        help="a case skeleton: every field there and explained, FILL IN where you write",
        description="Write cases/SLUG.md in a content folder: a case with every field, "
        "a decision, two exhibits, a teaching note and one question of each kind. "
        "`playbook validate` reports each FILL IN until it is replaced.",
    )
    case.add_argument("slug", metavar="SLUG", help="the case's id and file name, e.g. acme-globex")
    case.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="the content folder to write into (default: the first --content, else here)",
    )


def run(args: argparse.Namespace) -> int | None:
    if args.command == "new" and args.new_kind == "case":
        return cmd_new_case(args)
    return None


def cmd_new_case(args: argparse.Namespace) -> int:
    from playbook.content.reader import SLUG
    from playbook.content.skeleton import case_skeleton
    from playbook.content.writing import write_file

    slug = args.slug
    if not SLUG.match(slug):
        return fail(
            f"{slug!r} is not a slug: lower-case letters and digits joined by dashes, "
            "e.g. acme-globex"
        )
    folder = args.output or (args.content[0] if args.content else Path("."))
    path = Path(folder) / "cases" / f"{slug}.md"
    if path.exists():
        return fail(f"{path} exists already: choose another SLUG or edit that file")
    library = load_library(args)
    taken = library.owner(slug)
    if taken is not None:
        where = taken.path or slug
        return fail(
            f"there is a case or bank '{slug}' already ({where}): a new file of that id would "
            "replace it; choose another SLUG"
        )
    try:
        write_file(path, case_skeleton(slug))
    except OSError as error:
        return fail(f"cannot write {path}: {error.strerror or error}")
    print(f"Wrote {path}: a case skeleton. Replace every FILL IN, then check it with:")
    content = " ".join(f"--content {c}" for c in args.content) or f"--content {folder}"
    print(f"  playbook {content} validate --watch {folder}")
    return 0
