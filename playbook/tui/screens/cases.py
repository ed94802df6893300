"""Provides CasesScreen: the case library to pick a case from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header


class CasesScreen(Screen):
    """Every case in the library, one row each."""

    CSS_PATH = "cases.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Case studies"
        table = self.query_one(DataTable)
        table.add_columns("Case", "Years", "Form", "Outcome")
        for case in self.app.library.ordered_cases:
            table.add_row(
                Text(case.title),
                Text(case.years),
                Text(case.form),
                Text(case.outcome),
                key=case.id,
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_case(event.row_key.value or "")
