"""Provides CaseScreen: a case read as a business-school case, the facts beside it.

The narrative opens on the decision, gives the exhibits (tables), and stops before the
outcome: the reader decides first and reads on with `o`. The facts panel likewise keeps
what gives the ending away (the years, the form it ended as, the outcome, the figures)
until then. "See <section>" from a quiz's feedback opens the case at that section.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown, Static

from playbook.content.cases import Case
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen


def facts(case: Case, stage_titles: dict[str, str], revealed: bool) -> Content:
    """The key facts panel: who and what it teaches, and, once read on, how it ended."""
    rows: list[Content] = []

    def row(label: str, value: str) -> None:
        rows.append(Content.assemble((label, "bold"), "\n", value, "\n"))

    if case.decision is not None:
        decision = case.decision
        row("The decision", f"{decision.protagonist}, {decision.date}:\n{decision.question}")
    row("Parties", "\n".join(case.parties))
    row("Industry", case.industry)
    row("Direction", case.direction)
    row("Teaches", ", ".join(stage_titles.get(s, s) for s in case.stages))
    if revealed:
        if case.summary:
            row("In short", case.summary)
        row("Years", case.years)
        row("Form", case.form + (f", then {case.ended_as}" if case.ended_as else ""))
        row("In law", case.legal_form)
        row("Outcome", case.outcome)
        for figure in case.figures:
            row(figure.label, figure.value)
        sources = "\n".join(
            f"• {s.title}" + (f"\n  {s.url}" if s.url else "") for s in case.sources
        )
        row("Sources", sources)
    else:
        rows.append(
            Content.styled(
                "How it ended, the legal form, the figures and the sources (whose headlines "
                "tell the ending) show once you read on (o).\n",
                "$foreground-muted",
            )
        )
    return Content("\n").join(rows)


class CaseScreen(PlaybookScreen):
    """Read a case: the story on the left, the facts and sources on the right."""

    CSS_PATH = "case.tcss"
    BINDINGS = [
        Binding("o", "read_on", "Read on: the outcome"),
        Binding("q", "take_quiz", "Take the quiz"),
        Binding("t", "teaching_note", "Teaching note"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, case: Case, section: str = "") -> None:
        super().__init__()
        self.case = case
        self.section = section
        story = case.story
        self.revealed = (
            story is None or not story.after or bool(section and story.revealed(section))
        )

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="case-body"):
            with VerticalScroll(id="narrative-pane"):
                yield Static(id="case-quiz")
                yield Markdown(id="narrative", open_links=False)
                yield Static(id="case-read-on")
            with VerticalScroll(id="facts-pane"):
                yield Static(id="facts")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = self.case.title
        self.query_one("#narrative-pane").focus()
        await self.show()
        if self.section:
            self.go_to(self.section)

    @property
    def stage_titles(self) -> dict[str, str]:
        return {s.id: s.title for s in self.services.library.stages.values()}

    def show(self):
        """Draw the narrative (awaitable: the Markdown builds its blocks) and the facts."""
        story = self.case.story
        text = self.case.narrative
        if story is not None and story.after and not self.revealed:
            text = story.before
        building = self.query_one("#narrative", Markdown).update(text)
        read_on = self.query_one("#case-read-on", Static)
        read_on.display = not self.revealed
        read_on.update(
            Content.from_markup(
                "[b]What would you decide?[/b] Make up your mind, then press [b]o[/b] to read "
                "what happened."
            )
        )
        self.query_one("#facts", Static).update(facts(self.case, self.stage_titles, self.revealed))
        self.refresh_bindings()
        return building

    def go_to(self, heading: str) -> None:
        """Scroll the narrative to a section (its heading as the case writes it)."""
        markdown = self.query_one("#narrative", Markdown)
        folded = heading.casefold().strip()
        for _level, title, header_id in markdown.table_of_contents or []:
            if str(title).casefold().strip() == folded:
                markdown.query_one(f"#{header_id}").scroll_visible(top=True, animate=False)
                return

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read_on":
            return not self.revealed
        if action == "teaching_note":
            return self.case.teaching_note is not None
        return True

    def screen_commands(self) -> list[tuple[str, str, object]]:
        commands: list[tuple[str, str, object]] = []
        if not self.revealed:
            commands.append(("Read on", "What happened after the decision", self.action_read_on))
        if self.case.questions:
            commands.append(
                ("Take the quiz", f"{len(self.case.questions)} questions", self.action_take_quiz)
            )
        if self.case.teaching_note is not None:
            commands.append(
                ("Teaching note", "For facilitators: plan, board, live questions",
                 self.action_teaching_note)
            )  # fmt: skip
        return commands

    async def action_read_on(self) -> None:
        if self.revealed:
            return
        self.revealed = True
        await self.show()
        self.go_to("Outcome")

    def action_take_quiz(self) -> None:
        self.post_message(asked.QuizRequested(self.case.id))

    def action_teaching_note(self) -> None:
        self.post_message(asked.TeachingNoteRequested(self.case.id))
