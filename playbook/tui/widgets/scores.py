"""Provides ScoreEditor (a 1-5 score against anchors, with evidence) and CompareEditor."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static, TextArea

from playbook.content.fields import EVIDENCE_SOURCES, Placement, Score
from playbook.content.models import ChecklistItem
from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor
from playbook.tui.widgets.radiolist import RadioList


class ScoreEditor(FieldEditor):
    """Score a partner-selection factor 1-5 against anchors, and say what the score rests on."""

    DEFAULT_CSS = """
    ScoreEditor .evidence-label {
        margin-top: 1;
        text-style: italic;
    }
    """

    def value(self) -> Score:
        return self.field.read(self.raw)

    def compose_input(self) -> ComposeResult:
        value = self.value()
        yield RadioList(self.field.options, str(value.score or ""), numbered=True)
        yield Label("Evidence: what you saw or heard", classes="evidence-label")
        area = TextArea(value.evidence, soft_wrap=True, tab_behavior="focus")
        area.placeholder = "e.g. Visited two sites; their floor staff spoke well of managers."
        yield area
        yield Label("Where it came from", classes="evidence-label")
        items = tuple(ChecklistItem(key, label) for key, label in EVIDENCE_SOURCES)
        yield Checklist(items, set(value.sources))

    def _store(self, value: Score) -> None:
        self.changed(self.field.write(value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        score = int(event.option.id or 0) or None
        self._store(replace(self.value(), score=score))
        self.query_one(RadioList).show_chosen(str(score or ""))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._store(replace(self.value(), evidence=event.text_area.text))

    def on_checklist_item_toggled(self, event: Checklist.ItemToggled) -> None:
        event.stop()
        self._store(replace(self.value(), sources=tuple(event.checklist.selected)))

    def on_checklist_hint_requested(self, event: Checklist.HintRequested) -> None:
        event.stop()
        self.toggle_hint()


class ScalePicker(Widget, can_focus=True):
    """A 1-5 scale on one line: number keys, left/right or a click choose a point."""

    DEFAULT_CSS = """
    ScalePicker {
        height: 1;
        width: auto;
        padding: 0 1;
        &:focus {
            background: $boost;
            text-style: bold;
        }
    }
    """
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 6)),
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
    ]
    CELL = 7  # width of one "(●) 3  " cell

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Chosen(Message):
        picker: ScalePicker
        value: int

    def __init__(self, value: int | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ScalePicker.value, value)

    def render(self) -> Content:
        return Content.assemble(
            *(
                ((f"(●) {n}  ", "bold $accent") if n == self.value else f"( ) {n}  ")
                for n in range(1, 6)
            )
        )

    def action_choose(self, number: int) -> None:
        self.value = number
        self.post_message(self.Chosen(self, number))

    def action_step(self, delta: int) -> None:
        """Left and right move along the scale; from nothing chosen they start in the middle."""
        start = 3 if self.value is None else self.value + delta
        self.action_choose(min(5, max(1, start)))

    def on_click(self, event: events.Click) -> None:
        number = (event.x - 1) // self.CELL + 1
        if 1 <= number <= 5:
            self.focus()
            self.action_choose(number)


class CompareEditor(FieldEditor):
    """Where each company sits on a cultural dimension, side by side, 1-5."""

    DEFAULT_CSS = """
    CompareEditor .poles {
        color: $text-muted;
    }
    CompareEditor .scale-row {
        height: 1;
    }
    CompareEditor .scale-row > Label {
        width: 14;
    }
    """

    def value(self) -> Placement:
        return self.field.read(self.raw)

    def compose_input(self) -> ComposeResult:
        poles = {o.id: o.label for o in self.field.options}
        yield Static(
            Content(f"1 = {poles.get('1', '')}   …   5 = {poles.get('5', '')}"), classes="poles"
        )
        value = self.value()
        for who, label, current in (
            ("us", "Your company", value.us),
            ("them", "The partner", value.them),
        ):
            with Horizontal(classes="scale-row"):
                yield Label(label)
                yield ScalePicker(current, id=f"scale-{who}")

    def on_scale_picker_chosen(self, event: ScalePicker.Chosen) -> None:
        event.stop()
        who = (event.picker.id or "").removeprefix("scale-")
        value = replace(self.value(), **{who: event.value})
        self.changed(self.field.write(value))
