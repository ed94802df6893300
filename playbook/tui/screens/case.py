"""Provides CaseScreen: a case's narrative beside its key facts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown, Static

from playbook.content.models import Case
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen


def facts(case: Case, stage_titles: dict[str, str]) -> Content:
    """The key facts panel: who, when, what it legally was, what it teaches."""
    rows: list[Content] = []

    def row(label: str, value: str) -> None:
        rows.append(Content.assemble((label, "bold"), "\n", value, "\n"))

    row("Parties", "\n".join(case.parties))
    row("Years", case.years)
    row("Industry", case.industry)
    row("Direction", case.direction)
    row("Form", case.form)
    row("In law", case.legal_form)
    row("Outcome", case.outcome)
    row("Teaches", ", ".join(stage_titles.get(s, s) for s in case.stages))
    for figure in case.figures:
        row(figure.label, figure.value)
    sources = "\n".join(f"• {s.title}" + (f"\n  {s.url}" if s.url else "") for s in case.sources)
    row("Sources", sources)
    return Content("\n").join(rows)


class CaseScreen(PlaybookScreen):
    """Read a case: the story on the left, the facts and sources on the right."""

    CSS_PATH = "case.tcss"
    BINDINGS = [
        Binding("q", "take_quiz", "Take the quiz"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, case: Case, section: str = "") -> None:
        super().__init__()
        self.case = case
        self.section = section

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="case-body"):
            with VerticalScroll(id="narrative-pane"):
                yield Static(Content(self.case.summary), id="case-summary")
                yield Static(id="case-quiz")
                yield Markdown(id="narrative", open_links=False)
            with VerticalScroll(id="facts-pane"):
                titles = {s.id: s.title for s in self.services.library.stages.values()}
                yield Static(facts(self.case, titles), id="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.case.title
        self.query_one("#narrative", Markdown).update(self.case.narrative)
        self.query_one("#narrative-pane").focus()

    def on_screen_resume(self) -> None:
        self.query_one("#case-quiz", Static).update(self._quiz_line())

    def _quiz_line(self) -> Content:
        questions = len(self.case.questions)
        if not questions:
            return Content("")
        profile = self.profile
        result = self.services.stats.case_result(profile.id, self.case.id) if profile else None
        scores = f" · best {result.best:.0f}%, last {result.last:.0f}%" if result else ""
        return Content.from_markup(
            "[b]Quiz[/b]: $n questions$scores · press [b]q[/b] to take it",
            n=questions,
            scores=scores,
        )

    def screen_commands(self) -> list[tuple[str, str, object]]:
        if not self.case.questions:
            return []
        return [("Take the quiz", f"{len(self.case.questions)} questions", self.action_take_quiz)]

    def action_take_quiz(self) -> None:
        self.post_message(asked.QuizRequested(self.case.id))
