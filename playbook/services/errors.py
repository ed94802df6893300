"""Provides the errors the services raise, for the shells to put into words.

Database problems come from the store and workshop refusals from the rules; screens and
commands catch them here, so no shell reaches below the services.
"""

from playbook.domain.workshop_errors import (
    AnswerRefused,
    NameTaken,
    NotAllowed,
    NotFacilitator,
    WorkshopError,
    WorkshopNotFound,
    WrongPin,
)
from playbook.store.db import (
    DatabaseDamaged,
    DatabaseGone,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    StoreError,
)
from playbook.store.profiles import ProfileExists

__all__ = [
    "AnswerRefused",
    "DatabaseDamaged",
    "DatabaseGone",
    "DatabaseLocked",
    "DatabaseReadOnly",
    "DatabaseTooNew",
    "NameTaken",
    "NotAllowed",
    "NotFacilitator",
    "ProfileExists",
    "StoreError",
    "WorkshopError",
    "WorkshopNotFound",
    "WrongPin",
]
