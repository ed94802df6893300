"""Provides ParticipantScreen: wait, answer with the quiz widgets, and see the reveal.

It follows a room on this machine's database or one served elsewhere (`playbook join URL`)
alike: everything it shows comes from the room's ParticipantView, never from the content.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Static

from playbook.content.questions import Grade
from playbook.domain.workshop import (
    CERTAINTY_LEVELS,
    Phase,
    certainty_points,
    display_code,
    expire,
    plural,
)
from playbook.services.workshop import HEARTBEAT_SECONDS, display_key
from playbook.services.workshop_views import Card, ParticipantView
from playbook.tui import messages as asked
from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.live import LiveScreen
from playbook.tui.widgets.answer import AnswerWidget
from playbook.tui.widgets.answers import answer_widget
from playbook.tui.widgets.confidence import ConfidenceBar
from playbook.tui.widgets.feedback import verdict
from playbook.tui.widgets.text_answer import TextAnswer
from playbook.tui.widgets.workshop_view import answers, countdown, podium, teams


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

    def __init__(self, room) -> None:
        super().__init__()
        self.room = room  # a ParticipantRoom, or a RemoteParticipantRoom
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
        bar = self.query_one(ConfidenceBar)
        bar.display = False
        bar.marks = {level: certainty_points(level) for level in CERTAINTY_LEVELS}
        self._beat_at = self.now()
        self.start_live()

    def screen_commands(self) -> list[tuple[str, str, object]]:
        return [("Leave the workshop", "Rejoin later with the same name", self.action_leave)]

    @property
    def answering(self) -> bool:
        return bool(self.view and self.view.answering)

    @property
    def asks_certainty(self) -> bool:
        view = self.view
        card = view.item.card if view and view.item else None
        return bool(view and view.room.certainty and card and not card.is_poll)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.answering
        if action == "confidence":
            # Never while typing: the letters belong to the text box (tab reaches the bar).
            return self.answering and self.asks_certainty and not isinstance(self.focused, Input)
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
        state = (view.session.index, view.session.phase, view.mine is not None, view.chart)
        if state != self.shown:
            self.shown = state
            self.call_later(self.show_body, view)
        else:
            self.tick()

    def show_error(self, error: Exception) -> None:
        self._status(Content(str(error)), "-warning")

    def tick(self) -> None:
        view = self.view
        now = self.now()
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

    def _top(self, view: ParticipantView) -> None:
        s = view.session
        if s.phase is Phase.LOBBY:
            where = Content.assemble(
                (view.room.title, "bold"), f" · {plural(view.people, 'person', 'people')} joined"
            )
        elif s.phase is Phase.ENDED:
            where = Content.assemble((view.room.title, "bold"), " · ended")
        else:
            where = Content.assemble(
                (view.room.title, "bold"), f" · item {s.index + 1} of {s.item_count}"
            )
        self.query_one("#play-where", Static).update(where)
        me = view.me
        name = Content(me.name + (f" ({me.team})" if me.team else ""))
        score = f" · {view.my_points:,} points" + (
            f" · rank {view.my_rank}" if view.my_rank and view.my_points else ""
        )
        key = Content.styled(f" · rejoin key {display_key(me.rejoin_key)}", "$foreground-muted")
        self.query_one("#play-me", Static).update(Content.assemble(name, score, key))

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
        if not self.answering and self.asking is not None:
            await self.query_one("#answer-slot").remove_children()
            self.asking = None
            bar.display = hint.display = False
        self.query_one("#answer-slot").display = self.answering
        if s.phase is Phase.LOBBY:
            self._status(Content.from_markup("[b]You're in.[/b] The workshop starts soon."))
            lines = [Content.styled("Keep this window open: questions appear here.", "dim")]
            if view.room.anonymous:
                lines.append(
                    Content.from_markup(
                        "Anonymous workshop: the room sees you as [b]$alias[/b].",
                        alias=view.me.shown_as,
                    )
                )
            prompt.update(Content("\n").join(lines))
            return
        if s.phase is Phase.ENDED:
            self._ended(view)
            return
        if item is None:
            return
        if item.kind == "discussion":
            self._discussion(view)
            return
        prompt.update(Content(item.title))
        card = item.card
        if card is None:
            self._status(Content("This question is not in this app's content."), "-warning")
            return
        if self.answering:
            if self.asking != s.index:
                await self._ask(card, view)
            self._status(countdown(s, self.now()))
            return
        if view.mine is not None and s.phase is not Phase.REVEALED:
            self._status(
                Content.from_markup("[b $success]✓ Answer received.[/] Wait for the reveal.")
            )
            result.update(Content.from_markup("[b]Your answer:[/b] $a", a=view.mine.described))
            result.display = True
            return
        if s.phase is Phase.REVEALED:
            self._reveal(card, view)
            return
        if s.phase is Phase.WAITING:
            text = "Get ready: answering opens soon."
        elif s.current_settled:
            text = "Answering is over for this item."
        else:
            text = "Answering is closed for this question."
        self._status(Content(text))

    async def _ask(self, card: Card, view: ParticipantView) -> None:
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(card.question(), card.order)
        await slot.mount(widget)
        self.asking = view.session.index
        hint = self.query_one("#play-hint", Static)
        text = widget.hint
        if self.asks_certainty:
            text += (
                " · tab, then l/m/h: how sure (needed)"
                if isinstance(widget, TextAnswer)
                else " · l/m/h: how sure (needed)"
            )
        hint.update(Content(text))
        hint.display = True
        hint.remove_class("-warning")
        bar = self.query_one(ConfidenceBar)
        bar.level, bar.locked, bar.display = None, False, self.asks_certainty
        widget.focus_answer()
        self.refresh_bindings()

    def _discussion(self, view: ParticipantView) -> None:
        item = view.item
        assert item is not None
        self._status(Content.from_markup("[b]Discussion[/b]: talk it over with your neighbours."))
        lines = [Content.styled(item.stage_title or item.title, "bold")]
        for text in item.prompts:
            lines.append(Content.assemble("• ", Content(text)))
        self.query_one("#play-prompt", Static).update(Content("\n").join(lines))

    def _ended(self, view: ParticipantView) -> None:
        rank = f", rank {view.my_rank}" if view.my_rank else ""
        self._status(Content.from_markup("[b]The workshop has ended.[/b] Thank you!"))
        lines = [Content(f"You scored {view.my_points:,} points{rank}.")]
        if view.podium:
            lines += [Content(""), podium(view.podium)]
        if view.teams:
            lines += [Content(""), Content.styled("Teams", "bold underline"), teams(view.teams)]
        self.query_one("#play-prompt", Static).update(Content("\n").join(lines))

    def _reveal(self, card: Card, view: ParticipantView) -> None:
        parts: list[Content] = []
        mine, shown = view.mine, view.reveal
        if card.is_poll:
            if mine is None:
                parts.append(Content.styled("You did not answer this one.", "bold $warning"))
            else:
                parts.append(Content.from_markup("[b]Your answer:[/b] $a", a=mine.described))
        elif mine is None:
            parts.append(Content.styled("You did not answer this one.", "bold $warning"))
            if shown:
                parts.append(Content.from_markup("[b]Right answer:[/b] $a", a=shown.right_answer))
        else:
            grade = Grade(mine.score, mine.feedback)
            parts.append(Content.assemble(verdict(grade), f"  {mine.points:+,} points"))
            parts.append(Content.from_markup("[b]Your answer:[/b] $a", a=mine.described))
            parts += [Content(line) for line in mine.feedback if line]
            if shown and not grade.correct:
                parts.append(Content.from_markup("[b]Right answer:[/b] $a", a=shown.right_answer))
        if shown:
            parts.append(Content.from_markup("[b]Why:[/b] $e", e=shown.explanation))
            where = []
            if view.item and view.item.stage_title:
                where.append(
                    Content.from_markup("Playbook stage: [b]$s[/b]", s=view.item.stage_title)
                )
            if shown.see:
                where.append(Content.from_markup("in the case, see [i]$s[/i]", s=shown.see))
            if where:
                parts.append(Content(" · ").join(where).stylize("$foreground-muted"))
        if view.chart is not None:
            parts += [
                Content.styled("The room answered:", "bold"),
                answers(view.chart, self._chart_width()),
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
        bar = self.query_one(ConfidenceBar)
        if response is None:
            hint.update(Content(widget.missing()))
            hint.add_class("-warning")
            widget.focus_answer()
            return
        if self.asks_certainty and bar.level is None:
            hint.update(Content("Say how sure you are first: l, m or h (tab gets there)."))
            hint.add_class("-warning")
            bar.add_class("-wanted")
            if isinstance(widget, TextAnswer):
                bar.focus()
            return
        confidence = bar.level if self.asks_certainty else None
        self.call_room(self.room.answer, response, confidence, view.session.index)

    def action_leave(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(asked.LeaveWorkshopRequested(self.me.code))

        self.app.push_screen(
            ConfirmDialog(
                "Leave the workshop?",
                "Your answers and points are kept: join again with the same name to carry on.",
                yes="Leave",
            ),
            confirmed,
        )
