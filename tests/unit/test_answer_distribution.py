"""The live bar chart: how the room answered, one bar per choice or right / partly / wrong."""

from __future__ import annotations

from playbook.content.questions import (
    Choice,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Pair,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)


def distribution(question: Question, responses: list) -> list[tuple[str, int]]:
    """The bars for these responses, each graded once as the room's answers are."""
    return question.distribution((r, question.grade(r).score) for r in responses)


def render_answer(question: Question, response: object) -> str:
    """An answer as the CSV export writes it: blank stays blank."""
    return "" if question.is_blank(response) else question.describe(response)


SINGLE = SingleChoice(
    id="form",
    prompt="What was it in law?",
    explanation="",
    choices=(
        Choice("merger", "A merger"),
        Choice("jv", "A joint venture"),
        Choice("licence", "A licence"),
    ),
    answer="merger",
)
MULTIPLE = MultipleChoice(
    id="signs",
    prompt="Which were warning signs?",
    explanation="",
    choices=(Choice("a", "No goal"), Choice("b", "No owner"), Choice("c", "A pilot")),
    answer=("a", "b"),
)
TRUE_FALSE = TrueFalse(id="tf", prompt="It was an alliance.", explanation="")
ORDERING = Ordering(
    id="order",
    prompt="Put the stages in order",
    explanation="",
    items=("North Star", "Vibe check", "Pilot"),
)
MATCHING = Matching(
    id="match",
    prompt="Match each party to its role",
    explanation="",
    pairs=(Pair("IBM", "buyer"), Pair("Intel", "supplier")),
)
NUMERIC = Numeric(id="loss", prompt="The write-down?", explanation="", answer=54, unit="bn")
SHORT = ShortAnswer(id="who", prompt="Who?", explanation="", accept=("Pixar",))


def test_a_single_choice_question_gets_one_bar_per_choice_in_choice_order():
    responses = ["jv", "merger", "merger", None, "merger"]
    assert distribution(SINGLE, responses) == [
        ("A merger", 3),
        ("A joint venture", 1),
        ("A licence", 0),
    ]


def test_blank_and_unknown_choices_are_not_counted():
    assert distribution(SINGLE, [None, "", "gone", 7]) == [
        ("A merger", 0),
        ("A joint venture", 0),
        ("A licence", 0),
    ]


def test_each_choice_ticked_in_a_multiple_answer_counts_once():
    responses = [["a", "b"], ["a"], ["b", "b", "c"], [], "a"]
    assert distribution(MULTIPLE, responses) == [("No goal", 2), ("No owner", 2), ("A pilot", 1)]


def test_true_false_has_a_true_bar_and_a_false_bar():
    assert distribution(TRUE_FALSE, [True, False, False, None]) == [("True", 1), ("False", 2)]


def test_graded_types_show_right_and_wrong():
    assert distribution(NUMERIC, [54, "54bn", 12, None]) == [("Right", 2), ("Wrong", 1)]
    assert distribution(SHORT, ["pixar", "Disney"]) == [("Right", 1), ("Wrong", 1)]


def test_partial_scores_get_a_partly_right_bar():
    responses = [
        ["North Star", "Vibe check", "Pilot"],  # right
        ["Vibe check", "North Star", "Pilot"],  # one of two neighbours in order
        ["Pilot", "Vibe check", "North Star"],  # wrong
    ]
    assert distribution(ORDERING, responses) == [("Right", 1), ("Partly right", 1), ("Wrong", 1)]


def test_types_with_partial_credit_always_show_the_partly_right_bar():
    perfect = {"IBM": "buyer", "Intel": "supplier"}
    assert distribution(MATCHING, [perfect]) == [("Right", 1), ("Partly right", 0), ("Wrong", 0)]


def test_an_unreadable_answer_counts_as_wrong():
    assert distribution(NUMERIC, ["no idea"]) == [("Right", 0), ("Wrong", 1)]


def test_answers_render_as_readable_text():
    assert render_answer(SINGLE, "jv") == "A joint venture"
    assert render_answer(MULTIPLE, ["b", "a"]) == "No goal; No owner"
    assert render_answer(TRUE_FALSE, False) == "False"
    assert render_answer(ORDERING, ["Pilot", "North Star"]) == "1. Pilot → 2. North Star"
    assert render_answer(MATCHING, {"Intel": "buyer", "IBM": "supplier"}) == (
        "IBM → supplier; Intel → buyer"
    )
    assert render_answer(NUMERIC, 54.0) == "54 bn"
    assert render_answer(NUMERIC, "about 50") == "about 50"
    assert render_answer(SHORT, None) == ""
    assert render_answer(SINGLE, "gone") == "gone"
