"""Provides StatsScreen: results per case, mastery per stage, review forecast and activity."""

from __future__ import annotations

from datetime import timedelta

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Sparkline, Static

from playbook.domain.report import StatsReport
from playbook.services.errors import StoreError
from playbook.tui.base import PlaybookScreen
from playbook.tui.widgets.bars import bar_row


def cases_table(report: StatsReport) -> Table | Group | Content:
    notes = [
        Text.assemble("Left half way: ", (c.title, "bold"), " (open it and press q to resume)")
        for c in report.half_way
    ]
    rows = report.attempted
    if not rows:
        return Group(*notes) if notes else Content("No quiz finished yet: open a case and press q.")
    table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
    table.add_column("Case", ratio=3, overflow="fold")
    table.add_column("Tries", justify="right", width=5)
    table.add_column("Best", justify="right", width=5)
    table.add_column("Last", justify="right", width=5)
    table.add_column("", ratio=2, min_width=10, no_wrap=True)
    for case in rows:
        best, last = case.best or 0.0, case.last or 0.0
        table.add_row(
            Text(case.title),
            str(case.attempts),
            f"{best:.0f}%",
            f"{last:.0f}%",
            Text.from_markup(
                "[bold]"
                + "█" * round(last / 10)
                + "[/][dim]"
                + "·" * (10 - round(last / 10))
                + "[/]"
            ),
        )
    return Group(table, *notes) if notes else table


def mastery_rows(report: StatsReport) -> Content:
    rows = []
    for stage in report.stages:
        # The bar is the share of the stage's questions known, not only of those seen:
        # four right answers out of forty questions is a start, not mastery.
        tail = f"{stage.known:.0%} · {stage.seen_line}"
        rows.append(bar_row(stage.title, 16, stage.known, 20, tail))
    return Content("\n").join(rows) if rows else Content("No questions are tagged with a stage.")


def forecast_rows(report: StatsReport) -> Content:
    top = max(report.forecast, default=0) or 1
    rows = []
    for offset, count in enumerate(report.forecast):
        day = report.today + timedelta(days=offset)
        label = "today" if offset == 0 else day.strftime("%a %d %b")
        rows.append(bar_row(label, 10, count / top, 20, str(count)))
    rows.append(bar_row("later", 10, min(1.0, report.later / top), 20, str(report.later)))
    rows.append(Content.styled(f"{report.cards} in the queue in all", "$foreground-muted"))
    return Content("\n").join(rows)


class StatsScreen(PlaybookScreen):
    """How the trainee is doing, in charts: not only numbers."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("r", "app.open_review", "Review"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-summary")
            yield Static("Cases", classes="stats-heading")
            yield Static(id="stats-cases")
            yield Static(
                "Mastery by playbook stage: the share of each stage's questions you know",
                classes="stats-heading",
            )
            yield Static(id="stats-mastery")
            yield Static("Review forecast: questions coming due", classes="stats-heading")
            yield Static(id="stats-forecast")
            yield Static("Activity: answers a day, last 30 days", classes="stats-heading")
            yield Sparkline(id="stats-activity")
            with Horizontal(id="stats-activity-axis"):
                yield Static("30 days ago", classes="axis-start")
                yield Static("today", classes="axis-end")
            yield Static(id="stats-activity-note")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stats"
        self.query_one("#stats-body").focus()

    def on_screen_resume(self) -> None:
        if self.profile is None:
            return
        self.query_one("#stats-summary", Static).update(Content("Counting…"))
        self.load_report(self.profile.id)

    @work(thread=True, exclusive=True, group="stats")
    def load_report(self, profile_id: int) -> None:
        """The report reads every answer ever given: off the UI thread."""
        try:
            report = self.services.stats.report(profile_id)
        except StoreError as error:
            self.app.call_from_thread(self.not_saved, error, "Stats")
            return
        self.app.call_from_thread(self.show_report, report)

    def show_report(self, report: StatsReport) -> None:
        if not self.is_mounted:
            return
        self.query_one("#stats-summary", Static).update(
            Content.from_markup(
                "[b]$answers[/b] answers · [b]$cases[/b] of $total cases quizzed · "
                "[b]$due[/b] due for review",
                answers=report.answers,
                cases=len(report.attempted),
                total=len(report.cases),
                due=report.due_now,
            )
        )
        self.query_one("#stats-cases", Static).update(cases_table(report))
        self.query_one("#stats-mastery", Static).update(mastery_rows(report))
        self.query_one("#stats-forecast", Static).update(forecast_rows(report))
        self.query_one("#stats-activity", Sparkline).data = list(report.activity)
        active = sum(1 for n in report.activity if n)
        self.query_one("#stats-activity-note", Static).update(
            Content(
                f"{sum(report.activity)} answers on {active} of the last 30 days · "
                f"today {report.activity[-1]} · busiest day {max(report.activity)}"
            )
        )
