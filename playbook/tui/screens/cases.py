"""Provides CasesScreen: the case library, filtered and searched, with each case's scores."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from playbook.content.models import OUTCOMES
from playbook.domain.catalog import CaseFilter, filter_cases, kinds_in
from playbook.domain.stats import CaseStats
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen

FILTERS = ("stage", "kind", "outcome", "industry")
# Fixed columns: years, type, outcome, best, last; the case title takes the rest.
WIDTHS = {"years": 9, "type": 13, "outcome": 7, "best": 4, "last": 4}
WIDE = 110  # from here the type column also says what the case ended as


def fit(text: str, width: int) -> Text:
    """Cut to `width` cells with an ellipsis: a row per case, never wrapping."""
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def short_years(years: str) -> str:
    """The span as the list shows it, without its note: "2017-2026 (exit announced)" ->
    "2017-2026", "1991-" -> "1991-now", "1999 or 2000 to present" -> "1999-now",
    "12th-17th century" -> "12th-17th c."."""
    span = years.split(" (")[0].strip()
    span = re.sub(r"\s+or\s+\d{4}", "", span)  # "1999 or 2000" -> "1999"
    span = re.sub(r"\s*(-|–|to)\s*(present|today|now)?$", "-now", span)
    return re.sub(r"\s+century$", " c.", span)


class CasesScreen(PlaybookScreen):
    """Every case, one row each; narrow the list with the filters and the search box."""

    CSS_PATH = "cases.tcss"
    _columns_for = 0  # the screen width the table's columns were made for
    BINDINGS = [
        Binding("enter", "open_case", "Open", show=False),
        Binding("q", "take_quiz", "Quiz"),
        Binding("slash", "focus_search", "Search"),
        Binding("f", "focus_filters", "Filters"),
        Binding("x", "clear_filters", "Clear"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        library = self.services.library
        cases = library.ordered_cases
        yield Header()
        yield Input(
            placeholder="Search titles, parties and stories… ( / )", id="search", compact=True
        )
        with Horizontal(id="case-filters"):
            yield Select(
                # Content, not str: Select reads a plain string as markup.
                [(Content(s.title), s.id) for s in library.ordered_stages],
                prompt="Any stage",
                id="stage",
                compact=True,
            )
            yield Select(
                [(Content(k), k) for k in kinds_in(cases)],
                prompt="Any type",
                id="kind",
                compact=True,
            )
            yield Select(
                [(Content(o), o) for o in OUTCOMES if any(c.outcome == o for c in cases)],
                prompt="Any outcome",
                id="outcome",
                compact=True,
            )
            yield Select(
                [(Content(i), i) for i in sorted({c.industry for c in cases})],
                prompt="Any industry",
                id="industry",
                compact=True,
            )
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="case-count")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Case studies"
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_table()

    def _widths(self) -> dict[str, int]:
        widths = dict(WIDTHS)
        spans = [len(short_years(c.years)) for c in self.services.library.cases.values()]
        widths["years"] = max([widths["years"], *spans])
        if self.size.width >= WIDE:
            widths["type"] = 27
        # Two cells of padding per column, two for the scrollbar, and a little slack.
        rest = self.size.width - 5 - 2 * (len(widths) + 1) - sum(widths.values())
        return {"case": max(16, rest), **widths}

    def _ensure_columns(self, table: DataTable) -> dict[str, int]:
        widths = self._widths()
        if self._columns_for != self.size.width:
            table.clear(columns=True)
            titles = {"case": "Case", "years": "Years", "type": "Type", "outcome": "Outcome"}
            for key, width in widths.items():
                table.add_column(titles.get(key, key.title()), key=key, width=width)
            self._columns_for = self.size.width
        return widths

    def on_screen_resume(self) -> None:
        self.refresh_table()

    @property
    def criteria(self) -> CaseFilter:
        values = {}
        for name in FILTERS:
            value = self.query_one(f"#{name}", Select).value
            values[name] = value if isinstance(value, str) else ""
        return CaseFilter(text=self.query_one("#search", Input).value, **values)

    def content_reloaded(self) -> None:
        self.refresh_table()

    def refresh_table(self) -> None:
        library = self.services.library
        results: dict[str, CaseStats] = (
            self.services.stats.case_results(self.profile.id) if self.profile else {}
        )
        table = self.query_one(DataTable)
        keep = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if (table.row_count)
            else None
        )
        widths = self._ensure_columns(table)
        table.clear()
        shown = filter_cases(library.ordered_cases, self.criteria)
        for case in shown:
            result = results.get(case.id)
            kind = case.form
            if case.ended_as and widths["type"] > WIDTHS["type"]:
                kind = f"{case.form} → {case.ended_as}"
            table.add_row(
                fit(case.title, widths["case"]),
                fit(short_years(case.years), widths["years"]),
                fit(kind, widths["type"]),
                fit(case.outcome, widths["outcome"]),
                Text(f"{result.best:.0f}%" if result else "—", justify="right"),
                Text(f"{result.last:.0f}%" if result else "—", justify="right"),
                key=case.id,
            )
        if keep is not None and keep in {c.id for c in shown}:
            table.move_cursor(row=table.get_row_index(keep))
        total = len(library.cases)
        count = self.query_one("#case-count", Static)
        if not shown:
            count.update(Content("No case matches. Escape, then x, clears the search and filters."))
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
        self.post_message(asked.CaseRequested(event.row_key.value or ""))

    def action_open_case(self) -> None:
        case_id = self._selected_case()
        if case_id:
            self.post_message(asked.CaseRequested(case_id))

    def action_take_quiz(self) -> None:
        case_id = self._selected_case()
        if case_id:
            self.post_message(asked.QuizRequested(case_id))

    def screen_commands(self) -> list[tuple[str, str, object]]:
        return [
            ("Quiz the highlighted case", "Practice or exam", self.action_take_quiz),
            ("Search cases", "Titles, parties and stories", self.action_focus_search),
            ("Clear the filters", "Show every case", self.action_clear_filters),
        ]

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
