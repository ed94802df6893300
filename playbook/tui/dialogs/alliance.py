"""Provides AllianceDialog: start an alliance by naming the partner and your own side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from playbook.services.errors import StoreError
from playbook.services.records import Alliance, Profile
from playbook.tui.base import PlaybookDialog, in_words


class AllianceDialog(PlaybookDialog[Alliance | None]):
    """Name the partner and your own side: the alliance everything else hangs on."""

    CSS_PATH = "alliance.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, owner: Profile) -> None:
        super().__init__()
        self.owner = owner

    def compose(self) -> ComposeResult:
        with Vertical(id="alliance-box"):
            yield Label("A new alliance", id="alliance-title")
            yield Static(
                "The playbook walks you through one real alliance. Who is it with?",
                id="alliance-help",
            )
            yield Label("Partner")
            yield Input(placeholder="e.g. Globex Retail", id="partner", max_length=60)
            yield Label("Your side")
            yield Input(placeholder="e.g. Acme Coffee", id="our-side", max_length=60)
            yield Label("What kind of alliance do you have in mind? (optional)")
            yield Input(
                placeholder="e.g. co-branded cafés inside their stores", id="kind", max_length=200
            )
            yield Static("", id="alliance-error")
            yield Button("Start", id="start", variant="primary")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        order = ["partner", "our-side", "kind"]
        if event.input.id in order[:-1]:
            # Focus now, not later: keys typed straight after enter belong to the next field.
            self.set_focus(self.query_one(f"#{order[order.index(event.input.id) + 1]}"))
        else:
            self._create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._create()

    def _create(self) -> None:
        values = {w.id: w.value for w in self.query(Input)}
        try:
            alliance = self.services.alliances.create(
                self.owner.id, values["partner"], values["our-side"], values["kind"]
            )
        except (ValueError, StoreError) as error:
            self.query_one("#alliance-error", Static).update(Content(in_words(error)))
            blank = next((k for k in ("partner", "our-side") if not values[k].strip()), None)
            if blank is not None:  # the cursor goes where the answer is missing
                self.set_focus(self.query_one(f"#{blank}"))
            return
        self.dismiss(alliance)
