"""Grading every question type: right, wrong, partial credit, feedback and bad responses."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playbook.content.answers import NotANumber, read_quantity
from playbook.content.questions import (
    NO_ANSWER,
    Choice,
    Grade,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Pair,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from playbook.domain.quiz import summarize

SINGLE = SingleChoice(
    id="legal-form",
    prompt="What was the 1998 deal in law?",
    explanation="It was a merger in law, a takeover in practice.",
    choices=(
        Choice("merger", "A merger", "Right: one company came out of it."),
        Choice("jv", "A joint venture", "No: no separate venture was formed."),
        Choice("licence", "A licence"),
    ),
    answer="merger",
)
MULTIPLE = MultipleChoice(
    id="warning-signs",
    prompt="Which were warning signs?",
    explanation="Two were.",
    choices=(
        Choice("a", "Two head offices", "Yes: nobody knew who decided."),
        Choice("b", "A shared logo", "No: branding was never the problem."),
        Choice("c", "Pay gaps", "Yes: resentment followed."),
        Choice("d", "A long name", "No."),
    ),
    answer=("a", "c"),
)
TRUE_FALSE = TrueFalse(
    id="equals",
    prompt="It was a merger of equals.",
    explanation="Daimler ran it.",
    answer=False,
    feedback_true="It was sold as one, but Daimler ran it.",
    feedback_false="Right: Daimler ran it.",
)
ORDERING = Ordering(
    id="timeline",
    prompt="Put these in order.",
    explanation="Deal, slump, sale.",
    items=("The deal", "The slump", "The sale", "The split"),
)
MATCHING = Matching(
    id="stages",
    prompt="Match each decision to its stage.",
    explanation="Each decision belongs to a stage.",
    pairs=(
        Pair("One goal", "North Star"),
        Pair("Exit terms", "Divorce papers"),
        Pair("Who decides on a breach", "Divorce papers"),
    ),
    distractors=("Pilot",),
)
SHORT = ShortAnswer(
    id="buyer",
    prompt="Who bought Chrysler in 2007?",
    explanation="Cerberus, a private equity firm.",
    accept=("Cerberus", "Cerberus Capital Management"),
)
NUMERIC = Numeric(
    id="price",
    prompt="What did Cerberus pay, in US$ billion?",
    explanation="About 7.4 billion.",
    answer=7.4,
    tolerance=0.2,
    unit="US$ billion",
)
ALL = (SINGLE, MULTIPLE, TRUE_FALSE, ORDERING, MATCHING, SHORT, NUMERIC)


def test_a_grade_is_correct_only_with_full_marks():
    assert Grade(1.0).correct
    assert not Grade(0.99).correct


# --- single ---------------------------------------------------------------------------


def test_single_right_choice_scores_one_with_its_feedback():
    result = SINGLE.grade("merger")
    assert (result.score, result.correct) == (1.0, True)
    assert result.feedback == ("Right: one company came out of it.",)
    assert result.right_answer == "A merger"
    assert result.explanation == SINGLE.explanation


def test_single_wrong_choice_scores_zero_and_explains_that_choice():
    result = SINGLE.grade("jv")
    assert (result.score, result.correct) == (0.0, False)
    assert result.feedback == ("No: no separate venture was formed.",)


def test_single_choice_without_feedback_gives_none():
    assert SINGLE.grade("licence").feedback == ()


# --- multiple -------------------------------------------------------------------------


def test_multiple_all_right_choices_score_one():
    result = MULTIPLE.grade(["c", "a"])
    assert result.correct
    assert result.right_answer == "Two head offices; Pay gaps"


def test_multiple_gives_partial_credit_for_some_right_picks():
    assert MULTIPLE.grade(["a"]).score == 0.5


def test_multiple_wrong_picks_cancel_right_ones():
    assert MULTIPLE.grade(["a", "c", "b"]).score == 0.5
    assert MULTIPLE.grade(["a", "b"]).score == 0.0


def test_multiple_never_goes_below_zero():
    assert MULTIPLE.grade(["b", "d"]).score == 0.0


def test_multiple_feedback_covers_chosen_and_missed_right_choices_in_choice_order():
    result = MULTIPLE.grade(["b", "a"])
    assert result.feedback == (
        "Yes: nobody knew who decided.",
        "No: branding was never the problem.",
        "Yes: resentment followed.",
    )


def test_multiple_with_nothing_chosen_is_an_answer_that_scores_zero():
    result = MULTIPLE.grade([])
    assert result.score == 0.0
    assert result.feedback == ("Yes: nobody knew who decided.", "Yes: resentment followed.")


def test_multiple_picking_twice_counts_once():
    assert MULTIPLE.grade(["a", "a"]).score == 0.5


# --- true/false -----------------------------------------------------------------------


def test_true_false_right_answer_with_its_feedback():
    result = TRUE_FALSE.grade(False)
    assert result.correct
    assert result.feedback == ("Right: Daimler ran it.",)
    assert result.right_answer == "False"


def test_true_false_wrong_answer_gets_the_feedback_for_what_was_said():
    result = TRUE_FALSE.grade(True)
    assert result.score == 0.0
    assert result.feedback == ("It was sold as one, but Daimler ran it.",)


# --- ordering -------------------------------------------------------------------------


def test_ordering_right_order_scores_one():
    result = ORDERING.grade(list(ORDERING.items))
    assert result.correct
    assert result.feedback == ()
    assert result.right_answer == "1. The deal → 2. The slump → 3. The sale → 4. The split"


def test_ordering_scores_neighbouring_pairs_in_the_right_relative_order():
    # deal<sale yes, sale<slump no, slump<split yes: 2 of 3
    result = ORDERING.grade(["The deal", "The sale", "The slump", "The split"])
    assert result.score == pytest.approx(2 / 3)
    assert result.feedback == ("2 of 3 neighbouring pairs are in the right order.",)


def test_ordering_reversed_scores_zero():
    assert ORDERING.grade(list(reversed(ORDERING.items))).score == 0.0


def test_ordering_a_single_item_scores_zero():
    one = Ordering(id="one", prompt="?", explanation="", items=("Only",))
    assert one.grade(["Only"]).score == 0.0


def test_ordering_with_other_items_is_unreadable_not_an_error():
    result = ORDERING.grade(["The deal", "The slump", "The sale"])
    assert result.score == 0.0
    assert result.feedback == ("That order does not use the question's items.",)


# --- matching -------------------------------------------------------------------------


def test_matching_all_right_scores_one():
    answer = {p.left: p.right for p in MATCHING.pairs}
    result = MATCHING.grade(answer)
    assert result.correct
    assert result.right_answer == (
        "One goal → North Star; Exit terms → Divorce papers; "
        "Who decides on a breach → Divorce papers"
    )


def test_matching_scores_the_share_of_lefts_matched_right():
    answer = {"One goal": "North Star", "Exit terms": "Pilot", "Who decides on a breach": None}
    result = MATCHING.grade(answer)
    assert result.score == pytest.approx(1 / 3)
    assert result.feedback == ("1 of 3 matched correctly.",)


def test_matching_ignores_lefts_the_question_does_not_have():
    answer = {"One goal": "North Star", "Made up": "Pilot"}
    assert MATCHING.grade(answer).score == pytest.approx(1 / 3)


# --- short ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Cerberus", "  cerberus ", "CERBERUS", "cerberus   capital\tmanagement"]
)
def test_short_answer_ignores_case_and_spacing_against_every_accepted_answer(typed):
    assert SHORT.grade(typed).correct


def test_short_answer_must_match_a_whole_accepted_answer():
    assert SHORT.grade("Cerber").score == 0.0
    assert SHORT.grade("Cerberus Capital").score == 0.0


def test_short_right_answer_names_the_alternatives():
    assert SHORT.grade("x").right_answer == "Cerberus (or: Cerberus Capital Management)"


# --- numeric --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [7.4, "7.3", "7.4", " 7,4 ", "7.4bn", "$7.4 billion", "7.6", 7.2])
def test_numeric_accepts_numbers_within_tolerance_as_typed(typed):
    assert NUMERIC.grade(typed).correct


@pytest.mark.parametrize("typed", [7.61, "7.1", 8, -7.4])
def test_numeric_outside_tolerance_is_wrong(typed):
    assert NUMERIC.grade(typed).score == 0.0


@pytest.mark.parametrize("typed", ["seven", "7.4 or 8", "1.2.3", "nan"])
def test_numeric_unreadable_text_is_wrong_with_a_message_not_an_error(typed):
    result = NUMERIC.grade(typed)
    assert result.score == 0.0
    assert result.feedback[0].startswith("Could not read a number")


def test_numeric_right_answer_gives_unit_and_tolerance():
    assert NUMERIC.grade(1).right_answer == "7.4 US$ billion (±0.2)"
    exact = Numeric(id="n", prompt="?", explanation="", answer=36.0)
    assert exact.grade(36).right_answer == "36"
    assert exact.grade(36).correct


def test_numeric_exact_answer_without_tolerance():
    exact = Numeric(id="n", prompt="?", explanation="", answer=0.3)
    assert exact.grade(0.1 + 0.2).correct  # float noise is not a wrong answer
    assert not exact.grade(0.31).correct


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1,234.5", 1234.5), ("1,000,000", 1_000_000.0), ("-3", -3.0), ("2e3", 2000.0)],
)
def test_numbers_are_read_as_people_type_them(typed, value):
    assert read_quantity(typed).value == value


def test_true_is_not_a_number():
    with pytest.raises(NotANumber):
        read_quantity(True)


# --- malformed responses --------------------------------------------------------------


@pytest.mark.parametrize("question", ALL, ids=lambda q: q.type)
def test_no_answer_scores_zero_and_says_so(question):
    result = question.grade(None)
    assert (result.score, result.feedback) == (0.0, (NO_ANSWER,))
    assert result.right_answer  # the learner still learns the answer


@pytest.mark.parametrize(
    ("question", "response"),
    [
        (SINGLE, "nope"),
        (SINGLE, ["merger"]),
        (MULTIPLE, "a"),
        (MULTIPLE, ["a", "zzz"]),
        (MULTIPLE, [["a"]]),
        (TRUE_FALSE, "false"),
        (ORDERING, "The deal"),
        (ORDERING, [1, 2, 3, 4]),
        (MATCHING, ["One goal", "North Star"]),
        (SHORT, 42),
        (NUMERIC, {"value": 7.4}),
    ],
)
def test_malformed_responses_score_zero_with_a_message(question, response):
    result = question.grade(response)
    assert result.score == 0.0
    assert len(result.feedback) == 1


JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


@given(response=JSON, index=st.integers(0, len(ALL) - 1))
def test_grading_never_raises_on_any_json_value(response, index):
    result = ALL[index].grade(response)
    assert 0.0 <= result.score <= 1.0


# --- shuffles -------------------------------------------------------------------------


def order(question, seed: str) -> tuple[str, ...]:
    return question.display_order(random.Random(seed))


def test_display_order_is_the_same_for_the_same_seed():
    assert order(ORDERING, "s1") == order(ORDERING, "s1")
    assert sorted(order(ORDERING, "s1")) == sorted(ORDERING.items)


def test_display_order_differs_between_seeds():
    orders = {order(ORDERING, f"seed-{n}") for n in range(20)}
    assert len(orders) > 1


@pytest.mark.parametrize("items", [("A", "B"), ("A", "B", "C"), ORDERING.items])
def test_display_order_is_never_already_solved(items):
    question = Ordering(id="o", prompt="?", explanation="", items=items)
    for n in range(200):
        assert order(question, f"seed-{n}") != items


def test_matching_options_hold_each_right_once_plus_distractors_shuffled_by_seed():
    options = order(MATCHING, "s1")
    assert sorted(options) == ["Divorce papers", "North Star", "Pilot"]
    assert options == order(MATCHING, "s1")
    assert len({order(MATCHING, f"seed-{n}") for n in range(20)}) > 1


# --- summary --------------------------------------------------------------------------


def test_summarize_adds_points_over_questions():
    grades = [SINGLE.grade("merger"), MULTIPLE.grade(["a"]), SHORT.grade("no")]
    assert tuple(summarize(grades)) == (1.5, 3, 50.0)


def test_summarize_nothing_is_zero_percent():
    assert summarize([]) == (0.0, 0, 0.0)


def test_a_response_is_described_in_words():
    single = SingleChoice(
        id="q", prompt="?", choices=(Choice("a", "Alpha"), Choice("b", "Beta")), answer="a"
    )
    assert single.describe("b") == "Beta"
    assert single.describe(None) == "(no answer)"
    multiple = MultipleChoice(
        id="m", prompt="?", explanation="", choices=single.choices, answer=("a",)
    )
    assert multiple.describe([]) == "None of them"
    assert multiple.describe(["a", "b"]) == "Alpha; Beta"
    tf = TrueFalse(id="t", prompt="?", explanation="", answer=True)
    assert tf.describe(False) == "False"
    order = Ordering(id="o", prompt="?", explanation="", items=("x", "y"))
    assert order.describe(["y", "x"]) == "1. y → 2. x"
    match = Matching(id="p", prompt="?", explanation="", pairs=(Pair("l1", "r1"), Pair("l2", "r2")))
    assert match.describe({"l1": "r2"}) == "l1 → r2; l2 → ?"
    assert ShortAnswer(id="s", prompt="?").describe(" Cerberus ") == " Cerberus "
