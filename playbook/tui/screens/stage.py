"""Provides StageScreen: a stage's lesson beside its checklist."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Markdown, Static

from playbook.content.models import Stage
from playbook.store.db import StoreError
from playbook.store.records import Alliance
from playbook.tui.widgets.checklist import Checklist


class StageScreen(Screen):
    """Read the lesson, tick the checklist; every tick is saved at once."""

    CSS_PATH = "stage.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("tab", "focus_next", "Next pane", show=False),
    ]

    def __init__(self, stage: Stage, alliance: Alliance) -> None:
        super().__init__()
        self.stage = stage
        self.alliance = alliance

    def compose(self) -> ComposeResult:
        ticked = self.app.store.ticked(self.alliance.id, self.stage.id).get(self.stage.id, set())
        yield Header()
        with Horizontal(id="stage-body"):
            with VerticalScroll(id="lesson-pane"):
                yield Markdown(id="lesson", open_links=False)
            with Vertical(id="checklist-pane"):
                yield Label(id="checklist-title")
                yield Checklist(self.stage.items, ticked, id="checklist")
                yield Static("", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · {self.stage.title}"
        self.query_one("#lesson", Markdown).update(self.stage.lesson)
        self._update_title()
        self.query_one(Checklist).focus()
        try:
            self.app.store.open_stage(self.alliance.id, self.stage.id)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)

    def _update_title(self) -> None:
        checklist = self.query_one(Checklist)
        done, total = len(checklist.selected), len(self.stage.items)
        self.query_one("#checklist-title", Label).update(
            Content.from_markup("[b]Checklist[/b]  $done of $total", done=done, total=total)
        )

    def on_checklist_item_toggled(self, event: Checklist.ItemToggled) -> None:
        try:
            self.app.store.tick_item(self.alliance.id, self.stage.id, event.item_id, event.checked)
        except StoreError as error:
            # Put the tick back as it was: the screen must never claim an unsaved change.
            event.checklist.set_ticked(event.item_id, not event.checked)
            self.notify(str(error), title="Not saved", severity="error", markup=False)
        self._update_title()

    def on_checklist_hint_requested(self, event: Checklist.HintRequested) -> None:
        hint = event.item.hint or "No hint for this item: the lesson covers it."
        self.query_one("#hint", Static).update(Content.assemble(("Hint: ", "bold"), hint))
