"""Provides the small progress helpers shared by the home, alliance and alliances screens."""

from __future__ import annotations

from textual.app import App

from playbook.domain.progress import PlaybookProgress, playbook_progress
from playbook.store.records import Alliance


def bar(fraction: float, width: int = 10) -> str:
    """A text progress bar, e.g. ██████░░░░ for 0.6."""
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled)


def progress_of(app: App, alliance: Alliance) -> PlaybookProgress:
    store = app.store
    return playbook_progress(
        app.library.ordered_stages, store.ticked(alliance.id), store.answers(alliance.id)
    )
