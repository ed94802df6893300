"""Provides the plain records the store hands to its callers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    id: int
    name: str


@dataclass(frozen=True)
class Alliance:
    id: int
    profile_id: int
    name: str
    partner: str
    our_side: str
    kind: str
    last_stage: str = ""
    updated_at: str = ""
