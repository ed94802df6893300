"""The partner's side: their sheet as a file, checked with the same rules, and the gap view
that compares it with ours; the charter lists the gaps as open until they are agreed."""

from __future__ import annotations

import json

import pytest

from playbook.cli import main
from playbook.domain.gap import list_gap, word_diff
from tests.conftest import FIXED_NOW
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile
from tests.unit.test_worksheet_files import line_of


@pytest.fixture
def alliance(store):
    profile = new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    return alliance


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def theirs(text: str, **answers: str) -> str:
    """The partner's sheet with their answers put in (the file as they would fill it)."""
    for where, value in answers.items():
        stage, field_id = where.split(".")
        lines = text.split("\n")
        at = lines.index(f"{stage}:")
        row = next(i for i in range(at, len(lines)) if lines[i].startswith(f"  {field_id}:"))
        end = row + 1
        while end < len(lines) and lines[end].startswith("   "):  # its nested lines
            end += 1
        lines[row:end] = [f"  {field_id}: {value}"]
        text = "\n".join(lines)
    return text


def test_the_partners_sheet_is_written_from_their_side(tmp_path, store, alliance, capsys):
    path = tmp_path / "harbour.yaml"
    code, out, _ = run(
        capsys, "--db", store.path, "alliance", "partner-sheet", "harbour", "-o", str(path)
    )
    assert code == 0 and "send it to them" in out
    text = path.read_text()
    assert "Harbour Market's side of the alliance with Tidewell" in text
    assert "side: Harbour Market" in text and "partner: Tidewell" in text
    for field_id in ("goal", "we-bring", "reputation", "risk", "sunset-triggers"):
        assert f"\n  {field_id}:" in text
    assert "checklist:" not in text and "flags:" not in text
    assert GOOD["north-star"]["goal"] not in text  # our answers are not theirs to see


def test_their_sheet_is_checked_with_the_same_rules_at_its_lines(tmp_path, store, alliance, capsys):
    path = tmp_path / "harbour.yaml"
    run(capsys, "--db", store.path, "alliance", "partner-sheet", "harbour", "-o", str(path))
    text = theirs(path.read_text(), **{"north-star.goal": "TBD"})
    path.write_text(text)
    code, out, _ = run(
        capsys, "--db", store.path, "alliance", "partner-import", "harbour", str(path)
    )
    assert code == 0  # their draft is kept; what it lacks is said at its line
    assert f"{path}:{line_of(text, 'north-star.goal')}: north-star.goal:" in out
    assert "placeholder" in out


def test_a_sheet_from_the_wrong_company_is_refused(tmp_path, store, alliance, capsys):
    path = tmp_path / "harbour.yaml"
    run(capsys, "--db", store.path, "alliance", "partner-sheet", "harbour", "-o", str(path))
    path.write_text(path.read_text().replace("side: Harbour Market", "side: FreshCo"))
    code, _, err = run(
        capsys, "--db", store.path, "alliance", "partner-import", "harbour", str(path)
    )
    assert code == 1 and "is FreshCo's, not Harbour Market's" in err
    assert store.alliances.partner_answers(alliance.id) == {}


def test_a_different_goal_and_two_scores_show_in_the_gap_and_stay_open_until_agreed(
    tmp_path, store, alliance, capsys
):
    path = tmp_path / "harbour.yaml"
    run(capsys, "--db", store.path, "alliance", "partner-sheet", "harbour", "-o", str(path))

    def score(n: int) -> str:
        evidence = "Their installers were on time in all four of our pilot stores last year."
        return json.dumps({"score": n, "evidence": evidence, "sources": ["site-visit"]})

    text = theirs(
        path.read_text(),
        **{
            "north-star.goal": "'Refill 90,000 bottles at sixty Harbour Market stores before "
            "31 December 2027.'",
            "vibe-check.reputation": score(1),  # we scored them 4: a gap of 3
            "vibe-check.complementarity": score(2),  # we scored them 5: a gap of 3
            "vibe-check.culture": score(3),  # the same as ours: no gap
        },
    )
    path.write_text(text)
    code, out, err = run(
        capsys, "--db", store.path, "alliance", "partner-import", "harbour", str(path)
    )
    assert code == 0, err
    assert "3 open gaps" in out

    code, gap, _ = run(capsys, "--db", store.path, "export", "gap", "harbour")
    assert code == 0
    assert "Tidewell wrote “120,000”" in gap and "Harbour Market wrote “90,000”" in gap
    assert "Reputation: Tidewell scores Harbour Market 4 of 5, Harbour Market scores " in gap
    assert "Complementarity: Tidewell scores Harbour Market 5 of 5" in gap
    assert "Culture: Tidewell" not in gap.split("## Open items")[1]
    bars = gap.split("## How each side scores the other")[1]
    assert "gap 3" in bars

    code, charter, _ = run(capsys, "--db", store.path, "export", "charter", "harbour")
    opened = charter.split("## Open between the parties")[1].split("##")[0]
    assert "The goal is worded differently" in opened
    assert "Reputation: the two sides' scores of each other are 3 points apart" in opened
    assert "4 of 5" not in charter  # our score of them stays ours
    assert "Draft: the two sides differ on 3 points." in charter

    code, _, err = run(
        capsys,
        "--db",
        store.path,
        "alliance",
        "agree",
        "harbour",
        "goal",
        "Refill 100,000 bottles by 31 December 2027",
        "--by",
        "Sam Ito, Ruth Mensah",
    )
    assert code == 0, err
    code, charter, _ = run(capsys, "--db", store.path, "export", "charter", "harbour")
    opened = charter.split("## Open between the parties")[1].split("##")[0]
    assert "The goal is worded differently" not in opened
    code, gap, _ = run(capsys, "--db", store.path, "export", "gap", "harbour")
    assert "Refill 100,000 bottles by 31 December 2027 (agreed by Sam Ito, Ruth Mensah" in gap


def test_a_word_by_word_comparison_ignores_case_and_punctuation():
    diff = word_diff("Sell 120,000 refills by June 2027.", "sell 90,000 refills by June 2027")
    assert [r for r in diff.runs if r[0] != "same"] == [("ours", "120,000"), ("theirs", "90,000")]
    assert word_diff("Sell more.", "sell more").same


def test_contributions_named_by_one_side_only():
    found = list_gap(
        "Our refill formulas, two engineers and weekly restocking",
        "The refill formulas; weekly restocking; a marketing budget",
    )
    assert found.only_ours == ("two engineers",)
    assert found.only_theirs == ("a marketing budget",)
