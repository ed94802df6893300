"""Provides CreateWorkshopScreen: title, PIN twice, the agenda builder and the options."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.workshop import check_pin_format
from playbook.services.errors import StoreError, WorkshopError
from playbook.services.workshop import FacilitatorRoom
from playbook.tui.base import PlaybookScreen, in_words

DEFAULT_SECONDS = "30"


def hanging(prefix: tuple[str, str], text: str, count: str = "") -> Table:
    """An agenda line whose wrapped text stays indented under its first word, not the prefix:
    "Quiz: " then the title, and a dim count after it."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    body = Text(text)  # content text, shown literally
    if count:
        body.append(f" ({count})", style="dim")
    grid.add_row(Text(*prefix), body)
    return grid


class CreateWorkshopScreen(PlaybookScreen):
    """Pick agenda items on the left (enter adds); the agenda on the right, in order."""

    CSS_PATH = "workshop_create.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", "Create"),
        Binding("delete,backspace", "remove_item", "Remove", show=False),
        Binding("shift+up", "move_item(-1)", "Move up", show=False),
        Binding("shift+down", "move_item(1)", "Move down", show=False),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[tuple[str, str]] = []  # ("case"|"question"|"stage", id)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="create-body"):
            yield Label("Title")
            yield Input(placeholder="e.g. Alliances 101, March cohort", max_length=80, id="title")
            with Horizontal(classes="create-row"):
                with Vertical():
                    yield Label("Facilitator PIN (4-12 digits)")
                    yield Input(password=True, max_length=12, restrict=r"[0-9]*", id="pin")
                with Vertical():
                    yield Label("The PIN again")
                    yield Input(password=True, max_length=12, restrict=r"[0-9]*", id="pin2")
            yield Label(
                "Agenda: enter adds the highlighted item · in the agenda, delete removes "
                "and shift+↑/↓ moves",
                id="create-agenda-help",
            )
            with Horizontal(id="create-agenda"):
                yield OptionList(id="create-source")
                yield OptionList(id="create-items")
            with Horizontal(classes="create-row"):
                with Vertical(classes="create-small"):
                    yield Label("Seconds to answer")
                    yield Input(DEFAULT_SECONDS, max_length=4, restrict=r"[0-9]*", id="limit")
                with Vertical():
                    yield Label("Series (optional)")
                    yield Input(placeholder="workshops sharing a leaderboard", id="series")
            with Horizontal(id="create-flags"):
                yield Checkbox("Leaderboard", True, id="leaderboard")
                yield Checkbox("Anonymous", id="anonymous")
                yield Checkbox("Teams", id="teams")
            yield Static(id="create-error")
            yield Button("Create (ctrl+s)", id="create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "New workshop"
        self.query_one("#create-error").display = False
        library = self.services.library
        options: list[Option] = []
        for stage in library.ordered_stages:
            options.append(
                Option(
                    hanging(("Discuss: ", "bold"), stage.title, f"{len(stage.discussion)} prompts"),
                    id=f"stage:{stage.id}",
                )
            )
        for case in library.owners:  # the cases, then the question banks
            if not case.questions:
                continue
            options.append(
                Option(
                    hanging(("Quiz: ", "bold"), case.title, f"{len(case.questions)} questions"),
                    id=f"case:{case.id}",
                )
            )
            for question in case.questions:
                options.append(
                    Option(hanging(("   Q: ", ""), question.prompt), id=f"question:{question.key}")
                )
        source = self.query_one("#create-source", OptionList)
        source.add_options(options)
        source.highlighted = 0
        self._show_agenda()
        self.query_one("#title").focus()

    def _label(self, number: int, kind: str, ref: str) -> Table:
        library = self.services.library
        if kind == "stage":
            stage = library.stages.get(ref)
            return hanging((f"{number}. Discuss: ", "bold"), stage.title if stage else ref)
        if kind == "case":
            case = library.owner(ref)
            count = len(case.questions) if case else 0
            return hanging(
                (f"{number}. Quiz: ", "bold"), case.title if case else ref, f"{count} questions"
            )
        question = library.question(ref)
        return hanging((f"{number}. Q: ", "bold"), question.prompt if question else ref)

    def _show_agenda(self, highlight: int | None = None) -> None:
        items = self.query_one("#create-items", OptionList)
        items.clear_options()
        if not self.parts:
            items.add_option(
                Option(
                    Content.styled("Nothing yet: add items from the left.", "dim"), disabled=True
                )
            )
            return
        items.add_options(
            Option(self._label(n, kind, ref)) for n, (kind, ref) in enumerate(self.parts, start=1)
        )
        if highlight is not None:
            items.highlighted = max(0, min(highlight, len(self.parts) - 1))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "create-source" or not event.option.id:
            return
        kind, _, ref = event.option.id.partition(":")
        self.parts.append((kind, ref))
        self._show_agenda(len(self.parts) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("remove_item", "move_item"):
            focused = self.focused
            return bool(focused is not None and focused.id == "create-items" and self.parts)
        return True

    def action_remove_item(self) -> None:
        items = self.query_one("#create-items", OptionList)
        index = items.highlighted
        if index is not None and 0 <= index < len(self.parts):
            del self.parts[index]
            self._show_agenda(index)

    def action_move_item(self, step: int) -> None:
        items = self.query_one("#create-items", OptionList)
        index = items.highlighted
        if index is None or not 0 <= index + step < len(self.parts):
            return
        parts = self.parts
        parts[index], parts[index + step] = parts[index + step], parts[index]
        self._show_agenda(index + step)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def show_error(self, message: str) -> None:
        error = self.query_one("#create-error", Static)
        error.update(Content(message))
        error.display = bool(message)
        if message:
            error.scroll_visible(animate=False)

    def action_create(self) -> None:
        title = self.query_one("#title", Input).value
        pin = self.query_one("#pin", Input).value
        limit = self.query_one("#limit", Input).value.strip()
        if not title.strip():
            self.show_error("Give the workshop a title.")
            return
        problem = check_pin_format(pin)
        if problem:
            self.show_error(problem)
            return
        if pin != self.query_one("#pin2", Input).value:
            self.show_error("The two PINs differ: type the same PIN twice.")
            return
        if not self.parts:
            self.show_error("The agenda is empty: pick a quiz, a question or a discussion.")
            return
        try:
            workshops = self.services.workshops
            agenda = workshops.agenda(self.parts)
            workshop = workshops.create(
                title,
                pin,
                agenda,
                time_limit=int(limit) if limit and int(limit) > 0 else None,
                anonymous=self.query_one("#anonymous", Checkbox).value,
                leaderboard=self.query_one("#leaderboard", Checkbox).value,
                team_mode=self.query_one("#teams", Checkbox).value,
                series=self.query_one("#series", Input).value,
            )
            room: FacilitatorRoom = workshops.facilitate(workshop.code, pin)
        except (WorkshopError, StoreError) as error:
            self.show_error(in_words(error))
            return
        self.dismiss(room)
