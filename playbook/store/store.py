"""Provides Store: the database opened and migrated, with one row mover per aggregate.

The store moves rows and nothing more: no clock (every write is given its moment), no
rules, no words for a screen. Each method that changes something is one write
transaction, committed before it returns: quitting or crashing afterwards loses nothing.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.store import migrations
from playbook.store.alliances import AllianceRows
from playbook.store.db import Database, FileRestored, migrate
from playbook.store.profiles import ProfileRows

if TYPE_CHECKING:
    from playbook.store.attempts import AttemptRows
    from playbook.store.health import HealthRows
    from playbook.store.partner_sessions import PartnerSessionRows
    from playbook.store.progress import ProgressRows
    from playbook.store.workshops import WorkshopRows


class Store:
    """Everything the app remembers: profiles, alliances, quiz attempts and workshops."""

    def __init__(self, database: Database):
        self.database = database
        self.backup: Path | None = None
        self.profiles = ProfileRows(database)
        self.alliances = AllianceRows(database)

    # The quiz and workshop rows are built (and their modules imported) when first used:
    # a founder working on the playbook never pays for them at start-up.

    @cached_property
    def quiz(self) -> AttemptRows:
        """Quiz attempts, answers and the review schedule."""
        from playbook.store.attempts import AttemptRows

        return AttemptRows(self.database)

    @cached_property
    def workshops(self) -> WorkshopRows:
        """Live workshops: sessions, people, answers."""
        from playbook.store.workshops import WorkshopRows

        return WorkshopRows(self.database)

    @cached_property
    def health(self) -> HealthRows:
        """Health checks after launch: anonymous answers, action plans, reviews."""
        from playbook.store.health import HealthRows

        return HealthRows(self.database)

    @cached_property
    def partner_sessions(self) -> PartnerSessionRows:
        """Live two-party partner sessions and their seats."""
        from playbook.store.partner_sessions import PartnerSessionRows

        return PartnerSessionRows(self.database)

    @cached_property
    def progress(self) -> ProgressRows:
        """Everything one person has done, by natural keys: for progress bundles."""
        from playbook.store.progress import ProgressRows

        return ProgressRows(self.database)

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating if needed) and migrate; raises StoreError with advice."""
        database = Database(path)
        try:
            backup = migrate(
                database, migrations.SET_NAME, migrations.names(), migrations.migration_set
            )
            database.probe_write()
        except BaseException:
            database.close()
            raise
        store = cls(database)
        store.backup = backup
        return store

    @property
    def path(self) -> str:
        return self.database.path

    def close(self) -> None:
        self.database.close()

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap "has anything changed?"."""
        return self.database.data_version()

    def take_restored(self) -> list[FileRestored]:
        """What the store put right on its own since last asked (a deleted file written back)."""
        events, self.database.restored = self.database.restored, []
        return events
