"""Provides the facilitator's room dialogs: moderate the wall, rename or remove someone."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.services.workshop_views import PersonView, WallEntry
from playbook.tui.base import PlaybookDialog


class WallDialog(PlaybookDialog[tuple[int, bool] | None]):
    """Pick an answer on the wall: it is hidden (or shown again). Returns (participant, hide)."""

    CSS_PATH = "workshop_room.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, wall: Sequence[WallEntry]) -> None:
        super().__init__()
        self.wall = list(wall)

    def compose(self) -> ComposeResult:
        with Vertical(classes="room-box"):
            yield Label(Content.from_markup("[b]Moderate the wall[/b]"))
            yield Static(
                Content("Enter hides the highlighted answer from the room, or shows it again."),
                classes="room-help",
            )
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (
                                "hidden  " if e.hidden else "shown   ",
                                "$warning" if e.hidden else "",
                            ),
                            Content(e.text),
                        ),
                        id=str(n),
                    )
                    for n, e in enumerate(self.wall)
                ),
                id="room-list",
            )
            with Horizontal(classes="room-buttons"):
                yield Button("Close", id="cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.wall[int(event.option.id or 0)]
        self.dismiss((entry.participant_id, not entry.hidden))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)


class PeopleDialog(PlaybookDialog[tuple[str, int, str] | None]):
    """Pick a participant, then rename them (type the name) or remove them.

    Returns ("rename", id, new name) or ("remove", id, "")."""

    CSS_PATH = "workshop_room.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, people: Sequence[PersonView], anonymous: bool) -> None:
        super().__init__()
        self.people = sorted(people, key=lambda p: p.name.casefold())
        self.anonymous = anonymous

    def compose(self) -> ComposeResult:
        with Vertical(classes="room-box"):
            yield Label(Content.from_markup("[b]Rename or remove someone[/b]"))
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            Content(p.name + (f" ({p.team})" if p.team else "")),
                            (f"  {p.points:,} points", "$foreground-muted"),
                        ),
                        id=str(p.id),
                    )
                    for p in self.people
                ),
                id="room-list",
            )
            yield Label("New name", id="room-name-label")
            yield Input(max_length=40, id="room-name", placeholder="the name to show")
            yield Static(id="room-error")
            with Horizontal(classes="room-buttons"):
                yield Button("Rename", id="rename", variant="primary")
                yield Button("Remove from the room", id="remove", variant="error")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#room-error").display = False
        if self.anonymous:  # nobody sees the names: renaming would change nothing shown
            self.query_one("#room-name-label").display = False
            self.query_one("#room-name").display = False
            self.query_one("#rename").display = False
        self.query_one(OptionList).focus()

    def chosen(self) -> PersonView | None:
        index = self.query_one(OptionList).highlighted
        return self.people[index] if index is not None and index < len(self.people) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        person = self.chosen()
        if person is not None and not self.anonymous:
            name = self.query_one("#room-name", Input)
            name.value = person.name
            name.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._rename()

    def _rename(self) -> None:
        person = self.chosen()
        name = self.query_one("#room-name", Input).value
        error = self.query_one("#room-error", Static)
        if person is None:
            return
        if not name.strip():
            error.update(Content("Type the new name first."))
            error.display = True
            return
        self.dismiss(("rename", person.id, name))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        person = self.chosen()
        if event.button.id == "rename":
            self._rename()
        elif event.button.id == "remove" and person is not None:
            self.dismiss(("remove", person.id, ""))
        else:
            self.dismiss(None)
