"""Provides ReviewScreen: spaced review of due questions across cases, or cram ahead."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.report import FORECAST_DAYS
from playbook.domain.review import cram_order, forecast
from playbook.tui.widgets.bars import bar_row

SESSION = 20  # questions in one review or cram session at most


class ReviewScreen(Screen):
    """r reviews what is due (FSRS schedules the next time); c crams ahead without
    changing the schedule."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("r", "review", "Review due"),
        Binding("c", "cram", "Cram"),
        Binding("a", "toggle_confidence", "How sure", show=False),
        Binding("s", "app.open_stats", "Stats"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Static(id="review-summary")
            yield OptionList(id="review-actions")
            yield Checkbox("a  Ask how sure I am of each answer", id="review-confidence")
            yield Static(id="review-forecast")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review-actions", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def _cards(self) -> list:
        app = self.app
        cards = app.store.quiz.cards(app.profile.id) if app.profile else []
        return [(key, due) for key, due in cards if app.library.question(key) is not None]

    def refresh_summary(self) -> None:
        app = self.app
        due = app.due_keys()
        cards = self._cards()
        cases = len({key.partition("/")[0] for key in due})
        summary = self.query_one("#review-summary", Static)
        if not cards:
            summary.update(
                Content(
                    "Nothing to review yet. Every question you answer in a case quiz joins "
                    "the review queue; FSRS brings it back just before you would forget it."
                )
            )
        elif due:
            summary.update(
                Content.from_markup(
                    "[b]$n question$s due[/b] from $c case$cs. "
                    "Answers you got wrong come back soonest.",
                    n=len(due),
                    s="" if len(due) == 1 else "s",
                    c=cases,
                    cs="" if cases == 1 else "s",
                )
            )
        else:
            summary.update(
                Content.from_markup(
                    "[b]Nothing due now.[/b] $n question$s in the queue; cram to practise "
                    "ahead of schedule.",
                    n=len(cards),
                    s="" if len(cards) == 1 else "s",
                )
            )
        actions = self.query_one("#review-actions", OptionList)
        actions.clear_options()
        session = min(len(due), SESSION)
        actions.add_options(
            [
                Option(
                    Content.from_markup(
                        "[b]r  Review[/b] the $n due now (the schedule moves on)", n=session
                    )
                    if due
                    else Content.from_markup("[b]r  Review[/b]: nothing is due now"),
                    id="review",
                    disabled=not due,
                ),
                Option(
                    Content.from_markup(
                        "[b]c  Cram[/b] the $n soonest due: practice ahead, the schedule "
                        "stays as it is",
                        n=min(len(cards), SESSION),
                    ),
                    id="cram",
                    disabled=not cards,
                ),
            ]
        )
        actions.highlighted = 0 if due else (1 if cards else None)
        self.query_one("#review-forecast", Static).update(self._forecast(cards))

    def _forecast(self, cards: list) -> Content:
        now = self.app.store.quiz.now().astimezone()
        counts = forecast([due for _, due in cards], now, FORECAST_DAYS)
        top = max(counts, default=0) or 1
        rows = [Content.from_markup("[b]Coming due[/b] (overdue counts as today)")]
        for offset, count in enumerate(counts):
            day = now + timedelta(days=offset)
            label = "today" if offset == 0 else day.strftime("%a %d %b")
            rows.append(bar_row(label, 10, count / top, 24, str(count)))
        return Content("\n").join(rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "review":
            self.action_review()
        elif event.option.id == "cram":
            self.action_cram()

    def screen_commands(self) -> list[tuple[str, str, object]]:
        return [
            ("Review due questions", "The schedule moves on", self.action_review),
            ("Cram", "Practise ahead; the schedule stays as it is", self.action_cram),
            (
                "Ask how sure I am",
                "Turn certainty-based marking on or off",
                self.action_toggle_confidence,
            ),
        ]

    @property
    def confidence(self) -> bool:
        return self.query_one("#review-confidence", Checkbox).value

    def action_toggle_confidence(self) -> None:
        self.query_one("#review-confidence", Checkbox).toggle()

    def action_review(self) -> None:
        due = self.app.due_keys()[:SESSION]
        if not due:
            self.notify("Nothing is due. Cram (c) to practise ahead.", title="Review")
            return
        self.app.begin_quiz(None, "practice", self.confidence, kind="review", keys=due)

    def action_cram(self) -> None:
        now = self.app.store.quiz.now()
        keys = [key for key, _ in cram_order(self._cards(), now)][:SESSION]
        if not keys:
            self.notify("Answer a case quiz first: its questions join the queue.", title="Cram")
            return
        self.app.begin_quiz(None, "practice", self.confidence, kind="cram", keys=keys)
