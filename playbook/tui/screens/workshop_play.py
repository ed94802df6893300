"""Provides ParticipantScreen: wait, answer with the quiz widgets, and see the reveal."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Static

from playbook.content.questions import Grade, Question, shuffled_orders
from playbook.domain.workshop import Phase, display_code, expire
from playbook.services.errors import StoreError, WorkshopError
from playbook.services.workshop import HEARTBEAT_SECONDS, ParticipantRoom, ParticipantView
from playbook.tui.live import LiveScreen
from playbook.tui.widgets.answer import AnswerWidget
from playbook.tui.widgets.answers import answer_widget
from playbook.tui.widgets.confidence import ConfidenceBar
from playbook.tui.widgets.feedback import teaching, verdict
from playbook.tui.widgets.workshop_view import chart, countdown


class ParticipantScreen(LiveScreen):
    """Follows the facilitator: a waiting view, the question, "received", then the reveal."""

    CSS_PATH = "workshop_play.tcss"
    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("l", "confidence('low')", "Low", show=False),
        Binding("m", "confidence('medium')", "Medium", show=False),
        Binding("h", "confidence('high')", "High", show=False),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, room: ParticipantRoom) -> None:
        super().__init__()
        self.room = room
        self.me = room.me
        self.view: ParticipantView | None = None
        self.shown: tuple | None = None  # what the body shows: (item, phase, answered)
        self.asking: int | None = None  # the item whose answer widget is mounted
        self._beat_at: datetime | None = None  # when we last said we are still here

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="play-top"):
            yield Static(id="play-where")
            yield Static(id="play-me")
        with VerticalScroll(id="play-body"):
            yield Static(id="play-status")
            yield Static(id="play-prompt")
            yield Static(id="play-hint")
            yield Vertical(id="answer-slot")
            yield ConfidenceBar(id="confidence")
            yield Static(id="play-result")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Workshop {display_code(self.me.code)}"
        self.query_one(ConfidenceBar).display = False
        self._beat_at = self.services.clock()
        self.start_live()

    def screen_commands(self) -> list[tuple[str, str, object]]:
        return [("Leave the workshop", "Rejoin later with the same name", self.action_leave)]

    @property
    def answering(self) -> bool:
        view = self.view
        return bool(
            view
            and view.item is not None
            and view.item.is_question
            and view.session.phase is Phase.OPEN
            and view.mine is None
            # a question this app's content lacks cannot be answered here (see draw)
            and self.services.library.question(view.item.ref) is not None
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("submit", "confidence"):
            return self.answering
        if action == "leave":
            return not self.host.participant_mode
        return True

    # -- following the session ----------------------------------------------------------

    def load(self) -> ParticipantView:
        """In a worker: what this participant may see now, and a heartbeat when due."""
        view = self.room.view()
        at_item = None if view.session.phase is Phase.LOBBY else view.session.index
        self.room.heartbeat(at_item)
        return view

    def show(self, view: ParticipantView) -> None:
        if self.view is not None and view.visible() == self.view.visible():
            return  # nothing this participant can see changed
        self.view = view
        self._top(view)
        state = (view.session.index, view.session.phase, view.mine is not None)
        if state != self.shown:
            self.shown = state
            self.call_later(self.show_body, view)
        else:
            self.tick()

    def show_error(self, error: Exception) -> None:
        self._status(Content(str(error)), "-warning")

    def tick(self) -> None:
        view = self.view
        now = self.services.clock()
        beat = self._beat_at
        if view is not None and beat and (now - beat).total_seconds() >= HEARTBEAT_SECONDS:
            # Still here: a quiet room writes nothing else, and the dashboard would call us away.
            self._beat_at = now
            self.reload()
            return
        if view is not None and view.session.phase is Phase.OPEN:
            if expire(view.session, now).phase is not Phase.OPEN:
                self.reload()  # time is up: show "closed" without waiting for the dashboard
                return
            if view.mine is None:
                self._status(countdown(view.session, now))

    def order(self, question: Question) -> tuple[str, ...]:
        """The room sees one order per item, so the projector and every screen agree."""
        seed = f"{self.me.code}:{self.view.session.index if self.view else 0}"
        return shuffled_orders([question], seed).get(question.key, ())

    def _top(self, view: ParticipantView) -> None:
        s = view.session
        if s.phase is Phase.LOBBY:
            where = Content.assemble((view.workshop.title, "bold"), f" · {view.people} joined")
        else:
            where = Content.assemble(
                (view.workshop.title, "bold"), f" · item {s.index + 1} of {s.item_count}"
            )
        self.query_one("#play-where", Static).update(where)
        me = Content(self.me.name + (f" ({self.me.team})" if self.me.team else ""))
        score = f" · {view.my_points:,} points" + (
            f" · rank {view.my_rank}" if view.my_rank and view.my_points else ""
        )
        key = Content.styled(f" · rejoin key {self.me.rejoin_key}", "$text-muted")
        self.query_one("#play-me", Static).update(Content.assemble(me, score, key))

    def _status(self, text: Content, cls: str = "") -> None:
        status = self.query_one("#play-status", Static)
        status.update(text)
        status.set_classes(cls)

    async def show_body(self, view: ParticipantView) -> None:
        """Draw the body for the phase we are in (the answer widget only while answering)."""
        s, item = view.session, view.item
        prompt = self.query_one("#play-prompt", Static)
        result = self.query_one("#play-result", Static)
        bar = self.query_one(ConfidenceBar)
        hint = self.query_one("#play-hint", Static)
        result.display = False
        question = self.services.library.question(item.ref) if item and item.is_question else None
        if not self.answering and self.asking is not None:
            await self.query_one("#answer-slot").remove_children()
            self.asking = None
            bar.display = hint.display = False
        self.query_one("#answer-slot").display = self.answering
        if s.phase is Phase.LOBBY:
            self._status(Content.from_markup("[b]You're in.[/b] The workshop starts soon."))
            prompt.update(Content.styled("Keep this window open: questions appear here.", "dim"))
            return
        if s.phase is Phase.ENDED:
            rank = f", rank {view.my_rank}" if view.my_rank else ""
            self._status(Content.from_markup("[b]The workshop has ended.[/b] Thank you!"))
            prompt.update(Content(f"You scored {view.my_points:,} points{rank}."))
            return
        if item is None:
            return
        if not item.is_question:
            self._discussion(item.ref)
            return
        prompt.update(Content(question.prompt if question else item.title))
        if question is None:
            self._status(Content("This question is not in this app's content."), "-warning")
            return
        if self.answering:
            if self.asking != s.index:
                await self._ask(question, view)
            self._status(countdown(s, self.services.clock()))
            return
        if view.mine is not None and s.phase is not Phase.REVEALED:
            answer = question.describe(view.mine.response)
            self._status(
                Content.from_markup("[b $success]✓ Answer received.[/] Wait for the reveal.")
            )
            result.update(Content.from_markup("[b]Your answer:[/b] $a", a=answer))
            result.display = True
            return
        if s.phase is Phase.REVEALED:
            self._reveal(question, view)
            return
        text = "Get ready: answering opens soon." if s.phase is Phase.WAITING else ""
        self._status(Content(text or "Answering is closed for this question."))

    async def _ask(self, question, view: ParticipantView) -> None:
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(question, self.order(question))
        await slot.mount(widget)
        self.asking = view.session.index
        hint = self.query_one("#play-hint", Static)
        hint.update(Content(widget.hint + " · l/m/h: how sure (optional)"))
        hint.display = True
        hint.remove_class("-warning")
        bar = self.query_one(ConfidenceBar)
        bar.level, bar.locked, bar.display = None, False, True
        widget.focus_answer()
        self.refresh_bindings()

    def _discussion(self, stage_id: str) -> None:
        stage = self.services.library.stages.get(stage_id)
        self._status(Content.from_markup("[b]Discussion[/b]: talk it over with your neighbours."))
        lines = [Content.styled(stage.title if stage else stage_id, "bold")]
        for prompt in stage.discussion if stage else ():
            lines.append(Content.assemble("• ", Content(prompt.prompt)))
        self.query_one("#play-prompt", Static).update(Content("\n").join(lines))

    def _reveal(self, question, view: ParticipantView) -> None:
        parts: list[Content] = []
        if view.mine is None:
            parts.append(Content.styled("You did not answer this one.", "bold $warning"))
            parts.append(Content.from_markup("[b]Right answer:[/b] $a", a=question.right_answer()))
            parts.append(Content.from_markup("[b]Why:[/b] $e", e=question.explanation))
        else:
            mine = view.mine
            result = Grade(mine.score, mine.feedback, question.right_answer(), question.explanation)
            parts.append(Content.assemble(verdict(result), f"  +{mine.points:,} points"))
            stage = self.services.library.stages.get(question.stage)
            parts.append(
                teaching(
                    question,
                    result,
                    stage.title if stage else "",
                    answer_line=question.describe(mine.response),
                )
            )
        if view.distribution:
            parts += [
                Content.styled("The room answered:", "bold"),
                chart(
                    view.distribution,
                    self._chart_width(),
                    question.right_labels(),
                    people=view.answered,
                ),
            ]
        self._status(Content.from_markup("[b]The answer is revealed.[/b]"))
        result_widget = self.query_one("#play-result", Static)
        result_widget.update(Content("\n").join(parts))
        result_widget.display = True

    def _chart_width(self) -> int:
        width = min(110, self.query_one("#play-body").size.width) - 6
        return width if width > 20 else 60

    # -- answering ----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_confidence(self, level: str) -> None:
        self.query_one(ConfidenceBar).action_choose(level)

    def action_submit(self) -> None:
        view = self.view
        if not self.answering or view is None or view.item is None:
            return
        widget = self.query_one(AnswerWidget)
        response = widget.response
        hint = self.query_one("#play-hint", Static)
        if response is None:
            hint.update(Content(widget.missing()))
            hint.add_class("-warning")
            widget.focus_answer()
            return
        try:
            self.room.answer(response, self.query_one(ConfidenceBar).level)
        except (WorkshopError, StoreError, ValueError) as error:
            self.notify(str(error), title="Not saved", severity="warning", markup=False)
        self.reload()

    def action_leave(self) -> None:
        if not self.host.participant_mode:
            self.app.pop_screen()
