"""The built wheel, installed outside the checkout, finds all of its content."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from playbook import __version__
from tests.conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding only the wheel; dependencies come from the test venv,
    added by path so that the checkout's editable install is not visible."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(root / "dist"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = (root / "dist").glob("alliance_playbook-*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir


def run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [env_dir / "bin" / "playbook", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_the_wheel_is_what_runs(installed, tmp_path):
    where = subprocess.run(
        [installed / "bin" / "python", "-c", "import playbook; print(playbook.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert Path(where).is_relative_to(installed)


def test_installed_version(installed, tmp_path):
    result = run(installed, "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"playbook {__version__}"


def test_installed_validate_finds_every_stage_and_case(installed, tmp_path):
    result = run(installed, "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    cases = len(list((REPO / "content" / "cases").glob("*.md")))
    assert result.stdout.startswith(f"OK: 5 stages, {cases} cases")
