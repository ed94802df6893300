"""Provides FieldEditor and its plain kinds: one worksheet question with its check status.

Each editor shows the question, an input suited to the field's kind, a status
line (passes / what is missing) and a hint that stays hidden until asked for.
It posts FieldEditor.Changed with the answer's stored text whenever the answer
changes; the worksheet decides when to save.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static, TextArea

from playbook.content.fields import WorksheetField
from playbook.content.models import ChecklistItem
from playbook.tui.widgets.checklist import Checklist


class FieldEditor(Vertical):
    """One worksheet field: label, prompt, input, status and an on-demand hint."""

    DEFAULT_CSS = """
    FieldEditor {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: outer $panel;
        &:focus-within {
            border-left: outer $primary;
        }
        & > .field-label {
            text-style: bold;
        }
        & > .field-prompt {
            color: $text-muted;
        }
        & > .field-status {
            height: auto;
            margin-top: 0;
        }
        & > .field-status.-passes {
            color: $text-success;
        }
        & > .field-status.-fails {
            color: $text-warning;
        }
        & > .field-hint {
            display: none;
            color: $text-muted;
            background: $boost;
            padding: 0 1;
        }
        & > .field-hint.-shown {
            display: block;
        }
        TextArea {
            height: auto;
            min-height: 3;
            max-height: 10;
        }
    }
    """

    @dataclass
    class Changed(Message):
        editor: FieldEditor
        field_id: str
        raw: str

        @property
        def control(self) -> FieldEditor:
            return self.editor

    def __init__(self, field: WorksheetField, raw: str, messages: list[str] | None = None) -> None:
        super().__init__(id=f"field-{field.id}")
        self.field = field
        self.raw = raw
        self.messages = messages or []

    def compose(self) -> ComposeResult:
        optional = "" if self.field.required else "  (optional)"
        yield Label(Content.assemble(self.field.label, (optional, "dim")), classes="field-label")
        if self.field.prompt:
            yield Static(Content(self.field.prompt), classes="field-prompt")
        yield from self.compose_input()
        yield Static("", classes="field-status")
        yield Static(
            Content.assemble(("Hint: ", "bold"), self.field.hint or "The lesson covers this."),
            classes="field-hint",
        )

    def compose_input(self) -> ComposeResult:  # pragma: no cover - every kind overrides
        yield from ()

    def on_mount(self) -> None:
        self.show_status(self.messages)

    def changed(self, raw: str) -> None:
        if raw != self.raw:
            self.raw = raw
            self.post_message(self.Changed(self, self.field.id, raw))

    def show_status(self, messages: list[str]) -> None:
        """✓ when the answer passes, ○ when nothing is written yet, ✗ with what is missing."""
        self.messages = messages
        status = self.query_one(".field-status", Static)
        blank = self.field.is_blank(self.field.read(self.raw))
        status.set_class(not messages and not blank, "-passes")
        status.set_class(bool(messages) and not blank, "-fails")
        if not messages:
            status.update("✓ Passes" if not blank else "○ Optional: fine to leave blank")
        elif blank:
            status.update(Content.assemble("○ ", messages[0]))
        else:
            status.update(Content("\n".join(f"✗ {m}" for m in messages)))

    def toggle_hint(self) -> None:
        self.query_one(".field-hint").toggle_class("-shown")

    def focus_input(self, scroll_visible: bool = True) -> None:
        focusable = [w for w in self.query("*") if w.can_focus]
        if focusable:
            focusable[0].focus(scroll_visible=scroll_visible)


class TextEditor(FieldEditor):
    """One line: a text or a date."""

    def compose_input(self) -> ComposeResult:
        placeholder = self.field.placeholder
        yield Input(self.raw, placeholder=placeholder, max_length=500)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed(event.value)


class LongEditor(FieldEditor):
    """Several lines: a paragraph."""

    default_placeholder = ""

    def compose_input(self) -> ComposeResult:
        area = TextArea(self.raw, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        area.placeholder = self.field.placeholder or self.default_placeholder
        yield area

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed(event.text_area.text)


class ListEditor(LongEditor):
    """A list, one entry per line."""

    default_placeholder = "One entry per line"


class DateEditor(TextEditor):
    """A date, in the forms people write."""

    def compose_input(self) -> ComposeResult:
        yield Input(self.raw, placeholder=self.field.placeholder or "YYYY-MM-DD", max_length=60)


class ChoiceEditor(FieldEditor):
    """One of a few options, each with its one-line explanation in view while choosing."""

    def compose_input(self) -> ComposeResult:
        from playbook.tui.widgets.radiolist import RadioList

        yield RadioList(self.field.options, self.raw)

    def on_option_list_option_selected(self, event) -> None:
        event.stop()
        chosen = event.option.id or ""
        event.option_list.show_chosen(chosen)
        self.changed(chosen)


class MultiEditor(FieldEditor):
    """Several of a few options: ticked like a checklist."""

    def compose_input(self) -> ComposeResult:
        chosen = set(self.field.read(self.raw))
        items = tuple(
            ChecklistItem(o.id, f"{o.label}: {o.explain}" if o.explain else o.label)
            for o in self.field.options
        )
        yield Checklist(items, chosen)

    def on_checklist_item_toggled(self, event: Checklist.ItemToggled) -> None:
        event.stop()
        self.changed(self.field.write(tuple(event.checklist.selected)))

    def on_checklist_hint_requested(self, event: Checklist.HintRequested) -> None:
        event.stop()
        self.toggle_hint()
