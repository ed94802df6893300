"""Provides CharterScreen (the charter, previewed) and ExportDialog (where to save it)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Static

from playbook.exports import charter_markdown, default_charter_name, write_text
from playbook.store.records import Alliance


class ExportDialog(ModalScreen[Path | None]):
    """Ask where to write a document; the default sits in the current folder."""

    CSS_PATH = "charter.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, suggested: Path, text: str) -> None:
        super().__init__()
        self.suggested = suggested
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export the charter as Markdown", id="export-title")
            yield Static("Save it to:", id="export-help")
            yield Input(str(self.suggested), id="export-path")
            yield Static("", id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.query_one("#export-error", Static).update("Give a file name.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            path = path / self.suggested.name
        try:
            written = write_text(path, self.text)
        except OSError as error:
            self.query_one("#export-error", Static).update(
                Content(f"Cannot write {path}: {error.strerror or error}. Choose another place.")
            )
            return
        self.dismiss(written)


class CharterScreen(Screen):
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
        today = self.app.clock().astimezone().date()
        self.text = charter_markdown(self.app.library, self.app.store, self.alliance, today)
        self.query_one("#charter", Markdown).update(self.text)
        self.query_one("#charter-pane").focus()

    def action_export(self) -> None:
        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Charter saved to {path}", title="Exported", markup=False)

        suggested = Path.cwd() / default_charter_name(self.alliance)
        self.app.push_screen(ExportDialog(suggested, self.text), saved)
