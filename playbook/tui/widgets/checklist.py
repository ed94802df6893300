"""Provides Checklist: a stage's checklist, ticked with space, enter or a click."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from playbook.content.models import ChecklistItem

TICKED = "[✓]"
UNTICKED = "[ ]"


def item_prompt(item: ChecklistItem, ticked: bool) -> Table:
    """The box and the text, with long text wrapping under itself, not under the box."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(ratio=1)
    box = Text(TICKED if ticked else UNTICKED, style="bold" if ticked else "")
    grid.add_row(box, Text(item.text))
    return grid


class Checklist(OptionList):
    """The items of a stage; posts ItemToggled when the user ticks or unticks one."""

    DEFAULT_CSS = """
    Checklist {
        height: auto;
        max-height: 100%;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        border: none;
        padding: 0;
        &:focus {
            border: none;
        }
        &:blur > .option-list--option-highlighted {
            background: transparent;
        }
    }
    """
    BINDINGS = [
        Binding("space", "toggle", "Tick", show=True),
        Binding("h", "hint", "Hint", show=False),
    ]

    @dataclass
    class ItemToggled(Message):
        checklist: Checklist
        item_id: str
        checked: bool

        @property
        def control(self) -> Checklist:
            return self.checklist

    @dataclass
    class HintRequested(Message):
        checklist: Checklist
        item: ChecklistItem

    def __init__(
        self, items: tuple[ChecklistItem, ...], ticked: set[str], *, id: str | None = None
    ) -> None:
        self.items = {item.id: item for item in items}
        self.ticked: set[str] = set(ticked) & set(self.items)
        super().__init__(
            *(Option(item_prompt(item, item.id in self.ticked), id=item.id) for item in items),
            id=id,
        )

    @property
    def selected(self) -> list[str]:
        """Ticked item ids, in checklist order."""
        return [item_id for item_id in self.items if item_id in self.ticked]

    def set_ticked(self, item_id: str, ticked: bool) -> None:
        """Show an item as ticked or not, without telling anyone (no message)."""
        if ticked:
            self.ticked.add(item_id)
        else:
            self.ticked.discard(item_id)
        self.replace_option_prompt(item_id, item_prompt(self.items[item_id], ticked))

    def _highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_toggle(self) -> None:
        item_id = self._highlighted_id()
        if item_id is None:
            return
        checked = item_id not in self.ticked
        self.set_ticked(item_id, checked)
        self.post_message(self.ItemToggled(self, item_id, checked))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and a mouse click both "select": treat either as a tick.
        event.stop()
        self.action_toggle()

    def action_hint(self) -> None:
        item_id = self._highlighted_id()
        if item_id is not None:
            self.post_message(self.HintRequested(self, self.items[item_id]))
