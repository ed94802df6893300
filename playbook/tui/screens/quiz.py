"""Provides QuizScreen: one question at a time, saved as answered, with feedback in practice."""

from __future__ import annotations

import time

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, ProgressBar, Static

from playbook.content.questions import Question
from playbook.services.errors import StoreError
from playbook.services.quiz import Feedback, QuizSession, Refused
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen
from playbook.tui.widgets.answer import AnswerWidget
from playbook.tui.widgets.answers import answer_widget
from playbook.tui.widgets.confidence import ConfidenceBar
from playbook.tui.widgets.feedback import cbm_line, teaching, verdict

KIND_NAMES = {"quiz": "Quiz", "retry": "Retry", "review": "Review", "cram": "Cram"}


class QuizScreen(PlaybookScreen):
    """Answer with the keys shown under the question; enter submits, then moves on."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("enter", "next", "Next"),
        Binding("l", "confidence('low')", "Low", show=False),
        Binding("m", "confidence('medium')", "Medium", show=False),
        Binding("h", "confidence('high')", "High", show=False),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.attempt = session.attempt
        self.questions: list[Question] = session.questions
        self.index = 0
        self.revealed = False  # practice: the feedback of the current question is showing
        self.pending_submit = False  # submitted before saying how sure: submit once said
        self.shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-top"):
            yield Static(id="quiz-where")
            yield ProgressBar(
                total=len(self.questions), show_eta=False, show_percentage=False, id="quiz-bar"
            )
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-case")
            yield Static(id="quiz-prompt")
            yield Static(id="quiz-hint")
            yield Vertical(id="answer-slot")
            bar = ConfidenceBar(id="confidence")
            bar.display = self.session.asks_confidence
            yield bar
            yield Static(id="quiz-feedback")
        yield Footer()

    async def on_mount(self) -> None:
        kind, mode = KIND_NAMES[self.attempt.kind], self.attempt.mode
        self.sub_title = f"{kind} · {mode}"
        library = self.services.library
        if self.attempt.case_id and (case := library.cases.get(self.attempt.case_id)):
            self.sub_title = (
                f"{case.title} · {mode}" if kind == "Quiz" else f"{case.title} · {kind}"
            )
        if not self.questions:  # every question was removed from the content since
            self.app.notify("These questions are no longer in the content.", title="Quiz")
            self.call_after_refresh(self.app.pop_screen)
            return
        first = self.session.first_unanswered()
        if first is None:
            self.call_after_refresh(self.finish)
            return
        await self.show_question(first)

    @property
    def practice(self) -> bool:
        return self.session.practice

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    @property
    def answer(self) -> AnswerWidget:
        return self.query_one("#answer", AnswerWidget)

    async def show_question(self, index: int) -> None:
        self.index = index
        self.revealed = self.pending_submit = False
        question = self.question
        total = len(self.questions)
        self.query_one("#quiz-where", Static).update(
            Content.from_markup("Question [b]$n[/b] of $total", n=index + 1, total=total)
        )
        self.query_one("#quiz-bar", ProgressBar).update(progress=index)
        case = self.services.library.cases.get(question.case_id)
        case_line = self.query_one("#quiz-case", Static)
        case_line.display = self.attempt.case_id is None and case is not None
        case_line.update(Content(case.title if case else ""))
        self.query_one("#quiz-prompt", Static).update(Content(question.prompt))
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(question, self.session.order(question))
        await slot.mount(widget)
        self._hint(widget.hint)
        bar = self.query_one(ConfidenceBar)
        bar.level, bar.locked = None, False
        bar.display = self.session.asks_confidence
        bar.remove_class("-wanted")
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.display = False
        self.query_one("#quiz-body").scroll_home(animate=False)
        widget.focus_answer()
        self.shown_at = time.monotonic()
        self.refresh_bindings()

    def _hint(self, text: str, warning: bool = False) -> None:
        hint = self.query_one("#quiz-hint", Static)
        hint.update(Content(text))
        hint.display = bool(text)
        hint.set_class(warning, "-warning")

    def screen_commands(self) -> list[tuple[str, str, object]]:
        return [("Leave the quiz", "Answers so far are saved; resume later", self.action_leave)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return not self.revealed
        if action == "next":
            return self.revealed
        if action == "confidence":
            return self.session.asks_confidence and not self.revealed
        return True

    # -- answering -------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A click on the prompt or the margin focuses the scrolling body; while the
        # question is open, hand focus back so number keys keep answering.
        if event.widget.id == "quiz-body" and not self.revealed and self.questions:
            self.answer.focus_answer()

    def on_answer_widget_changed(self, event: AnswerWidget.Changed) -> None:
        self._hint(event.widget.hint)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.revealed:
            self.action_submit()

    def action_confidence(self, level: str) -> None:
        self.query_one(ConfidenceBar).action_choose(level)

    def on_confidence_bar_chosen(self, event: ConfidenceBar.Chosen) -> None:
        if self.pending_submit:
            self.action_submit()

    def action_submit(self) -> None:
        if self.revealed:
            return
        widget, question = self.answer, self.question
        response = widget.response
        if response is None:
            self._hint(widget.missing(), warning=True)
            widget.focus_answer()
            return
        bar = self.query_one(ConfidenceBar)
        confidence = bar.level if self.session.asks_confidence else None
        if self.session.asks_confidence and confidence is None:
            self.pending_submit = True
            bar.add_class("-wanted")
            bar.focus()
            self._hint("How sure are you? Press l (low), m (medium) or h (high).", warning=True)
            return
        seconds = round(time.monotonic() - self.shown_at, 1)
        try:
            outcome = self.session.answer(question, response, confidence, seconds)
        except StoreError as error:
            self.not_saved(error)
            return
        if isinstance(outcome, Refused):
            self._hint(outcome.reason, warning=True)
            widget.focus_answer()
            return
        self.pending_submit = False
        if not self.practice:
            self.call_after_refresh(self.action_next)
            return
        self._reveal(outcome)

    def _reveal(self, outcome: Feedback) -> None:
        self.revealed = True
        question, grade = outcome.question, outcome.grade
        widget = self.answer
        self.query_one("#quiz-bar", ProgressBar).update(progress=self.index + 1)
        widget.reveal(grade)
        bar = self.query_one(ConfidenceBar)
        bar.locked = True
        if bar.display:
            bar.display = False  # the certainty mark below says which level was chosen
        parts = [verdict(grade)]
        if outcome.saved.confidence is not None:
            parts.append(cbm_line(outcome.saved.cbm_mark, outcome.saved.confidence, grade.score))
        parts.append(teaching(question, grade, outcome.stage_title, rows_shown=True))
        last = self.index == len(self.questions) - 1
        parts.append(
            Content.from_markup(
                "[dim]Press [b]enter[/b] for $next.[/]",
                next="your results" if last else "the next question",
            )
        )
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(Content("\n").join(parts))
        feedback.set_class(grade.correct, "-right")
        feedback.set_class(0 < grade.score < 1, "-partial")
        feedback.display = True
        self._hint("")
        # Focus stays on the (now locked) answer: enter reaches the screen's "next" either way,
        # and moving focus would restyle the whole screen (half of a submit's time).
        self.call_after_refresh(feedback.scroll_visible, animate=False)
        self.refresh_bindings()

    async def action_next(self) -> None:
        if self.index + 1 < len(self.questions):
            await self.show_question(self.index + 1)
        else:
            self.finish()

    def finish(self) -> None:
        self.query_one("#quiz-bar", ProgressBar).update(progress=len(self.questions))
        try:
            self.session.finish()
        except StoreError as error:
            self.not_saved(error)
            return
        self.post_message(asked.ResultsRequested(self.session, replace=True))

    def action_leave(self) -> None:
        self.app.pop_screen()
        answered = len(self.session.answers)
        if answered and self.attempt.kind in ("quiz", "retry"):
            self.app.notify(
                f"{answered} of {len(self.questions)} answers saved: take the quiz again "
                "to resume where you left off.",
                title="Saved",
            )
