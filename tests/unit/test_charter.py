"""The charter to send and the private annex: shared terms in both companies' names on one
side, our due diligence on the other; Markdown, HTML and Word; versions with a change log."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest

from playbook.cli import main
from playbook.content.loader import load_library
from playbook.domain.charter import (
    SHARED,
    CharterInput,
    Version,
    build_annex,
    build_charter,
    shared_answers,
)
from playbook.domain.checks import read_all
from playbook.paths import bundled_content
from tests.conftest import FIXED_NOW
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile

LIBRARY = load_library([bundled_content()])
STAGES = tuple(LIBRARY.ordered_stages)


def data(answers, ticked=None, **overrides) -> CharterInput:
    values = dict(
        name="Tidewell × Harbour Market",
        our_side="Tidewell",
        partner="Harbour Market",
        kind="refill stations in their stores",
        author="Ana",
        today=date(2027, 1, 15),
        stages=STAGES,
        ticked=ticked or {},
        values=read_all(STAGES, answers),
        raw=answers,
    )
    values.update(overrides)
    return CharterInput(**values)


def all_ticked():
    return {s.id: {i.id for i in s.items} for s in STAGES}


def headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_a_complete_charter_holds_the_shared_terms_in_order_and_in_both_names():
    text = build_charter(data(GOOD, all_ticked()))
    assert text.startswith("# Alliance charter: Tidewell × Harbour Market\n")
    assert "An alliance between Tidewell and Harbour Market" in text
    assert "Version 1, 15 January 2027. Ready for signature." in text
    assert headings(text) == [title for _, title in SHARED] + ["Versions", "Signatures"]
    assert GOOD["north-star"]["goal"] in text
    assert "**What Tidewell brings**" in text and "**What Harbour Market gets**" in text
    assert "| Store selection | Both decide together |" in text
    assert "| In-store promotions | Tidewell decides, after consulting Harbour Market |" in text
    assert "- Mediation, within 30 days" in text
    for word in ("What we bring", "What they bring", "Ours alone", "Hint", "e.g."):
        assert word not in text, word


def test_the_charter_leaves_out_our_due_diligence_and_the_annex_holds_it():
    answers = {stage: dict(fields) for stage, fields in GOOD.items()}
    answers["vibe-check"]["notes"] = "Harbour delays supplier payments by 60 days."
    charter = build_charter(data(answers, all_ticked()))
    annex = build_annex(data(answers, all_ticked()))
    evidence = json.loads(GOOD["vibe-check"]["stability"])["evidence"]
    for private in (evidence, "2 of 5", "delays supplier payments", "Red flags", "Stability"):
        assert private not in charter, private
        assert private in annex, private
    assert annex.startswith("# Private annex: Tidewell on Harbour Market\n")
    assert "Confidential to Tidewell: not for Harbour Market." in annex
    assert "| Attitude to risk | Cautious (1) to Bold (5) | 4 | 2 | 2 |" in annex


def test_a_term_not_agreed_says_so_and_the_draft_counts_them():
    answers = {"north-star": {"goal": "Grow sales"}}
    text = build_charter(data(answers))
    assert "Grow sales" in text
    assert "_Not agreed yet._" in text
    assert "Draft: " in text and "terms are not agreed yet." in text
    assert "No measurable target" not in text  # the app's checks are for us, not the partner
    annex = build_annex(data(answers))
    assert "North Star, The one goal:" in annex and "No measurable target" in annex


def test_open_flags_are_in_the_annex_with_our_notes():
    answers = {stage: dict(fields) for stage, fields in GOOD.items()}
    answers["divorce-papers"]["walk-away"] = json.dumps(["reputational-risk"])
    noted = {"stability:score-2": "Paid in stages, reviewed monthly."}
    annex = build_annex(data(answers, all_ticked(), acknowledged=noted))
    flags = annex.split("## Red flags", 1)[1]
    assert "Stability scored 2 of 5. noted: Paid in stages, reviewed monthly." in flags
    assert "Attitude to risk: the two companies sit 2 points apart" in flags
    assert "OPEN: not answered yet" in flags
    assert "Their conduct threatens our name" in flags


def test_the_signature_block_names_both_signatories():
    text = build_charter(data(GOOD, all_ticked()))
    block = text.split("## Signatures", 1)[1]
    assert "**For Tidewell**" in block and "Name: Sam Ito" in block
    assert "Title: Chief Operating Officer" in block
    assert "**For Harbour Market**" in block and "Name: Ruth Mensah" in block
    assert block.count("Signature: ____") == 2


def test_the_change_log_names_what_changed_since_the_last_version():
    first = shared_answers(data(GOOD))
    v1 = Version(1, datetime(2027, 1, 2, tzinfo=UTC), first)
    changed = {stage: dict(fields) for stage, fields in GOOD.items()}
    changed["divorce-papers"]["term"] = "It runs for 36 months, then year by year if both agree."
    text = build_charter(data(changed, all_ticked(), versions=(v1,)))
    log = text.split("## Versions", 1)[1].split("##", 1)[0]
    assert "- Version 1, 2 January 2027: first version" in log
    assert "- Version 2, 15 January 2027 (this one): changed Term and renewal" in log


def test_user_text_cannot_restructure_the_document():
    answers = {"north-star": {"goal": "# Not a heading\n<script>x</script> | a pipe"}}
    text = build_charter(data(answers, name="<b>Bold</b> # Co"))
    assert "\n# Not a heading" not in text
    assert "\\# Not a heading" in text
    assert "<script>" not in text and "&lt;script>" in text
    assert text.startswith("# Alliance charter: &lt;b>Bold&lt;/b> # Co")


def test_a_code_fence_in_an_answer_cannot_swallow_the_sections_after_it():
    from markdown_it import MarkdownIt

    answers = {"north-star": {"goal": "```\n## Hacked\n~~~"}}
    tokens = MarkdownIt().parse(build_charter(data(answers)))
    found = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Hacked" not in found
    assert found[-1] == "Signatures"


# -- files: Markdown, HTML, Word; versions; asking before overwriting ------------------------


@pytest.fixture
def filled(store):
    profile = new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    return alliance


def test_export_writes_markdown_and_counts_versions(tmp_path, store, filled, capsys):
    out = tmp_path / "charter.md"
    assert main(["--db", store.path, "export", "charter", "harbour market", "-o", str(out)]) == 0
    assert "(version 1) written to" in capsys.readouterr().out
    assert GOOD["pilot"]["kill-criterion"] in out.read_text()
    assert main(["--db", store.path, "export", "charter", "harbour", "-o", str(out)]) == 1
    assert "already exists: add --force" in capsys.readouterr().err
    assert (
        main(["--db", store.path, "export", "charter", "harbour", "-o", str(out), "--force"]) == 0
    )
    assert "(version 2)" in capsys.readouterr().out
    assert "Version 2" in out.read_text() and "no change to the terms" in out.read_text()

    assert main(["--db", store.path, "export", "charter", str(filled.id)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Alliance charter") and "Version 3" in printed  # the next


def test_export_never_creates_a_folder(tmp_path, store, filled, capsys):
    out = tmp_path / "missing" / "charter.md"
    assert main(["--db", store.path, "export", "charter", "harbour", "-o", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_the_html_charter_is_a_page_with_the_text_escaped(tmp_path, store, filled):
    store.alliances.save_answers(
        filled.id, "north-star", {"goal": "<img src=x onerror=alert(1)> 500 refills by 2027"},
        FIXED_NOW,
    )  # fmt: skip
    out = tmp_path / "charter.html"
    assert main(["--db", store.path, "export", "charter", "harbour", "-o", str(out)]) == 0
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "<h2>Signatures</h2>" in page
    assert "<img" not in page and "&lt;img src=x" in page
    assert "<table>" in page  # decision rights


def test_the_word_charter_opens_again_with_the_parties_and_the_signature_block(
    tmp_path, store, filled
):
    from docx import Document

    out = tmp_path / "charter.docx"
    assert main(["--db", store.path, "export", "charter", "harbour", "-o", str(out)]) == 0
    word = Document(io.BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Alliance charter: Tidewell × Harbour Market" in text
    assert "An alliance between Tidewell and Harbour Market." in text
    cells = [c.text for table in word.tables for row in table.rows for c in row.cells]
    assert "For Tidewell" in cells and "For Harbour Market" in cells
    assert "Name: Sam Ito" in cells and "Name: Ruth Mensah" in cells
    assert cells.count("Signature:") == 2


def test_the_annex_as_word_holds_the_scores(tmp_path, store, filled):
    from docx import Document

    out = tmp_path / "annex.docx"
    assert main(["--db", store.path, "export", "annex", "harbour", "-o", str(out)]) == 0
    word = Document(io.BytesIO(out.read_bytes()))
    cells = [c.text for table in word.tables for row in table.rows for c in row.cells]
    assert "2 of 5" in cells and "Stability" in cells


def test_export_of_an_unknown_alliance_is_a_clear_error(store, filled, capsys):
    assert main(["--db", store.path, "export", "charter", "Globex"]) == 1
    err = capsys.readouterr().err
    assert "no alliance called 'Globex'" in err and "1: Tidewell × Harbour Market" in err
