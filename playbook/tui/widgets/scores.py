"""Provides ScoreEditor (a 1-5 score against anchors, with evidence) and CompareEditor."""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, OptionList, RadioButton, RadioSet, Static, TextArea
from textual.widgets.option_list import Option

from playbook.content.models import ChecklistItem
from playbook.domain import worksheet
from playbook.domain.worksheet import EVIDENCE_SOURCES, Placement, Score
from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor


def anchor_prompt(number: str, label: str, chosen: bool) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(
        Text(f"({'●' if chosen else ' '}) {number}", style="bold" if chosen else ""), Text(label)
    )
    return grid


class AnchorList(OptionList):
    """The five anchored descriptions; enter, a click or a number key picks one."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 6)]

    def __init__(self, options, chosen: int | None) -> None:
        self.anchors = options
        super().__init__(
            *(Option(anchor_prompt(o.id, o.label, o.id == str(chosen)), id=o.id) for o in options)
        )

    def show_chosen(self, chosen: int | None) -> None:
        for o in self.anchors:
            self.replace_option_prompt(o.id, anchor_prompt(o.id, o.label, o.id == str(chosen)))

    def action_pick(self, number: int) -> None:
        index = next((i for i, o in enumerate(self.anchors) if o.id == str(number)), None)
        if index is not None:
            self.highlighted = index
            self.action_select()


class ScoreEditor(FieldEditor):
    """Score a partner-selection factor 1-5 against anchors, and say what the score rests on."""

    DEFAULT_CSS = """
    ScoreEditor AnchorList {
        height: auto;
        border: none;
        padding: 0;
        &:focus { border: none; }
        &:blur > .option-list--option-highlighted { background: transparent; }
    }
    ScoreEditor .evidence-label {
        margin-top: 1;
        text-style: italic;
    }
    """

    def value(self) -> Score:
        return worksheet.read(self.field, self.raw)

    def compose_input(self) -> ComposeResult:
        value = self.value()
        yield AnchorList(self.field.options, value.score)
        yield Label("Evidence: what you saw or heard", classes="evidence-label")
        area = TextArea(value.evidence, soft_wrap=True, tab_behavior="focus")
        area.placeholder = "e.g. Visited two sites; their floor staff spoke well of managers."
        yield area
        yield Label("Where it came from", classes="evidence-label")
        items = tuple(ChecklistItem(key, label) for key, label in EVIDENCE_SOURCES)
        yield Checklist(items, set(value.sources))

    def _store(self, value: Score) -> None:
        self.changed(worksheet.write(self.field, value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        score = int(event.option.id or 0) or None
        self._store(replace(self.value(), score=score))
        self.query_one(AnchorList).show_chosen(score)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._store(replace(self.value(), evidence=event.text_area.text))

    def on_checklist_item_toggled(self, event: Checklist.ItemToggled) -> None:
        event.stop()
        self._store(replace(self.value(), sources=tuple(event.checklist.selected)))

    def on_checklist_hint_requested(self, event: Checklist.HintRequested) -> None:
        event.stop()
        self.toggle_hint()


class CompareEditor(FieldEditor):
    """Where each company sits on a cultural dimension, side by side, 1-5."""

    DEFAULT_CSS = """
    CompareEditor .poles {
        color: $text-muted;
    }
    CompareEditor .scale-row {
        height: auto;
    }
    CompareEditor .scale-row > Label {
        width: 14;
        padding: 1 1 0 0;
    }
    CompareEditor RadioSet {
        layout: horizontal;
        width: auto;
        border: none;
        padding: 0;
    }
    """

    def value(self) -> Placement:
        return worksheet.read(self.field, self.raw)

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
                with RadioSet(id=f"scale-{who}"):
                    for n in range(1, 6):
                        yield RadioButton(str(n), value=current == n, id=f"{who}-{n}")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        who, _, number = (event.pressed.id or "").partition("-")
        value = self.value()
        value = replace(value, **{who: int(number)}) if who in ("us", "them") else value
        self.changed(worksheet.write(self.field, value))
