"""GIFT export: every question of the bundled library written as GIFT and imported again is
the same question (its answers, weights and feedback, and what GIFT keeps in comments);
an ordering question travels as matching; what GIFT cannot hold is said."""

from __future__ import annotations

from playbook.content.gift import parse_gift
from playbook.content.gift_export import ORDER_HINT, category_of, export_gift, question_gift
from playbook.content.gift_import import import_gift
from playbook.content.questions import Ordering, ShortAnswer
from tests.conftest import bundled_library


def test_the_whole_bundled_library_round_trips_through_gift():
    library = bundled_library()
    everything = export_gift(library.owners)
    assert everything.questions == sum(len(o.questions) for o in library.owners)
    for owner in library.owners:
        exported = export_gift([owner])
        result = import_gift(exported.text, "library.gift", owner.id)
        assert result.problems == []
        assert result.questions == list(owner.questions), owner.id
        assert [c for c, _ in result.categories] == [category_of(owner)]


def test_the_export_is_gift_that_moodle_reads():
    library = bundled_library()
    case = library.cases["daimler-chrysler"]
    text = export_gift([case]).text
    parsed = parse_gift(text)
    assert parsed.problems == []
    kinds = [q.kind for q in parsed.questions]
    assert kinds[0] == "category"
    assert len(kinds) == 1 + len(case.questions)
    assert "essay" not in kinds and "description" not in kinds
    assert text.count("$CATEGORY: $course$/top/Daimler-Benz and Chrysler") == 1


def test_an_ordering_question_is_written_as_matching_and_said_so():
    question = Ordering(
        id="timeline", prompt="Put these in order", explanation="Signed, piloted, launched.",
        items=("Signed", "Piloted", "Launched"), case_id="c",
    )  # fmt: skip
    text, note = question_gift(question, "c")
    assert "ordering question has no GIFT form" in note
    gift = parse_gift(text).questions[0]
    assert gift.kind == "matching"
    assert [(p.left.text, p.right) for p in gift.pairs] == [
        ("Signed", "1"),
        ("Piloted", "2"),
        ("Launched", "3"),
    ]
    assert gift.stem.text == "Put these in order" + ORDER_HINT
    back = import_gift(text, "x.gift", "c").questions
    assert back == [question]


def test_texts_with_gift_characters_are_escaped_and_come_back_whole():
    tricky = ShortAnswer(
        id="tricky", prompt="What is {x} = 2 ~ #3: really?\nA second line.",
        explanation="%50% of the time <b>it</b> works: #always", case_id="c",
        accept=("a = b", "%50% off", "[html]raw"), reject=("c \\ d",),
        feedback=(("c \\ d", "No: {close}"),), feedback_other="Other ~ thing",
    )  # fmt: skip
    text, _ = question_gift(tricky, "c")
    assert import_gift(text, "x.gift", "c").questions == [tricky]


def test_what_gift_cannot_hold_is_left_out_and_said():
    arrow = ShortAnswer(id="arrow", prompt="?", explanation="", accept=("a -> b",), case_id="c")
    text, note = question_gift(arrow, "c")
    assert text == "" and "'->'" in note
