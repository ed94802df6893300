"""Provides the records the services hand out (kept by the store, named here for the shells)."""

from playbook.store.records import (
    Acknowledgement,
    Alliance,
    Attempt,
    CharterExport,
    Profile,
    SavedAnswer,
)
from playbook.store.workshops import Response, Workshop

__all__ = [
    "Acknowledgement",
    "Alliance",
    "Attempt",
    "CharterExport",
    "Profile",
    "Response",
    "SavedAnswer",
    "Workshop",
]
