"""Provides load_library_cached: the parsed library kept on disk until a content file changes.

Parsing every case's YAML costs more at start-up than drawing the first screen,
so the parsed Library is pickled in the user's cache folder, keyed by the
version of the app and the name, size and modification time of every content
file. Any change to a file (or a new or deleted file) makes a new key; a cache
that cannot be read is ignored and rebuilt. It holds only what the files hold.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from playbook import __version__
from playbook.content.models import Library

PREFIX = "library-"


def fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
    for folder in folders:
        digest.update(f"\0{Path(folder).resolve()}".encode())
        for sub in ("checklists", "cases"):
            try:
                entries = sorted(os.scandir(Path(folder) / sub), key=lambda e: e.name)
            except OSError:
                digest.update(f"\0{sub}:missing".encode())
                continue
            for entry in entries:
                if entry.name.endswith(".md"):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    digest.update(
                        f"\0{sub}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns}".encode()
                    )
    return digest.hexdigest()[:24]


def load_library_cached(folders: list[Path], cache_dir: Path | None) -> Library:
    if cache_dir is None:
        return _parse(folders)
    path = cache_dir / f"{PREFIX}{fingerprint(folders)}.pickle"
    try:
        with path.open("rb") as handle:
            library = pickle.load(handle)
        if isinstance(library, Library):
            return library
    except Exception:  # a missing, stale or damaged cache is simply rebuilt
        pass
    library = _parse(folders)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
        for old in cache_dir.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return library


def _parse(folders: list[Path]) -> Library:
    from playbook.content.loader import load_library  # only when the cache cannot answer

    return load_library(folders)
