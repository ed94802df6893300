"""Provides the workshop commands: `join`, `workshop export` and `serve` (and web-join)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from playbook.cli.common import db_path, fail, in_words, open_services
from playbook.services.errors import StoreError, WorkshopError

WEB_JOIN = "web-join"  # what the server runs for each browser: a participant-only app


def add_commands(commands) -> None:
    join = commands.add_parser(
        "join",
        help="join a live workshop with its code",
        description="Open the app straight at joining a workshop.",
    )
    join.add_argument(
        "code", nargs="?", default="", metavar="CODE", help="the join code the facilitator shows"
    )
    join.add_argument("--name", help="your display name")
    join.add_argument("--team", help="your team (when the workshop plays in teams)")

    workshop = commands.add_parser("workshop", help="workshop results")
    actions = workshop.add_subparsers(dest="workshop_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write a workshop's answers as CSV and/or a debrief as Markdown",
        description="Write one row per participant and question (--csv), and/or a debrief "
        "with each question's answers, the item analysis and the standings (--markdown).",
    )
    export.add_argument("code", metavar="CODE", help="the workshop's join code")
    export.add_argument("--csv", type=Path, metavar="FILE", help="write the answers here")
    export.add_argument("--markdown", type=Path, metavar="FILE", help="write the debrief here")

    serve = commands.add_parser(
        "serve",
        help="serve the workshop join to browsers (this machine only, unless --host)",
        description="Serve the app to browsers with textual-serve: every browser gets the "
        "join screen. Binds to 127.0.0.1 unless told otherwise; refuses connections "
        "opened from other sites.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1; 0.0.0.0 for a whole room)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address participants type, when it differs (a proxy, a DNS name)",
    )
    commands.add_parser(WEB_JOIN)  # hidden: what `serve` runs for each browser


def run(args: argparse.Namespace) -> int | None:
    """Run a workshop command, or None if `args` is not one."""
    if args.command == "workshop":
        return cmd_export(args)
    if args.command == "serve":
        return cmd_serve(args)
    if args.command in ("join", WEB_JOIN):
        return cmd_join(args)
    return None


def cmd_join(args: argparse.Namespace) -> int:
    from playbook.cli.app import run_app
    from playbook.tui.app import JoinRequest

    served = args.command == WEB_JOIN
    request = JoinRequest(
        code="" if served else args.code,
        name="" if served else args.name or "",
        team="" if served else args.team or "",
        served=served,
    )
    # No safety copies here: forty participants would each copy the database per answer.
    return run_app(args, join=request)


def cmd_export(args: argparse.Namespace) -> int:
    from playbook.services.files import write_csv, write_text

    if args.csv is None and args.markdown is None:
        return fail("say what to write: --csv FILE and/or --markdown FILE")
    services = open_services(args)
    if services is None:
        return 2
    try:
        results = services.workshop_results
        workshop = services.workshops.get(args.code)
        if workshop is None:
            known = ", ".join(f"{w.code} ({w.title})" for w in services.workshops.all()[:10])
            return fail(f"no workshop with the code {args.code!r}. Workshops: {known or 'none'}")
        written = []
        if args.csv is not None:
            written.append(write_csv(args.csv, results.csv_text(workshop.code)))
        if args.markdown is not None:
            written.append(write_text(args.markdown, results.markdown_text(workshop.code)))
    except (StoreError, WorkshopError) as error:
        return fail(in_words(error), 2)
    except OSError as error:
        return fail(f"cannot write {error.filename}: {error.strerror or error}")
    finally:
        services.close()
    for path in written:
        print(f"Wrote {path}")
    return 0


def serve_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs per browser (exec: no shell left waiting)."""
    db = db_path(args).resolve()
    parts = [sys.executable, "-m", "playbook", "--db", str(db)]
    for folder in args.content:
        parts += ["--content", str(Path(folder).expanduser().resolve())]
    parts.append(WEB_JOIN)
    return "exec " + shlex.join(parts)


def share_address(host: str, port: int, public_url: str | None) -> str:
    if public_url:
        return public_url
    from playbook.serve import WILDCARDS

    if host in WILDCARDS:
        import socket

        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = "THIS-MACHINE"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def cmd_serve(args: argparse.Namespace) -> int:
    services = open_services(args)  # create and migrate the database once, before any browser
    if services is None:
        return 2
    services.close()
    from playbook.serve import WILDCARDS, PlaybookServer

    server = PlaybookServer(
        serve_command(args), host=args.host, port=args.port, public_url=args.public_url
    )
    print(f"Serving the workshop join on {args.host}:{args.port}.", flush=True)
    print(f"Share this address: {share_address(args.host, args.port, args.public_url)}")
    if args.host not in WILDCARDS and args.host in ("127.0.0.1", "localhost", "::1"):
        print("Only this machine can connect; use --host 0.0.0.0 to let a room join.")
    print("Press Ctrl+C to stop.", flush=True)
    server.serve()
    return 0
