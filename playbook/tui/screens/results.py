"""Provides ResultsScreen: score, certainty marks, calibration, and every miss explained."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, Static

from playbook.domain.quiz import (
    CONFIDENCE_LEVELS,
    Calibration,
    calibration,
    describe_response,
    grade,
    summarize,
)
from playbook.store.db import StoreError
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


class ResultsScreen(Screen):
    """What the attempt scored and what to learn from each miss."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("r", "retry_missed", "Retry missed"),
        Binding("s", "app.open_stats", "Stats"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, attempt_id: int) -> None:
        super().__init__()
        self.attempt_id = attempt_id
        self.missed: list[str] = []

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
        store, library = self.app.store.quiz, self.app.library
        attempt = store.attempt(self.attempt_id)
        if attempt is None:
            return
        self.attempt = attempt
        saved = store.answers(attempt.id)
        questions = [q for key in attempt.keys if (q := library.question(key))]
        graded = {q.key: grade(q, saved[q.key].response) for q in questions if q.key in saved}
        score = summarize(graded.values())
        case = library.cases.get(attempt.case_id or "")
        what = {"quiz": "Quiz", "retry": "Retry of the misses", "review": "Review", "cram": "Cram"}
        parts = [case.title] if case else []
        parts += [what[attempt.kind], attempt.mode]
        self.sub_title = "Results"
        self.query_one("#results-title", Static).update(Content(" · ".join(parts)).stylize("bold"))
        self.query_one("#results-percent", Digits).update(f"{score.percent:.0f}")
        self.missed = [q.key for q in questions if q.key in graded and not graded[q.key].correct]
        lines = [
            Content.from_markup("[b]% right[/b]"),
            Content.from_markup(
                "$p of $n points · $missed",
                p=points(score.points),
                n=score.possible,
                missed=f"{len(self.missed)} missed" if self.missed else "nothing missed",
            ),
        ]
        if attempt.confidence:
            marks = [saved[k].cbm_mark for k in graded]
            total = sum(marks)
            lines.append(
                Content.from_markup(
                    "Certainty marks [b]$t[/b] (from $lo to $hi possible)",
                    t=signed(total),
                    lo=f"{-6 * len(marks):g}",
                    hi=f"+{3 * len(marks):g}",
                )
            )
        self.query_one("#results-points", Static).update(Content("\n").join(lines))
        figure = self.query_one("#results-calibration", Static)
        figure.display = attempt.confidence
        if attempt.confidence:
            figure.update(
                calibration_figure(
                    calibration((saved[k].score, saved[k].confidence) for k in graded)
                )
            )
        self.query_one("#results-misses", Vertical).mount_all(
            self._misses(questions, graded, saved)
        )
        self.refresh_bindings()

    def _misses(self, questions, graded, saved) -> list[Static]:
        if not self.missed:
            return [Static(Content.from_markup("[b]Every answer was right.[/b] Well done."))]
        heading = Content.from_markup(
            "[b]What you missed[/b] · press [b]r[/b] to retry the $n missed", n=len(self.missed)
        )
        widgets = [Static(heading, classes="misses-heading")]
        stages = self.app.library.stages
        for number, question in enumerate(questions, start=1):
            if question.key not in self.missed:
                continue
            result = graded[question.key]
            stage = stages.get(question.stage)
            mark = "◐" if result.score > 0 else "✗"
            style = "$warning" if result.score > 0 else "$error"
            title = Content.assemble((f"{mark} ", f"bold {style}"), (f"{number}. ", "bold"))
            title += Content(question.prompt).stylize("bold")
            if result.score > 0:
                title += Content.styled(f"  ({result.score:.0%} right)", style)
            answer = describe_response(question, saved[question.key].response)
            widgets.append(Static(title, classes="miss-title"))
            widgets.append(
                Static(
                    teaching(question, result, stage.title if stage else "", answer_line=answer),
                    classes="miss-detail",
                )
            )
        return widgets

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
        from playbook.tui.screens.quiz import QuizScreen

        attempt = self.attempt
        try:
            retry = self.app.store.quiz.start_attempt(
                attempt.profile_id,
                self.missed,
                case_id=attempt.case_id,
                mode=attempt.mode,
                kind="cram" if attempt.kind == "cram" else "retry",
                confidence=attempt.confidence,
            )
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.app.switch_screen(QuizScreen(retry))
