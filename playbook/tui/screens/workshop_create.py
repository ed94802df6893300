"""Provides CreateWorkshopScreen: title, PIN twice, the agenda builder and the options.

The same screen edits a workshop before it starts (the PIN may then be left blank)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.workshop import DISCUSSION, POLL, check_pin_format, plural
from playbook.services.errors import StoreError, WorkshopError
from playbook.services.workshop import FacilitatorRoom, WorkshopOptions
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

    def __init__(self, editing: FacilitatorRoom | None = None) -> None:
        super().__init__()
        # ("case"|"question"|"stage", id), or a poll: ("scale", prompt, low, high), ("open", prompt)
        self.parts: list[tuple[str, ...]] = []
        self.editing = editing

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
            with Horizontal(id="create-flags-2"):
                yield Checkbox("Certainty marks", id="certainty")
                yield Checkbox("Auto-close", id="auto-close")
                yield Checkbox("Hide chart", id="hide-live")
            yield Static(id="create-error")
            yield Button(
                "Save changes (ctrl+s)" if self.editing else "Create (ctrl+s)",
                id="create",
                variant="primary",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Edit the workshop" if self.editing else "New workshop"
        for widget_id, tip in (
            ("#certainty", "Points follow how sure each person said they were"),
            ("#auto-close", "Answering closes once everyone here has answered"),
            ("#hide-live", "The live chart stays hidden until answering closes"),
        ):
            self.query_one(widget_id).tooltip = tip
        self.query_one("#create-error").display = False
        library = self.services.library
        options: list[Option] = [
            Option(
                hanging(("Poll: ", "bold"), "a 1-5 scale you write (distribution and mean)"),
                id="poll:scale",
            ),
            Option(
                hanging(("Poll: ", "bold"), "an open question you write (a wall of answers)"),
                id="poll:open",
            ),
        ]
        for stage in library.ordered_stages:
            options.append(
                Option(
                    hanging(
                        ("Discuss: ", "bold"), stage.title, plural(len(stage.discussion), "prompt")
                    ),
                    id=f"stage:{stage.id}",
                )
            )
        for case in library.owners:  # the cases, then the question banks
            if not case.questions:
                continue
            options.append(
                Option(
                    hanging(
                        ("Quiz: ", "bold"), case.title, plural(len(case.questions), "question")
                    ),
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
        if self.editing is not None:
            self._fill(self.editing)
        self._show_agenda()
        self.query_one("#title").focus()

    def _fill(self, room: FacilitatorRoom) -> None:
        """The workshop being edited, in the form."""
        workshop = room.workshop()
        self.query_one("#title", Input).value = workshop.title
        self.query_one("#limit", Input).value = str(workshop.time_limit or "")
        self.query_one("#series", Input).value = workshop.series or ""
        for widget_id, value in (
            ("#leaderboard", workshop.leaderboard),
            ("#anonymous", workshop.anonymous),
            ("#teams", workshop.team_mode),
            ("#certainty", workshop.certainty),
            ("#auto-close", workshop.auto_close),
            ("#hide-live", workshop.hide_live),
        ):
            self.query_one(widget_id, Checkbox).value = value
        for label in ("#pin", "#pin2"):
            self.query_one(label, Input).placeholder = "leave blank to keep the PIN"
        for item in workshop.agenda:
            if item.kind == POLL and item.poll is not None:
                if item.poll.type == "scale":
                    self.parts.append(("scale", item.title, item.poll.low, item.poll.high))
                else:
                    self.parts.append(("open", item.title))
            elif item.kind == DISCUSSION:
                self.parts.append(("stage", item.ref))
            else:
                self.parts.append(("question", item.ref))

    def _label(self, number: int, kind: str, ref: str, *more: str) -> Table:
        library = self.services.library
        if kind == "scale":
            ends = f"1 {more[0]} … 5 {more[1]}" if more and (more[0] or more[1]) else "1-5"
            return hanging((f"{number}. Scale: ", "bold"), ref, ends)
        if kind == "open":
            return hanging((f"{number}. Open: ", "bold"), ref)
        if kind == "stage":
            stage = library.stages.get(ref)
            return hanging((f"{number}. Discuss: ", "bold"), stage.title if stage else ref)
        if kind == "case":
            case = library.owner(ref)
            count = len(case.questions) if case else 0
            return hanging(
                (f"{number}. Quiz: ", "bold"),
                case.title if case else ref,
                plural(count, "question"),
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
            Option(self._label(n, *part)) for n, part in enumerate(self.parts, start=1)
        )
        if highlight is not None:
            items.highlighted = max(0, min(highlight, len(self.parts) - 1))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "create-source" or not event.option.id:
            return
        kind, _, ref = event.option.id.partition(":")
        if kind == "poll":
            from playbook.tui.dialogs.poll import PollDialog

            def written(part: tuple[str, ...] | None) -> None:
                if part is not None:
                    self.parts.append(part)
                    self._show_agenda(len(self.parts) - 1)

            self.app.push_screen(PollDialog(ref), written)
            return
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
        editing = self.editing
        problem = check_pin_format(pin) if pin or editing is None else None
        if problem:
            self.show_error(problem)
            return
        if pin != self.query_one("#pin2", Input).value:
            self.show_error("The two PINs differ: type the same PIN twice.")
            return
        if not self.parts:
            self.show_error("The agenda is empty: pick a quiz, a question or a discussion.")
            return
        flag = lambda widget_id: self.query_one(widget_id, Checkbox).value  # noqa: E731
        options = WorkshopOptions(
            time_limit=int(limit) if limit and int(limit) > 0 else None,
            anonymous=flag("#anonymous"),
            leaderboard=flag("#leaderboard"),
            team_mode=flag("#teams"),
            series=self.query_one("#series", Input).value,
            certainty=flag("#certainty"),
            auto_close=flag("#auto-close"),
            hide_live=flag("#hide-live"),
        )
        try:
            workshops = self.services.workshops
            agenda = workshops.agenda(self.parts)
            if editing is not None:
                editing.edit(title, agenda, options, pin or None)
                self.notify("The workshop is changed.", title=title, markup=False)
                self.dismiss(None)
                return
            workshop = workshops.create(
                title,
                pin,
                agenda,
                time_limit=options.time_limit,
                anonymous=options.anonymous,
                leaderboard=options.leaderboard,
                team_mode=options.team_mode,
                series=options.series,
                certainty=options.certainty,
                auto_close=options.auto_close,
                hide_live=options.hide_live,
            )
            room: FacilitatorRoom = workshops.facilitate(workshop.code, pin, self.host.device_id)
        except (WorkshopError, StoreError) as error:
            self.show_error(in_words(error))
            return
        self.dismiss(room)
