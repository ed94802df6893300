"""The parsed library is cached between runs and rebuilt the moment any content file changes."""

from __future__ import annotations

import os
import shutil

from playbook.content import loader
from playbook.content.cache import load_library_cached
from tests.conftest import FIXTURE_CONTENT


def copy_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content


def test_a_second_start_reads_the_cache_not_the_files(tmp_path, monkeypatch):
    content, cache = copy_content(tmp_path), tmp_path / "cache"
    first = load_library_cached([content], cache)
    monkeypatch.setattr(loader, "load_library", lambda folders: 1 / 0)  # parsing would fail
    second = load_library_cached([content], cache)
    assert second.cases.keys() == first.cases.keys()
    assert second.cases["tiny-case"] == first.cases["tiny-case"]


def test_editing_a_file_rebuilds(tmp_path):
    content, cache = copy_content(tmp_path), tmp_path / "cache"
    load_library_cached([content], cache)
    case = content / "cases" / "tiny-case.md"
    case.write_text(case.read_text().replace("title: Tiny Case", "title: Renamed Case"))
    stat = case.stat()
    os.utime(case, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_library_cached([content], cache).cases["tiny-case"].title == "Renamed Case"
    assert len(list(cache.glob("library-*.pickle"))) == 1  # the stale one is gone


def test_adding_a_file_rebuilds(tmp_path):
    content, cache = copy_content(tmp_path), tmp_path / "cache"
    load_library_cached([content], cache)
    source = (content / "cases" / "tiny-case.md").read_text()
    (content / "cases" / "second-case.md").write_text(
        source.replace("id: tiny-case", "id: second-case")
    )
    assert "second-case" in load_library_cached([content], cache).cases


def test_a_damaged_cache_is_ignored(tmp_path):
    content, cache = copy_content(tmp_path), tmp_path / "cache"
    load_library_cached([content], cache)
    [pickled] = cache.glob("library-*.pickle")
    pickled.write_bytes(b"not a pickle")
    assert "tiny-case" in load_library_cached([content], cache).cases


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path):
    content = copy_content(tmp_path)
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert "tiny-case" in load_library_cached([content], blocker / "cache").cases


def test_changed_loader_code_rebuilds(tmp_path, monkeypatch):
    """A checkout whose loader or models changed must not be fed a pickle of the old ones."""
    from playbook.content import cache as cache_module

    code = tmp_path / "code"
    code.mkdir()
    (code / "models.py").write_text("# version one\n")
    monkeypatch.setattr(cache_module, "CODE", code)
    content, cache = copy_content(tmp_path), tmp_path / "cache"
    load_library_cached([content], cache)
    before = {p.name for p in cache.glob("library-*.pickle")}
    (code / "models.py").write_text("# version two, longer\n")
    load_library_cached([content], cache)
    after = {p.name for p in cache.glob("library-*.pickle")}
    assert len(after) == 1 and after != before
    assert not list(cache.glob("*.partial"))
