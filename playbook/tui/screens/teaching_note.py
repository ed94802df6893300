"""Provides TeachingNoteScreen: a case's teaching note, for the facilitator who teaches it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from playbook.content.cases import Case
from playbook.tui.base import PlaybookScreen


def note_text(case: Case) -> Content:
    """Objectives, the timed plan, the board plan, the live questions and the discussion."""
    note = case.teaching_note
    lines: list[Content] = []
    if note is None:
        return Content("This case has no teaching note.")
    if case.decision is not None:
        lines.append(
            Content.assemble(
                ("The decision: ", "bold"),
                Content(f"{case.decision.protagonist}, {case.decision.date}. "),
                Content(case.decision.question),
            )
        )
        lines.append(Content(""))
    lines.append(Content.styled("Learning objectives", "bold underline"))
    lines += [Content.assemble("• ", Content(o)) for o in note.objectives]
    lines.append(Content(""))
    lines.append(Content.styled(f"Plan ({note.minutes} minutes)", "bold underline"))
    elapsed = 0
    for step in note.plan:
        lines.append(
            Content.assemble(
                (f"{elapsed:>3}-{elapsed + step.minutes:<3} min  ", "$foreground-muted"),
                Content(step.activity),
            )
        )
        elapsed += step.minutes
    lines.append(Content(""))
    lines.append(Content.styled("Board plan", "bold underline"))
    lines += [Content.assemble("• ", Content(b)) for b in note.board_plan]
    if note.live_questions:
        lines.append(Content(""))
        lines.append(Content.styled("Questions to use live", "bold underline"))
        by_id = {q.id: q for q in case.questions}
        for qid in note.live_questions:
            question = by_id.get(qid)
            if question is None:
                continue
            lines.append(Content.assemble("• ", Content(question.prompt)))
            lines.append(
                Content.assemble(
                    ("  Answer: ", "$foreground-muted"), Content(question.right_answer())
                )
            )
    if case.discussion:
        lines.append(Content(""))
        lines.append(Content.styled("Discussion guide", "bold underline"))
        for prompt in case.discussion:
            lines.append(Content.assemble("• ", Content(prompt.prompt).stylize("bold")))
            if prompt.strong_answer:
                lines.append(
                    Content.assemble(
                        ("  A strong answer: ", "$foreground-muted"), Content(prompt.strong_answer)
                    )
                )
    return Content("\n").join(lines)


class TeachingNoteScreen(PlaybookScreen):
    """For facilitators: how to teach the case in 60-90 minutes."""

    CSS_PATH = "teaching_note.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="note-body"):
            yield Static(note_text(self.case), id="note-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.case.title} · Teaching note"
        self.query_one("#note-body").focus()
