"""Provides PickAllianceDialog: which alliance to compare another with."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from playbook.services.records import Alliance
from playbook.tui.base import PlaybookDialog


class PickAllianceDialog(PlaybookDialog[Alliance | None]):
    """Which alliance to compare with."""

    CSS_PATH = "pick_alliance.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, first: Alliance, others: list[Alliance]) -> None:
        super().__init__()
        self.first = first
        self.others = others

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Label(Content.assemble("Compare ", (self.first.name, "bold"), " with:"))
            yield OptionList(*(Option(Content(a.name), id=str(a.id)) for a in self.others))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(a for a in self.others if str(a.id) == event.option.id))
