"""Provides StressScreen: the exit stress test, scenario by scenario, run again with r."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from playbook.services.errors import StoreError
from playbook.services.records import Alliance
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen


class StressScreen(PlaybookScreen):
    """Each scenario: the clause that covers it, or what to add. r runs it again (after
    editing the Divorce papers) and keeps the result for the annex."""

    CSS_PATH = "stress.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "run", "Run again"),
        Binding("d", "divorce_papers", "Divorce papers"),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stress-body"):
            yield Static(id="stress-summary")
            yield Static(id="stress-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · Exit stress test"

    def on_screen_resume(self) -> None:
        """On opening, and on coming back from the Divorce papers: run it (again)."""
        self.action_run()

    def action_run(self) -> None:
        tests = self.services.stress_tests
        before = tests.latest(self.alliance)
        try:
            outcomes = tests.run(self.alliance)
        except StoreError as error:
            self.not_saved(error)
            outcomes = tests.outcomes(self.alliance)
        covered = sum(1 for o in outcomes if o.covered)
        change = ""
        if before is not None:
            was = sum(1 for r in before[1] if r.get("covered"))
            if was != covered:
                change = f" (was {was} at the last run)"
        self.query_one("#stress-summary", Static).update(
            Content.from_markup(
                "[b]$n of $total[/b] scenarios covered by the Divorce papers$change. "
                "Fill the gaps there ([b]d[/b]), then run it again ([b]r[/b]).",
                n=covered,
                total=len(outcomes),
                change=change,
            )
        )
        lines: list[Content] = []
        for outcome in outcomes:
            if outcome.covered:
                mark = ("✓ covered  ", "bold $success")
            else:
                mark = ("✗ not covered  ", "bold $error")
            lines.append(Content.assemble(mark, (outcome.scenario.title, "bold")))
            lines.append(Content.styled(f"  {outcome.scenario.what}", "$foreground-muted"))
            if outcome.covered:
                for label, text in outcome.clauses:
                    lines.append(Content.assemble("  ", (label, "italic"), ": ", text))
            else:
                lines.append(Content.assemble(("  Add: ", "bold"), outcome.scenario.add))
            lines.append(Content(""))
        self.query_one("#stress-results", Static).update(Content("\n").join(lines))

    def action_divorce_papers(self) -> None:
        self.post_message(asked.StageRequested("divorce-papers", self.alliance))
