"""Provides bar: the small text progress bar shared by the home and alliance screens."""

from __future__ import annotations


def bar(fraction: float, width: int = 10) -> str:
    """A text progress bar, e.g. ██████░░░░ for 0.6."""
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled)
