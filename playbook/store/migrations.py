"""Provides the schema as migrations, applied in order when a database opens.

Never edit a migration once it has been released: add a new one instead. The
steps are plain functions listed in STEPS; they become a sqlite_utils.Migrations
set only when one is pending, so opening an up-to-date database never imports
sqlite-utils.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

SET_NAME = "playbook"
STEPS: list[Callable[[Database], None]] = []


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    STEPS.append(fn)
    return fn


def names() -> list[str]:
    return [step.__name__ for step in STEPS]


def migration_set() -> Migrations:
    from sqlite_utils import Migrations

    migrations = Migrations(SET_NAME)
    for step in STEPS:
        migrations()(step)
    return migrations


@migration
def m001_create_profiles(db: Database) -> None:
    db["profiles"].create(
        {"id": int, "name": str, "created_at": str},
        pk="id",
        not_null={"name", "created_at"},
    )
    db.execute("CREATE UNIQUE INDEX idx_profiles_name ON profiles (name COLLATE NOCASE)")
    # Machine-wide settings, such as who used the app last.
    db["settings"].create({"key": str, "value": str}, pk="key")


@migration
def m002_create_alliances(db: Database) -> None:
    db["alliances"].create(
        {
            "id": int,
            "profile_id": int,
            "name": str,  # how the founder refers to it, e.g. "Acme x Globex pilot"
            "partner": str,
            "our_side": str,
            "kind": str,  # what kind of alliance they have in mind, in their words
            "created_at": str,
            "updated_at": str,
            "last_stage": str,  # where to reopen
        },
        pk="id",
        foreign_keys=[("profile_id", "profiles", "id")],
        not_null={"profile_id", "name", "partner", "created_at", "updated_at"},
    )
    db["alliances"].create_index(["profile_id"])
    db["checklist_ticks"].create(
        {
            "alliance_id": int,
            "stage_id": str,
            "item_id": str,
            "checked": int,
            "updated_at": str,
        },
        pk=("alliance_id", "stage_id", "item_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
    )
    db["worksheet_answers"].create(
        {
            "alliance_id": int,
            "stage_id": str,
            "field_id": str,
            "value": str,  # text, or JSON for structured fields
            "updated_at": str,
        },
        pk=("alliance_id", "stage_id", "field_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
    )
