"""Provides ProblemsScreen: what is wrong with the content files, by file and line."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.content.models import Problem
from playbook.tui.base import PlaybookScreen


def shown_path(path: Path) -> str:
    """Relative to the working folder when it is inside it: shorter, still findable."""
    here = Path.cwd()
    return (
        str(path.relative_to(here))
        if path.is_absolute() and path.is_relative_to(here)
        else str(path)
    )


def problem_prompt(problem: Problem) -> Table:
    table = Table.grid()
    table.add_column()
    table.add_row(Text(f"{shown_path(problem.path)}:{problem.line}", style="bold"))
    body = Table.grid()
    body.add_column(width=2)
    body.add_column(ratio=1)
    body.add_row("", Text(problem.message))
    table.add_row(body)
    return table


class ProblemsScreen(PlaybookScreen):
    """Every content problem as `path:line: message`; the rest of the content still loaded."""

    CSS_PATH = "problems.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="problems-intro")
        yield OptionList(id="problems-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Content problems"
        problems = self.services.library.problems
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
        listing = self.query_one(OptionList)
        listing.add_options([Option(problem_prompt(p)) for p in problems])
        listing.focus()
