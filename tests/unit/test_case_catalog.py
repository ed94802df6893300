"""The case library's filters and search."""

from __future__ import annotations

from playbook.content.loader import load_library
from playbook.domain.catalog import CaseFilter, filter_cases, kinds_in
from playbook.paths import bundled_content

LIBRARY = load_library([bundled_content()])
CASES = LIBRARY.ordered_cases


def ids(criteria: CaseFilter) -> set[str]:
    return {c.id for c in filter_cases(CASES, criteria)}


def test_no_filter_keeps_every_case():
    assert len(filter_cases(CASES, CaseFilter())) == len(CASES) == len(LIBRARY.cases) >= 30


def test_filters_combine():
    assert "daimler-chrysler" in ids(CaseFilter(stage="vibe-check", outcome="failure"))
    assert "daimler-chrysler" not in ids(CaseFilter(stage="vibe-check", outcome="success"))
    assert ids(CaseFilter(kind="licence")) >= {"starbucks-target"}
    assert ids(CaseFilter(kind="joint venture")) >= {"verily-sanofi"}
    assert all(
        c.industry == "automotive" for c in filter_cases(CASES, CaseFilter(industry="automotive"))
    )


def test_an_alliance_that_ended_as_an_acquisition_is_found_under_both():
    assert "disney-pixar" in ids(CaseFilter(kind="acquisition"))


def test_search_matches_every_word_in_any_order_and_case():
    assert ids(CaseFilter(text="supra TOYOTA")) == {"toyota-bmw"}
    assert ids(CaseFilter(text="chrysler DAIMLER-benz")) == {"daimler-chrysler"}
    assert {"daimler-chrysler", "gm-fiat"} <= ids(CaseFilter(text="chrysler daimler"))
    assert ids(CaseFilter(text="  ")) == ids(CaseFilter())
    assert ids(CaseFilter(text="zzqx")) == set()


def test_kinds_list_directions_then_forms():
    kinds = kinds_in(CASES)
    assert kinds.index("horizontal") < kinds.index("merger")
    assert "joint venture" in kinds


def test_search_reads_the_narrative_too():
    assert "daimler-chrysler" in ids(CaseFilter(text="Auburn Hills"))


def test_cases_sort_by_title_as_a_catalogue_does():
    """ "The Hanseatic League" sorts under H, not under T."""
    titles = [c.title for c in CASES]
    assert "The Hanseatic League" in titles
    first_letters = [t.removeprefix("The ")[0].upper() for t in titles]
    assert first_letters == sorted(first_letters)
