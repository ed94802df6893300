"""Provides answer_widget: the answer widget of each question kind (the registry)."""

from __future__ import annotations

from playbook.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    OpenText,
    Ordering,
    Question,
    Scale,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from playbook.tui.widgets.answer import AnswerWidget
from playbook.tui.widgets.choices import ChoiceList
from playbook.tui.widgets.matching import MatchList
from playbook.tui.widgets.ordering import OrderList
from playbook.tui.widgets.text_answer import TextAnswer

WIDGETS: dict[type[Question], type[AnswerWidget]] = {
    SingleChoice: ChoiceList,
    MultipleChoice: ChoiceList,
    TrueFalse: ChoiceList,
    Ordering: OrderList,
    Matching: MatchList,
    ShortAnswer: TextAnswer,
    Numeric: TextAnswer,
    Scale: ChoiceList,
    OpenText: TextAnswer,
}


def answer_widget(question: Question, order: tuple[str, ...]) -> AnswerWidget:
    """The widget that answers `question`, its options in `order` (as the attempt drew them)."""
    return WIDGETS[type(question)](question, order, id="answer")
