"""Provides AlliancesScreen (every alliance of a profile) and CompareScreen (two scorecards)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.progress import PlaybookProgress
from playbook.services.errors import StoreError
from playbook.services.records import Alliance
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen
from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.dialogs.pick_alliance import PickAllianceDialog
from playbook.tui.progress_view import bar
from playbook.tui.widgets.scorechart import ScoreChart


def alliance_prompt(alliance: Alliance, progress: PlaybookProgress) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(width=24, no_wrap=True)
    grid.add_row(
        Text(alliance.name, style="bold"),
        Text(f"{bar(progress.fraction)} {progress.done}/{progress.total} done"),
    )
    detail = f"{alliance.our_side} with {alliance.partner}"
    if alliance.kind:
        detail += f" · {alliance.kind}"
    grid.add_row(Text(detail, style="dim"), Text(""))
    return grid


class AlliancesScreen(PlaybookScreen):
    """Every alliance this person is forming; a founder weighing partners keeps several."""

    CSS_PATH = "alliances.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "new_alliance", "New"),
        Binding("v", "compare", "Compare scorecards"),
        Binding("delete,d", "delete", "Delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="alliances-body"):
            yield Static(id="alliances-intro")
            yield OptionList(id="alliance-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Your alliances"
        self.refresh_list()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def alliances(self) -> list[Alliance]:
        return self.services.alliances.of_profile(self.profile.id) if self.profile else []

    def refresh_list(self) -> None:
        alliances = self.alliances()
        self.query_one("#alliances-intro", Static).update(
            "Open one with enter. Weighing two partners? Start an alliance for each (n) and "
            "compare their Vibe-check scorecards side by side (v)."
            if alliances
            else "No alliances yet: press n to start one."
        )
        listing = self.query_one("#alliance-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        progress = self.services.alliances.progress
        listing.add_options(
            Option(alliance_prompt(a, progress(a)), id=str(a.id)) for a in alliances
        )
        if alliances:
            listing.highlighted = min(highlighted or 0, len(alliances) - 1)

    def highlighted_alliance(self) -> Alliance | None:
        listing = self.query_one("#alliance-list", OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return self.services.alliances.get(int(option_id or 0))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        alliance = self.services.alliances.get(int(event.option.id or 0))
        if alliance is not None:
            self.post_message(asked.AllianceRequested(alliance, replace=True))

    def action_new_alliance(self) -> None:
        self.post_message(asked.NewAllianceRequested(replace=True))

    def action_compare(self) -> None:
        first = self.highlighted_alliance()
        others = [a for a in self.alliances() if first and a.id != first.id]
        if first is None or not others:
            self.notify("Comparing needs two alliances: press n to start another.")
            return
        if len(others) == 1:
            self.post_message(asked.CompareRequested(first, others[0]))
            return

        def picked(other: Alliance | None) -> None:
            if other is not None:
                self.post_message(asked.CompareRequested(first, other))

        self.app.push_screen(PickAllianceDialog(first, others), picked)

    def action_delete(self) -> None:
        alliance = self.highlighted_alliance()
        if alliance is None:
            return
        open_ids = {
            s.open_alliance_id for s in self.app.screen_stack if isinstance(s, PlaybookScreen)
        }
        if alliance.id in open_ids:
            self.notify(
                "This alliance is open underneath: go back to it and leave it first.",
                title="Not deleted",
                severity="warning",
                markup=False,
            )
            return

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.services.alliances.delete(alliance)
            except StoreError as error:
                self.not_saved(error, title="Not deleted")
            self.refresh_list()

        self.app.push_screen(
            ConfirmDialog(
                "Delete this alliance?",
                Content.assemble(
                    "Every tick and answer of ", (alliance.name, "bold"), " will be gone for good."
                ),
                yes="Delete it",
            ),
            delete,
        )


class CompareScreen(PlaybookScreen):
    """Two candidate partners' Vibe-check scorecards, side by side."""

    CSS_PATH = "alliances.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, first: Alliance, second: Alliance) -> None:
        super().__init__()
        self.pair = (first, second)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="compare-body"), Horizontal(id="compare-row"):
            for _side in self.pair:
                with Vertical(classes="compare-side"):
                    yield ScoreChart()
                    yield Static(classes="compare-flags")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.pair[0].partner} or {self.pair[1].partner}?"
        charts = list(self.query(ScoreChart))
        notes = list(self.query(".compare-flags"))
        for alliance, chart, note in zip(self.pair, charts, notes, strict=True):
            card = self.services.alliances.scorecard(alliance)
            if card is None:
                return
            chart.show(card, alliance.partner, compact=True)
            average = card.average_words
            flags = "\n".join(f"⚑ {f}" for f in card.flags) or "No flags."
            note.update(Content.assemble(("Average: ", "bold"), average, "\n", flags))
            note.set_class(bool(card.flags), "-flagged")
