"""Provides `playbook alliance`: worksheets as files, to fill in with any editor.

`new` writes a blank worksheet, `check` prints every verdict as FILE:line: stage.field:
message (exit 1 if any fails), `import` takes a file into the app (asking for --replace
before overwriting an alliance), `export` writes an alliance back to a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.cli.common import (
    choose_profile,
    fail,
    in_words,
    load_library,
    may_write,
    on_alliance,
    open_services,
)
from playbook.services.errors import StoreError


def add_commands(commands) -> None:
    alliance = commands.add_parser(
        "alliance",
        help="an alliance's worksheets as a YAML file: new, check, import, export",
        description="Work on an alliance's five worksheets in any editor: write a blank file, "
        "check it, import it into the app, or export an alliance to a file.",
    )
    actions = alliance.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="write a blank worksheet file for a new alliance")
    new.add_argument("partner", metavar="PARTNER", help="the partner company's name")
    new.add_argument("--side", required=True, metavar="OURS", help="your company's name")
    new.add_argument("--kind", default="", help="what kind of alliance, in a few words")
    new.add_argument("--name", default="", help="the alliance's name (default: OURS × PARTNER)")
    new.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    new.add_argument("--force", action="store_true", help="overwrite FILE without asking")
    check = actions.add_parser("check", help="check a worksheet file, answer by answer")
    check.add_argument("file", type=Path, metavar="FILE")
    imp = actions.add_parser("import", help="take a worksheet file into the app")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--replace", action="store_true", help="overwrite an alliance of the same name"
    )
    imp.add_argument("--profile", metavar="NAME", help="whose alliance (default: the last used)")
    exp = actions.add_parser("export", help="write an alliance to a worksheet file")
    exp.add_argument("alliance", metavar="NAME", help="the alliance's name or id")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    exp.add_argument("--force", action="store_true", help="overwrite FILE without asking")
    exp.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")
    sheet = actions.add_parser(
        "partner-sheet",
        help="write the partner's sheet: their side of the answers, to send them",
        description="Write the sheet the partner fills in from their side: their goal in "
        "their words, what each side brings and gets, their scores of you, both cultures as "
        "they see them, and the exit terms.",
    )
    sheet.add_argument("alliance", metavar="NAME", help="the alliance's name or id")
    sheet.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    sheet.add_argument("--force", action="store_true", help="overwrite FILE without asking")
    sheet.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")
    back = actions.add_parser(
        "partner-import",
        help="take the partner's filled-in sheet into the app",
        description="Check the partner's sheet with the same rules (FILE:line: messages) and "
        "keep their answers for the gap view (`playbook export gap NAME`).",
    )
    back.add_argument("alliance", metavar="NAME", help="the alliance's name or id")
    back.add_argument("file", type=Path, metavar="FILE")
    back.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")
    live = actions.add_parser(
        "partner-session",
        help="open a live session: both sides answer through the workshop server",
        description="Open (or show) the alliance's live partner session: its address, the "
        "partner's key to send them, and your own. Each side's answers stay private until "
        "both have submitted; `playbook serve` must be running on this database.",
    )
    live.add_argument("alliance", metavar="NAME", help="the alliance's name or id")
    live.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")
    agree = actions.add_parser(
        "agree",
        help="record that both sides agreed on a gap",
        description="Record the agreed wording of an open item of the gap view, and who "
        "agreed; `playbook export gap NAME` lists the items and their ids.",
    )
    agree.add_argument("alliance", metavar="NAME", help="the alliance's name or id")
    agree.add_argument("item", metavar="ITEM", help="the open item's id, e.g. goal")
    agree.add_argument("wording", metavar="WORDING", help="what was agreed")
    agree.add_argument("--by", required=True, help="who agreed, for each side")
    agree.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")
    stress = actions.add_parser(
        "stress",
        help="run the exit stress test against the divorce papers",
        description="Run the scenarios that end alliances badly (the partner bought by a "
        "competitor, an insolvency, a data breach...) against the exit terms: for each, the "
        "clause that covers it, or what to add. The result is kept (the annex shows it).",
    )
    stress.add_argument("alliance", metavar="NAME", help="the alliance's name or id")
    stress.add_argument("--profile", metavar="NAME", help="whose alliance (default: anyone's)")


def run(args: argparse.Namespace) -> int | None:
    if args.command != "alliance":
        return None
    commands = {
        "new": cmd_new,
        "check": cmd_check,
        "import": cmd_import,
        "export": cmd_export,
        "partner-sheet": cmd_partner_sheet,
        "partner-import": cmd_partner_import,
        "partner-session": cmd_partner_session,
        "agree": cmd_agree,
        "stress": cmd_stress,
    }
    return commands[args.action](args)


def _write(path: Path, text: str, force: bool) -> bool:
    from playbook.services.documents import write_new

    if not may_write(path, force):
        return False
    try:
        write_new(path, text.encode("utf-8"), overwrite=True)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
        return False
    return True


def cmd_new(args: argparse.Namespace) -> int:
    from playbook.services.worksheet_files import write_sheet

    library = load_library(args)
    partner, side = " ".join(args.partner.split()), " ".join(args.side.split())
    if not partner or not side:
        return fail("give the partner's name and --side with yours")
    text = write_sheet(library, partner, side, args.name, args.kind)
    if not _write(args.output, text, args.force):
        return 1
    print(f"Blank worksheet for {side} × {partner} written to {args.output}.")
    print(f"Fill it in, then: playbook alliance check {args.output}")
    return 0


def _read(path: Path, library):
    from playbook.services.worksheet_files import read_sheet

    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"there is no file {path}")
        return None
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read {path}: {getattr(error, 'strerror', None) or error}")
        return None
    return read_sheet(text, library)


def cmd_check(args: argparse.Namespace) -> int:
    from datetime import date

    from playbook.domain.checks import Context
    from playbook.services.worksheet_files import verdicts

    library = load_library(args)
    sheet = _read(args.file, library)
    if sheet is None:
        return 1
    for problem in sheet.problems:
        print(problem.text(args.file))
    if sheet.problems:
        print(f"{args.file}: {len(sheet.problems)} problems in the file's shape; fix them first.")
        return 1
    found = verdicts(sheet, library, Context(today=date.today()))
    for verdict in found:
        print(f"{args.file}:{verdict.line}: {verdict.where}: {verdict.message}")
    failing = [v for v in found if v.failing]
    if failing:
        fields = len({v.where for v in failing})
        print(f"{args.file}: {fields} answers need work ({len(failing)} messages).")
        return 1
    print(f"{args.file}: every answer passes.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    library = load_library(args)
    sheet = _read(args.file, library)
    if sheet is None:
        return 1
    if sheet.problems:
        for problem in sheet.problems:
            print(problem.text(args.file), file=sys.stderr)
        return fail(f"{args.file} was not imported: fix the problems above first")
    services = open_services(args, library)
    if services is None:
        return 2
    try:
        profile = choose_profile(services, args.profile)
        if profile is None:
            return 1
        try:
            alliance, created = services.alliances.import_sheet(
                profile.id, sheet, replace=args.replace
            )
        except FileExistsError as name:
            return fail(
                f"{profile.name} already has an alliance called '{name}': add --replace to "
                "overwrite its answers with the file's"
            )
        except ValueError as error:
            return fail(str(error))
        progress = services.alliances.progress(alliance)
    except StoreError as error:
        return fail(in_words(error), 2)
    finally:
        services.close()
    verb = "Imported" if created else "Replaced the answers of"
    print(f"{verb} {alliance.name} for {profile.name}: {progress.done} of 5 stages done.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    def work(services, alliance) -> int:
        if not _write(args.output, services.alliances.sheet_text(alliance), args.force):
            return 1
        print(f"{alliance.name} written to {args.output}")
        return 0

    return on_alliance(args, work)


def cmd_partner_sheet(args: argparse.Namespace) -> int:
    def work(services, alliance) -> int:
        if not _write(args.output, services.partners.sheet_text(alliance), args.force):
            return 1
        print(f"{alliance.partner}'s sheet written to {args.output}: send it to them, then")
        print(f"playbook alliance partner-import {alliance.id} FILE")
        return 0

    return on_alliance(args, work)


def cmd_partner_import(args: argparse.Namespace) -> int:
    def work(services, alliance) -> int:
        try:
            text = args.file.expanduser().read_text(encoding="utf-8")
        except FileNotFoundError:
            return fail(f"there is no file {args.file}")
        except (OSError, UnicodeDecodeError) as error:
            return fail(f"cannot read {args.file}: {getattr(error, 'strerror', None) or error}")
        partners = services.partners
        sheet, found = partners.read(alliance, text)
        for problem in sheet.problems:
            print(problem.text(args.file), file=sys.stderr)
        if sheet.problems:
            return fail(f"{args.file} was not imported: fix the problems above first")
        for verdict in found:
            print(f"{args.file}:{verdict.line}: {verdict.where}: {verdict.message}")
        partners.store_answers(alliance, sheet)
        opened = len(partners.gap(alliance).open)
        print(
            f"{alliance.partner}'s side of {alliance.name} imported: {opened} open gap"
            f"{'s' if opened != 1 else ''}. See them with: playbook export gap {alliance.id}"
        )
        return 0

    return on_alliance(args, work)


def cmd_partner_session(args: argparse.Namespace) -> int:
    from playbook.services.partner_session import display_key

    def work(services, alliance) -> int:
        info = services.partner_sessions.open(alliance)
        served = services.workshops.served_at()
        print(f"Live partner session {info.display_code} for {alliance.name}")
        if served:
            print(f"  address          {served.rstrip('/')}/s/{info.code}")
            print(f"  link for {alliance.partner}: {info.link(served, 'partner')}")
        else:
            print("  no workshop server is serving this database: start one with")
            print("  `playbook serve --host 0.0.0.0`, then run this again for the address")
        print(f"  {alliance.partner}'s key: {display_key(info.keys['partner'])}  (send it)")
        print(f"  {alliance.our_side}'s key: {display_key(info.keys['ours'])}")
        for seat in info.seats:
            print(f"  {seat.company}: {seat.words}")
        return 0

    return on_alliance(args, work)


def cmd_agree(args: argparse.Namespace) -> int:
    def work(services, alliance) -> int:
        partners = services.partners
        items = {i.id: i for i in partners.gap(alliance).items}
        item = items.get(args.item)
        if item is None:
            return fail(f"there is no gap '{args.item}' (gaps: {', '.join(items) or 'none'})")
        try:
            partners.resolve(alliance, item, args.wording, args.by)
        except ValueError as error:
            return fail(str(error))
        print(f"Agreed: {item.id}. It no longer shows as open.")
        return 0

    return on_alliance(args, work)


def cmd_stress(args: argparse.Namespace) -> int:
    def work(services, alliance) -> int:
        outcomes = services.stress_tests.run(alliance)
        for outcome in outcomes:
            if outcome.covered:
                clause = "; ".join(f"{label}: {text}" for label, text in outcome.clauses)
                print(f"covered      {outcome.scenario.title}\n             {clause}")
            else:
                add = outcome.scenario.add
                print(f"NOT COVERED  {outcome.scenario.title}\n             add: {add}")
        covered = sum(1 for o in outcomes if o.covered)
        print(f"{covered} of {len(outcomes)} scenarios covered.")
        return 0

    return on_alliance(args, work)
