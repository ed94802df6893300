"""Provides PinDialog: the facilitator's code (or a served workshop's address) and PIN,
checked (and throttled per client)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from playbook.domain.workshop import normalize_code
from playbook.domain.workshop_errors import WorkshopError
from playbook.services.errors import StoreError
from playbook.services.remote import RemoteWorkshops, parse_url
from playbook.tui.base import PlaybookDialog, in_words


class PinDialog(PlaybookDialog[object]):
    """Returns the facilitator's side of the room for the right PIN (a FacilitatorRoom, or a
    RemoteFacilitatorRoom for an address); wrong PINs wait longer each time. With the key a
    workshop server printed, it opens without asking."""

    CSS_PATH = "pin.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, code: str = "", key: str = "", purpose: str = "Run a workshop") -> None:
        super().__init__()
        self.code = code
        self.key = key
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(id="run-box"):
            yield Label(Content.styled(self.purpose, "bold"), id="run-title")
            yield Label("Join code, or the workshop's address")
            yield Input(self.code, placeholder="e.g. K7M-Q2P", max_length=200, id="run-code")
            yield Label("Facilitator PIN")
            yield Input(placeholder="digits", password=True, max_length=12, id="run-pin")
            yield Static(id="run-error")
            with Horizontal(id="run-buttons"):
                yield Button(
                    "Run" if self.purpose.startswith("Run") else "OK", id="run", variant="primary"
                )
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#run-error").display = False
        target = "#run-pin" if normalize_code(self.code) or parse_url(self.code) else "#run-code"
        self.query_one(target).focus()
        if self.key and parse_url(self.code):
            self.call_after_refresh(self.action_run)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "run-code":
            self.query_one("#run-pin").focus()
        else:
            self.action_run()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run":
            self.action_run()
        else:
            self.dismiss(None)

    def show_error(self, message: str) -> None:
        error = self.query_one("#run-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def action_run(self) -> None:
        typed = self.query_one("#run-code", Input).value
        code = normalize_code(typed)
        pin = self.query_one("#run-pin", Input)
        if not code and not parse_url(typed):
            self.show_error("Type the workshop's join code: 6 letters and digits.")
            return
        if parse_url(typed):  # over the network: off the UI thread
            key, self.key = self.key, ""  # the key is tried once; then the PIN
            self._facilitate_remote(typed, pin.value, key)
            return
        try:
            room = self.services.workshops.facilitate(code, pin.value, self.host.device_id)
        except (WorkshopError, StoreError) as error:
            self.refused(error)
            return
        self.dismiss(room)

    @work(thread=True, exclusive=True, group="facilitate")
    def _facilitate_remote(self, url: str, pin: str, key: str) -> None:
        try:
            room = RemoteWorkshops(url).facilitate(pin=pin, key=key)
        except WorkshopError as error:
            self.app.call_from_thread(self.refused, error)
            return
        self.app.call_from_thread(self.dismiss, room)

    def refused(self, error: Exception) -> None:
        pin = self.query_one("#run-pin", Input)
        self.show_error(in_words(error))
        pin.value = ""
        pin.focus()
