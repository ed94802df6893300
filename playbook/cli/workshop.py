"""Provides the workshop commands: `join`, `dashboard`, `workshop export` and `serve`."""

from __future__ import annotations

import argparse
from pathlib import Path

from playbook.cli.common import fail, in_words, open_services
from playbook.services.errors import StoreError, WorkshopError


def add_commands(commands) -> None:
    join = commands.add_parser(
        "join",
        help="join a live workshop with its code",
        description="Open the app straight at joining a workshop: by its address, through the "
        "workshop server (from any machine; nothing of the facilitator's is opened here), or "
        "by its code, on the machine that holds the database.",
    )
    join.add_argument(
        "code",
        nargs="?",
        default="",
        metavar="CODE|URL",
        help="the join code, or the address the facilitator shows (http://10.0.0.5:8000/K7MQ2P)"
        " to join through a workshop server from any machine",
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
        help="run the workshop server: phones, laptops and terminals join through it",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""Run the workshop server for the database: the one process that opens it.

Participants join at the address it prints: phones and laptops in a browser (nothing
to install), terminals with `playbook join URL`. The facilitator runs the dashboard in
another terminal on this machine (`playbook`, then Workshop) or from anywhere with
`playbook dashboard URL`, and opens the projector page at URL/projector.

It listens on 127.0.0.1 (this machine only) unless --host says otherwise: use
--host 0.0.0.0 for a room on your network. At start it prints a facilitator key, which
opens the dashboard and the projector without the PIN and is never locked out.""",
        epilog="""examples:
  playbook serve --host 0.0.0.0             a room on this network, port 8000
  playbook serve --port 9000                this machine only, port 9000
  playbook serve --host 0.0.0.0 --public-url https://workshop.example.org""",
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
    serve.add_argument(
        "--max-per-client",
        type=int,
        default=10,
        metavar="N",
        help="open connections allowed from one address (default 10)",
    )
    serve.add_argument(
        "--max-connections",
        type=int,
        default=1000,
        metavar="N",
        help="open connections allowed in all (default 1000)",
    )

    dashboard = commands.add_parser(
        "dashboard",
        help="run a workshop's dashboard through its server, from any machine",
        description="Open the facilitator's dashboard of a workshop served by `playbook "
        "serve`, asking for its PIN (or give the key the server printed with --key).",
    )
    dashboard.add_argument(
        "url", metavar="URL", help="the join address, for example http://10.0.0.5:8000/K7MQ2P"
    )
    dashboard.add_argument("--key", help="the facilitator key `playbook serve` printed")


def run(args: argparse.Namespace) -> int | None:
    """Run a workshop command, or None if `args` is not one."""
    if args.command == "workshop":
        return cmd_export(args)
    if args.command == "serve":
        return cmd_serve(args)
    if args.command == "join":
        return cmd_join(args)
    if args.command == "dashboard":
        return cmd_dashboard(args)
    return None


def cmd_join(args: argparse.Namespace) -> int:
    from playbook.services.remote import parse_url

    if parse_url(args.code) is not None:
        return run_remote(args, join_url=args.code)
    from playbook.cli.app import run_app
    from playbook.tui.app import JoinRequest

    request = JoinRequest(code=args.code, name=args.name or "", team=args.team or "")
    # No safety copies here: forty participants would each copy the database per answer.
    return run_app(args, join=request)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from playbook.services.remote import parse_url

    if parse_url(args.url) is None:
        return fail(
            f"{args.url!r} is not a workshop's address: it looks like http://10.0.0.5:8000/K7MQ2P"
        )
    return run_remote(args, dashboard_url=args.url)


def run_remote(args: argparse.Namespace, join_url: str = "", dashboard_url: str = "") -> int:
    """The terminal app with nothing of its own opened: a participant or the facilitator
    of a room served elsewhere. No database file is opened (an empty one in memory keeps
    the app's own screens working)."""
    from playbook.content.cache import load_library_cached
    from playbook.paths import cache_dir, content_folders
    from playbook.services import Services
    from playbook.tui.app import JoinRequest, make_app

    library = load_library_cached(content_folders(args.content), cache_dir())
    services = Services.open(":memory:", library)
    request = JoinRequest(
        code=join_url or dashboard_url,
        name=getattr(args, "name", "") or "",
        team=getattr(args, "team", "") or "",
        facilitate=bool(dashboard_url),
        key=getattr(args, "key", "") or "",
    )
    app = make_app(services=services, join=request)
    try:
        app.run()
    finally:
        services.close()
    return app.return_code or 0


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


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio

    services = open_services(args)  # create and migrate the database first
    if services is None:
        return 2
    from playbook.web.server import Settings, WorkshopServer, loopback_only, serve_forever

    settings = Settings(
        args.host, args.port, args.public_url, args.max_per_client, args.max_connections
    )
    server = WorkshopServer(services, settings)

    def started(runner) -> None:
        address = server.share_address
        print(f"Serving workshops on {args.host}:{server.port(runner)}.", flush=True)
        print(f"Share this address: {address}/CODE (each workshop's code, e.g. {address}/K7MQ2P)")
        if loopback_only(args.host):
            print("Only this machine can connect; use --host 0.0.0.0 to let a room join.")
        print(f"Facilitator key: {server.key}")
        print(
            f"  dashboard from any terminal: playbook dashboard {address}/CODE --key {server.key}"
        )
        print(f"  projector: {address}/CODE/projector#key={server.key}")
        print("Press Ctrl+C to stop.", flush=True)

    try:
        asyncio.run(serve_forever(server, started))
    except OSError as error:
        return fail(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}")
    finally:
        services.close()
    return 0
