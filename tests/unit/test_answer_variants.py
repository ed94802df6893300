"""Typed answers a teacher would accept, refuse or keep wrong: one table per rule.

Each row is a sample of its class: case, spacing, punctuation, diacritics, "&"/"and", a
leading "the", legal suffixes and small slips for names; separators, scale words, currency
and units for numbers. A refusal (not a number, two numbers) is never graded wrong: the
session hands back the reason and the learner types again.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from playbook.content.answers import LEGAL_SUFFIXES, fold, match_text, number_in_unit, read_quantity
from playbook.content.questions import Numeric, ShortAnswer

CERBERUS = ShortAnswer(
    id="buyer",
    prompt="Who bought 80.1% of Chrysler in 2007?",
    explanation="A private equity firm.",
    accept=("Cerberus Capital Management", "Cerberus"),
)
CIRCLE_7 = ShortAnswer(
    id="studio",
    prompt="What did Disney call its own sequel unit?",
    explanation="It was set up to make sequels without Pixar.",
    accept=("Circle 7 Animation Studio",),
)
PIXAR = ShortAnswer(
    id="company",
    prompt="Which studio did Disney buy in 2006?",
    explanation="",
    accept=("Pixar Animation Studios", "Pixar"),
    reject=("Pixer",),  # pretend a rival studio of that name exists: it must stay wrong
)
NESTLE = ShortAnswer(
    id="partner",
    prompt="Who was Coca-Cola's partner?",
    explanation="",
    accept=("Nestlé S.A.",),
)
BARNES = ShortAnswer(
    id="seller",
    prompt="Which bookseller?",
    explanation="",
    accept=("Barnes & Noble, Inc.",),
)


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        (CERBERUS, "cerberus CAPITAL management."),  # case and a full stop
        (CERBERUS, "  Cerberus   Capital\tManagement "),  # spacing
        (CERBERUS, "Cerberus Capital Management, L.P."),  # a legal suffix with dots
        (CERBERUS, "Cerberus Capital Management LLC"),
        (CERBERUS, "the cerberus"),  # a leading "the"
        (NESTLE, "nestle"),  # diacritics and the S.A. suffix
        (NESTLE, "Nestlé SA"),
        (NESTLE, "NESTLE AG"),
        (BARNES, "barnes and noble"),  # "&" and "and"
        (BARNES, "Barnes&Noble"),
        (BARNES, "Barnes & Noble Inc"),
        (PIXAR, "Pixar Animation Studios GmbH"),
        (PIXAR, "PIXAR, Ltd."),
    ],
)
def test_a_short_answer_written_another_way_is_right(question, typed):
    grade = question.grade(typed)
    assert grade.correct, typed
    assert grade.note == ""  # not a near miss: the same answer, written differently


@pytest.mark.parametrize(
    ("question", "typed", "spelled"),
    [
        (CIRCLE_7, "Circle 7 Animation Studios", "Circle 7 Animation Studio"),
        (CERBERUS, "Cerberus Capital Managment", "Cerberus Capital Management"),
        (CERBERUS, "Cerebrus", "Cerberus"),  # two letters swapped
        (CIRCLE_7, "circle 7 animaton studio", "Circle 7 Animation Studio"),
        (PIXAR, "Pixar Animation Stuidos", "Pixar Animation Studios"),
    ],
)
def test_a_near_miss_is_accepted_and_says_how_it_is_spelled(question, typed, spelled):
    grade = question.grade(typed)
    assert grade.correct, typed
    assert grade.note == f"Accepted; it is spelled {spelled}."


@given(st.sampled_from(["-", " ", ".", " & "]), st.permutations(["Magna Steyr", "Magna"]))
def test_a_near_miss_is_told_the_first_listed_of_the_forms_that_read_alike(joint, others):
    """The key comes first; a form listed after it only to accept its punctuation (here
    "Magna-Steyr") is never what a near miss is told it is spelled."""
    key = "Magna Steyr"
    variants = [f"Magna{joint}Steyr"]
    short = ShortAnswer(id="s", prompt="?", explanation="", accept=(key, *others, *variants))
    grade = short.grade("magna steyer")
    assert grade.correct and grade.note == f"Accepted; it is spelled {key}."


def test_a_longer_form_is_not_a_slip():
    """Words more or fewer are another answer, unless the content lists them."""
    short = ShortAnswer(id="s", prompt="?", explanation="", accept=("Circle 7 Animation",))
    assert not short.grade("Circle 7 Animation Studios of Glendale").correct


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        (PIXAR, "Pixer"),  # listed by the content as a near miss that stays wrong
        (PIXAR, "Pixer Animation"),  # nearer to the listed wrong one than to a right one
        (CIRCLE_7, "Circle 8 Animation Studio"),  # a different number is never a slip
        (CERBERUS, "Carlyle"),
        (CERBERUS, "Cerb"),  # a fragment
        (CERBERUS, "Capital Management"),
        (CERBERUS, "..."),  # nothing left after folding
    ],
)
def test_a_different_answer_stays_wrong(question, typed):
    assert not question.grade(typed).correct, typed


TOYOTA_BMW = Numeric(
    id="investment",
    prompt="How many cars?",
    explanation="",
    answer=44000,
)
VERILY = Numeric(
    id="money",
    prompt="How much did the partners commit?",
    explanation="",
    answer=0.5,
    tolerance=0.03,
    unit="US$ billion",
)
DEAL = Numeric(id="deal", prompt="?", explanation="", answer=7.4, tolerance=0.1, unit="US$ billion")
STAKE = Numeric(id="stake", prompt="?", explanation="", answer=16.5, tolerance=0.5, unit="%")
STORES = Numeric(id="stores", prompt="?", explanation="", answer=250, tolerance=10, unit="stores")
MILLION = Numeric(id="m", prompt="?", explanation="", answer=475, unit="US$ million")


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        (TOYOTA_BMW, "44,000"),
        (TOYOTA_BMW, "44 000"),
        (TOYOTA_BMW, "44\u202f000"),  # a narrow no-break space, as some keyboards type it
        (TOYOTA_BMW, "44_000"),
        (TOYOTA_BMW, "44k"),
        (TOYOTA_BMW, "44 K"),
        (TOYOTA_BMW, "44 thousand"),
        (TOYOTA_BMW, "about 44,000"),
        (VERILY, "$0.475 billion"),
        (VERILY, "475 million"),
        (VERILY, "US$475m"),
        (VERILY, "USD 500 mn"),
        (VERILY, "0.5"),  # read in the question's own unit
        (VERILY, "0,5"),  # a decimal comma
        (VERILY, "$500,000,000"),
        (DEAL, "$7.4 billion"),
        (DEAL, "7.4bn"),
        (DEAL, "7,400 million"),
        (DEAL, "7 400 m"),
        (DEAL, "US$ 7.4 bn"),
        (STAKE, "16.5%"),
        (STAKE, "16.5 percent"),
        (STAKE, "about 16,5 %"),
        (STAKE, "17"),
        (STORES, "250 stores"),
        (STORES, "~250"),
        (MILLION, "$0.475 billion"),
        (MILLION, "475,000,000"),
        (MILLION, "€475m"),
    ],
)
def test_a_number_written_the_way_people_write_it_is_read(question, typed):
    assert question.grade(typed).correct, typed
    assert question.refusal(typed) == ""


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        (TOYOTA_BMW, "44"),  # the number without its scale is another number
        (TOYOTA_BMW, "4,400"),
        (TOYOTA_BMW, "44.000"),  # a lone dot is a decimal point: 44.0
        (VERILY, "475"),  # 475 billion
        (VERILY, "$0.4 billion"),
        (DEAL, "7.4 million"),
        (STAKE, "19%"),
    ],
)
def test_a_wrong_number_is_wrong_not_refused(question, typed):
    assert question.refusal(typed) == ""
    assert not question.grade(typed).correct


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("forty-four thousand", "no digits"),
        ("7.4 or 8", "more than one number"),
        ("between 7 and 8", "more than one number"),
        ("44k million", "two scale words"),
        ("7.4 ?!", "is not part of a number"),
        ("1.2.3", "grouped in threes"),
    ],
)
def test_text_that_is_not_one_number_is_refused_with_a_reason(typed, reason):
    refusal = DEAL.refusal(typed)
    assert refusal and reason in refusal, refusal


def test_a_lone_comma_rule_is_written_down_and_followed():
    """A lone comma before exactly three digits groups thousands; any other is decimal."""
    assert read_quantity("44,000").value == 44000
    assert read_quantity("7,4").value == 7.4
    assert read_quantity("0,475").value == 0.475
    assert read_quantity("1,234.5").value == 1234.5
    assert read_quantity("1.234,5").value == 1234.5
    assert read_quantity("1.234.567").value == 1234567


@given(
    st.integers(min_value=1, max_value=999_999_999),
    st.sampled_from([",", " ", "_", "\u00a0", "\u202f"]),
)
def test_any_integer_grouped_in_threes_reads_as_itself(value, separator):
    typed = f"{value:,}".replace(",", separator)
    assert read_quantity(typed).value == value


@given(st.integers(min_value=1, max_value=9_999), st.sampled_from(["m", "mn", " million"]))
def test_millions_convert_into_a_billion_unit(value, scale):
    assert number_in_unit(f"{value}{scale}", "US$ billion") == pytest.approx(value / 1000)


NAMES = st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=3, max_size=12)


@given(st.lists(NAMES, min_size=1, max_size=4))
def test_case_punctuation_and_suffixes_never_change_a_name(words):
    name = " ".join(words)
    # Letters whose upper case folds to another letter (Turkish dotless ı -> I -> i) are
    # another word to a reader, not the same one in capitals.
    assume(name.upper().casefold() == name.casefold())
    assume(not set(fold(name).split()) <= LEGAL_SUFFIXES | {"the", "and"})  # "Co", "The"
    variants = [name.upper(), f"  {name.lower()}. ", f"{name}, Inc.", f"The {name} GmbH"]
    if not fold(name):
        return
    for variant in variants:
        assert match_text(variant, (name,)).right, (variant, name)
