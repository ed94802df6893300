"""Provides Checklist: a stage's checklist, ticked with space or a click."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from playbook.content.models import ChecklistItem


class Checklist(SelectionList[str]):
    """The items of a stage; posts ItemToggled when the user ticks or unticks one."""

    DEFAULT_CSS = """
    Checklist {
        height: auto;
        max-height: 100%;
        border: none;
        padding: 0;
    }
    Checklist > .option-list--option {
        padding: 0 1 0 0;
    }
    """
    BINDINGS = [Binding("h", "hint", "Hint")]

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
        super().__init__(
            *(Selection(Content(item.text), item.id, item.id in ticked) for item in items),
            id=id,
        )

    def _on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        event.stop()
        value = event.selection.value
        self.post_message(self.ItemToggled(self, value, value in self.selected))

    def action_hint(self) -> None:
        if self.highlighted is None:
            return
        item = self.items[self.get_option_at_index(self.highlighted).value]
        self.post_message(self.HintRequested(self, item))
