"""`playbook validate` keeps questions honest: none gives another's answer away, and none
says "today" or "still" without a date. Each problem names both lines a writer must look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playbook.cli import main
from playbook.content.leaks import dated_words, leaks
from playbook.content.questions import Choice, Numeric, ShortAnswer, SingleChoice, TrueFalse
from playbook.content.validate import validate
from tests.conftest import FIXTURE_CONTENT

QUESTIONS = Path(__file__).parent.parent / "fixtures" / "questions"


def _problems(name: str) -> list[str]:
    _library, problems = validate([FIXTURE_CONTENT, QUESTIONS])
    return [f"{p.path.name}:{p.line}: {p.message}" for p in problems if p.path.name == name]


def test_a_leak_is_reported_at_the_line_that_shows_it_and_at_the_question_it_spoils():
    problems = _problems("leaky-case.md")
    assert len(problems) == 2
    shown, spoiled = problems
    assert shown.startswith("leaky-case.md:54: question 'equal' shows “$1 billion”")
    assert "answer of question 'price' (line 59)" in shown
    assert spoiled.startswith("leaky-case.md:59: question 'price'")
    assert "(line 54)" in spoiled


def test_dated_words_are_reported_at_each_line_that_holds_one():
    problems = _problems("dated-case.md")
    assert len(problems) == 2
    assert problems[0].startswith("dated-case.md:46: question 'form' says “currently”")
    assert problems[1].startswith("dated-case.md:54: question 'equal' says “still”")
    assert all("as_of" in p for p in problems)


def test_validate_exits_1_and_prints_path_and_line(capsys):
    assert main(["validate", str(QUESTIONS)]) == 1
    out = capsys.readouterr().out
    assert "leaky-case.md:54:" in out and "dated-case.md:54:" in out


class _Case:
    """Just what the checks read of a case."""

    def __init__(self, *questions, parties=("Alpha Ltd", "Beta plc")):
        self.questions = questions
        self.parties = parties


DEAL = Numeric(
    id="deal", prompt="What was the deal worth?", explanation="", answer=7.4, unit="US$ billion"
)


@pytest.mark.parametrize(
    "shown",
    ["Disney paid $7.4 billion in stock.", "A deal of 7,400 million dollars", "US$7.4bn in stock"],
)
def test_a_number_leaks_in_any_form(shown):
    other = TrueFalse(id="t", prompt=shown, explanation="", answer=True)
    found = leaks(_Case(DEAL, other))
    assert [(leak.answered.id, leak.shown_by.id) for leak in found] == [("deal", "t")]


@pytest.mark.parametrize(
    "shown", ["Pixar made 7 films.", "The deal closed in 2006.", "Disney paid $7.5 billion."]
)
def test_other_numbers_are_not_leaks(shown):
    other = TrueFalse(id="t", prompt=shown, explanation="", answer=True)
    assert leaks(_Case(DEAL, other)) == []


def test_an_answer_shown_in_another_questions_choices_leaks():
    buyer = ShortAnswer(id="buyer", prompt="Who bought it?", explanation="", accept=("Cerberus",))
    other = SingleChoice(
        id="s",
        prompt="What was sold?",
        explanation="",
        choices=(Choice("a", "80.1% of Chrysler, to Cerberus"), Choice("b", "Nothing")),
        answer="a",
    )
    assert [leak.what for leak in leaks(_Case(buyer, other))] == ["cerberus"]


def test_a_party_of_the_case_is_not_a_leak():
    """The case shows its parties with its title: naming one gives nothing away."""
    payer = ShortAnswer(id="p", prompt="Who paid?", explanation="", accept=("Beta",))
    other = TrueFalse(id="t", prompt="Alpha and Beta met in 2001.", explanation="", answer=True)
    assert leaks(_Case(payer, other, parties=("Alpha", "Beta"))) == []


WORDS = ["today", "now", "currently", "still", "as of", "so far", "to date", "at present"]


@given(st.sampled_from(WORDS), st.text(alphabet="abc ", max_size=20))
def test_a_dated_word_without_as_of_is_found_and_with_as_of_is_allowed(word, filler):
    prompt = f"The alliance {filler} is {word} in place."
    undated = TrueFalse(id="t", prompt=prompt, explanation="", answer=True)
    assert dated_words(undated) == [word]
    dated = TrueFalse(id="t", prompt=prompt, explanation="", answer=True, as_of="March 2026")
    assert dated_words(dated) == []


@pytest.mark.parametrize("prompt", ["Nowhere was it signed.", "Stillwater was the site."])
def test_words_that_only_contain_a_dated_word_are_fine(prompt):
    assert dated_words(TrueFalse(id="t", prompt=prompt, explanation="", answer=True)) == []
