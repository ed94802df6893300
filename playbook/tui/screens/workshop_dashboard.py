"""Provides DashboardScreen: the facilitator runs a live workshop from here."""

from __future__ import annotations

import contextlib
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from playbook.domain.workshop import (
    Phase,
    allowed_actions,
    anonymize,
    display_code,
    expire,
    leaderboard,
    team_board,
)
from playbook.services.errors import StoreError, WorkshopError
from playbook.services.workshop import Board, FacilitatorRoom
from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.live import LiveScreen
from playbook.tui.widgets.workshop_results import results_text
from playbook.tui.widgets.workshop_view import chart, countdown, room, standings, teams

PALETTE = [
    ("start", "Start the workshop", "Go to the first item"),
    ("open", "Open answering", "The countdown starts"),
    ("close", "Close answering", "No more answers to this question"),
    ("reveal", "Reveal the answer", "Show the right answer and the explanation"),
    ("next", "Next item", "Go on to the next agenda item"),
    ("back", "Previous item", "Go back one item; its answers stay"),
]


class DashboardScreen(LiveScreen):
    """The join code, the room, the current item with its live chart, and the controls."""

    CSS_PATH = "workshop_dashboard.tcss"
    BINDINGS = [
        Binding("s", "act('start')", "Start"),
        Binding("o", "act('open')", "Open"),
        Binding("c", "act('close')", "Close"),
        Binding("r", "act('reveal')", "Reveal"),
        Binding("n", "act('next')", "Next"),
        Binding("b", "act('back')", "Back"),
        Binding("e", "end", "End"),
        Binding("p", "projector", "Projector"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, room: FacilitatorRoom) -> None:
        super().__init__()
        self.room = room
        self.board: Board | None = None
        self.shown: tuple | None = None  # what the panels show, to draw again only on change
        self.projector = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="dash-top"):
            yield Static(id="dash-code")
            yield Static(id="dash-how")
        with Horizontal(id="dash-body"):
            with VerticalScroll(id="dash-main"):
                yield Static(id="dash-item")
                yield Static(id="dash-clock")
                yield Static(id="dash-chart")
                yield Static(id="dash-explain")
            with VerticalScroll(id="dash-side"):
                yield Static("Room", classes="dash-heading")
                yield Static(id="dash-people")
                yield Static("Leaderboard", classes="dash-heading", id="dash-board-heading")
                yield Static(id="dash-board")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dash-item", Static).update(Content("Loading the workshop…"))
        self.start_live()

    def load(self) -> Board:
        return self.room.board()

    def show(self, board: Board) -> None:
        seen = (board.visible(self.services.clock()), self.size, self.projector)
        if seen == self.shown:
            return  # a heartbeat moved the database, but nothing on screen changes
        self.shown = seen
        self.board = board
        self.draw()
        self.refresh_bindings()

    def show_error(self, error: Exception) -> None:
        self.query_one("#dash-item", Static).update(Content(str(error)))

    def screen_commands(self) -> list[tuple[str, str, object]]:
        offered = [
            (title, help_text, partial(self.action_act, action))
            for action, title, help_text in PALETTE
            if action in self.allowed() and action != "end"
        ]
        if "end" in self.allowed():
            offered.append(("End the workshop", "Nobody can answer after this", self.action_end))
        return [
            *offered,
            (
                "Projector view",
                "Hide the controls (and names, if anonymous)",
                self.action_projector,
            ),
            (
                "Leave the dashboard",
                "The workshop goes on; run it again with the PIN",
                self.action_leave,
            ),
        ]

    # -- the controls ---------------------------------------------------------------------

    @property
    def is_question(self) -> bool:
        board = self.board
        return bool(board and board.workshop.current and board.workshop.current.is_question)

    def allowed(self) -> set[str]:
        if self.board is None:
            return set()
        return allowed_actions(self.board.session, self.is_question)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act":
            return parameters[0] in self.allowed()
        if action == "end":
            return "end" in self.allowed()
        return True

    def action_act(self, action: str) -> None:
        try:
            self.room.act(action)
        except (WorkshopError, StoreError) as error:
            self.notify(str(error), title="Not done", severity="warning", markup=False)
        self.reload()

    def action_end(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.action_act("end")

        self.app.push_screen(
            ConfirmDialog(
                "End the workshop?",
                "Nobody can answer after this; the results stay for the exports.",
                yes="End it",
            ),
            confirmed,
        )

    def action_projector(self) -> None:
        self.projector = not self.projector
        self.set_class(self.projector, "-projector")
        self.query_one(Footer).display = not self.projector
        self.shown = None
        self.reload()
        self.call_after_refresh(self.redraw)  # again once the wider side panel is laid out

    def action_leave(self) -> None:
        self.app.pop_screen()

    # -- drawing --------------------------------------------------------------------------

    def tick(self) -> None:
        board = self.board
        if board is None or board.session.phase is not Phase.OPEN:
            return
        now = self.services.clock()
        if expire(board.session, now).phase is not Phase.OPEN:
            with contextlib.suppress(WorkshopError, StoreError):  # time is up: close it
                self.room.expire()
            self.reload()
            return
        self._clock(board, now)

    @property
    def hide_names(self) -> bool:
        return self.projector and self.board is not None and self.board.workshop.anonymous

    def draw(self) -> None:
        board = self.board
        assert board is not None
        workshop, s = board.workshop, board.session
        self.sub_title = workshop.title
        self.query_one("#dash-code", Static).update(
            Content.assemble(
                ("Join code ", "bold"),
                (f" {' '.join(display_code(workshop.code))} ", "bold reverse"),
            )
        )
        self.query_one("#dash-how", Static).update(
            Content.assemble(
                (f"{len(board.people)} joined", "bold"),
                ("  ·  terminal: ", "dim"),
                f"playbook join {workshop.code}",
            )
        )
        item = workshop.current
        if s.phase is Phase.LOBBY:
            heading = Content.assemble(
                ("Waiting to start. ", "bold"),
                f"{len(workshop.agenda)} items on the agenda; press s to start.",
            )
        elif s.phase is Phase.ENDED:
            heading = Content.styled("The workshop has ended.", "bold")
        else:
            kind = "Question" if item and item.is_question else "Discussion"
            title = self._item_title()
            heading = Content.assemble(
                (f"Item {s.index + 1} of {s.item_count} · {kind}\n", "$text-muted"), (title, "bold")
            )
        self.query_one("#dash-item", Static).update(heading)
        self._clock(board, self.services.clock())
        self._chart(board)
        self._people(board)
        self._standings(board)

    def _item_title(self) -> str:
        item = self.board.workshop.current if self.board else None
        if item is None:
            return ""
        if item.is_question:
            question = self.services.library.question(item.ref)
            return question.prompt if question else item.title or item.ref
        stage = self.services.library.stages.get(item.ref)
        return stage.title if stage else item.title or item.ref

    def _clock(self, board: Board, now: float) -> None:
        clock = self.query_one("#dash-clock", Static)
        s = board.session
        if s.phase in (Phase.LOBBY, Phase.ENDED) or not self.is_question:
            clock.display = False
            return
        clock.display = True
        joined = len(board.people)
        clock.update(
            Content.assemble(countdown(s, now), f"\n{len(board.responses)} of {joined} answered")
        )

    def _chart(self, board: Board) -> None:
        chart_widget = self.query_one("#dash-chart", Static)
        explain = self.query_one("#dash-explain", Static)
        chart_widget.display = explain.display = False
        item, s = board.workshop.current, board.session
        if s.phase is Phase.ENDED:
            explain.update(results_text(self.services, board))
            explain.display = True
            return
        if s.phase is Phase.LOBBY:
            explain.update(self._agenda())
            explain.display = True
            return
        if item is None:
            return
        if not item.is_question:
            stage = self.services.library.stages.get(item.ref)
            prompts = [
                Content.assemble("• ", Content(p.prompt))
                for p in (stage.discussion if stage else ())
            ]
            explain.update(Content("\n").join(prompts or [Content("Talk it over.")]))
            explain.display = True
            return
        question = self.services.library.question(item.ref)
        if question is None or s.phase is Phase.WAITING:
            return
        revealed = s.phase is Phase.REVEALED
        bars = question.distribution((r.response, r.score) for r in board.responses)
        width = self.query_one("#dash-main").size.width - 2
        right = question.right_labels() if revealed else ()
        chart_widget.update(
            chart(bars, width if width > 20 else 60, right, people=len(board.responses))
        )
        chart_widget.display = True
        if revealed:
            explain.update(
                Content.assemble(
                    ("Right answer: ", "bold"),
                    Content(question.right_answer()),
                    "\n",
                    ("Why: ", "bold"),
                    Content(question.explanation),
                )
            )
            explain.display = True

    def _agenda(self) -> Content:
        lines = [Content.styled("Agenda", "bold")]
        for number, item in enumerate(self.board.workshop.agenda if self.board else (), 1):
            if item.is_question:
                question = self.services.library.question(item.ref)
                title = question.prompt if question else item.title or item.ref
            else:
                stage = self.services.library.stages.get(item.ref)
                title = f"Discuss: {stage.title}" if stage else item.title or item.ref
            lines.append(Content.assemble(f"{number}. ", Content(title)))
        return Content("\n").join(lines)

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)

    def redraw(self) -> None:
        """Draw again with the panels' new widths (the chart and the names are fitted)."""
        if self.board is not None:
            self.draw()

    def _people(self, board: Board) -> None:
        people = self.query_one("#dash-people", Static)
        if self.hide_names:
            answered = len(board.responses)
            people.update(Content(f"{len(board.people)} joined · {answered} answered"))
            return
        width = self.query_one("#dash-side").size.width - 2
        people.update(
            room(
                board.people,
                self.services.clock(),
                board.session.index,
                self.is_question and board.session.phase is not Phase.ENDED,
                width if width > 10 else 28,
                answering_open=board.session.phase is Phase.OPEN,
            )
        )

    def _standings(self, board: Board) -> None:
        workshop = board.workshop
        heading = self.query_one("#dash-board-heading", Static)
        widget = self.query_one("#dash-board", Static)
        heading.display = widget.display = workshop.leaderboard
        if not workshop.leaderboard:
            return
        rows = [(p.id, p.name, p.team, p.points) for p in board.people]
        if workshop.team_mode:
            heading.update("Teams")
            widget.update(teams(team_board(rows)))
            return
        ranked = leaderboard(rows)
        if self.hide_names:
            ranked = anonymize(ranked)
        widget.update(standings(ranked, limit=8))
