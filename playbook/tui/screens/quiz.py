"""Provides QuizScreen: one question at a time, saved as answered, with feedback in practice.

Practice shows after each answer whether it was right and why; after a miss, `y` marks it
right ("I was right"), `a` shows the feedback of every choice, `g` opens the case at the
section that teaches it. An exam saves each answer but shows nothing until it is submitted:
pgup/pgdn move between questions (answers can be changed), ctrl+f flags one to come back
to, and a review page lists them all before submitting; an optional time limit submits by
itself when it runs out.
"""

from __future__ import annotations

import time

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from playbook.content.questions import Question
from playbook.services.errors import StoreError
from playbook.services.quiz import Feedback, QuizSession, Refused
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen
from playbook.tui.widgets.answer import AnswerWidget
from playbook.tui.widgets.answers import answer_widget
from playbook.tui.widgets.confidence import ConfidenceBar
from playbook.tui.widgets.feedback import all_choices, cbm_line, comes_back, teaching, verdict

KIND_NAMES = {"quiz": "Quiz", "retry": "Retry", "review": "Review", "cram": "Cram"}


def prompt_of(question: Question) -> Content:
    """The prompt as shown: with its date when its wording depends on one."""
    prompt = Content(question.prompt)
    if question.as_of:
        prompt += Content.styled(f"  (as of {question.as_of})", "$foreground-muted")
    return prompt


class QuizScreen(PlaybookScreen):
    """Answer with the keys shown under the question; enter submits, then moves on."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("enter", "next", "Next"),
        Binding("y", "i_was_right", "I was right"),
        Binding("a", "all_choices", "All choices"),
        Binding("g", "see_case", "See in the case"),
        Binding("pageup", "move(-1)", "Previous"),
        Binding("pagedown", "move(1)", "Next question"),
        Binding("ctrl+f", "flag", "Flag"),
        Binding("ctrl+e", "review_page", "Review & submit"),
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
        self.outcome: Feedback | None = None  # what the current question earned (practice)
        self.showing_all = False  # every choice's feedback is showing
        self.reviewing = False  # an exam's review page is showing
        self.pending_submit = False  # submitted before saying how sure: submit once said
        self.shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-top"):
            yield Static(id="quiz-where")
            yield ProgressBar(
                total=len(self.questions), show_eta=False, show_percentage=False, id="quiz-bar"
            )
            yield Static(id="quiz-clock")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-case")
            yield Static(id="quiz-prompt")
            yield Static(id="quiz-hint")
            yield Vertical(id="answer-slot")
            bar = ConfidenceBar(id="confidence")
            bar.display = self.session.asks_confidence
            yield bar
            yield Static(id="quiz-feedback")
        with Vertical(id="quiz-review"):
            yield Static(id="review-heading")
            yield OptionList(id="review-list")
        yield Footer()

    async def on_mount(self) -> None:
        kind, mode = KIND_NAMES[self.attempt.kind], self.attempt.mode
        self.sub_title = f"{kind} · {mode}"
        library = self.services.library
        if self.attempt.case_id and (case := library.owner(self.attempt.case_id)):
            self.sub_title = (
                f"{case.title} · {mode}" if kind == "Quiz" else f"{case.title} · {kind}"
            )
        self.query_one("#quiz-review").display = False
        self.query_one("#quiz-clock").display = self.session.deadline is not None
        if self.session.deadline is not None:
            self.set_interval(1.0, self._tick)
            self._tick()
        if not self.questions:  # every question was removed from the content since
            self.app.notify("These questions are no longer in the content.", title="Quiz")
            self.call_after_refresh(self.app.pop_screen)
            return
        first = self.session.first_unanswered()
        if first is None:
            if self.session.exam and not self.attempt.finished:
                await self.show_question(0)
                self.show_review_page()
            else:
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
        self.revealed = self.pending_submit = self.showing_all = False
        self.outcome = None
        self._show_review(False)
        question = self.question
        self._where()
        self.query_one("#quiz-bar", ProgressBar).update(progress=len(self.session.answers))
        case = self.services.library.owner(question.case_id)
        case_line = self.query_one("#quiz-case", Static)
        case_line.display = self.attempt.case_id is None and case is not None
        case_line.update(Content(case.title if case else ""))
        self.query_one("#quiz-prompt", Static).update(prompt_of(question))
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(question, self.session.order(question))
        await slot.mount(widget)
        saved = self.session.answers.get(question.key)
        bar = self.query_one(ConfidenceBar)
        bar.level, bar.locked = None, False
        if saved is not None and self.session.exam:  # an exam's answer, visited again
            widget.restore(saved.response)
            bar.level = saved.confidence
        self._hint(widget.hint)
        bar.display = self.session.asks_confidence
        bar.remove_class("-wanted")
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.display = False
        self.query_one("#quiz-body").scroll_home(animate=False)
        widget.focus_answer()
        self.shown_at = time.monotonic()
        self.refresh_bindings()

    def _where(self) -> None:
        total = len(self.questions)
        flagged = " ⚑" if self.question.key in self.session.flags else ""
        self.query_one("#quiz-where", Static).update(
            Content.from_markup(
                "Question [b]$n[/b] of $total$flag", n=self.index + 1, total=total, flag=flagged
            )
        )

    def _hint(self, text: str, warning: bool = False) -> None:
        hint = self.query_one("#quiz-hint", Static)
        hint.update(Content(text))
        hint.display = bool(text)
        hint.set_class(warning, "-warning")

    def screen_commands(self) -> list[tuple[str, str, object]]:
        commands = [("Leave the quiz", "Answers so far are saved; resume later", self.action_leave)]
        if self.session.exam:
            commands.append(
                (
                    "Review and submit",
                    "Every question, answered or flagged",
                    self.action_review_page,
                )
            )
        return commands

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        exam = self.session.exam
        if action == "submit":
            return not self.revealed and not self.reviewing
        if action == "next":
            return self.revealed and not self.reviewing
        if action == "confidence":
            return self.session.asks_confidence and not self.revealed and not self.reviewing
        if action == "i_was_right":
            return bool(self.revealed and self.outcome and self.session.can_override(self.question))
        if action == "all_choices":
            return self.revealed and bool(self.question.option_feedback())
        if action == "see_case":
            return self.revealed and bool(self.question.see and self.question.case_id)
        if action in ("move", "flag", "review_page"):
            return exam and not self.reviewing if action != "review_page" else exam
        return True

    # -- answering -------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A click on the prompt or the margin focuses the scrolling body; while the
        # question is open, hand focus back so number keys keep answering.
        if event.widget.id == "quiz-body" and not self.revealed and not self.reviewing:
            self.answer.focus_answer()

    def on_answer_widget_changed(self, event: AnswerWidget.Changed) -> None:
        # A change can arrive after the submit that followed it (keys typed fast, or a
        # paste): the question is answered by then, and its hint stays cleared.
        if not self.revealed and event.widget is self.answer:
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
        if self.revealed or self.reviewing:
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
            if self.session.time_is_up:
                self.finish()
            return
        self.pending_submit = False
        if not self.practice:
            self.call_after_refresh(self.action_next)
            return
        self.outcome = outcome
        self._reveal(outcome)

    def _reveal(self, outcome: Feedback) -> None:
        self.revealed = True
        grade = outcome.grade
        self.query_one("#quiz-bar", ProgressBar).update(progress=len(self.session.answers))
        self.answer.reveal(grade)
        bar = self.query_one(ConfidenceBar)
        bar.locked = True
        if bar.display:
            bar.display = False  # the certainty mark below says which level was chosen
        self._feedback(outcome)
        self.call_after_refresh(self.query_one("#quiz-feedback").scroll_visible, animate=False)
        self._hint("")
        # Focus stays on the (now locked) answer: enter reaches the screen's "next" either way,
        # and moving focus would restyle the whole screen (half of a submit's time).
        self.refresh_bindings()

    def _feedback(self, outcome: Feedback) -> None:
        question, grade, saved = outcome.question, outcome.grade, outcome.saved
        parts = [verdict(grade)]
        if saved.overridden:
            parts.append(Content.styled("Marked right by you.", "bold $success"))
        if saved.confidence is not None:
            parts.append(cbm_line(saved.cbm_mark, saved.confidence, grade.score))
        parts.append(teaching(question, grade, outcome.stage_title, rows_shown=True))
        if self.showing_all:
            parts.append(all_choices(question))
        if outcome.next_due is not None:
            parts.append(comes_back(outcome.next_due, self.services.clock()))
        keys = []
        if self.session.can_override(question):
            keys.append("[b]y[/b] if you were right after all")
        if question.option_feedback() and not self.showing_all:
            keys.append("[b]a[/b] for every choice's feedback")
        if question.see:
            keys.append("[b]g[/b] to see it in the case")
        last = self.index == len(self.questions) - 1
        keys.append(f"[b]enter[/b] for {'your results' if last else 'the next question'}")
        parts.append(Content.from_markup("[dim]Press " + " · ".join(keys) + ".[/]"))
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(Content("\n").join(parts))
        feedback.set_class(grade.correct, "-right")
        feedback.set_class(0 < grade.score < 1, "-partial")
        feedback.display = True

    def action_i_was_right(self) -> None:
        if not self.revealed or self.outcome is None:
            return
        try:
            self.outcome = self.session.override(self.question)
        except (StoreError, ValueError) as error:
            self.not_saved(error)
            return
        self._feedback(self.outcome)
        self.refresh_bindings()

    def action_all_choices(self) -> None:
        if self.revealed and self.outcome is not None and not self.showing_all:
            self.showing_all = True
            self._feedback(self.outcome)
            self.refresh_bindings()

    def action_see_case(self) -> None:
        question = self.question
        if question.see and question.case_id:
            self.post_message(asked.CaseRequested(question.case_id, question.see))

    async def action_next(self) -> None:
        if self.session.exam:
            following = next(
                (
                    i
                    for i in range(self.index + 1, len(self.questions))
                    if self.questions[i].key not in self.session.answers
                ),
                None,
            )
            if following is None:
                self.show_review_page()
            else:
                await self.show_question(following)
            return
        if self.index + 1 < len(self.questions):
            await self.show_question(self.index + 1)
        else:
            self.finish()

    # -- an exam: moving about, flags, the review page, the clock -----------------

    async def action_move(self, step: int) -> None:
        target = self.index + step
        if 0 <= target < len(self.questions):
            await self.show_question(target)
        elif target >= len(self.questions):
            self.show_review_page()

    def action_flag(self) -> None:
        question = self.question
        flagged = question.key not in self.session.flags
        try:
            self.session.flag(question, flagged)
        except StoreError as error:
            self.not_saved(error)
            return
        self._where()
        self.notify(
            "Flagged: it is marked on the review page." if flagged else "Flag taken off.",
            title=f"Question {self.index + 1}",
        )

    def action_review_page(self) -> None:
        if self.reviewing:
            self.action_submit_exam()
        else:
            self.show_review_page()

    def _show_review(self, on: bool) -> None:
        self.reviewing = on
        self.query_one("#quiz-body").display = not on
        self.query_one("#quiz-review").display = on

    def show_review_page(self) -> None:
        """Every question with whether it is answered and flagged; enter goes back to one,
        ctrl+e submits."""
        self._show_review(True)
        self.query_one("#quiz-where", Static).update(Content.styled("Review and submit", "bold"))
        answered = self.session.answers
        missing = sum(1 for q in self.questions if q.key not in answered)
        flagged = sum(1 for q in self.questions if q.key in self.session.flags)
        self.query_one("#review-heading", Static).update(
            Content.from_markup(
                "[b]Before you submit[/b]: $a of $n answered$miss$flag. Enter opens a question; "
                "[b]ctrl+e[/b] submits the exam.",
                a=len(self.questions) - missing,
                n=len(self.questions),
                miss=f", {missing} not yet" if missing else "",
                flag=f", {flagged} flagged" if flagged else "",
            )
        )
        listing = self.query_one("#review-list", OptionList)
        listing.clear_options()
        for number, question in enumerate(self.questions, start=1):
            state = "✓ answered" if question.key in answered else "○ not answered"
            flag = "  ⚑ flagged" if question.key in self.session.flags else ""
            listing.add_option(
                Option(
                    Content.assemble(
                        (f"{number:>2}. ", "bold"),
                        Content(question.prompt),
                        ("\n    " + state + flag, "$foreground-muted"),
                    ),
                    id=str(number - 1),
                )
            )
        listing.highlighted = 0
        listing.focus()
        self.refresh_bindings()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "review-list" and event.option.id is not None:
            await self.show_question(int(event.option.id))

    def action_submit_exam(self) -> None:
        missing = sum(1 for q in self.questions if q.key not in self.session.answers)
        if not missing:
            self.finish()
            return
        from playbook.tui.dialogs.confirm import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.finish()

        self.app.push_screen(
            ConfirmDialog(
                "Submit the exam?",
                f"{missing} question{'s are' if missing != 1 else ' is'} not answered yet "
                "and will count as missed.",
                yes="Submit it",
                no="Go back",
            ),
            confirmed,
        )

    def _tick(self) -> None:
        left = self.session.seconds_left()
        if left is None:
            return
        minutes, seconds = divmod(left, 60)
        clock = self.query_one("#quiz-clock", Static)
        clock.update(Content.styled(f"{minutes}:{seconds:02d} left", "bold"))
        clock.set_class(left <= 60, "-warning")
        if left <= 0 and not self.attempt.finished:
            self.notify("Time is up: the exam is submitted.", title="Exam")
            self.finish()

    # -- the end -----------------------------------------------------------------

    def finish(self) -> None:
        if self.session.attempt.finished and self.session.exam:
            return
        self.query_one("#quiz-bar", ProgressBar).update(progress=len(self.questions))
        try:
            self.session.finish()
        except StoreError as error:
            self.not_saved(error)
            return
        self.attempt = self.session.attempt
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
