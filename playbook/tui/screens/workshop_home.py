"""Provides WorkshopHomeScreen: create a workshop, run one with its PIN, or join one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.domain.workshop import display_code
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen


class WorkshopHomeScreen(PlaybookScreen):
    """The facilitator's and the participant's way in."""

    CSS_PATH = "workshop_home.tcss"
    BINDINGS = [
        Binding("c", "create", "Create"),
        Binding("j", "join", "Join"),
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
                f"\n   {display_code(workshop.code)} · {len(workshop.agenda)} items · {phase}",
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
