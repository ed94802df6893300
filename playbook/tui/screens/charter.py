"""Provides CharterScreen: the charter, previewed, and exported on request."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from playbook.services.charter import default_charter_name
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookScreen
from playbook.tui.dialogs.export import ExportDialog


class CharterScreen(PlaybookScreen):
    """The alliance charter as the partner will read it, with every gap marked."""

    CSS_PATH = "charter.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="charter-pane"):
            yield Markdown(id="charter", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · Charter"
        self.text = self.services.charters.markdown(self.alliance)
        self.query_one("#charter", Markdown).update(self.text)
        self.query_one("#charter-pane").focus()

    def action_export(self) -> None:
        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Charter saved to {path}", title="Exported", markup=False)

        suggested = Path.cwd() / default_charter_name(self.alliance)
        self.app.push_screen(ExportDialog(suggested, self.text), saved)
