"""Provides CramDialog: how many questions to cram, out of those in the queue."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.tui.base import PlaybookDialog

SIZES = (5, 10, 20)


def sizes_for(available: int) -> list[int]:
    """The choices offered: 5, 10, 20 where the queue holds more, then all of them."""
    return [n for n in SIZES if n < available] + [available]


class CramDialog(PlaybookDialog[int | None]):
    """Enter takes the highlighted size; escape cancels."""

    CSS_PATH = "cram.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, available: int) -> None:
        super().__init__()
        self.available = available

    def compose(self) -> ComposeResult:
        with Vertical(id="cram-box"):
            yield Label("Cram: how many questions?", id="cram-title")
            yield Static(
                Content.from_markup(
                    "Practise ahead, the ones due soonest first. The review schedule stays as "
                    "it is. [b]$n[/b] in the queue.",
                    n=self.available,
                ),
                id="cram-help",
            )
            options = [
                Option(
                    f"All {n}" if n == self.available else f"{n} questions",
                    id=str(n),
                )
                for n in sizes_for(self.available)
            ]
            yield OptionList(*options, id="cram-sizes")

    def on_mount(self) -> None:
        self.query_one("#cram-sizes", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)
