"""Provides CasesScreen: the case library, filtered and searched, with each case's scores."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from playbook.content.models import OUTCOMES
from playbook.domain.catalog import CaseFilter, filter_cases, kinds_in
from playbook.domain.stats import CaseStats

FILTERS = ("stage", "kind", "outcome", "industry")


class CasesScreen(Screen):
    """Every case, one row each; narrow the list with the filters and the search box."""

    CSS_PATH = "cases.tcss"
    BINDINGS = [
        Binding("enter", "open_case", "Open", show=False),
        Binding("q", "take_quiz", "Quiz"),
        Binding("slash", "focus_search", "Search"),
        Binding("f", "focus_filters", "Filters"),
        Binding("x", "clear_filters", "Clear"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        library = self.app.library
        cases = library.ordered_cases
        yield Header()
        yield Input(
            placeholder="Search: title, parties, industry… ( / )", id="search", compact=True
        )
        with Horizontal(id="case-filters"):
            yield Select(
                [(s.title, s.id) for s in library.ordered_stages],
                prompt="Any stage",
                id="stage",
                compact=True,
            )
            yield Select(
                [(k, k) for k in kinds_in(cases)], prompt="Any type", id="kind", compact=True
            )
            yield Select(
                [(o, o) for o in OUTCOMES if any(c.outcome == o for c in cases)],
                prompt="Any outcome",
                id="outcome",
                compact=True,
            )
            yield Select(
                [(i, i) for i in sorted({c.industry for c in cases})],
                prompt="Any industry",
                id="industry",
                compact=True,
            )
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="case-count")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Case studies"
        table = self.query_one(DataTable)
        table.add_column("Case", key="case")
        table.add_column("Years", key="years")
        table.add_column("Type", key="type")
        table.add_column("Outcome", key="outcome")
        table.add_column("Best", key="best")
        table.add_column("Last", key="last")
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_table()

    @property
    def criteria(self) -> CaseFilter:
        values = {}
        for name in FILTERS:
            value = self.query_one(f"#{name}", Select).value
            values[name] = value if isinstance(value, str) else ""
        return CaseFilter(text=self.query_one("#search", Input).value, **values)

    def refresh_table(self) -> None:
        app = self.app
        results: dict[str, CaseStats] = (
            app.store.quiz.case_results(app.profile.id) if app.profile else {}
        )
        table = self.query_one(DataTable)
        keep = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if (table.row_count)
            else None
        )
        table.clear()
        shown = filter_cases(app.library.ordered_cases, self.criteria)
        for case in shown:
            result = results.get(case.id)
            kind = case.form if not case.ended_as else f"{case.form} → {case.ended_as}"
            table.add_row(
                Text(case.title),
                Text(case.years),
                Text(kind),
                Text(case.outcome),
                Text(f"{result.best:.0f}%" if result else "—", justify="right"),
                Text(f"{result.last:.0f}%" if result else "—", justify="right"),
                key=case.id,
            )
        if keep is not None and keep in {c.id for c in shown}:
            table.move_cursor(row=table.get_row_index(keep))
        total = len(app.library.cases)
        count = self.query_one("#case-count", Static)
        if not shown:
            count.update(Content("No case matches: press x to clear the filters."))
        else:
            count.update(
                Content.from_markup(
                    "$n of $total cases · [b]enter[/b] read · [b]q[/b] quiz",
                    n=len(shown),
                    total=total,
                )
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_table()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_table()

    def _selected_case(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_case(event.row_key.value or "")

    def action_open_case(self) -> None:
        case_id = self._selected_case()
        if case_id:
            self.app.open_case(case_id)

    def action_take_quiz(self) -> None:
        case_id = self._selected_case()
        if case_id:
            self.app.take_quiz(case_id)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#stage", Select).focus()

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        for name in FILTERS:
            self.query_one(f"#{name}", Select).clear()
        self.refresh_table()

    def action_back(self) -> None:
        table = self.query_one(DataTable)
        if not table.has_focus:
            table.focus()
        else:
            self.app.pop_screen()
