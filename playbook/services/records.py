"""Provides the records the services hand out (kept by the store, named here for the shells)."""

from playbook.store.records import Alliance, Attempt, Profile, SavedAnswer
from playbook.store.workshops import Response, Workshop

__all__ = ["Alliance", "Attempt", "Profile", "Response", "SavedAnswer", "Workshop"]
