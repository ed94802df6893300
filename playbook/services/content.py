"""Provides ContentSource: the content folders the app was started with, read again on
request ("Reload content"), and what changed since they were last read.

Progress is kept by id (stage, item, field, case, bank and question ids), so a library
read again simply takes the place of the old one: every answer, tick and review card
still belongs to what it belonged to, and questions edited in place keep their history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playbook.content.cache import load_library_cached
from playbook.content.library import Library


@dataclass(frozen=True)
class Reloaded:
    """A library read again, and how it differs from the one before."""

    library: Library
    added: tuple[str, ...] = ()  # titles of cases, banks and stages that are new
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    problems: int = 0
    problems_before: int = 0
    folders: tuple[Path, ...] = field(default=(), compare=False)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed) and (
            self.problems == self.problems_before
        )

    def in_words(self) -> str:
        if self.unchanged:
            return "The content files have not changed since they were read."
        parts = []
        for label, titles in (("new", self.added), ("changed", self.changed),
                              ("gone", self.removed)):  # fmt: skip
            if titles:
                more = f" and {len(titles) - 4} more" if len(titles) > 4 else ""
                shown = ", ".join(titles[:4]) + more
                parts.append(f"{label}: {shown}")
        lead = "Content reloaded" + (f" ({'; '.join(parts)})" if parts else "") + "."
        if self.problems:
            lead += f" {self.problems} problem{'s' if self.problems != 1 else ''} in the files"
            lead += " (Content problems in the palette)."
        return lead + " Your progress is kept."


def _parts(library: Library) -> dict[str, object]:
    found: dict[str, object] = {}
    for stage in library.stages.values():
        found[f"stage:{stage.id}"] = stage
    for owner in library.owners:
        found[f"owner:{owner.id}"] = owner
    return found


def differences(before: Library, after: Library, folders=()) -> Reloaded:
    old, new = _parts(before), _parts(after)

    def title(key: str, parts: dict[str, object]) -> str:
        return getattr(parts[key], "title", key)

    return Reloaded(
        library=after,
        added=tuple(sorted(title(k, new) for k in new.keys() - old.keys())),
        changed=tuple(sorted(title(k, new) for k in new.keys() & old.keys() if new[k] != old[k])),
        removed=tuple(sorted(title(k, old) for k in old.keys() - new.keys())),
        problems=len(after.problems),
        problems_before=len(before.problems),
        folders=tuple(folders),
    )


class ContentSource:
    """Where the library comes from: its folders, and the parse cache (None: no cache)."""

    def __init__(self, folders: list[Path], cache: Path | None) -> None:
        self.folders = [Path(f) for f in folders]
        self.cache = cache

    def load(self) -> Library:
        return load_library_cached(self.folders, self.cache)

    def reload(self, current: Library) -> Reloaded:
        """The folders read again (the cache answers for files that did not change)."""
        return differences(current, self.load(), self.folders)
