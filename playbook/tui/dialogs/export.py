"""Provides ExportDialog: where and in which format to write the charter or the annex.

It never creates a folder (a mistyped path is an error to fix, not a new directory), and
asks before writing over a file that is already there.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from playbook.services.charter import CHARTER, GAP, default_name
from playbook.services.documents import Format
from playbook.services.errors import StoreError
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookDialog, in_words
from playbook.tui.dialogs.confirm import ConfirmDialog

ABOUT = {
    CHARTER: "To send to the partner: the shared terms in both companies' names.",
    GAP: "Both sides' answers side by side, with the open items.",
    "annex": "For your side only: due diligence, scores, red flags and notes.",
}
FORMAT_NAMES = {Format.MARKDOWN: "Markdown", Format.HTML: "Web page (HTML)", Format.DOCX: "Word"}


class ExportDialog(PlaybookDialog[tuple[Path, int] | None]):
    """Pick the format, check the file name, save; returns (path, version) once written."""

    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, alliance: Alliance, which: str = CHARTER, folder: Path | None = None):
        super().__init__()
        self.alliance = alliance
        self.which = which
        self.folder = folder or Path.cwd()
        self.format = Format.MARKDOWN

    def compose(self) -> ComposeResult:
        what = {CHARTER: "the charter", GAP: "the gap view"}.get(self.which, "the private annex")
        with Vertical(id="export-box"):
            yield Label(Content(f"Export {what}"), id="export-title")
            yield Static(
                {
                    CHARTER: "To send to the partner: the shared terms in both companies' names.",
                    GAP: "Both sides' answers side by side, with the open items.",
                }.get(
                    self.which, "For your side only: due diligence, scores, red flags and notes."
                ),
                id="export-about",
            )
            with RadioSet(id="export-format"):
                for fmt, name in FORMAT_NAMES.items():
                    yield RadioButton(name, value=fmt is self.format, name=fmt.value)
            yield Static("Save it to:", id="export-help")
            yield Input(str(self._suggested()), id="export-path")
            yield Static("", id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _suggested(self) -> Path:
        return self.folder / default_name(self.alliance, self.which, self.format)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        old = self._suggested()
        self.format = Format(event.pressed.name or "md")
        path = self.query_one("#export-path", Input)
        typed = Path(path.value.strip()).expanduser()
        if typed == old or Format.of(typed) is not None:
            # Keep the name the founder typed; only its ending follows the format.
            path.value = str(typed.with_suffix(f".{self.format.value}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Content(message))

    def _save(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._error("Give a file name.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            path = path / default_name(self.alliance, self.which, self.format)
        if not path.parent.is_dir():
            self._error(
                f"The folder {path.parent} does not exist. Create it first, or choose another."
            )
            return
        if path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(path)

            self.app.push_screen(
                ConfirmDialog(
                    "Overwrite the file?",
                    f"{path} already exists.",
                    yes="Overwrite it",
                    no="Keep it",
                ),
                answered,
            )
            return
        self._write(path)

    def _write(self, path: Path) -> None:
        try:
            written = self.services.charters.export(
                self.alliance, path, self.which, self.format, overwrite=True
            )
        except StoreError as error:
            self._error(in_words(error))
            return
        except OSError as error:
            self._error(f"Cannot write {path}: {error.strerror or error}. Choose another place.")
            return
        self.dismiss(written)
