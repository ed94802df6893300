"""Provides clean_name: a name as a person typed it, trimmed, and refused when blank or long."""

from __future__ import annotations

MAX_NAME = 60


def clean_name(name: str, what: str = "name", longest: int = MAX_NAME) -> str:
    """Inner spaces collapsed; ValueError (saying what is wrong) for a blank or long name."""
    name = " ".join(str(name).split())
    if not name:
        raise ValueError(f"The {what} cannot be blank.")
    if len(name) > longest:
        raise ValueError(f"The {what} is too long (at most {longest} characters).")
    return name
