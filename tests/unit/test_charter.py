"""The charter: every answer in its section, gaps marked, flags listed, user text kept literal."""

from __future__ import annotations

import json
from datetime import date

from playbook.cli import main
from playbook.content.loader import load_library
from playbook.domain.charter import CharterInput, build_charter
from playbook.domain.checks import read_all
from playbook.paths import bundled_content
from tests.conftest import FIXED_NOW
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile

LIBRARY = load_library([bundled_content()])


def charter(answers, ticked=None, **overrides) -> str:
    data = dict(
        name="Tidewell × Harbour Market",
        our_side="Tidewell",
        partner="Harbour Market",
        kind="refill stations in their stores",
        author="Ana",
        today=date(2027, 1, 15),
        stages=tuple(LIBRARY.ordered_stages),
        ticked=ticked or {},
        values=read_all(LIBRARY.ordered_stages, answers),
    )
    data.update(overrides)
    return build_charter(CharterInput(**data))


def all_ticked():
    return {s.id: {i.id for i in s.items} for s in LIBRARY.ordered_stages}


def test_a_complete_charter_holds_every_answer_in_order():
    text = charter(GOOD, all_ticked())
    assert text.startswith("# Alliance charter: Tidewell × Harbour Market\n")
    assert "Prepared by Ana on 2027-01-15" in text and "Stages complete: 5 of 5" in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Objectives",
        "## Scope and form",
        "## Contributions",
        "## Partner due diligence",
        "## Governance",
        "## Decision rights",
        "## Exit terms",
        "## Disputes",
        "## Pilot plan",
        "## Open flags",
    ]
    assert GOOD["north-star"]["goal"] in text
    assert "Vertical: " in text  # a choice shows its label and what it means
    assert "| Store selection | Joint |" in text
    assert "- Mediation, within 30 days" in text
    assert "**2 of 5**" in text and "Sources: Site visit, Talks with the mid-level" in text
    assert "Us **4**, them **2**" in text
    assert "Not answered yet" not in text and "Unfinished" not in text


def test_unfinished_parts_are_marked_never_dropped():
    answers = {"north-star": {"goal": "Grow sales"}}
    text = charter(answers)
    assert "Grow sales" in text
    assert "_Unfinished: No measurable target" in text
    assert text.count("_Not answered yet._") >= 30
    north = LIBRARY.stages["north-star"]
    assert (
        # "Grow sales" is there but unfinished: no measurable target
        f"- North Star is not finished: {len(north.items)} checklist items open, "
        f"{len(north.fields)} worksheet answers"
    ) in text


def test_open_flags_carry_weak_scores_walk_away_signals_and_culture_gaps():
    answers = {
        **GOOD,
        "divorce-papers": {**GOOD["divorce-papers"], "walk-away": json.dumps(["internal-fatigue"])},
    }
    answers["vibe-check"] = {**GOOD["vibe-check"], "risk": json.dumps({"us": 5, "them": 1})}
    text = charter(answers, all_ticked())
    flags = text.split("## Open flags", 1)[1]
    assert "- Stability: scored 2 of 5" in flags
    assert "Walk-away signals (revisit every quarter): The alliance is wearing us out" in flags
    assert "the two companies sit 4 points apart" in flags


def test_user_text_cannot_restructure_the_document():
    answers = {"north-star": {"goal": "# Not a heading\n<script>x</script> | a pipe"}}
    text = charter(answers, name="<b>Bold</b> # Co")
    assert "\n# Not a heading" not in text
    assert "\\# Not a heading" in text
    assert "<script>" not in text and "&lt;script>" in text
    assert text.startswith("# Alliance charter: &lt;b>Bold&lt;/b> # Co")


def test_export_charter_command_writes_the_file(tmp_path, store, capsys):
    profile = new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    out = tmp_path / "out" / "charter.md"
    code = main(["--db", store.path, "export", "charter", "harbour market", "-o", str(out)])
    assert code == 0
    text = out.read_text()
    assert GOOD["pilot"]["kill-criterion"] in text
    assert "written to" in capsys.readouterr().out

    assert main(["--db", store.path, "export", "charter", str(alliance.id)]) == 0
    assert capsys.readouterr().out == text  # without -o it prints the same document


def test_export_charter_unknown_alliance_is_a_clear_error(store, capsys):
    profile = new_profile(store, "Ana")
    new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    assert main(["--db", store.path, "export", "charter", "Globex"]) == 1
    err = capsys.readouterr().err
    assert "no alliance called 'Globex'" in err and "1: Tidewell × Harbour Market" in err


def test_a_code_fence_in_an_answer_cannot_swallow_the_sections_after_it():
    from markdown_it import MarkdownIt

    answers = {"north-star": {"goal": "```\n## Hacked\n~~~"}}
    tokens = MarkdownIt().parse(charter(answers))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Hacked" not in headings
    assert headings[-1] == "Open flags"
    assert not any(t.type == "fence" for t in tokens if "Hacked" in t.content)
