"""Provides PinDialog: the facilitator's code and PIN, checked (and throttled)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from playbook.domain.workshop import WorkshopError, normalize_code
from playbook.services.errors import StoreError
from playbook.services.workshop import FacilitatorRoom
from playbook.tui.base import PlaybookDialog, in_words


class PinDialog(PlaybookDialog[FacilitatorRoom | None]):
    """Returns the facilitator's side of the room for the right PIN; wrong PINs wait longer
    each time."""

    CSS_PATH = "pin.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, code: str = "") -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(id="run-box"):
            yield Label(Content.from_markup("[b]Run a workshop[/b]"), id="run-title")
            yield Label("Join code")
            yield Input(self.code, placeholder="e.g. K7M-Q2P", max_length=12, id="run-code")
            yield Label("Facilitator PIN")
            yield Input(placeholder="digits", password=True, max_length=12, id="run-pin")
            yield Static(id="run-error")
            with Horizontal(id="run-buttons"):
                yield Button("Run", id="run", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#run-error").display = False
        target = "#run-pin" if normalize_code(self.code) else "#run-code"
        self.query_one(target).focus()

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
        code = normalize_code(self.query_one("#run-code", Input).value)
        pin = self.query_one("#run-pin", Input)
        if not code:
            self.show_error("Type the workshop's join code: 6 letters and digits.")
            return
        try:
            room = self.services.workshops.facilitate(code, pin.value)
        except (WorkshopError, StoreError) as error:
            self.show_error(in_words(error))
            pin.value = ""
            pin.focus()
            return
        self.dismiss(room)
