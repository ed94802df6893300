"""Provides ResultsScreen: score, certainty marks, calibration, and every question explained,
the misses first. Each question is a stop for tab / up / down: `a` shows the feedback of
every choice, `g` opens the case at the section that teaches it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Footer, Header, Static

from playbook.domain.quiz import CONFIDENCE_LEVELS, Calibration
from playbook.services.errors import StoreError
from playbook.services.quiz import QuizSession, ResultLine, Results
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen
from playbook.tui.widgets.bars import band_bar
from playbook.tui.widgets.feedback import all_choices, points, signed, teaching


def calibration_figure(result: Calibration) -> Content:
    """One bar per confidence level: how often right, against the band where it pays (░)."""
    rows = [Content.from_markup("[b]Calibration[/b]: are you as sure as you are right?")]
    for level in CONFIDENCE_LEVELS:
        stats = result.levels[level]
        low, high = stats.expected
        tail = f"{stats.mean_score:.0%} right of {stats.count}" if stats.count else "not used"
        rows.append(
            Content.assemble(
                level.ljust(7), band_bar(stats.mean_score or 0.0, (low, high), 20), "  ", tail
            )
        )
    rows.append(
        Content.styled("░ where each level pays best: low below 67%, high above 80%", "dim")
    )
    rows.append(Content(result.verdict))
    return Content("\n").join(rows)


class ResultItem(Vertical, can_focus=True):
    """One question of the results: its title line and what to learn from it."""

    def __init__(self, line: ResultLine) -> None:
        super().__init__(classes="result-item")
        self.line = line
        self.showing_all = False

    def compose(self) -> ComposeResult:
        yield Static(self._title(), classes="miss-title")
        yield Static(self._detail(), classes="miss-detail")

    def _title(self) -> Content:
        line = self.line
        question, result = line.question, line.grade
        if result.correct:
            mark, style = "✓", "$success"
        elif result.score > 0:
            mark, style = "◐", "$warning"
        else:
            mark, style = "✗", "$error"
        title = Content.assemble((f"{mark} ", f"bold {style}"), (f"{line.number}. ", "bold"))
        title += Content(question.prompt).stylize("bold")
        if 0 < result.score < 1:
            title += Content.styled(f"  ({result.score:.0%} right)", style)
        if line.saved and line.saved.overridden:
            title += Content.styled("  (marked right by you)", "$foreground-muted")
        if line.flagged:
            title += Content.styled("  ⚑", "$foreground-muted")
        return title

    def _detail(self) -> Content:
        line = self.line
        question = line.question
        answer = question.describe(line.saved.response if line.saved else None)
        parts = [teaching(question, line.grade, line.stage_title, answer_line=answer)]
        if self.showing_all:
            parts.append(all_choices(question))
        keys = []
        if question.option_feedback() and not self.showing_all:
            keys.append("[b]a[/b] every choice's feedback")
        if question.see and question.case_id:
            keys.append("[b]g[/b] see it in the case")
        if keys:
            parts.append(Content.from_markup("[dim]" + " · ".join(keys) + "[/]"))
        return Content("\n").join(parts)

    def show_all_choices(self) -> None:
        self.showing_all = True
        self.query_one(".miss-detail", Static).update(self._detail())


class ResultsScreen(PlaybookScreen):
    """What the attempt scored and what to learn from each question, the misses first."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("r", "retry_missed", "Retry missed"),
        Binding("a", "all_choices", "All choices"),
        Binding("g", "see_case", "See in the case"),
        Binding("down,j", "app.focus_next", "Next", show=False),
        Binding("up,k", "app.focus_previous", "Previous", show=False),
        Binding("s", "app.open_stats", "Stats"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.results: Results = session.results()
        self.missed: list[str] = self.results.missed

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(id="results-title")
            with Horizontal(id="results-score"):
                yield Digits(id="results-percent")
                yield Static(id="results-points")
            yield Static(id="results-calibration")
            yield Vertical(id="results-misses")
        yield Footer()

    def on_mount(self) -> None:
        results = self.results
        attempt = results.attempt
        score = results.score
        case = self.services.library.owner(attempt.case_id or "")
        what = {"quiz": "Quiz", "retry": "Retry of the misses", "review": "Review", "cram": "Cram"}
        parts = [case.title] if case else []
        parts += [what[attempt.kind], attempt.mode]
        self.sub_title = "Results"
        self.query_one("#results-title", Static).update(Content(" · ".join(parts)).stylize("bold"))
        self.query_one("#results-percent", Digits).update(f"{score.percent:.0f}")
        lines = [
            Content.from_markup("[b]% right[/b]"),
            Content.from_markup(
                "$p of $n points · $missed",
                p=points(score.points),
                n=score.possible,
                missed=f"{len(self.missed)} missed" if self.missed else "nothing missed",
            ),
        ]
        if results.marks is not None:
            answered = sum(1 for line in results.lines if line.saved)
            lines.append(
                Content.from_markup(
                    "Certainty marks [b]$t[/b] (from $lo to $hi possible)",
                    t=signed(results.marks),
                    lo=f"{-6 * answered:g}",
                    hi=f"+{3 * answered:g}",
                )
            )
        self.query_one("#results-points", Static).update(Content("\n").join(lines))
        figure = self.query_one("#results-calibration", Static)
        figure.display = results.calibration is not None
        if results.calibration is not None:
            figure.update(calibration_figure(results.calibration))
        self.query_one("#results-misses", Vertical).mount_all(self._lines(results.lines))
        self.call_after_refresh(self._focus_first)
        self.refresh_bindings()

    def _focus_first(self) -> None:
        items = self.query(ResultItem)
        if items:
            items.first().focus(scroll_visible=False)

    def _lines(self, lines: tuple[ResultLine, ...]) -> list[Static | ResultItem]:
        widgets: list[Static | ResultItem] = []
        if not self.missed:
            widgets.append(Static(Content.from_markup("[b]Every answer was right.[/b] Well done.")))
        else:
            heading = Content.from_markup(
                "[b]What you missed[/b] · press [b]r[/b] to retry the $n missed",
                n=len(self.missed),
            )
            widgets.append(Static(heading, classes="misses-heading"))
        widgets += [ResultItem(line) for line in lines if line.missed]
        if any(not line.missed for line in lines):
            widgets.append(
                Static(Content.from_markup("[b]What you got right[/b]"), classes="misses-heading")
            )
            widgets += [ResultItem(line) for line in lines if not line.missed]
        return widgets

    @property
    def item(self) -> ResultItem | None:
        focused = self.focused
        return focused if isinstance(focused, ResultItem) else None

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def screen_commands(self) -> list[tuple[str, str, object]]:
        if not self.missed:
            return []
        return [
            ("Retry the missed ones", f"{len(self.missed)} questions", self.action_retry_missed)
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_missed":
            return bool(self.missed)
        item = self.item
        if action == "all_choices":
            return bool(item and not item.showing_all and item.line.question.option_feedback())
        if action == "see_case":
            return bool(item and item.line.question.see and item.line.question.case_id)
        return True

    def action_all_choices(self) -> None:
        if (item := self.item) is not None:
            item.show_all_choices()
            self.refresh_bindings()

    def action_see_case(self) -> None:
        if (item := self.item) is not None:
            question = item.line.question
            if question.see and question.case_id:
                self.post_message(asked.CaseRequested(question.case_id, question.see))

    def action_retry_missed(self) -> None:
        try:
            retry = self.services.quizzes.retry_missed(self.results)
        except (StoreError, ValueError) as error:
            self.not_saved(error)
            return
        self.post_message(asked.QuizSessionRequested(retry, replace=True))
