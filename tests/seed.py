"""Provides a few one-liners that put a test's starting data in the store."""

from __future__ import annotations

from tests.conftest import FIXED_NOW


def new_alliance(store, profile_id: int, partner: str, our_side: str, kind: str = ""):
    """An alliance named as the app names it ("Us × Partner")."""
    return store.alliances.create(
        profile_id, f"{our_side} × {partner}", partner, our_side, kind, FIXED_NOW
    )


def new_profile(store, name: str):
    return store.profiles.create(name, FIXED_NOW)
