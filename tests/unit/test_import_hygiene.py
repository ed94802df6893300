"""The core (content, domain, store) never imports the UI: a second front end can reuse it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import playbook

CORE = ("playbook.content", "playbook.domain", "playbook.store", "playbook.paths")


def core_modules() -> list[str]:
    root = Path(playbook.__file__).parent
    names = ["playbook.paths"]
    for package in CORE[:-1]:
        folder = root / package.split(".")[1]
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules([str(folder)])]
    return names


def test_core_modules_import_no_textual_or_rich():
    code = (
        "import sys\n"
        f"for name in {core_modules()!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"the core imported: {result.stdout.strip()}"


def test_there_are_core_modules_to_check():
    names = core_modules()
    assert "playbook.content.loader" in names
    assert "playbook.store.progress" in names
    assert "playbook.domain.progress" in names
