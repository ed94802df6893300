"""Provides AlliancesScreen (every alliance of a profile) and CompareScreen (two scorecards)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.vibe import scorecard
from playbook.store.db import StoreError
from playbook.store.records import Alliance
from playbook.tui.progress_view import bar, progress_of
from playbook.tui.screens.alliance import AllianceDialog, AllianceScreen
from playbook.tui.widgets.scorechart import ScoreChart


def alliance_prompt(app, alliance: Alliance) -> Table:
    progress = progress_of(app, alliance)
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


class AlliancesScreen(Screen):
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
        return self.app.store.alliances(self.app.profile.id)

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
        listing.add_options(Option(alliance_prompt(self.app, a), id=str(a.id)) for a in alliances)
        if alliances:
            listing.highlighted = min(highlighted or 0, len(alliances) - 1)

    def highlighted_alliance(self) -> Alliance | None:
        listing = self.query_one("#alliance-list", OptionList)
        if listing.highlighted is None:
            return None
        return self.app.store.alliance(int(listing.get_option_at_index(listing.highlighted).id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        alliance = self.app.store.alliance(int(event.option.id or 0))
        if alliance is not None:
            self.app.switch_screen(AllianceScreen(alliance))

    def action_new_alliance(self) -> None:
        def created(new: Alliance | None) -> None:
            if new is not None:
                self.app.switch_screen(AllianceScreen(new))

        self.app.push_screen(AllianceDialog(self.app.profile), created)

    def action_compare(self) -> None:
        first = self.highlighted_alliance()
        others = [a for a in self.alliances() if first and a.id != first.id]
        if first is None or not others:
            self.notify("Comparing needs two alliances: press n to start another.")
            return
        if len(others) == 1:
            self.app.push_screen(CompareScreen(first, others[0]))
            return

        def picked(other: Alliance | None) -> None:
            if other is not None:
                self.app.push_screen(CompareScreen(first, other))

        self.app.push_screen(PickAllianceDialog(first, others), picked)

    def action_delete(self) -> None:
        from playbook.tui.screens.confirm import ConfirmDialog

        alliance = self.highlighted_alliance()
        if alliance is None:
            return
        open_ids = {
            getattr(getattr(s, "alliance", None), "id", None) for s in self.app.screen_stack
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
                self.app.store.delete_alliance(alliance.id)
            except StoreError as error:
                self.notify(str(error), title="Not deleted", severity="error", markup=False)
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


class PickAllianceDialog(ModalScreen[Alliance | None]):
    """Which alliance to compare with."""

    CSS_PATH = "alliances.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, first: Alliance, others: list[Alliance]) -> None:
        super().__init__()
        self.first = first
        self.others = others

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Label(Content.assemble("Compare ", (self.first.name, "bold"), " with:"))
            yield OptionList(*(Option(Content(a.name), id=str(a.id)) for a in self.others))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(a for a in self.others if str(a.id) == event.option.id))


class CompareScreen(Screen):
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
        stage = self.app.library.stages.get("vibe-check")
        if stage is None:
            return
        charts = list(self.query(ScoreChart))
        notes = list(self.query(".compare-flags"))
        for alliance, chart, note in zip(self.pair, charts, notes, strict=True):
            answers = self.app.store.answers(alliance.id, "vibe-check").get("vibe-check", {})
            card = scorecard(stage, answers)
            chart.show(card, alliance.partner, compact=True)
            average = f"{card.average:.1f} of 5" if card.average is not None else "not scored"
            flags = "\n".join(f"⚑ {f}" for f in card.flags) or "No flags."
            note.update(Content.assemble(("Average: ", "bold"), average, "\n", flags))
            note.set_class(bool(card.flags), "-flagged")
