"""`playbook import gift` and `playbook export gift`: a GIFT file into a bank or a case that
validates and can be quizzed at once, reported problems as FILE:line: message, and the same
file imported twice adding nothing."""

from __future__ import annotations

import random

from playbook.cli import main
from playbook.content.loader import load_library
from playbook.paths import bundled_content
from playbook.services import Services
from tests.conftest import FIXTURE_CONTENT, FIXTURES

GIFT = FIXTURES / "gift"


def test_a_gift_file_becomes_a_bank_that_is_quizzed(tmp_path, capsys, store, clock):
    folder = tmp_path / "mine"
    code = main(["import", "gift", str(GIFT / "totara_moodle_multichoice.gift"), "-o", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    bank_file = folder / "banks" / "totara-moodle-multichoice.md"
    assert bank_file.exists()
    assert f"1 question created {bank_file}" in out
    library = load_library([FIXTURE_CONTENT, folder])
    bank = library.banks["totara-moodle-multichoice"]
    question = bank.questions[0]
    assert question.key == "totara-moodle-multichoice/q2"
    services = Services(store, library, clock, random.Random(1))
    profile = services.profiles.create("Ana")
    session = services.quizzes.start(profile.id, bank.id)
    feedback = session.answer(question, "yellow")
    assert feedback.grade.correct and feedback.grade.feedback == ("right; good!",)


def test_unsupported_questions_are_reported_and_the_rest_is_written(tmp_path, capsys):
    gift = tmp_path / "mixed.gift"
    gift.write_text(
        "$CATEGORY: $course$/top/Week 1\n\n"
        "Tell us about yourself. {}\n\n"
        "::Q1:: 1+1=2 {T}\n\n"
        "$CATEGORY: $course$/top/Week 2\n\n"
        "Pick the prime {=7 ~8 ~9}\n"
    )
    code = main(["import", "gift", str(gift), "-o", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert code == 1  # something was left out
    assert f"{gift}:3: an essay question" in err
    assert (tmp_path / "out" / "banks" / "week-1.md").exists()
    assert (tmp_path / "out" / "banks" / "week-2.md").exists()
    library = load_library([tmp_path / "out"])
    assert library.banks["week-1"].title == "Week 1"
    assert library.banks["week-1"].category == "$course$/top/Week 1"
    assert [q.id for q in library.banks["week-2"].questions] == ["pick-the-prime"]
    # Again: nothing new, and the files stay as they were.
    before = (tmp_path / "out" / "banks" / "week-1.md").read_text()
    main(["import", "gift", str(gift), "-o", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert "Nothing new to import" in out
    assert (tmp_path / "out" / "banks" / "week-1.md").read_text() == before


def test_questions_added_to_a_bundled_case_land_in_an_override_that_keeps_the_rest(
    tmp_path, capsys
):
    folder = tmp_path / "mine"
    gift = tmp_path / "extra.gift"
    gift.write_text("::Extra:: Hulu launched in 2008. {TRUE####It opened to the public in 2008.}\n")
    code = main(["--content", str(folder), "import", "gift", str(gift), "--case", "hulu"])
    _out, err = capsys.readouterr()
    assert code == 0, err
    written = folder / "cases" / "hulu.md"
    original = (bundled_content() / "cases" / "hulu.md").read_text()
    text = written.read_text()
    assert text.startswith(original.split("questions:")[0])  # the rest kept as written
    library = load_library([bundled_content(), folder])
    case = library.cases["hulu"]
    assert case.questions[-1].key == "hulu/extra"
    assert len(case.questions) == len(load_library([bundled_content()]).cases["hulu"].questions) + 1
    assert main(["--content", str(folder), "validate"]) == 0, capsys.readouterr().out


def test_a_question_without_general_feedback_must_be_explained_before_a_case_validates(
    tmp_path, capsys
):
    folder = tmp_path / "mine"
    gift = tmp_path / "extra.gift"
    gift.write_text("Hulu launched in 2008. {TRUE}\n")
    assert main(["--content", str(folder), "import", "gift", str(gift), "--case", "hulu"]) == 0
    capsys.readouterr()
    assert main(["--content", str(folder), "validate"]) == 1
    out = capsys.readouterr().out
    assert "placeholder" in out and "hulu.md:" in out


def test_export_gift_writes_a_case_or_everything(tmp_path, capsys):
    target = tmp_path / "hulu.gift"
    assert main(["export", "gift", "hulu", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert "written as matching" in err  # Hulu's ordering question
    assert "$CATEGORY: $course$/top/Hulu" in target.read_text()
    assert main(["export", "gift", "--all"]) == 0
    out, _ = capsys.readouterr()
    assert out.count("$CATEGORY:") == len(load_library([bundled_content()]).cases)


def test_an_unknown_case_is_said_with_close_matches(capsys):
    assert main(["export", "gift", "hul"]) == 1
    assert "Did you mean: hulu" in capsys.readouterr().err


def test_an_unreadable_gift_file_is_a_message_not_a_traceback(tmp_path, capsys):
    gift = tmp_path / "latin1.gift"
    gift.write_bytes("Caf\xe9? {T}\n".encode("latin-1"))
    assert main(["import", "gift", str(gift), "-o", str(tmp_path)]) == 1
    assert f"{gift}:1: not UTF-8 text" in capsys.readouterr().err
    assert main(["import", "gift", str(tmp_path / "missing.gift"), "-o", str(tmp_path)]) == 1
    assert "cannot read file" in capsys.readouterr().err
