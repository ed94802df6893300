"""Provides run_app: open the terminal app (for `playbook`, `playbook quiz` and `join`)."""

from __future__ import annotations

import argparse

from playbook.cli.common import choose_profile, fail, find_case, in_words, open_services
from playbook.services.errors import StoreError


def run_app(args: argparse.Namespace, join=None) -> int:
    from playbook.content.cache import load_library_cached
    from playbook.paths import cache_dir, content_folders
    from playbook.services.content import ContentSource
    from playbook.tui.app import make_app

    request = None
    # From the cache: parsing every case costs more at start-up than the first screen.
    library = load_library_cached(content_folders(args.content), cache_dir())
    if args.command == "quiz":
        from playbook.tui.app import QuizRequest

        case = find_case(library, args.case)
        if case is None:
            return 1
        request = QuizRequest(case.id, "exam" if args.exam else "practice", args.confidence)
    services = open_services(args, library)
    if services is None:
        return 2
    if request is not None and args.profile:
        try:
            chosen = choose_profile(services, args.profile)
        except StoreError as error:
            services.close()
            return fail(in_words(error), 2)
        if chosen is None:
            services.close()
            return 1
    if join is None:
        services.keep_safety_copies()  # see Database.write_safety_copy
    content = ContentSource(content_folders(args.content), cache_dir())
    app = make_app(services=services, quiz=request, join=join, content=content)
    try:
        app.run()
    finally:
        services.close()
    return app.return_code or 0
