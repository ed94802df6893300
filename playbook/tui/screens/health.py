"""Provides HealthScreen: an alliance's health checks after launch. Open one (people answer
from their phones through the workshop server), then read each area as each organisation
sees it with the gap, the comments by area and the trend, and agree the action plan."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.health import MIN_SHOWN, HealthError, Schedule, Side, TrendLine, trend
from playbook.domain.workshop import display_code
from playbook.services.errors import StoreError
from playbook.services.health import CheckSummary
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookScreen, in_words
from playbook.tui.widgets.bars import paired_rows

SPARKS = "▁▂▃▄▅▆▇█"


def spark(points: tuple[float | None, ...]) -> str:
    """A sparkline of 1-5 means: one cell per check, a gap where a check had no answers."""
    cells = []
    for point in points:
        if point is None:
            cells.append(" ")
        else:
            cells.append(SPARKS[min(7, max(0, round((point - 1) / 4 * 7)))])
    return "".join(cells)


def trend_rows(lines: tuple[TrendLine, ...], numbers: list[int]) -> Content:
    """One line per area: its sparkline, each check's mean and the change."""
    width = max((len(line.title) for line in lines), default=0) + 2
    rows = [
        Content.styled(
            " " * width + "     " + "  ".join(f"#{n:<3}" for n in numbers) + "  change", "dim"
        )
    ]
    for line in lines:
        change = line.change
        if change is None or abs(change) < 0.5:
            style = "$foreground-muted"
        else:
            style = "bold $success" if change > 0 else "bold $error"
        rows.append(
            Content.assemble(
                line.title.ljust(width),
                (spark(line.points).ljust(max(4, len(numbers))), "$accent"),
                " ",
                "  ".join("–   " if p is None else f"{p:<4.1f}" for p in line.points),
                "  ",
                ("–" if change is None else f"{change:+.1f}", style),
            )
        )
    return Content("\n").join(rows)


def schedule_line(due: Schedule) -> Content:
    def when(day, overdue: bool) -> Content:
        text = f"{day:%-d %B %Y}"
        return Content.styled(text + " (overdue)", "bold $error") if overdue else Content(text)

    return Content.assemble(
        ("Next health check: ", "bold"),
        when(due.next_check, due.check_overdue),
        f" (every {due.check_days} days)\n",
        ("North Star review:  ", "bold"),
        when(due.next_review, due.review_overdue),
        f" (every {due.review_days} days)",
        ("  r once held", "dim"),
    )


class HealthScreen(PlaybookScreen):
    """o opens a check, c closes it, [ and ] step through past checks, a adds an action."""

    CSS_PATH = "health.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("o", "open_check", "Open check"),
        Binding("c", "close_check", "Close check"),
        Binding("a", "add_action", "Add action"),
        Binding("r", "reviewed", "Review done"),
        Binding("i", "intervals", "Intervals"),
        Binding("left_square_bracket", "step(-1)", "Earlier", show=False),
        Binding("right_square_bracket", "step(1)", "Later", show=False),
        Binding("delete", "remove_action", "Remove action", show=False),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance
        self.shown: int | None = None  # the check shown (an index); None: the latest
        self.summaries: list[CheckSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="health-body"):
            yield Static(id="health-due")
            yield Static(id="health-open")
            yield Static(id="health-results", classes="health-part")
            yield Static(id="health-comments", classes="health-part")
            yield Static(id="health-trend", classes="health-part")
            yield Static(id="health-plan-title", classes="health-part")
            yield OptionList(id="health-actions")
            yield Static(id="health-error")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · Health checks"
        self.show()

    def on_screen_resume(self) -> None:
        self.show()

    def on_resize(self) -> None:
        if self.summaries:
            self.show()

    @property
    def summary(self) -> CheckSummary | None:
        if not self.summaries:
            return None
        if self.shown is None or not 0 <= self.shown < len(self.summaries):
            return self.summaries[-1]
        return self.summaries[self.shown]

    def show(self) -> None:
        health = self.services.health
        try:
            self.summaries = health.summaries(self.alliance)
            due = health.schedule(self.alliance)
            served = self.services.workshops.served_at()
        except StoreError as error:
            self.query_one("#health-error", Static).update(Content(in_words(error)))
            return
        us, them = self.alliance.our_side, self.alliance.partner
        self.query_one("#health-due", Static).update(schedule_line(due))
        self._show_open(served)
        summary = self.summary
        results = self.query_one("#health-results", Static)
        comments = self.query_one("#health-comments", Static)
        if summary is None:
            results.update(
                Content.from_markup(
                    "[b]No health check yet.[/b] Once the alliance runs, check it each quarter: "
                    "people on both sides score statements on strategy, operations, the "
                    "relationship and governance from their phones, anonymously. Press "
                    "[b]o[/b] to open the first."
                )
            )
            comments.display = False
        else:
            results.update(self._results(summary, us, them))
            comments.display = True
            comments.update(self._comments(summary, us, them))
        lines = trend([s.results for s in self.summaries if s.results.respondents])
        trend_panel = self.query_one("#health-trend", Static)
        numbers = [s.number for s in self.summaries if s.results.respondents]
        trend_panel.display = len(numbers) >= 2
        if trend_panel.display:
            trend_panel.update(
                Content.assemble(("The trend across checks\n", "bold"), trend_rows(lines, numbers))
            )
        self._show_plan(summary)
        self.refresh_bindings()

    def _show_open(self, served: str | None) -> None:
        panel = self.query_one("#health-open", Static)
        current = next((s for s in self.summaries if s.check.closed_at is None), None)
        if current is None:
            panel.display = False
            return
        panel.display = True
        check = current.check
        counts = current.results.counts
        where = (
            Content.assemble("People answer at ", (f"{served}/h/{check.code}", "bold"))
            if served
            else Content.from_markup(
                "Start the server to collect answers ([b]playbook serve --host 0.0.0.0[/b]), "
                "then share its address followed by [b]/h/$code[/b].",
                code=check.code,
            )
        )
        panel.update(
            Content.assemble(
                (f"Check {current.number} is open", "bold $success"),
                f" · code {display_code(check.code)} · ",
                f"{counts[Side.OURS]} from {self.alliance.our_side}, "
                f"{counts[Side.PARTNER]} from {self.alliance.partner}\n",
                where,
                ("\nPress c to close it when everyone has answered.", "$foreground-muted"),
            )
        )

    def _results(self, summary: CheckSummary, us: str, them: str) -> Content:
        found = summary.results
        opened = summary.check.opened_at.astimezone()
        state = "open" if summary.check.closed_at is None else "closed"
        head = Content.assemble(
            (f"Check {summary.number} of {len(self.summaries)}", "bold"),
            f" · opened {opened:%-d %b %Y} · {state} · {found.respondents} answers",
            ("  ([ ] others)" if len(self.summaries) > 1 else "", "dim"),
        )
        if not found.respondents:
            return head + Content.styled("\nNo answers yet.", "$foreground-muted")
        width = 10 if self.size.width < 100 else 20
        chart = paired_rows(
            tuple((a.title, a.ours, a.partner) for a in found.areas), (us, them), 5, width
        )
        notes = []
        hidden = [n for s, n in ((Side.OURS, us), (Side.PARTNER, them)) if not found.shown(s)]
        if hidden:
            notes.append(
                Content.styled(
                    f"Fewer than {MIN_SHOWN} answers from {' and '.join(hidden)}: shown only "
                    "within everyone's mean, so no one's answer can be read off it.",
                    "$foreground-muted",
                )
            )
        overall = "  ".join(
            f"{a.title} {a.overall:.1f}" for a in found.areas if a.overall is not None
        )
        notes.append(Content.assemble(("Everyone: ", "dim"), overall))
        talk = [a.title for a in found.areas if a.worth_talking]
        if talk:
            notes.append(
                Content.assemble(
                    ("⚑ Talk about these first", "bold $warning"),
                    ", the two sides see them apart: ",
                    ", ".join(talk),
                )
            )
        return Content("\n").join([head, chart, *notes])

    def _comments(self, summary: CheckSummary, us: str, them: str) -> Content:
        lines = [Content.styled("Comments, by area", "bold")]
        for area in summary.results.areas:
            if not area.comments:
                continue
            lines.append(Content.styled(area.title, "italic"))
            for comment in area.comments:
                who = {Side.OURS: us, Side.PARTNER: them}.get(comment.side) if comment.side else ""
                lines.append(
                    Content.assemble("  “", comment.text, "”", (f"  {who}" if who else "", "dim"))
                )
        if len(lines) == 1:
            lines.append(Content.styled("  No comments.", "$foreground-muted"))
        return Content("\n").join(lines)

    def _show_plan(self, summary: CheckSummary | None) -> None:
        title = self.query_one("#health-plan-title", Static)
        actions = self.query_one("#health-actions", OptionList)
        title.display = actions.display = summary is not None
        if summary is None:
            return
        title.update(
            Content.assemble(
                ("Action plan", "bold"),
                ("  a adds an action, delete removes the highlighted one", "dim"),
            )
        )
        highlighted = actions.highlighted
        actions.clear_options()
        if not summary.actions:
            actions.add_option(
                Option(Content.styled("No actions yet.", "$foreground-muted"), id="none")
            )
            return
        for number, action in enumerate(summary.actions, start=1):
            actions.add_option(
                Option(
                    Content.assemble(
                        f"{number}. ",
                        (action.what, "bold"),
                        f" · {action.owner} · by {action.due:%-d %B %Y}",
                    ),
                    id=f"action-{number}",
                )
            )
        actions.highlighted = min(highlighted or 0, len(summary.actions) - 1)

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        current = any(s.check.closed_at is None for s in self.summaries)
        if action == "open_check":
            return not current
        if action == "close_check":
            return current
        if action in ("add_action", "remove_action"):
            return self.summary is not None
        if action == "step":
            return len(self.summaries) > 1
        return True

    def _error(self, text: str) -> None:
        self.query_one("#health-error", Static).update(Content(text))

    def action_open_check(self) -> None:
        try:
            self.services.health.open(self.alliance)
        except (HealthError, StoreError) as error:
            self._error(in_words(error))
            return
        self.shown = None
        self._error("")
        self.show()

    def action_close_check(self) -> None:
        current = next((s for s in self.summaries if s.check.closed_at is None), None)
        if current is None:
            return
        try:
            self.services.health.close(current.check)
        except StoreError as error:
            self._error(in_words(error))
            return
        self.show()

    def action_step(self, by: int) -> None:
        index = len(self.summaries) - 1 if self.shown is None else self.shown
        self.shown = max(0, min(len(self.summaries) - 1, index + by))
        self.show()

    def _rows(self, summary: CheckSummary) -> list[tuple[str, str, str]]:
        return [(a.what, a.owner, a.due.isoformat()) for a in summary.actions]

    def action_add_action(self) -> None:
        from playbook.tui.dialogs.fields import FieldsDialog

        summary = self.summary
        if summary is None:
            return

        def save(values: list[str]) -> str | None:
            try:
                self.services.health.save_actions(
                    summary.check, [*self._rows(summary), tuple(values)]
                )
            except (HealthError, StoreError) as error:
                text = re.sub(r"^Action \d+: ", "", in_words(error))
                return text[:1].upper() + text[1:]
            return None

        self.app.push_screen(
            FieldsDialog(
                f"An action after check {summary.number}",
                [
                    ("What will be done", ""),
                    ("Who owns it (one person)", ""),
                    ("By when (a day, e.g. 30 June 2027)", ""),
                ],
                save,
            ),
            lambda saved: self.show() if saved else None,
        )

    def action_remove_action(self) -> None:
        summary = self.summary
        listing = self.query_one("#health-actions", OptionList)
        if summary is None or not summary.actions or listing.highlighted is None:
            return
        rows = self._rows(summary)
        del rows[min(listing.highlighted, len(rows) - 1)]
        try:
            self.services.health.save_actions(summary.check, rows)
        except (HealthError, StoreError) as error:
            self._error(in_words(error))
            return
        self.show()

    def action_reviewed(self) -> None:
        try:
            self.services.health.record_review(self.alliance)
        except StoreError as error:
            self._error(in_words(error))
            return
        self.notify("North Star review recorded: the next one counts from today.")
        self.show()

    def action_intervals(self) -> None:
        from playbook.tui.dialogs.fields import FieldsDialog

        due = self.services.health.schedule(self.alliance)

        def save(values: list[str]) -> str | None:
            try:
                self.services.health.set_intervals(self.alliance, values[0], values[1])
            except (HealthError, StoreError) as error:
                return in_words(error)
            return None

        self.app.push_screen(
            FieldsDialog(
                "How often, in days",
                [
                    ("Health check every", str(due.check_days)),
                    ("North Star review every", str(due.review_days)),
                ],
                save,
                about="A quarter is about 91 days.",
            ),
            lambda saved: self.show() if saved else None,
        )
