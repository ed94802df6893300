"""Provides AgreeDialog: record what both sides agreed on one open item of the gap view."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.gap import OpenItem
from playbook.tui.base import PlaybookDialog


class AgreeDialog(PlaybookDialog[bool]):
    """Pick the item, write the agreed wording and who agreed, enter. `save` returns what is
    wrong (or None once saved)."""

    CSS_PATH = "agree.tcss"
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(
        self, items: list[OpenItem], save: Callable[[OpenItem, str, str], str | None]
    ) -> None:
        super().__init__()
        self.items = items
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="agree-box"):
            yield Label("Agree an open item", id="agree-title")
            yield OptionList(
                *(Option(Content(i.text), id=i.id) for i in self.items), id="agree-items"
            )
            yield Input(placeholder="What both sides agreed", id="agree-wording")
            yield Input(placeholder="Who agreed, for each side", id="agree-by")
            yield Static("", id="agree-error")

    def on_mount(self) -> None:
        self.query_one("#agree-items", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#agree-wording", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "agree-wording":
            self.query_one("#agree-by", Input).focus()
            return
        listing = self.query_one("#agree-items", OptionList)
        if listing.highlighted is None:
            return
        problem = self.save(
            self.items[listing.highlighted],
            self.query_one("#agree-wording", Input).value,
            self.query_one("#agree-by", Input).value,
        )
        if problem:
            self.query_one("#agree-error", Static).update(Content(problem))
            return
        self.dismiss(True)
