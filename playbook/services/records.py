"""Provides the records the services hand out (kept by the store, named here for the shells)."""

from playbook.store.records import (
    Acknowledgement,
    Alliance,
    Attempt,
    CharterExport,
    Profile,
    SavedAnswer,
)

__all__ = [
    "Acknowledgement",
    "Alliance",
    "Attempt",
    "CharterExport",
    "Profile",
    "SavedAnswer",
]
