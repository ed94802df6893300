"""Provides Charters: an alliance's charter, built from everything its founder answered."""

from __future__ import annotations

import re

from playbook.content.models import Library
from playbook.domain.charter import CharterInput, build_charter
from playbook.services.alliances import Alliances
from playbook.services.clock import Clock
from playbook.store.records import Alliance
from playbook.store.store import Store


class Charters:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.store = store
        self.library = library
        self.clock = clock
        self.alliances = Alliances(store, library, clock)

    def markdown(self, alliance: Alliance) -> str:
        profile = self.store.profiles.get(alliance.profile_id)
        return build_charter(
            CharterInput(
                name=alliance.name,
                our_side=alliance.our_side,
                partner=alliance.partner,
                kind=alliance.kind,
                author=profile.name if profile else "",
                today=self.clock().astimezone().date(),
                stages=tuple(self.library.ordered_stages),
                ticked=self.alliances.ticked(alliance),
                values=self.alliances.values(alliance),
            )
        )


def default_charter_name(alliance: Alliance) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", alliance.name.casefold()).strip("-") or "alliance"
    return f"{slug[:60]}-charter.md"
