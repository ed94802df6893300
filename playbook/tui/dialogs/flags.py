"""Provides FlagsDialog: a stage's red flags, each to answer with a note."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.flags import Flag
from playbook.services.records import Acknowledgement
from playbook.tui.base import PlaybookDialog


class FlagsDialog(PlaybookDialog[bool]):
    """Pick a flag, write what you will do about it, enter. `save(flag_id, note)` returns
    what is wrong with the note (or None when saved); dismissed with True once saved."""

    CSS_PATH = "flags.tcss"
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(
        self,
        flags: list[Flag],
        acknowledged: Mapping[str, Acknowledgement],
        save: Callable[[str, str], str | None],
    ) -> None:
        super().__init__()
        self.flags = flags
        self.acknowledged = acknowledged
        self.save = save

    def compose(self) -> ComposeResult:
        open_count = sum(1 for f in self.flags if f.id not in self.acknowledged)
        with Vertical(id="flags-box"):
            yield Label("Red flags", id="flags-title")
            yield Static(
                f"{open_count} open. A flag closes when the answer behind it changes, or when "
                "you say here what you will do about it (the note goes into your private annex, "
                "not the charter).",
                id="flags-help",
            )
            options = []
            for flag in self.flags:
                seen = self.acknowledged.get(flag.id)
                mark = ("✓ ", "$success") if seen else ("⚑ ", "bold $warning")
                prompt = Content.assemble(mark, flag.text)
                if seen:
                    prompt += Content.assemble(("\n  Noted: ", "$foreground-muted"), seen.note)
                options.append(Option(prompt, id=flag.id))
            yield OptionList(*options, id="flags-list")
            yield Input(placeholder="What will you do about it?", id="flags-note", max_length=400)
            yield Static("", id="flags-error")

    def on_mount(self) -> None:
        listing = self.query_one("#flags-list", OptionList)
        first_open = next((i for i, f in enumerate(self.flags) if f.id not in self.acknowledged), 0)
        listing.highlighted = first_open
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        note = self.query_one("#flags-note", Input)
        seen = self.acknowledged.get(event.option.id or "")
        note.value = seen.note if seen else ""
        note.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        listing = self.query_one("#flags-list", OptionList)
        if listing.highlighted is None:
            return
        flag = self.flags[listing.highlighted]
        problem = self.save(flag.id, event.value)
        if problem:
            self.query_one("#flags-error", Static).update(Content(problem))
            return
        self.dismiss(True)
