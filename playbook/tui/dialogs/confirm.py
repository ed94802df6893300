"""Provides ConfirmDialog: ask before doing something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Static

from playbook.tui.base import PlaybookDialog


class ConfirmDialog(PlaybookDialog[bool]):
    """A question, a dangerous default of No, and a clear Yes."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("escape,n", "dismiss(False)", "No"),
        Binding("y", "dismiss(True)", "Yes"),
    ]

    def __init__(
        self, title: str, message: Content | str, yes: str = "Yes", no: str = "No, keep it"
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message if isinstance(message, Content) else Content(message)
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(Content(self.title_text), id="confirm-title")
            yield Static(self.message, id="confirm-message")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.no), id="no", variant="primary")
                yield Button(Content(self.yes), id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
