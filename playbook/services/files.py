"""Provides write_text and write_csv: documents written whole or not at all."""

from __future__ import annotations

from pathlib import Path


def write_text(path: Path, text: str) -> Path:
    """Write a document atomically: a crash never leaves half a file behind."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


def write_csv(path: Path, text: str) -> Path:
    """Write CSV text as is (its own "\\r\\n" line ends), atomically."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    partial.replace(path)
    return path
