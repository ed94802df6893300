"""Provides DashboardScreen: the facilitator runs a live workshop from here.

It follows a room on this machine's database or one served elsewhere (`playbook dashboard
URL`) alike: everything it shows comes from the room's BoardView.
"""

from __future__ import annotations

import contextlib
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from playbook.domain.workshop import Phase, display_code, ends_workshop, expire, plural
from playbook.services.errors import StoreError, WorkshopError
from playbook.services.workshop_views import BoardView
from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.live import LiveScreen
from playbook.tui.widgets.workshop_results import results_text
from playbook.tui.widgets.workshop_view import (
    answers,
    countdown,
    podium,
    qr_block,
    room,
    standings,
    teams,
)

PALETTE = [
    ("start", "Start the workshop", "Go to the first item"),
    ("open", "Open answering", "The countdown starts"),
    ("close", "Close answering", "No more answers to this question"),
    ("reveal", "Reveal the answer", "Show the right answer and the explanation"),
    ("next", "Next item", "Go on to the next agenda item"),
    ("back", "Previous item", "Go back one item; it shows as it was left"),
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
        Binding("e", "act('end')", "End"),
        Binding("w", "moderate", "Wall"),
        Binding("u", "people", "People"),
        Binding("p", "projector", "Projector"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, room) -> None:
        super().__init__()
        self.room = room  # a FacilitatorRoom, or a RemoteFacilitatorRoom
        self.board: BoardView | None = None
        self.shown: tuple | None = None  # what the panels show, to draw again only on change
        self.projector = False
        self.join_url: str | None = None

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
                yield Static(id="dash-qr")
            with VerticalScroll(id="dash-side"):
                yield Static("Room", classes="dash-heading")
                yield Static(id="dash-people")
                yield Static("Leaderboard", classes="dash-heading", id="dash-board-heading")
                yield Static(id="dash-board")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dash-item", Static).update(Content("Loading the workshop…"))
        self.start_live()

    def load(self) -> tuple[BoardView, str | None]:
        return self.room.board(), self.room.join_url()

    def show(self, loaded: tuple[BoardView, str | None]) -> None:
        board, url = loaded
        seen = (board.visible(), url, self.size, self.projector)
        if seen == self.shown:
            return  # a heartbeat moved the database, but nothing on screen changes
        self.shown = seen
        self.board = board
        self.join_url = url
        self.draw()
        self.refresh_bindings()

    def show_error(self, error: Exception) -> None:
        self.query_one("#dash-item", Static).update(Content(str(error)))

    def screen_commands(self) -> list[tuple[str, str, object]]:
        offered = [
            (title, help_text, partial(self.action_act, action))
            for action, title, help_text in PALETTE
            if action in self.allowed()
        ]
        if "end" in self.allowed():
            offered.append(
                (
                    "End the workshop",
                    "Nobody can answer after this",
                    partial(self.action_act, "end"),
                )
            )
        if self.check_action("moderate", ()):
            offered.append(
                ("Moderate the wall", "Hide an answer or show it again", self.action_moderate)
            )
        return [
            *offered,
            ("Rename or remove someone", "Pick a participant from the room", self.action_people),
            (
                "Projector view",
                "Hide the controls and the room list",
                self.action_projector,
            ),
            (
                "Leave the dashboard",
                "The workshop goes on; run it again with the PIN",
                self.action_leave,
            ),
        ]

    # -- the controls ---------------------------------------------------------------------

    def allowed(self) -> set[str]:
        return set(self.board.allowed) if self.board is not None else set()

    @property
    def on_open_question(self) -> bool:
        board = self.board
        card = board.item.card if board and board.item else None
        return bool(card and card.kind == "open" and board and board.chart and board.chart.wall)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act":
            return parameters[0] in self.allowed()
        if action == "moderate":
            return self.on_open_question and not self.projector
        if action == "people":
            return bool(self.board and self.board.people) and not self.projector
        return True

    def action_act(self, action: str) -> None:
        board = self.board
        if board is not None and ends_workshop(action, board.session):
            self._confirm_end(action)
            return
        self._do(action)

    def _do(self, action: str) -> None:
        self.call_room(self.room.act, action)

    def _confirm_end(self, action: str) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._do(action)

        last = action == "next"
        self.app.push_screen(
            ConfirmDialog(
                "This was the last item: end the workshop?" if last else "End the workshop?",
                "Nobody can answer after this; the results stay for the exports.",
                yes="End it",
            ),
            confirmed,
        )

    def action_moderate(self) -> None:
        from playbook.tui.dialogs.workshop_room import WallDialog

        board = self.board
        if board is None or board.chart is None:
            return

        def chosen(pick: tuple[int, bool] | None) -> None:
            if pick is None or self.board is None:
                return
            participant_id, hidden = pick
            self.call_room(self.room.hide, participant_id, self.board.session.index, hidden)

        self.app.push_screen(WallDialog(board.chart.wall), chosen)

    def action_people(self) -> None:
        from playbook.tui.dialogs.workshop_room import PeopleDialog

        board = self.board
        if board is None:
            return

        def do(what: str, participant_id: int, name: str) -> None:
            if what == "remove":
                self.call_room(self.room.remove, participant_id)
            else:
                self.call_room(self.room.rename, participant_id, name)

        def chosen(pick: tuple[str, int, str] | None) -> None:
            if pick is None:
                return
            what, participant_id, name = pick
            if what != "remove":
                do(what, participant_id, name)
                return
            shown = next((p.name for p in board.people if p.id == participant_id), "them")
            self.app.push_screen(
                ConfirmDialog(
                    f"Remove {shown}?",
                    "Their answers and points are deleted and their screen leaves the room.",
                    yes="Remove",
                ),
                lambda yes: do(what, participant_id, name) if yes else None,
            )

        self.app.push_screen(PeopleDialog(board.people, board.room.anonymous), chosen)

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
        now = self.now()
        if expire(board.session, now).phase is not Phase.OPEN:
            with contextlib.suppress(WorkshopError, StoreError):  # time is up: close it
                self.room.settle()
            self.reload()
            return
        self._clock(board)

    def draw(self) -> None:
        board = self.board
        assert board is not None
        s = board.session
        self.sub_title = board.room.title
        self.query_one("#dash-code", Static).update(
            Content.assemble(
                ("Join code ", "bold"),
                (f" {' '.join(display_code(board.room.code))} ", "bold reverse"),
            )
        )
        how = [(f"{board.joined} joined", "bold")]
        if self.join_url:
            how += [("  ·  ", "dim"), self.join_url]
        else:
            how += [("  ·  terminal: ", "dim"), f"playbook join {board.room.code}"]
        self.query_one("#dash-how", Static).update(Content.assemble(*how))
        item = board.item
        if s.phase is Phase.LOBBY:
            count = plural(board.room.item_count, "item")
            heading = Content.assemble(
                ("Waiting to start. ", "bold"), f"{count} on the agenda; press s to start."
            )
        elif s.phase is Phase.ENDED:
            heading = Content.styled("The workshop has ended.", "bold")
        elif item is not None:
            kind = {"question": "Question", "discussion": "Discussion", "poll": "Poll"}[item.kind]
            if item.card is not None and item.card.kind == "scale":
                kind = "Poll: a 1-5 scale"
            elif item.card is not None and item.card.kind == "open":
                kind = "Poll: open answers"
            heading = Content.assemble(
                (f"Item {s.index + 1} of {s.item_count} · {kind}\n", "$foreground-muted"),
                Content(item.title).stylize("bold"),
            )
        else:
            heading = Content("")
        self.query_one("#dash-item", Static).update(heading)
        self._clock(board)
        self._chart(board)
        self._qr(board)
        self._people(board)
        self._standings(board)

    def _clock(self, board: BoardView) -> None:
        clock = self.query_one("#dash-clock", Static)
        s = board.session
        answerable = bool(board.item and board.item.card)
        if s.phase in (Phase.LOBBY, Phase.ENDED) or not answerable:
            clock.display = False
            return
        clock.display = True
        line = f"\n{board.answered} of {board.joined} answered"
        if board.room.auto_close and s.phase is Phase.OPEN:
            line += " · closes when everyone here has answered"
        clock.update(Content.assemble(countdown(s, self.now()), line))

    def _chart(self, board: BoardView) -> None:
        chart_widget = self.query_one("#dash-chart", Static)
        explain = self.query_one("#dash-explain", Static)
        chart_widget.display = explain.display = False
        item, s = board.item, board.session
        if s.phase is Phase.ENDED:
            parts = [podium(board.podium)] if board.podium else []
            if board.results is not None:
                parts.append(results_text(board))
            explain.update(Content("\n\n").join(parts))
            explain.display = True
            return
        if s.phase is Phase.LOBBY:
            explain.update(self._agenda(board))
            explain.display = True
            return
        if item is None:
            return
        if item.kind == "discussion":
            prompts = [Content.assemble("• ", Content(p)) for p in item.prompts]
            explain.update(Content("\n").join(prompts or [Content("Talk it over.")]))
            explain.display = True
            return
        if board.chart is not None:
            width = self.query_one("#dash-main").size.width - 2
            chart_widget.update(
                answers(board.chart, width if width > 20 else 60, moderator=not self.projector)
            )
            chart_widget.display = True
        if board.reveal is not None:
            explain.update(
                Content.assemble(
                    ("Right answer: ", "bold"),
                    Content(board.reveal.right_answer),
                    "\n",
                    ("Why: ", "bold"),
                    Content(board.reveal.explanation),
                )
            )
            explain.display = True

    def _qr(self, board: BoardView) -> None:
        widget = self.query_one("#dash-qr", Static)
        url = self.join_url
        widget.display = bool(url) and board.session.phase is Phase.LOBBY
        if widget.display and url:
            from playbook.services.qr import qr_rows

            widget.update(
                Content.assemble(
                    Content.styled("Scan to join\n", "bold"), qr_block(qr_rows(f"{url}"))
                )
            )

    def _agenda(self, board: BoardView) -> Content:
        lines = [Content.styled("Agenda", "bold")]
        for number, title in enumerate(board.agenda, 1):
            lines.append(Content.assemble(f"{number}. ", Content(title)))
        return Content("\n").join(lines)

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)

    def redraw(self) -> None:
        """Draw again with the panels' new widths (the chart and the names are fitted)."""
        if self.board is not None:
            self.draw()

    def _people(self, board: BoardView) -> None:
        people = self.query_one("#dash-people", Static)
        if self.projector:
            people.update(Content(f"{board.joined} joined · {board.answered} answered"))
            return
        width = self.query_one("#dash-side").size.width - 2
        people.update(room(board.people, width if width > 10 else 28))

    def _standings(self, board: BoardView) -> None:
        heading = self.query_one("#dash-board-heading", Static)
        widget = self.query_one("#dash-board", Static)
        heading.display = widget.display = board.room.leaderboard
        if not board.room.leaderboard:
            return
        if board.room.team_mode:
            heading.update("Teams")
            widget.update(teams(board.teams))
            return
        widget.update(standings(board.standings, limit=8))
