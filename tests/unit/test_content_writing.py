"""Writing content files: every question written as YAML reads back the same; questions
added to a file go at the end of its list and leave every other line as it was; placeholders
are reported at their lines until replaced."""

from __future__ import annotations

import pytest

from playbook.content.frontmatter import parse_yaml
from playbook.content.loader import load_library
from playbook.content.questions import TrueFalse, build_question
from playbook.content.reader import Reader
from playbook.content.writing import CannotAdd, add_questions, questions_yaml
from tests.conftest import FIXTURE_CONTENT, bundled_library


def read_back(questions, owner):
    data, issues = parse_yaml(questions_yaml(questions, indent=0))
    assert issues == []
    problems = []
    reader = Reader(FIXTURE_CONTENT / "x.md", {"questions": data}, problems)
    built = [build_question(reader, item, owner) for item in data]
    assert problems == []
    return built


def test_every_bundled_question_written_as_yaml_reads_back_the_same():
    for owner in bundled_library().owners:
        assert read_back(list(owner.questions), owner.id) == list(owner.questions)


def question(qid: str) -> TrueFalse:
    return TrueFalse(id=qid, prompt=f"Is {qid} so?", explanation="Yes.", answer=True, case_id="c")


CASE = """---
id: c
title: C
questions:
  - id: one   # the first
    type: true_false
    prompt: One?
    answer: true
    explanation: "Yes."

# what follows is the discussion guide
discussion:
  - prompt: Why?
---
Body.
"""


def test_questions_are_added_at_the_end_of_the_list_and_nothing_else_moves():
    added = add_questions(CASE, [question("two")])
    before, after = CASE.splitlines(), added.splitlines()
    assert after[:9] == before[:9]
    assert after[9:14] == [
        "  - id: two",
        "    type: true_false",
        "    prompt: Is two so?",
        "    answer: true",
        "    explanation: Yes.",
    ]
    assert after[14:] == before[9:]


def test_a_file_without_questions_gets_its_list():
    text = "---\nid: b\ntitle: B\n---\n"
    added = add_questions(text, [question("q")])
    assert added.startswith("---\nid: b\ntitle: B\nquestions:\n  - id: q\n")
    assert added.endswith("---\n")
    assert (
        add_questions("---\nid: b\nquestions: []\ntitle: B\n---\n", [question("q")]).count(
            "questions:"
        )
        == 1
    )


def test_a_list_written_on_one_line_or_broken_front_matter_is_refused():
    with pytest.raises(CannotAdd):
        add_questions("---\nid: b\nquestions: [{id: a}]\n---\n", [question("q")])
    with pytest.raises(CannotAdd, match="line"):
        add_questions("---\nid: b\nid: c\n---\n", [question("q")])


def test_placeholders_are_reported_at_their_lines_and_the_rest_still_loads(tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "b.md").write_text(
        "---\n"
        "id: b\n"
        "title: FILL IN the bank's title\n"
        "questions:\n"
        "  - id: q\n"
        "    type: numeric\n"
        "    prompt: How many?\n"
        "    answer: FILL IN a number\n"
        "    explanation: Because.\n"
        "---\n"
        "Line one.\n"
        "FILL IN: a description.\n"
    )
    library = load_library([tmp_path])
    found = sorted((p.line, p.message) for p in library.problems)
    assert [line for line, _ in found] == [3, 8, 12]
    assert "'title' still holds a placeholder" in found[0][1]
    assert "'answer' still holds a placeholder" in found[1][1]
    assert "the text still holds a placeholder" in found[2][1]
    assert library.question("b/q") is not None  # reported, not dropped
