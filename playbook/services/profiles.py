"""Provides Profiles: who is using the app, chosen, created and remembered."""

from __future__ import annotations

import getpass

from playbook.services.clock import Clock
from playbook.services.names import clean_name
from playbook.store.records import Profile
from playbook.store.store import Store


class Profiles:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.rows = store.profiles
        self.clock = clock

    def all(self) -> list[Profile]:
        return self.rows.all()

    def get(self, profile_id: int) -> Profile | None:
        return self.rows.get(profile_id)

    def last(self) -> Profile | None:
        """Who used the app last on this database."""
        return self.rows.last()

    def named(self, name: str) -> Profile | None:
        return self.rows.named(" ".join(name.split()))

    def create(self, name: str) -> Profile:
        """A new profile, made the current one. ValueError for a blank or too long name;
        ProfileExists for a name that is taken (ignoring case)."""
        return self.rows.create(clean_name(name), self.clock())

    def use(self, profile: Profile) -> None:
        self.rows.use(profile)

    def for_command(self, name: str | None) -> tuple[Profile, bool]:
        """The profile a command works for: the one named, else the last one used; on a
        database with no profile yet, a new one (named as asked, or after the login).
        Returns it and whether it was created just now. LookupError (naming the profiles
        there are) for a name that is not among several existing ones."""
        existing = self.all()
        if name:
            found = self.named(name)
            if found is not None:
                self.use(found)
                return found, False
            if existing:
                names = ", ".join(p.name for p in existing)
                raise LookupError(f"there is no profile {name!r} (profiles: {names}).")
            return self.create(name), True
        last = self.last()
        if last is not None:
            return last, False
        if existing:
            self.use(existing[0])
            return existing[0], False
        return self.create(login_name()), True


def login_name() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    return (" ".join(name.split()) or "me")[:60]
