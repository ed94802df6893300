"""Provides CoverageScreen: which stages, forms and outcomes each case covers, and the gaps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from playbook.content.coverage import coverage
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen


class CoverageScreen(PlaybookScreen):
    """For facilitators: see at a glance what the library teaches and what it lacks."""

    CSS_PATH = "coverage.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="coverage-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Library coverage"
        library = self.services.library
        cov = coverage(library)
        titles = {s.id: s.title for s in library.ordered_stages}
        table = self.query_one(DataTable)
        table.add_column("Case", key="case", width=26)
        for stage_id in cov.stage_ids:
            table.add_column(Text(titles[stage_id].split()[0]), key=stage_id)
        table.add_column("Form", key="form")
        table.add_column("Outcome", key="outcome")
        for row in cov.rows:
            table.add_row(
                Text(row.case.title, no_wrap=True, overflow="ellipsis"),
                *(Text("✓" if s in row.stages else "·", justify="center") for s in cov.stage_ids),
                Text(" → ".join(row.forms)),
                Text(row.case.outcome),
                key=row.case.id,
            )
        counts = ", ".join(f"{titles[s]} {n}" for s, n in cov.by_stage.items())
        forms = ", ".join(f"{f} {n}" for f, n in cov.by_form.items())
        outcomes = ", ".join(f"{o} {n}" for o, n in cov.by_outcome.items())
        gaps = cov.gaps
        self.query_one("#coverage-summary", Static).update(
            Content.assemble(
                ("Cases per stage: ", "bold"),
                counts,
                "\n",
                ("Forms: ", "bold"),
                forms,
                "\n",
                ("Outcomes: ", "bold"),
                outcomes,
                "\n",
                ("Gaps: ", "bold"),
                "none" if not gaps else "; ".join(gaps),
            )
        )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(asked.CaseRequested(event.row_key.value or ""))
