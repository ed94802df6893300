"""Provides RightsEditor: a decision-rights table, one decision and its owner per row."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select

from playbook.content.fields import Right
from playbook.tui.widgets.fields import FieldEditor

SUGGESTIONS = (
    "e.g. Prices charged to shared customers",
    "e.g. Spending the joint marketing budget",
    "e.g. Hiring into the alliance team",
    "e.g. Using the other side's data",
    "e.g. Ending the alliance",
)


class RightsEditor(FieldEditor):
    """Which decisions are ours alone, which need the partner consulted, which are joint."""

    DEFAULT_CSS = """
    RightsEditor .rights-rows {
        height: auto;
    }
    RightsEditor .rights-row {
        height: auto;
        margin-bottom: 1;
    }
    RightsEditor .rights-row Input {
        width: 1fr;
    }
    RightsEditor .rights-row Select {
        width: 30;
        margin-left: 1;
    }
    RightsEditor .rights-row Button {
        min-width: 5;
        width: 5;
    }
    RightsEditor #add-decision {
        margin-top: 0;
    }
    """

    def rows(self) -> tuple[Right, ...]:
        return self.field.read(self.raw)

    def compose_input(self) -> ComposeResult:
        rows = self.rows() or (Right(""),)
        with Vertical(classes="rights-rows"):
            for index, right in enumerate(rows):
                yield self._row(index, right)
        yield Button("+ Add a decision", id="add-decision", compact=True)

    def _row(self, index: int, right: Right) -> Horizontal:
        options = [(Content(o.label), o.id) for o in self.field.options]
        return Horizontal(
            Input(
                right.decision,
                placeholder=SUGGESTIONS[index % len(SUGGESTIONS)],
                classes="decision",
                max_length=200,
                compact=True,
            ),
            Select(
                options,
                value=right.owner
                if right.owner in {o.id for o in self.field.options}
                else Select.NULL,
                prompt="Owner",
                classes="owner",
                compact=True,
            ),
            Button("✕", classes="remove", compact=True, tooltip="Remove this decision"),
            classes="rights-row",
        )

    def _collect(self) -> None:
        rows = []
        for row in self.query(".rights-row"):
            decision = row.query_one(".decision", Input).value
            owner = row.query_one(".owner", Select).value
            rows.append(Right(decision, owner if isinstance(owner, str) else ""))
        self.changed(self.field.write(tuple(rows)))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._collect()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._collect()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        container = self.query_one(".rights-rows", Vertical)
        if event.button.id == "add-decision":
            row = self._row(len(container.children), Right(""))
            await container.mount(row)
            row.query_one(Input).focus()
        elif event.button.has_class("remove"):
            row = event.button.parent
            if len(container.children) == 1:
                row.query_one(Input).value = ""
                row.query_one(Select).clear()
            else:
                await row.remove()
        self._collect()
