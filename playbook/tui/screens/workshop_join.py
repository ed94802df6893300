"""Provides JoinScreen: join a live workshop with its code (or its address) and a name.

A code joins a workshop in this machine's database; an address such as
http://10.0.0.5:8000/K7MQ2P joins through the workshop server from any machine.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, Static

from playbook.domain.workshop import display_code, normalize_code
from playbook.services.errors import NameTaken, StoreError, WorkshopError
from playbook.services.remote import RemoteWorkshops, parse_url
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen, in_words


class Found:
    """The workshop a code or an address names: its title, whether it plays in teams."""

    def __init__(self, title: str, team_mode: bool, ended: bool, remote=None) -> None:
        self.title = title
        self.team_mode = team_mode
        self.ended = ended
        self.remote: RemoteWorkshops | None = remote


class JoinScreen(PlaybookScreen):
    """Type the code or address, a name (and a team when asked), then enter."""

    CSS_PATH = "workshop_join.tcss"
    BINDINGS = [
        Binding("enter", "join", "Join", show=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, request=None) -> None:
        super().__init__()
        self.request = request
        self.found: Found | None = None  # the workshop the code names, once looked up
        self._auto_join = bool(request and request.code and request.name)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="join-body"), Vertical(id="join-box"):
            yield Static(Content.from_markup("[b]Join a workshop[/b]"), id="join-title")
            yield Label("Join code, or the address the facilitator shows")
            yield Input(
                placeholder="e.g. K7M-Q2P or http://10.0.0.5:8000/K7MQ2P",
                max_length=200,
                id="join-code",
            )
            yield Static(id="join-found")
            yield Label("Your name, as the room will see it")
            yield Input(placeholder="a first name is fine", max_length=40, id="join-name")
            yield Label("Your team", id="join-team-label")
            yield Input(placeholder="the team you play in", max_length=40, id="join-team")
            yield Label("Rejoin key (shown when you first joined)", id="join-key-label")
            yield Input(placeholder="8 letters and digits", max_length=12, id="join-key")
            yield Static(id="join-error")
            with Horizontal(id="join-buttons"):
                yield Button("Join", id="join", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Workshop"
        for widget_id in ("#join-team-label", "#join-team", "#join-key-label", "#join-key"):
            self.query_one(widget_id).display = False
        self.query_one("#join-error").display = False
        request = self.request
        code = self.query_one("#join-code", Input)
        name = self.query_one("#join-name", Input)
        if request is not None:
            code.value = request.code
            name.value = request.name
            self.query_one("#join-team", Input).value = request.team
        self.lookup(code.value)
        (name if self.recognised(code.value) else code).focus()

    @staticmethod
    def recognised(typed: str) -> bool:
        return bool(normalize_code(typed) or parse_url(typed))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return not self.host.participant_mode
        return True

    def lookup(self, typed: str) -> None:
        """Say which workshop the code names (and ask for a team when it plays in teams);
        the look-up runs in a worker, so typing never waits for the database or network."""
        if not self.recognised(typed):
            self.show_found(typed, None, "")
            return
        self._look_up(typed)

    @work(thread=True, exclusive=True, group="join-lookup")
    def _look_up(self, typed: str) -> None:
        found, problem = None, ""
        try:
            if parse_url(typed):
                remote = RemoteWorkshops(typed)
                info = remote.get()
                found = Found(info.title, info.team_mode, info.phase == "ended", remote)
            else:
                workshop = self.services.workshops.get(typed)
                if workshop is not None:
                    found = Found(
                        workshop.title, workshop.team_mode, workshop.session.phase == "ended"
                    )
        except (StoreError, WorkshopError) as error:
            problem = str(error)
        self.app.call_from_thread(self.show_found, typed, found, problem)

    def show_found(self, typed: str, found: Found | None, problem: str) -> None:
        if not self.is_mounted or typed != self.query_one("#join-code", Input).value:
            return  # the code was changed since: a newer look-up answers
        self.found = found
        note = self.query_one("#join-found", Static)
        if found is None:
            text = problem or "No workshop with this code yet."
            note.update(Content.styled(text, "$warning") if self.recognised(typed) else "")
        elif found.ended:
            note.update(Content.styled(f"{found.title}: this workshop has ended.", "$warning"))
        else:
            note.update(Content.assemble(("✓ ", "bold $success"), (found.title, "bold")))
        teams = bool(found and found.team_mode)
        self.query_one("#join-team-label").display = teams
        team = self.query_one("#join-team", Input)
        team.display = teams
        if teams and not team.value.strip() and self.query_one("#join-name", Input).value.strip():
            # The name is in: the team is what is missing (typing must not replace the name).
            self._auto_join = False
            team.focus()
            self.show_error("This workshop plays in teams: type your team's name, then enter.")
            return
        if self._auto_join and found is not None and not found.ended:
            self._auto_join = False
            self.call_after_refresh(self.action_join)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "join-code":
            self.lookup(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        order = ["join-code", "join-name", "join-team", "join-key"]
        for widget_id in order[order.index(event.input.id or "join-code") + 1 :]:
            field = self.query_one(f"#{widget_id}", Input)
            if field.display and not field.value.strip():
                field.focus()
                return
        self.action_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "join":
            self.action_join()

    def show_error(self, message: str) -> None:
        error = self.query_one("#join-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def action_join(self) -> None:
        code = self.query_one("#join-code", Input).value
        name = self.query_one("#join-name", Input).value
        team = self.query_one("#join-team", Input).value
        key = self.query_one("#join-key", Input)
        if not self.recognised(code):
            self.show_error(
                "Type the join code first (6 letters and digits, like K7M-Q2P), or the address"
                " the facilitator shows."
            )
            self.query_one("#join-code").focus()
            return
        if not name.strip():
            self.show_error("Type your name first.")
            self.query_one("#join-name").focus()
            return
        team_given = team if team.strip() else None
        key_given = key.value if key.display else None
        if parse_url(code):  # over the network: off the UI thread
            found = self.found if self.found and self.found.remote else None
            self._join_remote(found.remote if found else None, code, name, team_given, key_given)
            return
        try:
            room = self.services.workshops.join(
                code, name, self.host.device_id, team=team_given, rejoin_key=key_given
            )
        except (WorkshopError, StoreError) as error:
            self.refused(error)
            return
        self.joined(room)

    @work(thread=True, exclusive=True, group="join")
    def _join_remote(self, remote, code: str, name: str, team, key) -> None:
        try:
            remote = remote or RemoteWorkshops(code)
            room = remote.join(name, self.host.device_id, team=team, rejoin_key=key)
        except WorkshopError as error:
            self.app.call_from_thread(self.refused, error)
            return
        self.app.call_from_thread(self.joined, room)

    def refused(self, error: Exception) -> None:
        key = self.query_one("#join-key", Input)
        if isinstance(error, NameTaken):
            self.show_error(str(error))
            self.query_one("#join-key-label").display = key.display = True
            key.focus()
            return
        self.show_error(in_words(error))
        if "teams" in str(error):
            self.query_one("#join-team-label").display = True
            team_input = self.query_one("#join-team", Input)
            team_input.display = True
            team_input.focus()

    def joined(self, room) -> None:
        me = room.me
        self.show_error("")
        if me.rejoined:
            self.app.notify(
                f"Welcome back, {me.name}: your answers and points are kept.",
                title=f"Workshop {display_code(me.code)}",
                markup=False,
            )
        self.post_message(asked.ParticipantRequested(room, replace=True))

    def action_leave(self) -> None:
        if not self.host.participant_mode:
            self.app.pop_screen()
