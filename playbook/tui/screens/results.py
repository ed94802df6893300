"""Provides ResultsScreen: score, certainty marks, calibration, and every miss explained."""

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
from playbook.tui.widgets.feedback import points, signed, teaching


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


class ResultsScreen(PlaybookScreen):
    """What the attempt scored and what to learn from each question, the misses first."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("r", "retry_missed", "Retry missed"),
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
        case = self.services.library.cases.get(attempt.case_id or "")
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
        self.refresh_bindings()

    def _lines(self, lines: tuple[ResultLine, ...]) -> list[Static]:
        widgets: list[Static] = []
        if not self.missed:
            widgets.append(Static(Content.from_markup("[b]Every answer was right.[/b] Well done.")))
        else:
            heading = Content.from_markup(
                "[b]What you missed[/b] · press [b]r[/b] to retry the $n missed",
                n=len(self.missed),
            )
            widgets.append(Static(heading, classes="misses-heading"))
        for line in lines:
            if not line.missed:
                continue
            widgets += self._line(line)
        if any(not line.missed for line in lines):
            widgets.append(
                Static(Content.from_markup("[b]What you got right[/b]"), classes="misses-heading")
            )
            for line in lines:
                if not line.missed:
                    widgets += self._line(line)
        return widgets

    def _line(self, line: ResultLine) -> list[Static]:
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
            title += Content.styled("  (marked right by you)", "$text-muted")
        answer = question.describe(line.saved.response if line.saved else None)
        return [
            Static(title, classes="miss-title"),
            Static(
                teaching(question, result, line.stage_title, answer_line=answer),
                classes="miss-detail",
            ),
        ]

    def screen_commands(self) -> list[tuple[str, str, object]]:
        if not self.missed:
            return []
        return [
            ("Retry the missed ones", f"{len(self.missed)} questions", self.action_retry_missed)
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_missed":
            return bool(self.missed)
        return True

    def action_retry_missed(self) -> None:
        try:
            retry = self.services.quizzes.retry_missed(self.results)
        except (StoreError, ValueError) as error:
            self.not_saved(error)
            return
        self.post_message(asked.QuizSessionRequested(retry, replace=True))
