"""Provides AllianceDialog (start an alliance) and AllianceScreen (its five stages)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from playbook.domain.progress import StageProgress, Status
from playbook.store.db import StoreError
from playbook.store.records import Alliance, Profile
from playbook.tui.progress_view import bar, progress_of

STATUS_MARK = {
    Status.NOT_STARTED: ("○", "not started"),
    Status.IN_PROGRESS: ("◐", "in progress"),
    Status.DONE: ("●", "done"),
}


def open_playbook(app: App, open_last: bool = False) -> None:
    """Open the current alliance (and the stage last worked on), or ask for a first one."""
    alliance = app.current_alliance()
    if alliance is not None:
        app.push_screen(AllianceScreen(alliance, open_last=open_last))
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
            blank = next((k for k in ("partner", "our-side") if not values[k].strip()), None)
            if blank is not None:  # the cursor goes where the answer is missing
                self.set_focus(self.query_one(f"#{blank}"))
            return
        self.dismiss(alliance)


def stage_prompt(number: int, item: StageProgress) -> Table:
    mark, words = STATUS_MARK[item.status]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=4, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(width=12, no_wrap=True)
    check = item.check
    detail = (
        f"{words}: checklist {item.ticked}/{item.total}, "
        f"worksheet {check.passing}/{check.total} pass"
    )
    grid.add_row(
        Text(f"{mark} {number}."), Text(item.stage.title, style="bold"), Text(bar(item.fraction))
    )
    grid.add_row(Text(""), Text(detail, style="dim"), Text(""))
    grid.add_row(Text(""), Text(item.stage.summary, style="italic"), Text(""))
    return grid


class AllianceScreen(Screen):
    """One alliance: its five stages with their status, and the charter they add up to."""

    CSS_PATH = "alliance.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "charter", "Charter"),
        Binding("a", "all_alliances", "All alliances"),
        Binding("n", "new_alliance", "New alliance"),
    ]

    def __init__(self, alliance: Alliance, open_last: bool = False) -> None:
        super().__init__()
        self.alliance = alliance
        self.open_last = open_last

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="alliance-body"):
            yield Static(id="alliance-heading")
            yield ProgressBar(total=100, show_eta=False, id="alliance-progress")
            yield OptionList(id="stages")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.alliance.name
        self.refresh_stages()
        if self.open_last and self.alliance.last_stage in self.app.library.stages:
            self.app.open_stage(self.alliance.last_stage, self.alliance)

    def on_screen_resume(self) -> None:
        self.refresh_stages()

    def refresh_stages(self) -> None:
        self.alliance = self.app.store.alliance(self.alliance.id) or self.alliance
        progress = progress_of(self.app, self.alliance)
        about = []
        if self.alliance.name != f"{self.alliance.our_side} × {self.alliance.partner}":
            about.append(f"{self.alliance.our_side} with {self.alliance.partner}")
        if self.alliance.kind:
            about.append(self.alliance.kind)
        self.query_one("#alliance-heading", Static).update(
            Content.assemble(
                (self.alliance.name, "bold"),
                ("\n" + " · ".join(about) if about else "", "dim"),
                f"\n{progress.done} of {progress.total} stages done. Open any stage; "
                "each builds on the one before. Press c for the charter.",
            )
        )
        self.query_one(ProgressBar).update(progress=round(progress.fraction * 100))
        options = self.query_one("#stages", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for number, item in enumerate(progress.stages, start=1):
            options.add_option(Option(stage_prompt(number, item), id=item.stage.id))
        if highlighted is None:
            ids = [s.stage.id for s in progress.stages]
            highlighted = (
                ids.index(self.alliance.last_stage) if self.alliance.last_stage in ids else 0
            )
        options.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_stage(event.option.id or "", self.alliance)

    def action_charter(self) -> None:
        from playbook.tui.screens.charter import CharterScreen

        self.app.push_screen(CharterScreen(self.alliance))

    def action_all_alliances(self) -> None:
        from playbook.tui.screens.alliances import AlliancesScreen

        self.app.switch_screen(AlliancesScreen())

    def action_new_alliance(self) -> None:
        def created(new: Alliance | None) -> None:
            if new is not None:
                self.app.switch_screen(AllianceScreen(new))

        self.app.push_screen(AllianceDialog(self.app.profile), created)
