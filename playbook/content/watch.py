"""Provides watch: check content folders again whenever a file in them is saved.

It polls: every half second it looks at the name, size and modification time of each
content file (a few hundred small files cost well under a millisecond), and runs the
check again when any of them changed, appeared or went. Polling rather than the
system's file events works the same on every system and file system (network drives,
containers, editors that save by replacing the file), needs no dependency, and lets a
test drive it step by step: `Watcher.changes()` says what changed since it last looked,
and `watch` takes the wait between looks as a function.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from playbook.content.loader import CONTENT_KINDS

Stamp = tuple[int, int, int]  # size, modification time (ns), inode


class Watcher:
    """What the content files of some folders looked like when last asked."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [Path(f) for f in folders]
        self.seen = self.snapshot()

    def snapshot(self) -> dict[Path, Stamp]:
        found: dict[Path, Stamp] = {}
        for folder in self.folders:
            for kind in CONTENT_KINDS:
                try:
                    entries = list(os.scandir(folder / kind))
                except OSError:
                    continue
                for entry in entries:
                    if not entry.name.endswith(".md"):
                        continue
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    found[Path(entry.path)] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        return found

    def changes(self) -> list[Path]:
        """The files saved, added or removed since the last look."""
        now = self.snapshot()
        changed = sorted(p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p))
        self.seen = now
        return changed


def watch(
    folders: list[Path],
    check: Callable[[list[Path]], None],
    *,
    interval: float = 0.5,
    wait: Callable[[float], None] = time.sleep,
) -> None:
    """Run `check([])` now and `check(changed)` after every change, until interrupted
    (Ctrl+C raises KeyboardInterrupt out of `wait`, which the caller turns into goodbye)."""
    watcher = Watcher(folders)
    check([])
    while True:
        wait(interval)
        changed = watcher.changes()
        if changed:
            check(changed)
