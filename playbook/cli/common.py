"""Provides what every command shares: opening the services, choosing a profile, and words
for errors (`playbook: ...` on stderr, exit 1 for what the user asked, 2 for the database)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.paths import content_folders, default_db_path
from playbook.services.errors import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    StoreError,
)


def subcommands(commands, name: str, dest: str, **options):
    """The subcommands of the command group `name` (`export`, `import`), made on first use:
    several modules add to one group, each only its own (export charter, export gift)."""
    parser = commands.choices.get(name) or commands.add_parser(name, **options)
    found = getattr(parser, "playbook_subcommands", None)
    if found is None:
        found = parser.add_subparsers(dest=dest, metavar=dest.upper(), required=True)
        parser.playbook_subcommands = found
    return found


def fail(message: str, code: int = 1) -> int:
    print(f"playbook: {message}", file=sys.stderr)
    return code


def in_words(error: Exception) -> str:
    """An error's message, with how to choose another database file where that helps."""
    text = str(error)
    if isinstance(error, DatabaseReadOnly | DatabaseDamaged | DatabaseTooNew):
        text += " Or choose another file with --db PATH (or PLAYBOOK_DB)."
    return text


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db or default_db_path()).expanduser()


def load_library(args: argparse.Namespace):
    from playbook.content.loader import load_library as load

    return load(content_folders(args.content))


def open_services(args: argparse.Namespace, library=None):
    """The services on the chosen database and content, or None after saying what is wrong."""
    from playbook.services import Services

    if library is None:
        library = load_library(args)
    try:
        services = Services.open(db_path(args), library)
    except StoreError as error:
        fail(in_words(error))
        return None
    if services.backup is not None:
        print(f"playbook: updated the database; a copy of the old one is at {services.backup}")
    return services


def choose_profile(services, name: str | None):
    """The profile the command works for (see Profiles.for_command), saying so when one is
    created; None after a message."""
    try:
        profile, created = services.profiles.for_command(name)
    except LookupError as error:
        fail(str(error))
        return None
    except ValueError as error:
        fail(str(error))
        return None
    if created:
        print(
            f"playbook: created the profile {profile.name!r} (choose another with --profile NAME)",
            file=sys.stderr,
        )
    return profile


def find_case(library, wanted: str):
    """The case (or question bank) with this id (or exact title), else None after printing
    close matches."""
    cases = {**library.cases, **library.banks}
    if wanted in cases:
        return cases[wanted]
    folded = wanted.casefold()
    for case in cases.values():
        if case.title.casefold() == folded:
            return case
    close = [c.id for c in cases.values() if folded in c.id or folded in c.title.casefold()]
    import difflib  # only when a case name is not found

    close += difflib.get_close_matches(folded, list(cases), n=5, cutoff=0.5)
    close = list(dict.fromkeys(close))[:5]
    print(f"playbook: there is no case {wanted!r}.", file=sys.stderr)
    if close:
        print(f"Did you mean: {', '.join(close)}?", file=sys.stderr)
    else:
        print(f"Cases: {', '.join(sorted(cases))}", file=sys.stderr)
    return None


def may_write(path: Path, force: bool) -> bool:
    """Whether to write `path`: yes if it is new or `force`; asked on a terminal, else
    refused with what to do. A missing folder is never created."""
    path = path.expanduser()
    if not path.parent.is_dir():
        fail(f"the folder {path.parent} does not exist: create it first, or choose another")
        return False
    if not path.exists() or force:
        return True
    if sys.stdin.isatty():
        answer = input(f"{path} already exists. Overwrite it? [y/N] ").strip().casefold()
        if answer in ("y", "yes"):
            return True
        print("playbook: nothing written.", file=sys.stderr)
        return False
    fail(f"{path} already exists: add --force to overwrite it")
    return False


def find_alliance(services, key: str, profile_id: int | None):
    """The one alliance called `key` (a name, a partner or an id), else None after a
    message naming the alliances there are."""
    alliances = services.alliances
    found = alliances.find(key, profile_id)
    if not found:
        known = alliances.find("", profile_id)
        listing = "; ".join(f"{a.id}: {a.name}" for a in known) or "none yet"
        fail(f"no alliance called '{key}'. Alliances: {listing}")
        return None
    if len(found) > 1:
        listing = "; ".join(f"{a.id}: {a.name}" for a in found)
        fail(f"'{key}' matches several alliances ({listing}); give its id")
        return None
    return found[0]


def on_alliance(args: argparse.Namespace, work, library=None) -> int:
    """Open the services, find the alliance `args.alliance` names (for `args.profile` when
    given), run `work(services, alliance)` and close; 2 when the database cannot be used,
    1 when there is no such alliance, else what `work` returns."""
    services = open_services(args, library)
    if services is None:
        return 2
    try:
        profile_id = None
        if getattr(args, "profile", None):
            profile = choose_profile(services, args.profile)
            if profile is None:
                return 1
            profile_id = profile.id
        alliance = find_alliance(services, args.alliance, profile_id)
        if alliance is None:
            return 1
        return work(services, alliance)
    except StoreError as error:
        return fail(in_words(error), 2)
    finally:
        services.close()
