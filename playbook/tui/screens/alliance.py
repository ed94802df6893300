"""Provides AllianceDialog (start an alliance) and AllianceScreen (its five stages)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.progress import Status, playbook_progress
from playbook.store.db import StoreError
from playbook.store.records import Alliance, Profile

STATUS_MARK = {
    Status.NOT_STARTED: ("○", "not started"),
    Status.IN_PROGRESS: ("◐", "in progress"),
    Status.DONE: ("●", "done"),
}


def open_playbook(app: App) -> None:
    """Open the current alliance, or ask for a first one."""
    alliance = app.current_alliance()
    if alliance is not None:
        app.push_screen(AllianceScreen(alliance))
        return

    def created(new: Alliance | None) -> None:
        if new is not None:
            app.push_screen(AllianceScreen(new))

    app.push_screen(AllianceDialog(app.profile), created)


class AllianceDialog(ModalScreen[Alliance | None]):
    """Name the partner and your own side: the alliance everything else hangs on."""

    CSS_PATH = "alliance.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with Vertical(id="alliance-box"):
            yield Label("A new alliance", id="alliance-title")
            yield Static(
                "The playbook walks you through one real alliance. Who is it with?",
                id="alliance-help",
            )
            yield Label("Partner")
            yield Input(placeholder="e.g. Globex Retail", id="partner", max_length=60)
            yield Label("Your side")
            yield Input(placeholder="e.g. Acme Coffee", id="our-side", max_length=60)
            yield Label("What kind of alliance do you have in mind? (optional)")
            yield Input(
                placeholder="e.g. co-branded cafés inside their stores", id="kind", max_length=200
            )
            yield Static("", id="alliance-error")
            yield Button("Start", id="start", variant="primary")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        order = ["partner", "our-side", "kind"]
        if event.input.id in order[:-1]:
            # Focus now, not later: keys typed straight after enter belong to the next field.
            self.set_focus(self.query_one(f"#{order[order.index(event.input.id) + 1]}"))
        else:
            self._create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._create()

    def _create(self) -> None:
        values = {w.id: w.value for w in self.query(Input)}
        try:
            alliance = self.app.store.create_alliance(
                self.profile.id, values["partner"], values["our-side"], values["kind"]
            )
        except (ValueError, StoreError) as error:
            self.query_one("#alliance-error", Static).update(Content(str(error)))
            return
        self.dismiss(alliance)


class AllianceScreen(Screen):
    """One alliance: its five stages, each with its status."""

    CSS_PATH = "alliance.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="alliance-body"):
            yield Static(id="alliance-heading")
            yield OptionList(id="stages")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.alliance.name
        self.refresh_stages()

    def on_screen_resume(self) -> None:
        self.refresh_stages()

    def refresh_stages(self) -> None:
        app = self.app
        stages = app.library.ordered_stages
        progress = playbook_progress(stages, app.store.ticked(self.alliance.id))
        self.query_one("#alliance-heading", Static).update(
            Content.assemble(
                (self.alliance.name, "bold"),
                f"\n{progress.done} of {progress.total} stages done. "
                "Open any stage; they build on each other in this order.",
            )
        )
        options = self.query_one("#stages", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for number, item in enumerate(progress.stages, start=1):
            mark, words = STATUS_MARK[item.status]
            options.add_option(
                Option(
                    Content.assemble(
                        f"{mark} {number}. ",
                        (item.stage.title, "bold"),
                        f"  ({words}, {item.ticked}/{item.total})\n     ",
                        (item.stage.summary, "dim"),
                    ),
                    id=item.stage.id,
                )
            )
        last = self.alliance.last_stage
        if highlighted is None and last:
            highlighted = next((i for i, s in enumerate(stages) if s.id == last), 0)
        options.highlighted = highlighted or 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_stage(event.option.id or "", self.alliance)
