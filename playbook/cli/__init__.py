"""Provides the command line: `playbook` opens the app; subcommands work without it.

One module per command group (content, documents, learning, workshop, app), each with
`add_commands(subparsers)` and `run(args)`; they share only cli/common.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playbook import __version__
from playbook.paths import DB_ENV

APP_COMMANDS = (None, "quiz", "join", "dashboard")  # the commands that open the app
TOP_OPTIONS = ("--db", "--content")  # each takes one value


def groups() -> tuple:
    """The command groups, imported when a command line is to be read in full."""
    from playbook.cli import alliance, authoring, content, documents, exchange, learning, workshop

    return (content, alliance, documents, learning, workshop, exchange, authoring)


def names_no_command(argv: list[str]) -> bool:
    """Whether `argv` only opens the app (`playbook`, `playbook --db X`): then the
    subcommands need not be imported and defined (about 30 ms of the start here)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in TOP_OPTIONS and rest:
            rest.pop(0)
        elif not arg.startswith(tuple(f"{option}=" for option in TOP_OPTIONS)):
            return False
    return True


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
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
    if not commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in groups():
        group.add_commands(subparsers)
    return parser


def pause_gc_until_first_frame() -> None:
    """Start-up allocates mostly objects that live all session; collecting them is wasted work
    (about a tenth of the time to the first screen). The app turns collection back on, and
    freezes what start-up built, once its first frame is up (PlaybookApp.on_mount)."""
    import gc

    gc.disable()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    plain = names_no_command(argv)
    args = build_parser(commands=not plain).parse_args(argv)
    if args.command in APP_COMMANDS:
        pause_gc_until_first_frame()  # never for `serve`, which runs for hours
    try:
        for group in () if plain else groups():
            result = group.run(args)
            if result is not None:
                return result
        from playbook.cli.app import run_app

        return run_app(args)
    except BrokenPipeError:  # e.g. `playbook validate | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
