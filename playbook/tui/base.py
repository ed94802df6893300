"""Provides PlaybookScreen and PlaybookDialog: screens that reach the services through one
typed property, and say database problems in words.

A screen asks `self.services` (never the store, never a file); it reaches the current
profile with `self.profile`; it never imports another screen: it posts a message from
tui/messages.py and the app, the one owner of navigation, opens what was asked for.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar, cast

from textual.screen import ModalScreen, Screen

from playbook.services import Services
from playbook.services.errors import StoreError
from playbook.services.records import Profile

ResultType = TypeVar("ResultType")


class Host(Protocol):
    """What screens may use of the app (PlaybookApp provides it)."""

    services: Services
    profile: Profile | None
    participant_mode: bool
    device_id: str


def in_words(error: Exception) -> str:
    """An error's message, with how to choose another database file where that helps."""
    from playbook.services.errors import DatabaseDamaged, DatabaseReadOnly, DatabaseTooNew

    text = str(error)
    if isinstance(error, DatabaseReadOnly | DatabaseDamaged | DatabaseTooNew):
        text += " Or start the app with --db PATH to use another file."
    return text


class UsesServices:
    """The typed way to the services and the profile, for screens and dialogs alike."""

    @property
    def host(self) -> Host:
        return cast(Host, self.app)  # type: ignore[attr-defined]

    @property
    def services(self) -> Services:
        return self.host.services

    @property
    def profile(self) -> Profile | None:
        return self.host.profile

    def not_saved(self, error: Exception, title: str = "Not saved") -> None:
        """Tell the user a database problem (or a refused action) in words."""
        self.notify(  # type: ignore[attr-defined]
            in_words(error) if isinstance(error, StoreError) else str(error),
            title=title,
            severity="error",
            markup=False,
        )


class PlaybookScreen(UsesServices, Screen):
    """A full screen of the app."""

    def screen_commands(self) -> list[tuple[str, str, object]]:
        """(title, help, callback) for the command palette while this screen shows."""
        return []

    @property
    def open_alliance_id(self) -> int | None:
        """The alliance this screen has open (a stage, its charter), if any."""
        alliance = getattr(self, "alliance", None)
        return getattr(alliance, "id", None)

    def content_reloaded(self) -> None:
        """The content was read again (services.library is the new one): show it if this
        screen lists it. Screens showing one case or question keep what they show."""

    def save_pending(self, last_chance: bool = False) -> bool:
        """Write anything typed and not saved yet; True when nothing is left unsaved.
        The app asks every screen before quitting (`last_chance`: wait for the database)."""
        return True


class PlaybookDialog(UsesServices, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog that returns a result to whoever opened it."""
