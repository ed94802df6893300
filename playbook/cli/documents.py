"""Provides `playbook export charter`: an alliance's charter as a document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.cli.common import choose_profile, fail, in_words, open_services, subcommands
from playbook.services.errors import StoreError


def add_commands(commands) -> None:
    documents = subcommands(
        commands, "export", "document", help="write a document, questions or progress to a file"
    )
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


def run(args: argparse.Namespace) -> int | None:
    if args.command == "export" and args.document == "charter":
        return cmd_export_charter(args)
    return None


def cmd_export_charter(args: argparse.Namespace) -> int:
    from playbook.services.files import write_text

    services = open_services(args)
    if services is None:
        return 2
    try:
        profile_id = None
        if args.profile:
            profile = choose_profile(services, args.profile)
            if profile is None:
                return 1
            profile_id = profile.id
        alliances = services.alliances
        found = alliances.find(args.alliance, profile_id)
        if not found:
            known = alliances.find("", profile_id)
            listing = "; ".join(f"{a.id}: {a.name}" for a in known) or "none yet"
            return fail(f"no alliance called '{args.alliance}'. Alliances: {listing}")
        if len(found) > 1:
            listing = "; ".join(f"{a.id}: {a.name}" for a in found)
            return fail(f"'{args.alliance}' matches several alliances ({listing}); give its id")
        text = services.charters.markdown(found[0])
    except StoreError as error:
        return fail(in_words(error), 2)
    finally:
        services.close()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        path = write_text(args.output, text)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    print(f"Charter of {found[0].name} written to {path}")
    return 0
