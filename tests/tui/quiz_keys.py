"""Keyboard-only answering for the quiz tests: the keys a trainee would press, per type.

The helpers look at what the screen shows (the shuffled order, the numbered options) to decide
which keys to press, as a person reading the screen would; the answer itself goes in by key.
"""

from __future__ import annotations

from playbook.content.questions import Question
from playbook.tui.screens.quiz import QuizScreen
from playbook.tui.widgets.matching import MatchList
from playbook.tui.widgets.ordering import OrderList


def keys_for(screen: QuizScreen, right: bool) -> list[str]:
    """The keys that answer the current question (rightly or wrongly), before enter."""
    question: Question = screen.question
    widget = screen.answer
    if question.type == "single":
        ids = widget.values  # as shown: the choices are shuffled per attempt
        index = ids.index(question.answer) if right else (ids.index(question.answer) + 1) % len(ids)
        return [str(index + 1)]
    if question.type == "multiple":
        ids = widget.values
        wanted = [i for i, c in enumerate(ids) if (c in question.answer) == right]
        return [str(i + 1) for i in wanted[: None if right else 1]]
    if question.type == "true_false":
        return ["t" if question.answer == right else "f"]
    if question.type == "ordering":
        # Wrong: put it right, then swap the last two (an untouched order is not accepted).
        return ordering_keys(widget) + ([] if right else ["up", "shift+down"])
    if question.type == "matching":
        return matching_keys(widget, right)
    if question.type == "short":
        return list(question.accept[0].upper() if right else "nobody")
    if question.type == "numeric":
        value = question.answer if right else question.answer + 10 * (question.tolerance + 1)
        return list(str(value))
    raise AssertionError(question.type)


def ordering_keys(widget: OrderList) -> list[str]:
    """Walk the cursor to each item and move it into place: ctrl/shift+arrows for a short
    hop, a number key for a long one."""
    order, cursor, keys = list(widget.order), widget.cursor, []
    for place, item in enumerate(widget.question.items):
        at = order.index(item)
        keys += ["down"] * (at - cursor) + ["up"] * (cursor - at)
        if at - place == 1:
            keys.append("shift+up")
        elif at - place == 2:
            keys += ["ctrl+up", "ctrl+up"]
        elif at != place:
            keys.append(str(place + 1))
        order.insert(place, order.pop(at))
        cursor = place
    return keys


def matching_keys(widget: MatchList, right: bool) -> list[str]:
    """A number per left-hand item, in order (the cursor moves on by itself)."""
    keys = []
    for index, pair in enumerate(widget.question.pairs):
        wanted = pair.right
        if not right and index == 0:
            wanted = next(o for o in widget.options if o != pair.right)
        keys.append(str(widget.options.index(wanted) + 1))
    return keys
