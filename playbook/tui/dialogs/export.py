"""Provides ExportDialog: where to write a document (the charter), then write it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from playbook.services.files import write_text
from playbook.tui.base import PlaybookDialog


class ExportDialog(PlaybookDialog[Path | None]):
    """Ask where to write a document; the default sits in the current folder."""

    CSS_PATH = "export.tcss"
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
