"""GIFT import: every test file of the GIFT-grammar parser (tests/fixtures/gift, MIT) gives
the questions, answers, weights and feedback of its expected parse; what no kind here
can take is reported at its line; nothing raises.

The expected parses are that parser's output. Two readings differ from it on purpose, as
Moodle's importer reads them (Moodle is what GIFT files are written for):
- a true/false question's first feedback is for a wrong answer and the second for a
  right one (`{TRUE#wrong#right}`), where the parser takes them as for "true" then
  "false" whatever the answer;
- HTML is turned into the text the app shows; the comparison does the same to the
  expected text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.content.gift import BLANK, html_text, parse_gift
from playbook.content.gift_import import import_gift, slug
from playbook.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from tests.conftest import FIXTURES

GIFT = FIXTURES / "gift"
FILES = sorted(GIFT.glob("*.gift"))
UNSUPPORTED = ("Essay", "Description")


def expected_text(text: dict | None) -> str:
    if not text:
        return ""
    if text["format"] == "html":
        return html_text(text["text"])[0]
    return text["text"]


def weight_of(choice: dict) -> float:
    if choice["weight"] is not None:
        return float(choice["weight"])
    return 100.0 if choice["isCorrect"] else 0.0


def expected_answers(q: dict):
    """The expected parse, in the shape `our_answers` gives for our question."""
    kind = q["type"]
    if kind == "TF":
        first, second = q["trueFeedback"], q["falseFeedback"]  # the parser's order
        wrong, right = expected_text(first), expected_text(second)
        true, false = (right, wrong) if q["isTrue"] else (wrong, right)  # Moodle's
        return ("true_false", q["isTrue"], true, false)
    if kind == "Matching":
        pairs = [(expected_text(p["subquestion"]), p["subanswer"]) for p in q["matchPairs"]]
        lefts = sorted(p for p in pairs if p[0])
        return ("matching", lefts, sorted(right for left, right in pairs if not left))
    if kind == "Numerical":
        choices = q["choices"]
        if isinstance(choices, dict):
            choices = [{"isCorrect": True, "weight": None, "text": choices, "feedback": None}]
        found = []
        for c in choices:
            number = c["text"]
            fb = expected_text(c["feedback"])
            if "format" in number:  # `~#...`: what any other number is told
                found.append(("other", fb))
            elif number["type"] == "high-low":
                low, high = number["numberLow"], number["numberHigh"]
                found.append(((low + high) / 2, (high - low) / 2, weight_of(c), fb))
            else:
                found.append((number["number"], number.get("range", 0), weight_of(c), fb))
        return ("numeric", sorted(found, key=repr))
    answers = [
        (expected_text(c["text"]), weight_of(c), expected_text(c["feedback"])) for c in q["choices"]
    ]
    if kind == "Short":
        return ("short", sorted(answers))
    assert kind == "MC"
    single = any(c["isCorrect"] for c in q["choices"])
    return ("single" if single else "multiple", sorted(answers))


def our_answers(q):
    if isinstance(q, TrueFalse):
        return ("true_false", q.answer, q.feedback_true, q.feedback_false)
    if isinstance(q, Matching):
        return ("matching", sorted((p.left, p.right) for p in q.pairs), sorted(q.distractors))
    if isinstance(q, Numeric):
        found = [(q.answer, q.tolerance, 100.0, q.feedback)]
        found += [(p.answer, p.tolerance, p.weight, p.feedback) for p in q.partial]
        if q.feedback_other:
            found.append(("other", q.feedback_other))
        return ("numeric", sorted(found, key=repr))
    if isinstance(q, ShortAnswer):
        said = dict(q.feedback)
        found = [(a, 100.0, said.get(a, "")) for a in q.accept]
        found += [(a.text, a.weight, a.feedback) for a in q.partial]
        found += [(r, 0.0, said.get(r, "")) for r in q.reject]
        if q.feedback_other:
            found.append(("*", 0.0, q.feedback_other))
        return ("short", sorted(found))
    assert isinstance(q, SingleChoice | MultipleChoice)
    if isinstance(q, SingleChoice):
        found = [(c.text, q.credit(c) * 100, c.feedback) for c in q.choices]
        return ("single", sorted(found))
    weights = [
        (c.weight or 0.0) if q.weighted else q.credit(c) * 100 for c in q.choices
    ]  # fmt: skip
    found = [(c.text, w, c.feedback) for c, w in zip(q.choices, weights, strict=True)]
    return ("multiple", sorted(found))


def close(a, b) -> bool:
    """Equal, with numbers equal to a millionth (33.33333 against a third of 100)."""
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(a - b) < 1e-4
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_fixture_imports_to_its_expected_parse(path: Path):
    parse = json.loads(path.with_suffix(".json").read_text())
    expected = [q for q in parse if q["type"] != "Category"]
    result = import_gift(path.read_text(encoding="utf-8"), path, "bank")
    questions = iter(result.questions)
    reported = {p.line for p in result.problems}
    lines = [q.line for q in parse_gift(path.read_text()).questions if q.kind != "category"]
    assert len(lines) == len(expected)
    for want, line in zip(expected, lines, strict=True):
        if want["type"] in UNSUPPORTED:
            assert line in reported, f"{want['type']} at line {line} is not reported"
            continue
        mine = next(questions)
        assert result.lines[mine.id] == line
        assert mine.prompt == expected_text(want["stem"])
        assert mine.title == (want["title"] or "")
        assert mine.tags == tuple(want["tags"] or ())
        assert mine.explanation == expected_text(want.get("globalFeedback"))
        assert close(our_answers(mine), expected_answers(want)), (
            our_answers(mine),
            expected_answers(want),
        )
        if want["id"]:
            assert mine.id == slug(want["id"], words=12)
        embedded = want["hasEmbeddedAnswers"]
        assert (BLANK in mine.prompt) == embedded or BLANK in want["stem"]["text"]
        noted = any(n.line == line and "blank" in n.message for n in result.notes)
        assert noted == embedded
    assert next(questions, None) is None, "a question imported that the parse does not have"


def test_categories_are_read_with_their_escapes():
    result = import_gift((GIFT / "categorySpecialCharacter.gift").read_text(), "c.gift", "b")
    parsed = parse_gift((GIFT / "categorySpecialCharacter.gift").read_text())
    assert parsed.questions[0].category == "$course$/top/Default for Unit 1: Topic"
    assert result.questions == [] and result.problems == []


def test_unsupported_constructs_are_reported_as_path_line_message_and_the_rest_imports():
    text = (
        "// [id:intro]\n"
        "::Intro::Read the case first.\n"
        "\n"
        "Write about it. {}\n"
        "\n"
        "Two plus {=two =2} makes four and {=three} makes five.\n"
        "\n"
        "Which is animal? {=Cat* =%0%*#No}\n"
        "\n"
        "The sky is blue.{TRUE}\n"
        "\n"
        "Pick one {~a ~b ~c}\n"
        "\n"
        "Broken {~a ~b\n"
    )
    result = import_gift(text, Path("bank.gift"), "b")
    assert [q.prompt for q in result.questions] == ["The sky is blue."]
    messages = [str(p) for p in result.problems]
    assert len(messages) == 6
    assert "bank.gift:2: a description (text with no answers) is not a question" in messages[0]
    assert messages[1].startswith("bank.gift:4: an essay question")
    assert messages[2].startswith("bank.gift:6: more than one set of answers")
    assert messages[3].startswith("bank.gift:8: no answer earns full marks")
    assert messages[4].startswith("bank.gift:12: no choice earns any marks")
    assert messages[5].startswith("bank.gift:14: a '{' without its '}'")
    assert any("wildcard" in str(n) and ":8:" in str(n) for n in result.notes)


def test_ids_come_from_id_title_or_words_and_stay_the_same_on_a_second_import():
    text = (
        "// [id:Q_7]\nFirst?{T}\n\n::Grant's Tomb::Second?{F}\n\n"
        "Who is buried in Grant's tomb today?{=no one}\n\n"
        "Who is buried in Grant's tomb today?{=nobody}\n"
    )
    first = import_gift(text, "x.gift", "b")
    assert [q.id for q in first.questions] == [
        "q-7",
        "grants-tomb",
        "who-is-buried-in-grants-tomb",
        "who-is-buried-in-grants-tomb-2",
    ]
    again = import_gift(text, "x.gift", "b")
    assert [q.id for q in again.questions] == [q.id for q in first.questions]
    into_same = import_gift(text, "x.gift", "b", taken={q.id for q in first.questions})
    assert into_same.questions == []
    assert len(into_same.notes) == 4 and all("there already" in n.message for n in into_same.notes)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_imported_question_reads_back_from_the_file_written(path: Path, tmp_path):
    from playbook.content.loader import load_library
    from playbook.content.writing import bank_text

    result = import_gift(path.read_text(encoding="utf-8"), path, "fixture-bank")
    if not result.questions:
        return
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "fixture-bank.md").write_text(bank_text("fixture-bank", "F", result.questions))
    library = load_library([tmp_path])
    unexplained = [p for p in library.problems if "no explanation" in p.message]
    assert [p for p in library.problems if p not in unexplained] == []
    assert list(library.banks["fixture-bank"].questions) == result.questions


def test_html_becomes_the_text_the_app_shows():
    text, images = html_text(
        "<p>Match the <b>activity</b>&nbsp;to&amp;from</p><ul><li>one</li><li>two</li></ul>"
        '<pre>  keep\n    this</pre><img src="@@PLUGINFILE@@/3.png" alt="">'
    )
    assert text == "Match the activity to&from\n\n- one\n- two\n\n  keep\n    this"
    assert images == ["@@PLUGINFILE@@/3.png"]


def test_questions_without_blank_lines_between_them_are_read_one_by_one():
    text = "::A::One? {T}\n::B:: Two {\n=x\n=y\n}\nGrant is {~buried =entombed}\nin Grant's tomb.\n"
    result = import_gift(text, "run.gift", "b")
    assert [(q.id, q.prompt) for q in result.questions] == [
        ("a", "One?"),
        ("b", "Two"),
        ("grant-is-in-grants-tomb", "Grant is _____ in Grant's tomb."),
    ]
    assert [result.lines[q.id] for q in result.questions] == [1, 2, 6]
    assert any(n.line == 1 and "no blank line" in n.message for n in result.notes)
