"""Provides the documents built from stored progress, shared by the command line and the app."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from playbook.content.models import Library
from playbook.domain.charter import CharterInput, build_charter
from playbook.store.progress import Store
from playbook.store.records import Alliance


def charter_markdown(library: Library, store: Store, alliance: Alliance, today: date) -> str:
    profile = store.profile(alliance.profile_id)
    return build_charter(
        CharterInput(
            name=alliance.name,
            our_side=alliance.our_side,
            partner=alliance.partner,
            kind=alliance.kind,
            author=profile.name if profile else "",
            today=today,
            stages=tuple(library.ordered_stages),
            ticked=store.ticked(alliance.id),
            answers=store.answers(alliance.id),
        )
    )


def default_charter_name(alliance: Alliance) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", alliance.name.casefold()).strip("-") or "alliance"
    return f"{slug[:60]}-charter.md"


def write_text(path: Path, text: str) -> Path:
    """Write a document atomically: a crash never leaves half a file behind."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path
