"""Provides ProfileDialog: who is using the app (several people can share one machine)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.services.errors import StoreError
from playbook.services.records import Profile
from playbook.tui.base import PlaybookDialog, in_words


class ProfileDialog(PlaybookDialog[Profile | None]):
    """Pick an existing profile or create one; remembered for next time."""

    CSS_PATH = "profile.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, first_start: bool) -> None:
        super().__init__()
        self.first_start = first_start

    def compose(self) -> ComposeResult:
        profiles = self.services.profiles.all()
        with Vertical(id="profile-box"):
            yield Label("Who is using Alliance Playbook?", id="profile-title")
            yield Static(
                "Progress is kept per person, so several people can share this machine."
                if profiles
                else "Your answers, ticks and quiz history are kept under your name.",
                id="profile-help",
            )
            choices = OptionList(
                *(Option(Content(p.name), id=str(p.id)) for p in profiles), id="profile-list"
            )
            choices.display = bool(profiles)
            yield choices
            yield Label("New profile", id="new-label")
            with Horizontal(id="new-row"):
                yield Input(placeholder="Your name", id="new-name", max_length=60)
                yield Button("Create", id="create", variant="primary")
            yield Static("", id="profile-error")

    def on_mount(self) -> None:
        if self.services.profiles.all():
            self.query_one("#profile-list").focus()
        else:
            self.query_one("#new-name").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        profile = self.services.profiles.get(int(event.option.id or 0))
        if profile is not None:
            self._finish(profile)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self._create()

    def _create(self) -> None:
        name = self.query_one("#new-name", Input).value
        try:
            profile = self.services.profiles.create(name)
        except (ValueError, StoreError) as error:
            self.query_one("#profile-error", Static).update(Content(in_words(error)))
            return
        self.dismiss(profile)

    def _finish(self, profile: Profile) -> None:
        try:
            self.services.profiles.use(profile)
        except StoreError as error:
            self.query_one("#profile-error", Static).update(Content(in_words(error)))
            return
        self.dismiss(profile)

    def action_cancel(self) -> None:
        if self.first_start:
            self.query_one("#profile-error", Static).update(
                "Create a profile to start (or press ctrl+q to quit)."
            )
            return
        self.dismiss(None)
