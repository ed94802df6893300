"""Provides ProblemsScreen: what is wrong with the content files, by file and line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static


class ProblemsScreen(Screen):
    """Every content problem as `path:line: message`; the rest of the content still loaded."""

    CSS_PATH = "problems.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="problems-intro")
        yield DataTable(id="problems-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Content problems"
        problems = self.app.library.problems
        intro = self.query_one("#problems-intro", Static)
        if not problems:
            intro.update("No problems: every content file loaded.")
        else:
            intro.update(
                Content(
                    f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found. Files "
                    "with problems were skipped or loaded in part; everything else works. Fix "
                    "the files, then check them with `playbook validate`."
                )
            )
        table = self.query_one(DataTable)
        table.add_columns("File", "Line", "Problem")
        for problem in problems:
            table.add_row(
                Text(problem.path.name), Text(str(problem.line)), Text(problem.message)
            )
        table.focus()
