"""Provides CharterScreen: the charter as the partner will read it, or our private annex,
previewed, and exported on request (each charter export is a new version)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown, Static

from playbook.services.charter import ANNEX, CHARTER
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookScreen
from playbook.tui.dialogs.export import ExportDialog


class CharterScreen(PlaybookScreen):
    """The charter (a toggles the private annex); e exports what is shown."""

    CSS_PATH = "charter.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
        Binding("a", "toggle", "Annex / charter"),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance
        self.which = CHARTER
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="charter-note")
        with VerticalScroll(id="charter-pane"):
            yield Markdown(id="charter", open_links=False)
        yield Footer()

    async def on_mount(self) -> None:
        await self.show()
        self.query_one("#charter-pane").focus()

    def show(self):
        charters = self.services.charters
        self.text = charters.markdown(self.alliance, self.which)
        name = "Charter" if self.which == CHARTER else "Private annex"
        self.sub_title = f"{self.alliance.name} · {name}"
        note = self.query_one("#charter-note", Static)
        if self.which == ANNEX:
            note.update(
                Content.from_markup(
                    "[b]Private:[/b] for $us only, never for $them. [b]a[/b] shows the charter.",
                    us=self.alliance.our_side,
                    them=self.alliance.partner,
                )
            )
        else:
            changed = charters.changed_since_export(self.alliance)
            note.update(
                Content.from_markup(
                    "Changed since the last export: $what. [b]e[/b] exports a new version.",
                    what="; ".join(changed),
                )
                if changed
                else Content.from_markup(
                    "What $them will read. [b]a[/b] shows your private annex; [b]e[/b] exports.",
                    them=self.alliance.partner,
                )
            )
        return self.query_one("#charter", Markdown).update(self.text)

    async def action_toggle(self) -> None:
        self.which = ANNEX if self.which == CHARTER else CHARTER
        await self.show()

    def action_export(self) -> None:
        async def saved(result: tuple[Path, int] | None) -> None:
            if result is None:
                return
            path, version = result
            what = f"Charter version {version}" if self.which == CHARTER else "Private annex"
            self.notify(f"{what} saved to {path}", title="Exported", markup=False)
            await self.show()

        self.app.push_screen(ExportDialog(self.alliance, self.which), saved)
