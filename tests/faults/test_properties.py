"""Property-based tests: arbitrary text never breaks the loader, the checks or the charter."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from playbook.content import frontmatter
from playbook.content.loader import load_case, load_library, load_stage
from playbook.content.models import Problem
from playbook.domain.charter import SHARED, CharterInput, build_annex, build_charter
from playbook.domain.checks import check_field, read_all
from playbook.domain.document import md
from playbook.paths import bundled_content

STAGES = load_library([bundled_content()]).ordered_stages
SECTION_TITLES = [title for _, title in SHARED] + ["Versions", "Signatures"]
FIELDS = [f for s in STAGES for f in s.fields]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_ish = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#%@` \n\t0123456789.,?\\\x00é✓")), max_size=300
)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_splits_without_raising(text):
    document = frontmatter.split(text)
    assert document.meta is None or isinstance(document.meta, dict)
    assert all(issue.line >= 1 for issue in document.issues)


@SETTINGS
@given(yaml_ish)
def test_yaml_shaped_noise_is_reported_never_raised(body):
    _data, issues = frontmatter.parse_yaml(body, first_line=2)
    assert all(issue.line >= 2 for issue in issues)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(yaml_ish, st.sampled_from(["case", "stage"]))
def test_any_file_loads_or_is_reported_with_a_line(tmp_path, body, kind):
    path = Path(tmp_path) / "noise.md"
    path.write_text(f"---\n{body}\n---\nBody\n", encoding="utf-8")
    problems: list[Problem] = []
    loaded = (load_case if kind == "case" else load_stage)(path, problems)
    assert loaded is not None or problems
    assert all(p.path == path and p.line >= 1 for p in problems)


@SETTINGS
@given(st.sampled_from(FIELDS), st.text(max_size=500))
def test_checks_take_any_answer(field, text):
    messages = check_field(field, field.read(text))
    assert all(isinstance(m, str) and m for m in messages)


@SETTINGS
@given(
    st.sampled_from([f for f in FIELDS if f.kind in ("score", "compare", "rights", "multi")]),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=10,
    ),
)
def test_checks_take_any_stored_json(field, value):
    check_field(field, field.read(json.dumps(value)))


@SETTINGS
@given(st.text(max_size=200))
def test_charter_keeps_user_text_and_its_structure(text):
    stage = STAGES[0]
    raw = {stage.id: {stage.fields[0].id: text}}
    data = CharterInput(
        name=text or "x",
        our_side="Us",
        partner="Them",
        kind="",
        author=text,
        today=date(2027, 1, 1),
        stages=tuple(STAGES),
        ticked={},
        values=read_all(STAGES, raw),
        raw=raw,
    )
    charter = build_charter(data)
    # Parsed as a reader's Markdown viewer would: the sections are exactly the charter's own.
    tokens = MarkdownIt().parse(charter)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) == len(SECTION_TITLES) + 1, headings
    assert headings[1:] == SECTION_TITLES
    if text.strip():
        assert md(text) in charter
    annex = MarkdownIt().parse(build_annex(data))
    titles = [annex[i + 1].content for i, t in enumerate(annex) if t.type == "heading_open"]
    assert titles[0].startswith("Private annex") and text not in titles[1:]
