"""The parsed library is cached between runs and rebuilt the moment any content file changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading

from playbook.content import loader
from playbook.content.cache import load_library_cached
from tests.conftest import FIXTURE_CONTENT, REPO


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


# -- a cached library unpacks its cases on first use ------------------------------------

BUNDLED = [REPO / "content"]


def test_a_cached_library_equals_a_fresh_parse_and_knows_its_questions_unpacked(tmp_path):
    fresh = loader.load_library(BUNDLED)
    load_library_cached(BUNDLED, tmp_path)
    cached = load_library_cached(BUNDLED, tmp_path)
    keys = {f"{o.id}/{q.id}" for o in fresh.owners for q in o.questions}
    assert keys, "the bundled content has questions"
    strangers = {f"{k}-gone" for k in keys} | {"no-such-case/q1", "", "/"}
    # Asked before the cases are unpacked, the library answers from what it kept aside...
    assert cached.case_count == len(fresh.cases) > 0
    assert all(cached.has_question(k) for k in keys)
    assert not any(cached.has_question(k) for k in strangers)
    assert cached.stages == fresh.stages and cached.problems == fresh.problems
    # ...and once unpacked, it holds exactly what the files hold.
    assert cached == fresh
    assert cached.case_count == len(cached.cases)
    assert all(cached.has_question(k) for k in keys)
    assert not any(cached.has_question(k) for k in strangers)


def test_a_library_pickled_again_after_unpacking_is_the_same(tmp_path):
    import pickle

    library = loader.load_library(BUNDLED)
    once = pickle.loads(pickle.dumps(library))
    assert once.cases == library.cases  # unpacks
    twice = pickle.loads(pickle.dumps(once))
    assert twice == library and twice.case_count == len(library.cases)


def test_the_first_frame_loads_no_question_kinds_from_a_warm_cache(tmp_path):
    """What home asks of a cached library (stages, problems, how many cases, whether a
    review card's question still exists) imports no question kinds and no case texts."""
    load_library_cached(BUNDLED, tmp_path)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from playbook.content.cache import load_library_cached\n"
        f"library = load_library_cached([Path({str(BUNDLED[0])!r})], Path({str(tmp_path)!r}))\n"
        "library.ordered_stages, library.problems, library.case_count\n"
        "library.has_question('anything/at-all')\n"
        "before = 'playbook.content.questions' in sys.modules\n"
        "library.cases\n"
        "print(before, 'playbook.content.questions' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.split()
    assert out == ["False", "True"]


def test_a_damaged_packed_blob_is_rebuilt_not_found_later(tmp_path):
    """A cache file changed inside its packed cases would unpickle fine and fail only when
    a case first opens: it is caught on loading, and the files are parsed again."""
    content, cache = copy_content(tmp_path), tmp_path / "cache"
    load_library_cached([content], cache)
    [pickled] = cache.glob("library-*.pickle")
    data = bytearray(pickled.read_bytes())
    middle = len(data) // 2  # inside the packed blob, which is most of the file
    data[middle] ^= 0xFF
    pickled.write_bytes(bytes(data))
    library = load_library_cached([content], cache)
    assert library.cases["tiny-case"].title == "Tiny Case"


def test_threads_asking_at_once_share_one_unpacking(tmp_path):
    load_library_cached(BUNDLED, tmp_path)
    library = load_library_cached(BUNDLED, tmp_path)
    barrier = threading.Barrier(4)
    seen = []

    def ask():
        barrier.wait()
        seen.append(library.cases)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(cases) for cases in seen}) == 1 and seen[0]
