"""Provides QuizStartDialog: practice or exam, with or without confidence, an exam's time
limit, or resume."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Checkbox, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.content.cases import Bank, Case
from playbook.services.records import Attempt
from playbook.tui.base import PlaybookDialog


@dataclass(frozen=True)
class QuizChoice:
    mode: str = "practice"
    confidence: bool = False
    resume: bool = False
    time_limit: int | None = None  # seconds, for an exam


TIME_LIMITS: tuple[int | None, ...] = (None, 5 * 60, 10 * 60, 15 * 60, 20 * 60, 30 * 60)


def limit_words(limit: int | None) -> str:
    return "none" if limit is None else f"{limit // 60} minutes"


class QuizStartDialog(PlaybookDialog[QuizChoice | None]):
    """p practice, e exam, r resume, c toggles "how sure", t sets an exam's time limit;
    enter takes the highlighted one."""

    CSS_PATH = "quiz_start.tcss"
    BINDINGS = [
        Binding("p", "start('practice')", "Practice"),
        Binding("e", "start('exam')", "Exam"),
        Binding("r", "resume", "Resume"),
        Binding("c", "toggle_confidence", "How sure"),
        Binding("t", "time_limit", "Time limit"),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, case: Case | Bank, resumable: Attempt | None) -> None:
        super().__init__()
        self.case = case
        self.resumable = resumable
        self.time_limit: int | None = None

    def compose(self) -> ComposeResult:
        kinds = len({q.type for q in self.case.questions})
        with Vertical(id="start-box"):
            yield Label(Content.assemble("Quiz: ", self.case.title), id="start-title")
            help_text = (
                "You left this quiz half way: r picks it up, p or e start afresh."
                if self.resumable is not None
                else "Every answer is saved as you give it."
            )
            yield Static(
                f"{len(self.case.questions)} questions of {kinds} kinds. {help_text}",
                id="start-help",
            )
            options = []
            if self.resumable is not None:
                done = self.resumable.position
                options.append(
                    Option(
                        Content.from_markup(
                            "[b]r  Resume[/b] at question $n of $total ($mode)",
                            n=min(done + 1, len(self.resumable.keys)),
                            total=len(self.resumable.keys),
                            mode=self.resumable.mode,
                        ),
                        id="resume",
                    )
                )
            options += [
                Option(
                    Content.from_markup("[b]p  Practice[/b]: feedback after each question"),
                    id="practice",
                ),
                Option(
                    Content.from_markup("[b]e  Exam[/b]: score and feedback at the end"),
                    id="exam",
                ),
            ]
            yield OptionList(*options, id="start-modes")
            yield Checkbox("c  Ask how sure I am of each answer", id="start-confidence")
            yield Static(
                "Certainty-based marking: a sure right answer earns 3, a sure wrong one "
                "costs 6; unsure answers risk less.",
                id="start-cbm",
            )
            yield Static(self._limit_line(), id="start-limit")

    def on_mount(self) -> None:
        self.query_one("#start-modes", OptionList).focus()
        if self.resumable is not None:
            self.query_one("#start-confidence", Checkbox).value = self.resumable.confidence

    @property
    def confidence(self) -> bool:
        return self.query_one("#start-confidence", Checkbox).value

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "resume":
            self.action_resume()
        else:
            self.action_start(event.option.id or "practice")

    def action_start(self, mode: str) -> None:
        limit = self.time_limit if mode == "exam" else None
        self.dismiss(QuizChoice(mode=mode, confidence=self.confidence, time_limit=limit))

    def _limit_line(self) -> Content:
        return Content.from_markup(
            "[b]t[/b]  Exam time limit: [b]$limit[/b] (the exam submits itself when it runs out)",
            limit=limit_words(self.time_limit),
        )

    def action_time_limit(self) -> None:
        """Cycle the exam's time limit: none, 5, 10, 15, 20, 30 minutes."""
        at = TIME_LIMITS.index(self.time_limit)
        self.time_limit = TIME_LIMITS[(at + 1) % len(TIME_LIMITS)]
        self.query_one("#start-limit", Static).update(self._limit_line())

    def action_resume(self) -> None:
        if self.resumable is not None:
            self.dismiss(QuizChoice(self.resumable.mode, self.resumable.confidence, resume=True))

    def action_toggle_confidence(self) -> None:
        self.query_one("#start-confidence", Checkbox).toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.resumable is not None
        return True
