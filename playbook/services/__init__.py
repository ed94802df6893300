"""Provides Services: every use case of the app, built on one store, one library and one clock.

The terminal app, the command line and the workshop server all call these, so each use
case behaves the same everywhere and is tested once. Nothing here imports Textual. The
services are built when first used, so opening the app pays only for what it shows.
"""

from __future__ import annotations

import random
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.content.library import Library
from playbook.services.clock import Clock, system_clock
from playbook.store.store import Store

if TYPE_CHECKING:
    from playbook.content.models import Stage
    from playbook.services.alliances import Alliances
    from playbook.services.charter import Charters
    from playbook.services.health import HealthChecks
    from playbook.services.partner import Partners
    from playbook.services.partner_session import PartnerSessions
    from playbook.services.pilot import PilotTracker
    from playbook.services.profiles import Profiles
    from playbook.services.progress import Progress
    from playbook.services.quiz import Quizzes
    from playbook.services.review import Review
    from playbook.services.stats import Stats
    from playbook.services.stress import StressTests
    from playbook.services.worksheet import Worksheet
    from playbook.services.workshop import Workshops
    from playbook.services.workshop_results import WorkshopResults
    from playbook.store.db import FileRestored
    from playbook.store.records import Alliance


class Services:
    """The use cases, each reached by one typed property."""

    def __init__(
        self,
        store: Store,
        library: Library,
        clock: Clock = system_clock,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.library = library
        self.clock = clock  # may be replaced at any time (tests move time on)
        # Draws the order each attempt shows its choices in; tests pass a seeded one.
        self.rng = rng or random.Random()

    # The services that read the library: built again, on first use, after it is replaced.
    _READS_LIBRARY = ("alliances", "charters", "health", "quizzes", "review", "stats",
                      "workshops", "workshop_results", "partners",
                      "partner_sessions")  # fmt: skip

    def use_library(self, library: Library) -> None:
        """Work from now on with `library` (the content read again). Progress is kept by id,
        so nothing in the database changes."""
        self.library = library
        for name in self._READS_LIBRARY:
            self.__dict__.pop(name, None)

    def now(self):
        """The time by this services' clock (what every service is given as its clock)."""
        return self.clock()

    @classmethod
    def open(
        cls,
        path: Path | str,
        library: Library,
        clock: Clock = system_clock,
        rng: random.Random | None = None,
    ) -> Services:
        """Open (creating and migrating if needed) the database at `path`; StoreError with
        what to do if it cannot be used."""
        return cls(Store.open(path), library, clock, rng)

    @property
    def backup(self) -> Path | None:
        """The copy of the database written before a migration on opening, if one was."""
        return self.store.backup

    def keep_safety_copies(self) -> None:
        """Mirror every saved change to <database>.safety (for the interactive app): a file
        emptied or replaced by another program then loses nothing."""
        self.store.database.safety_copies = True

    @cached_property
    def profiles(self) -> Profiles:
        from playbook.services.profiles import Profiles

        return Profiles(self.store, self.now)

    @cached_property
    def alliances(self) -> Alliances:
        from playbook.services.alliances import Alliances

        return Alliances(self.store, self.library, self.now)

    def worksheet(self, stage: Stage, alliance: Alliance) -> Worksheet:
        """One stage of one alliance, to answer, check and save."""
        from playbook.services.worksheet import Worksheet

        return Worksheet(self.store, self.library, stage, alliance, self.now)

    @cached_property
    def charters(self) -> Charters:
        from playbook.services.charter import Charters

        return Charters(self.store, self.library, self.now)

    @cached_property
    def partners(self) -> Partners:
        from playbook.services.partner import Partners

        return Partners(self.store, self.library, self.now)

    @cached_property
    def partner_sessions(self) -> PartnerSessions:
        """The live two-party partner session, through the workshop server."""
        from playbook.services.partner_session import PartnerSessions

        return PartnerSessions(self.store, self.library, self.now)

    @cached_property
    def pilot(self) -> PilotTracker:
        from playbook.services.pilot import PilotTracker

        return PilotTracker(self.store, self.library, self.now)

    @cached_property
    def health(self) -> HealthChecks:
        from playbook.services.health import HealthChecks

        return HealthChecks(self.store, self.library, self.now)

    @cached_property
    def stress_tests(self) -> StressTests:
        from playbook.services.stress import StressTests

        return StressTests(self.store, self.library, self.now)

    @cached_property
    def quizzes(self) -> Quizzes:
        from playbook.services.quiz import Quizzes

        return Quizzes(self.store, self.library, self.now, self.rng)

    @cached_property
    def review(self) -> Review:
        from playbook.services.review import Review

        return Review(self.store, self.library, self.now, lambda: self.quizzes)

    @cached_property
    def stats(self) -> Stats:
        from playbook.services.stats import Stats

        return Stats(self.store, self.library, self.now)

    @cached_property
    def workshops(self) -> Workshops:
        from playbook.services.workshop import Workshops

        return Workshops(self.store, self.library, self.now)

    @cached_property
    def workshop_results(self) -> WorkshopResults:
        from playbook.services.workshop_results import WorkshopResults

        return WorkshopResults(self.store, self.library)

    @cached_property
    def progress(self) -> Progress:
        from playbook.services.progress import Progress

        return Progress(self.store, self.now)

    @property
    def database_path(self) -> str:
        return self.store.path

    def restored(self) -> list[FileRestored]:
        """What the store put right on its own since last asked (a deleted file written back)."""
        return self.store.take_restored()

    def data_version(self) -> int:
        return self.store.data_version()

    def close(self) -> None:
        self.store.close()
