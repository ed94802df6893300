"""Provides RadioList: pick one of a few options; long text wraps and stays aligned."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from playbook.content.fields import Option as Choice


def radio_prompt(option: Choice, chosen: bool, numbered: bool) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5 if numbered else 3, no_wrap=True)
    grid.add_column(ratio=1)
    mark = "(●)" if chosen else "( )"
    label = Text(option.label, style="bold" if chosen else "")
    if option.explain:
        label.append(f": {option.explain}", style="" if chosen else "dim")
    grid.add_row(Text(f"{mark} {option.id}" if numbered else mark), label)
    return grid


class RadioList(OptionList):
    """Enter, a click, or (when numbered) a number key picks an option."""

    DEFAULT_CSS = """
    RadioList {
        height: auto;
        border: none;
        padding: 0;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        &:focus { border: none; }
        &:blur > .option-list--option-highlighted { background: transparent; }
    }
    """
    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self, options: tuple[Choice, ...], chosen: str, numbered: bool = False) -> None:
        self.choices = options
        self.numbered = numbered
        self.chosen = chosen
        super().__init__(
            *(Option(radio_prompt(o, o.id == chosen, numbered), id=o.id) for o in options)
        )

    def show_chosen(self, chosen: str) -> None:
        self.chosen = chosen
        for option in self.choices:
            self.replace_option_prompt(
                option.id, radio_prompt(option, option.id == chosen, self.numbered)
            )

    def action_pick(self, number: int) -> None:
        """The n-th option (or, for numbered anchors, the one whose id is n)."""
        ids = [o.id for o in self.choices]
        index = ids.index(str(number)) if self.numbered and str(number) in ids else number - 1
        if 0 <= index < len(ids):
            self.highlighted = index
            self.action_select()
