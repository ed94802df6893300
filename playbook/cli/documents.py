"""Provides `playbook export charter` and `playbook export annex`: an alliance's charter to
send to the partner, and its private annex, as Markdown, HTML or Word."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.cli.common import fail, may_write, on_alliance, subcommands

FORMATS = ("md", "html", "docx")


def add_commands(commands) -> None:
    documents = subcommands(
        commands, "export", "document", help="write a document, questions or progress to a file"
    )
    for name, what in (
        (
            "charter",
            "the charter to send to the partner: the shared terms in both companies' names, "
            "a change log and a signature block; each export to a file is a new version",
        ),
        (
            "annex",
            "your private annex: due diligence, scores, evidence, red flags and notes; "
            "never for the partner",
        ),
        (
            "gap",
            "the gap view: your answers and the partner's side by side, with the scores "
            "and cultures as each side sees them, and the open items",
        ),
        (
            "health",
            "the health checks: the latest check's areas as each organisation sees them "
            "with the gaps, the comments by area, the trend across checks and the action "
            "plan (anonymous: no names are kept)",
        ),
    ):
        command = documents.add_parser(name, help=what.split(":")[0], description=what + ".")
        command.add_argument("alliance", metavar="ALLIANCE", help="the alliance's name or id")
        command.add_argument(
            "-o", "--output", type=Path, metavar="FILE", help="write here (default: print it)"
        )
        command.add_argument(
            "--format",
            choices=FORMATS,
            help="md, html or docx (default: from FILE's suffix, else md)",
        )
        command.add_argument("--force", action="store_true", help="overwrite FILE without asking")
        command.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")


def run(args: argparse.Namespace) -> int | None:
    if args.command == "export" and args.document in ("charter", "annex", "gap", "health"):
        return cmd_export_document(args)
    return None


def cmd_export_document(args: argparse.Namespace) -> int:
    from playbook.services.documents import Format

    fmt = Format(args.format) if args.format else None
    if args.output is None and fmt not in (None, Format.MARKDOWN):
        return fail(f"a {fmt.value} file needs -o FILE")
    if args.output is not None:
        fmt = fmt or Format.of(args.output) or Format.MARKDOWN
        if not may_write(args.output, args.force):
            return 1

    def work(services, alliance) -> int:
        if args.document in ("gap", "health"):
            return _export_unversioned(services, alliance, args, fmt)
        charters = services.charters
        if args.output is None:
            sys.stdout.write(charters.markdown(alliance, args.document))
            return 0
        try:
            path, version = charters.export(
                alliance, args.output, args.document, fmt, overwrite=True
            )
        except OSError as error:
            return fail(f"cannot write {args.output}: {error.strerror or error}")
        what = "Charter" if args.document == "charter" else "Private annex"
        print(f"{what} of {alliance.name} (version {version}) written to {path}")
        return 0

    return on_alliance(args, work)


def _export_unversioned(services, alliance, args: argparse.Namespace, fmt) -> int:
    from playbook.domain.document import to_markdown
    from playbook.services.documents import render, write_new

    if args.document == "health":
        document, what = services.health.document(alliance), "The health checks"
    else:
        document, what = services.partners.document(alliance), "The gap view"
    if args.output is None:
        sys.stdout.write(to_markdown(document))
        return 0
    try:
        path = write_new(args.output, render(document, fmt), overwrite=True)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror or error}")
    print(f"{what} of {alliance.name} written to {path}")
    return 0
