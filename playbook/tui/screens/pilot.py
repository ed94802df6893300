"""Provides PilotScreen: the pilot's indicators period by period against its go and kill
lines, a reading added at the bottom, and the proposal at the review date."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Select, Static

from playbook.domain.pilot import PilotReport, Series
from playbook.services.errors import StoreError
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookScreen, in_words

DECISIONS = {
    "go": ("GO", "bold $success"),
    "adjust": ("ADJUST", "bold $warning"),
    "stop": ("STOP", "bold $error"),
    "": ("NOT YET", "bold $foreground-muted"),
}


def series_chart(series: Series, report: PilotReport, width: int) -> Content:
    """One indicator: a bar per period, scaled to the largest of its values and lines, with
    the go (▲) and kill (▼) lines marked on the scale."""
    lines = [Content.styled(f"{series.indicator} ({series.kind})", "bold")]
    go = report.go.value if report.go and report.go.indicator == series.indicator else None
    kill = report.kill.value if report.kill and report.kill.indicator == series.indicator else None
    values = [v for _, _, v in series.points] + [x for x in (go, kill) if x is not None]
    top = max(values, default=0) or 1
    if go is not None or kill is not None:
        scale = [" "] * (width + 1)
        if kill is not None:
            scale[min(width, round(kill / top * width))] = "▼"
        if go is not None:
            scale[min(width, round(go / top * width))] = "▲"
        marks = []
        if go is not None:
            marks.append(f"▲ go {go:g}")
        if kill is not None:
            marks.append(f"▼ kill {kill:g}")
        lines.append(
            Content.assemble(" " * 10, ("".join(scale), "$warning"), "  ", ", ".join(marks))
        )
    if not series.points:
        lines.append(Content.styled("  No readings yet.", "$foreground-muted"))
    for _position, period, value in series.points:
        filled = round(value / top * width)
        style = "$success" if go is not None and value >= go else "$accent"
        if kill is not None and value <= kill:
            style = "$error"
        lines.append(
            Content.assemble(
                f"{period[:9]:<9} ",
                ("█" * filled, style),
                ("·" * (width - filled), "$foreground-muted"),
                f" {value:g}",
            )
        )
    return Content("\n").join(lines)


class PilotScreen(PlaybookScreen):
    """Record a reading: pick the indicator, give the period (1, 2, ...) and the value."""

    CSS_PATH = "pilot.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pilot-body"):
            yield Static(id="pilot-proposal")
            yield Static(id="pilot-pace")
            yield Static(id="pilot-charts")
        with Horizontal(id="pilot-add"):
            yield Select([], prompt="Indicator", id="pilot-indicator", compact=True)
            yield Input(placeholder="Period", id="pilot-period", type="integer", compact=True)
            yield Input(placeholder="Value", id="pilot-value", type="number", compact=True)
            yield Button("Add", id="pilot-save", variant="primary", compact=True)
        yield Static(id="pilot-error")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · Pilot tracker"
        self.show()

    def on_resize(self) -> None:
        self.show()

    def show(self) -> None:
        report = self.services.pilot.report(self.alliance)
        self.report = report
        word, style = DECISIONS[report.proposal.decision]
        review = f" · review on {report.review:%-d %B %Y}" if report.review else ""
        self.query_one("#pilot-proposal", Static).update(
            Content.assemble(
                ("Proposal: ", "bold"), (word, style), review, "\n", report.proposal.because
            )
        )
        pace = self.query_one("#pilot-pace", Static)
        pace.display = bool(report.pace_words)
        pace.update(
            Content.assemble(("The North Star needs ", "$foreground-muted"), report.pace_words)
        )
        width = 20 if self.size.width < 100 else 40
        charts = [series_chart(s, report, width) for s in report.series]
        self.query_one("#pilot-charts", Static).update(
            Content("\n\n").join(charts)
            if charts
            else Content(
                "List the pilot's leading and lagging indicators in the Pilot worksheet first."
            )
        )
        select = self.query_one("#pilot-indicator", Select)
        options = [(Content(s.indicator), s.indicator) for s in report.series]
        if [o[1] for o in options] != [o[1] for o in getattr(self, "_options", [])]:
            select.set_options(options)
            self._options = options

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "pilot-indicator":
            self.query_one("#pilot-period", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "pilot-period":
            self.query_one("#pilot-value", Input).focus()
            return
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "pilot-save":
            self._save()

    def _save(self) -> None:
        error = self.query_one("#pilot-error", Static)
        indicator = self.query_one("#pilot-indicator", Select).value
        period = self.query_one("#pilot-period", Input).value.strip()
        value = self.query_one("#pilot-value", Input).value.strip()
        if not isinstance(indicator, str):
            error.update("Pick the indicator first.")
            return
        try:
            position, number = int(period), float(value)
        except ValueError:
            error.update("Give the period as a number (1 for the first) and the value as a number.")
            return
        try:
            self.services.pilot.record(self.alliance, indicator, position, number)
        except ValueError as problem:
            error.update(Content(str(problem)))
            return
        except StoreError as problem:
            error.update(Content(in_words(problem)))
            return
        error.update("")
        self.query_one("#pilot-value", Input).value = ""
        self.query_one("#pilot-period", Input).value = str(position + 1)
        self.show()
