"""Question banks: questions that belong to no case, with weights and feedback on every
answer, loaded, checked and used wherever a case's questions are."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from playbook.content.loader import load_library
from playbook.content.questions import (
    Choice,
    MultipleChoice,
    Numeric,
    ShortAnswer,
    SingleChoice,
    TextAnswer,
)
from playbook.services import Services
from playbook.services.workshop import agenda_for
from tests.conftest import FIXTURE_CONTENT, FIXTURES

BANKS = FIXTURES / "banks"


@pytest.fixture(scope="module")
def library():
    return load_library([FIXTURE_CONTENT, BANKS])


def test_a_bank_loads_beside_the_cases(library):
    bank = library.banks["grant-tomb"]
    assert bank.title == "Grant's tomb"
    assert bank.category == "$course$/top/Grant"
    assert [q.id for q in bank.questions] == ["hometown", "entombed", "best-animal", "born"]
    assert library.owner("grant-tomb") is bank
    assert library.question("grant-tomb/born").key == "grant-tomb/born"
    assert bank in library.owners and library.owners[-1] is bank


def test_a_bank_question_without_an_explanation_loads_but_is_reported(library):
    entombed = library.question("grant-tomb/entombed")
    assert entombed is not None and entombed.explanation == ""
    assert entombed.title == "Entombed" and entombed.tags == ("grant", "tombs")
    found = [str(p) for p in library.problems]
    assert len(found) == 1
    assert "grant-tomb.md:" in found[0] and "question 'entombed': no explanation" in found[0]


def test_single_choice_weights_give_part_marks(library):
    q = library.question("grant-tomb/hometown")
    assert isinstance(q, SingleChoice)
    assert q.grade("nazareth").score == 1.0
    assert q.grade("galilee").score == 0.5
    assert q.grade("galilee").feedback == ("You need to be more specific.",)
    assert q.grade("bethlehem").score == 0.25
    assert q.grade("jerusalem").score == 0.0
    assert q.right_answer() == "Nazareth"


def test_multiple_choice_weights_add_up_and_a_wrong_pick_costs_its_weight(library):
    q = library.question("grant-tomb/entombed")
    assert isinstance(q, MultipleChoice) and q.weighted
    assert q.grade(["grant", "wife"]).score == 1.0
    assert q.grade(["grant"]).score == 0.5
    assert q.grade(["grant", "no-one"]).score == 0.0
    assert q.grade(["grant", "wife", "father"]).score == 1.0  # no weight: costs nothing
    assert q.grade(["no-one"]).score == 0.0  # never below zero


def test_weights_that_do_not_add_to_a_hundred_are_shared_out():
    q = MultipleChoice(
        id="c",
        prompt="Continents?",
        choices=tuple(
            Choice(i, i, "", w)
            for i, w in (
                ("africa", 33.33333),
                ("asia", 33.33333),
                ("antarctica", 33.33333),
                ("china", -100.0),
            )
        ),
        answer=("africa", "asia", "antarctica"),
    )
    assert q.grade(["africa", "asia", "antarctica"]).correct
    assert q.grade(["africa", "asia", "antarctica", "china"]).score == 0.0


def test_short_answers_earn_full_or_part_marks_and_each_says_its_feedback(library):
    q = library.question("grant-tomb/best-animal")
    assert isinstance(q, ShortAnswer)
    assert q.accept == ("Frog",) and [a.text for a in q.partial] == ["Cat"]
    frog = q.grade(" frog ")
    assert frog.score == 1.0 and frog.feedback == ("Good!",)
    cat = q.grade("cat")
    assert cat.score == 0.5 and cat.feedback == ("What is it with Moodlers and cats?",)
    assert q.grade("Dog").feedback == ("Loyal, but no.",)
    assert q.grade("Horse").feedback == ("Completely wrong.",)


def test_a_misspelling_listed_for_part_marks_is_not_taken_for_the_right_answer():
    q = ShortAnswer(
        id="town",
        prompt="Where from?",
        accept=("Nazareth",),
        partial=(TextAnswer("Nazereth", 75, "Right, but misspelled."),),
    )
    assert q.grade("Nazereth").score == 0.75
    assert q.grade("Nazarett").correct  # another slip still counts as the right answer
    assert q.grade("Nazarett").note == "Accepted; it is spelled Nazareth."


def test_numbers_listed_besides_the_answer_earn_their_share(library):
    q = library.question("grant-tomb/born")
    assert isinstance(q, Numeric)
    assert q.grade("1822").score == 1.0 and q.grade("1822").feedback == ("Correct! Full marks.",)
    assert q.grade("1823").score == 0.5 and q.grade("1823").feedback == ("Close.",)
    assert q.grade("1900").score == 0.0 and q.grade("1900").feedback == ("Far too late.",)
    assert q.grade("1700").feedback == ("Not even close.",)


def bank_file(tmp_path: Path, questions: str, bank_id: str = "b") -> Path:
    folder = tmp_path / "content"
    (folder / "banks").mkdir(parents=True)
    path = folder / "banks" / f"{bank_id}.md"
    path.write_text(f"---\nid: {bank_id}\ntitle: B\nquestions:\n{questions}---\n")
    return folder


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        (
            "  - {id: q, type: multiple, prompt: P, explanation: E, answer: [a],\n"
            "     choices: [{id: a, text: A, weight: 50}, {id: b, text: B, weight: 50}]}\n",
            "choice 'b' earns 50% but is not in the answer",
        ),
        (
            "  - {id: q, type: single, prompt: P, explanation: E, answer: a,\n"
            "     choices: [{id: a, text: A, weight: 50}, {id: b, text: B}]}\n",
            "the answer 'a' earns all the marks",
        ),
        (
            "  - {id: q, type: single, prompt: P, explanation: E, answer: a,\n"
            "     choices: [{id: a, text: A}, {id: b, text: B, weight: 150}]}\n",
            "'weight' is a share of the marks in percent, from -100 to 100, not 150",
        ),
        (
            "  - {id: q, type: short, prompt: P, explanation: E,\n"
            "     accept: [{text: A, weight: 50}]}\n",
            "at least one accepted answer must earn full marks",
        ),
        (
            "  - {id: q, type: numeric, prompt: P, explanation: E, answer: 1,\n"
            "     partial: [{answer: 2, weight: 101}]}\n",
            "'weight' is a share of the marks in percent, from 0 to 100, not 101",
        ),
    ],
)
def test_bad_weights_are_reported_at_their_line(tmp_path, questions, message):
    library = load_library([bank_file(tmp_path, questions)])
    assert any(message in p.message and p.line >= 4 for p in library.problems), [
        str(p) for p in library.problems
    ]


def test_a_bank_may_not_take_a_case_id(tmp_path):
    folder = bank_file(
        tmp_path,
        "  - {id: q, type: true_false, prompt: P, explanation: E, answer: true}\n",
        bank_id="quiz-case",
    )
    library = load_library([FIXTURE_CONTENT, folder])
    assert "quiz-case" not in library.banks
    assert any("bank id 'quiz-case' is also a case's" in str(p) for p in library.problems)
    assert library.question("quiz-case/form") is not None  # the case's questions still win


def test_a_bank_is_quizzed_reviewed_counted_and_used_in_workshops(store, clock, library):
    services = Services(store, library, clock, random.Random(3))
    profile = services.profiles.create("Ana")
    session = services.quizzes.start(profile.id, "grant-tomb")
    assert [q.key for q in session.questions] == [
        "grant-tomb/hometown",
        "grant-tomb/entombed",
        "grant-tomb/best-animal",
        "grant-tomb/born",
    ]
    session.answer(session.questions[0], "galilee")
    session.answer(session.questions[3], "1822")
    results = session.finish()
    assert results.score.points == 1.5
    assert services.review.queue(profile.id).total == 2
    report = services.stats.report(profile.id)
    line = next(c for c in report.cases if c.case_id == "grant-tomb")
    assert line.attempts == 1 and line.questions == 4
    items = agenda_for(library, [("case", "grant-tomb"), ("question", "grant-tomb/born")])
    assert [i.ref for i in items] == [q.key for q in session.questions] + ["grant-tomb/born"]


def test_banks_are_in_the_content_cache_key(tmp_path):
    from playbook.content.cache import fingerprint

    folder = tmp_path / "content"
    shutil.copytree(BANKS, folder)
    before = fingerprint([folder])
    path = folder / "banks" / "grant-tomb.md"
    path.write_text(path.read_text() + "\nMore.\n")
    assert fingerprint([folder]) != before


def test_a_room_answers_a_bank_question_and_sees_its_part_marks(store, clock, library):
    services = Services(store, library, clock, random.Random(4))
    rooms = services.workshops
    workshop = rooms.create("Moodle night", "2468", rooms.agenda([("case", "grant-tomb")]))
    bank = library.banks["grant-tomb"]
    assert [item.ref for item in workshop.agenda] == [q.key for q in bank.questions]
    ada = rooms.join(workshop.code, "Ada", "dev-1")
    room = rooms.facilitate(workshop.code, "2468")
    room.act("start")
    room.act("open")
    ada.answer("galilee")
    assert not ada.view().mine.graded  # no grade before the reveal
    room.act("close")
    room.act("reveal")
    mine = ada.view().mine
    assert mine.graded and mine.score == 0.5
    bars = {bar.label: bar.count for bar in room.board().chart.bars}
    assert bars["Galilee"] == 1 and bars["Nazareth"] == 0
