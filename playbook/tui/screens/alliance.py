"""Provides AllianceScreen: one alliance's five stages with their status."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from playbook.domain.progress import StageProgress, Status
from playbook.services.records import Alliance
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen
from playbook.tui.progress_view import bar

STATUS_MARK = {
    Status.NOT_STARTED: "○",
    Status.IN_PROGRESS: "◐",
    Status.FLAGGED: "⚑",
    Status.DONE: "●",
}


def stage_prompt(number: int, item: StageProgress) -> Table:
    mark, words = STATUS_MARK[item.status], item.words
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


class AllianceScreen(PlaybookScreen):
    """One alliance: its five stages with their status, and the charter they add up to."""

    CSS_PATH = "alliance.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "charter", "Charter"),
        Binding("g", "gap", "Gap view", tooltip="Both sides' answers side by side"),
        Binding("x", "stress", "Stress", tooltip="The exit stress test"),
        Binding("p", "pilot", "Pilot", tooltip="The pilot tracker"),
        Binding("h", "health", "Health", tooltip="Health checks after launch"),
        Binding("a", "all_alliances", "All alliances"),
        Binding("n", "new_alliance", "New alliance", show=False),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance

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

    def on_screen_resume(self) -> None:
        self.refresh_stages()

    def refresh_stages(self) -> None:
        alliances = self.services.alliances
        self.alliance = alliances.get(self.alliance.id) or self.alliance
        progress = alliances.progress(self.alliance)
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
        self.post_message(asked.StageRequested(event.option.id or "", self.alliance))

    def action_charter(self) -> None:
        self.post_message(asked.CharterRequested(self.alliance))

    def action_gap(self) -> None:
        self.post_message(asked.GapRequested(self.alliance))

    def action_stress(self) -> None:
        self.post_message(asked.StressTestRequested(self.alliance))

    def action_pilot(self) -> None:
        self.post_message(asked.PilotTrackerRequested(self.alliance))

    def action_health(self) -> None:
        self.post_message(asked.HealthChecksRequested(self.alliance))

    def action_all_alliances(self) -> None:
        self.post_message(asked.AlliancesRequested(replace=True))

    def action_new_alliance(self) -> None:
        self.post_message(asked.NewAllianceRequested(replace=True))
