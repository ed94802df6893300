"""Provides FieldsDialog: a few labelled one-line fields, saved together with enter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from playbook.tui.base import PlaybookDialog


class FieldsDialog(PlaybookDialog[bool]):
    """`fields` are (label, value); enter on a field moves to the next, on the last saves.
    `save` gets the values and returns what is wrong (shown, the dialog stays) or None."""

    CSS_PATH = "fields.tcss"
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str]],
        save: Callable[[list[str]], str | None],
        about: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.save = save
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(id="fields-box"):
            yield Label(Content(self.title_text), id="fields-title")
            if self.about:
                yield Static(Content(self.about), id="fields-about")
            for number, (label, value) in enumerate(self.fields):
                yield Label(Content(label), classes="fields-label")
                yield Input(value, id=f"field-{number}")
            yield Static("", id="fields-error")

    def on_mount(self) -> None:
        self.query_one("#field-0", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        position = inputs.index(event.input)
        if position + 1 < len(inputs):
            inputs[position + 1].focus()
            return
        problem = self.save([i.value for i in inputs])
        if problem:
            self.query_one("#fields-error", Static).update(Content(problem))
            return
        self.dismiss(True)
