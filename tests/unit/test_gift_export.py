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


# -- any text, any file -----------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from playbook.content.gift import escape, protect, unprotect  # noqa: E402
from playbook.content.questions import Choice, SingleChoice  # noqa: E402

GIFT_CHARS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Co", "Cn", "Cc"),
    include_characters="\n~=#{}:\\%[]->*",
)
texts = st.text(GIFT_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool)
texts = st.one_of(texts, st.sampled_from(["[html]x", "[plain]<b>", "%50% off", "a -> b", "T"]))


@given(st.text(GIFT_CHARS, max_size=60))
def test_escaping_then_reading_gives_the_text_back(text):
    assert unprotect(protect(escape(text))) == text.replace("\r\n", "\n").replace("\r", "\n")


def single_line(text: str) -> str:
    return " ".join(text.split())


prefixed = st.one_of(texts, texts.map(lambda t: "//" + t), texts.map(lambda t: "$CATEGORY:" + t))


@settings(max_examples=150, deadline=None)
@given(prefixed, texts, texts, st.lists(texts, min_size=2, max_size=4, unique_by=str.casefold))
def test_any_texts_travel_through_gift_whole(prompt, explanation, feedback, choices):
    choices = [single_line(c) for c in choices]
    if len({c.casefold() for c in choices}) != len(choices):
        return
    question = SingleChoice(
        id="q",
        prompt=prompt,
        explanation=explanation,
        case_id="c",
        choices=tuple(Choice(f"c{i}", text, feedback) for i, text in enumerate(choices)),
        answer="c0",
    )
    text, _ = question_gift(question, "c")
    back = import_gift(text, "x.gift", "c")
    assert back.problems == []
    assert back.questions == [question]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab \n\t{}~=#:%\\->*[]T/$CATEGORY")), max_size=120))
def test_no_gift_file_raises(text):
    result = import_gift(text, "any.gift", "b")
    for problem in result.problems + result.notes:
        assert problem.line >= 1 and str(problem).startswith("any.gift:")
