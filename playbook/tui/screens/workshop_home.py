"""Provides WorkshopHomeScreen: create a workshop, run one with its PIN, or join one; copy,
edit (before it starts) or delete one, with its PIN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.workshop import display_code, plural
from playbook.services.errors import StoreError, WorkshopError
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen


class WorkshopHomeScreen(PlaybookScreen):
    """The facilitator's and the participant's way in."""

    CSS_PATH = "workshop_home.tcss"
    BINDINGS = [
        Binding("c", "create", "Create"),
        Binding("j", "join", "Join"),
        Binding("e", "edit", "Edit"),
        Binding("y", "copy", "Copy"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="workshops-body"):
            yield Static(
                Content(
                    "Run a live session: questions from the case library and stage "
                    "discussions, answered by a room from terminals or browsers."
                ),
                id="workshops-intro",
            )
            yield OptionList(id="workshops-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Workshop"

    def screen_commands(self) -> list[tuple[str, str, object]]:
        if self.highlighted_code() is None:
            return []
        return [
            ("Edit the workshop", "Before it starts: title, agenda, options", self.action_edit),
            ("Copy the workshop", "A new one with the same agenda and PIN", self.action_copy),
            ("Delete the workshop", "With every answer in it", self.action_delete),
        ]

    def highlighted_code(self) -> str | None:
        listing = self.query_one("#workshops-list", OptionList)
        if listing.highlighted is None:
            return None
        choice = listing.get_option_at_index(listing.highlighted).id or ""
        return choice.partition(":")[2] if choice.startswith("run:") else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "copy", "delete"):
            return self.highlighted_code() is not None
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def _with_pin(self, purpose: str, then) -> None:
        """Ask the highlighted workshop's PIN, then do `then(room)`."""
        from playbook.tui.dialogs.pin import PinDialog

        code = self.highlighted_code()
        if code is None:
            return

        def opened(room) -> None:
            if room is None:
                return
            try:
                then(room)
            except (WorkshopError, StoreError) as error:
                self.not_saved(error, title=purpose)
            self.refresh_list()

        self.app.push_screen(PinDialog(code, purpose=purpose), opened)

    def action_edit(self) -> None:
        def edit(room) -> None:
            if room.workshop().session.phase != "lobby":
                raise WorkshopError(
                    "This workshop has started: it can no longer be edited. Copy it (y) to run"
                    " a changed one."
                )
            self.post_message(asked.EditWorkshopRequested(room))

        self._with_pin("Edit a workshop", edit)

    def action_copy(self) -> None:
        def copy(room) -> None:
            new = room.copy()
            self.notify(
                f"{new.title}: a copy with the join code {display_code(new.code)} and the same"
                " PIN.",
                title="Copied",
                markup=False,
            )

        self._with_pin("Copy a workshop", copy)

    def action_delete(self) -> None:
        from playbook.tui.dialogs.confirm import ConfirmDialog

        def delete(room) -> None:
            title = room.workshop().title

            def confirmed(yes: bool | None) -> None:
                if yes:
                    try:
                        room.delete()
                    except (WorkshopError, StoreError) as error:
                        self.not_saved(error, title="Delete")
                    self.notify(f"{title} is deleted.", title="Deleted", markup=False)
                    self.refresh_list()

            self.app.push_screen(
                ConfirmDialog(
                    f"Delete {title}?",
                    "Every answer in it goes too, and its exports can no longer be made.",
                    yes="Delete it",
                ),
                confirmed,
            )

        self._with_pin("Delete a workshop", delete)

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        options: list[Option | None] = [
            Option(
                Content.from_markup("[b]c  Create a workshop[/b]\n   Title, PIN and agenda"),
                id="create",
            ),
            None,
            Option(
                Content.from_markup("[b]j  Join a workshop[/b]\n   With the code on the screen"),
                id="join",
            ),
        ]
        for workshop in self.services.workshops.all()[:30]:
            options.append(None)
            phase = workshop.session.phase
            label = Content.assemble(
                ("Run  ", "bold"),
                (workshop.title, "bold"),
                f"\n   {display_code(workshop.code)} · {plural(len(workshop.agenda), 'item')}"
                f" · {phase}",
                f" · series {workshop.series}" if workshop.series else "",
            )
            options.append(Option(label, id=f"run:{workshop.code}"))
        listing = self.query_one("#workshops-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = highlighted if highlighted is not None else 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "create":
            self.action_create()
        elif choice == "join":
            self.action_join()
        elif choice.startswith("run:"):
            self.run(choice.partition(":")[2])

    def action_create(self) -> None:
        self.post_message(asked.CreateWorkshopRequested())

    def action_join(self) -> None:
        self.post_message(asked.JoinRequested())

    def run(self, code: str) -> None:
        self.post_message(asked.FacilitateRequested(code))
