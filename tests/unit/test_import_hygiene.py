"""Layers stay apart: the core and the services never import the UI, the terminal app never
reaches below the services, and no two modules import each other (directly or in a loop)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import playbook

ROOT = Path(playbook.__file__).parent
NO_UI = ("content", "domain", "store", "services")  # packages that must not import textual


def modules(package: str) -> list[str]:
    return [f"playbook.{package}.{m.name}" for m in pkgutil.iter_modules([str(ROOT / package)])]


def core_modules() -> list[str]:
    names = ["playbook.paths"]
    for package in NO_UI:
        names += modules(package)
    return names


def test_the_core_and_the_services_import_no_textual_or_rich():
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
    assert result.stdout.strip() == "", f"imported: {result.stdout.strip()}"


def test_there_are_modules_to_check():
    names = core_modules()
    for name in (
        "playbook.content.loader",
        "playbook.store.store",
        "playbook.domain.progress",
        "playbook.services.quiz",
        "playbook.services.workshop",
    ):
        assert name in names


def imports_of(path: Path, module: str) -> set[str]:
    """Every playbook module `path` imports, at any depth (TYPE_CHECKING ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {name for name in found if name.startswith("playbook")}


def all_modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def test_the_terminal_app_imports_nothing_from_the_store():
    offenders = {
        name: sorted(i for i in imports_of(path, name) if i.startswith("playbook.store"))
        for name, path in all_modules().items()
        if name.startswith("playbook.tui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_workshop_server_calls_the_services_never_the_store_or_textual():
    offenders = {
        name: sorted(
            i for i in imports_of(path, name) if i.startswith(("playbook.store", "playbook.tui"))
        )
        for name, path in all_modules().items()
        if name.startswith("playbook.web")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert "playbook.web.server" in all_modules()
    code = "import sys, playbook.web.server; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_no_import_circles():
    known = all_modules()
    graph = {
        name: {
            dep
            for dep in imports_of(path, name)
            if dep in known and dep != name and not name.startswith(dep + ".")
        }
        for name, path in known.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert circles == []
