"""Provides load_library_cached: the parsed library kept on disk until a content file changes.

Parsing every case's YAML costs more at start-up than drawing the first screen,
so the parsed Library is pickled in the user's cache folder, keyed by the
version of the app, the size and modification time of the code that parses
and models content (so a changed loader or model in a checkout is never fed
an old pickle), and the name, size and modification time of every content
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
from playbook.content.library import Library

PREFIX = "library-"
CODE = Path(__file__).parent  # the content package: loader, models, validation


def _stamp(digest, label: str, entry: os.DirEntry) -> None:
    try:
        stat = entry.stat()
    except OSError:
        return
    digest.update(f"\0{label}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())


def fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
    for entry in sorted(os.scandir(CODE), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            _stamp(digest, "code", entry)
    for folder in folders:
        digest.update(f"\0{Path(folder).resolve()}".encode())
        for sub in ("checklists", "cases", "banks"):
            try:
                entries = sorted(os.scandir(Path(folder) / sub), key=lambda e: e.name)
            except OSError:
                digest.update(f"\0{sub}:missing".encode())
                continue
            for entry in entries:
                if entry.name.endswith(".md"):
                    _stamp(digest, sub, entry)
    return digest.hexdigest()[:24]


def load_library_cached(folders: list[Path], cache_dir: Path | None) -> Library:
    if cache_dir is None:
        return _parse(folders)
    path = cache_dir / f"{PREFIX}{fingerprint(folders)}.pickle"
    try:
        with path.open("rb") as handle:
            library = pickle.load(handle)
        if isinstance(library, Library) and library.intact():
            return library
    except Exception:  # a missing, stale or damaged cache is simply rebuilt
        pass
    library = _parse(folders)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")  # two apps starting at once
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
