"""Provides the data the benchmarks start from, written through the store's rows."""

from __future__ import annotations

from datetime import UTC, datetime


def new_profile(store, name: str):
    return store.profiles.create(name, datetime.now(UTC))


def new_alliance(store, profile_id: int, partner: str, our_side: str, kind: str = ""):
    now = datetime.now(UTC)
    return store.alliances.create(
        profile_id, f"{our_side} × {partner}", partner, our_side, kind, now
    )
