"""Provides where things live: the data folder, the database and the bundled content."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "alliance-playbook"
DB_ENV = "PLAYBOOK_DB"


def bundled_content() -> Path:
    """The content that ships with the app: inside the package when installed from
    a wheel, or the repository's top-level `content/` folder in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_bundled"
    if installed.is_dir():
        return installed
    return package.parent / "content"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def cache_dir() -> Path | None:
    """Where the parsed content is kept between runs (None when there is no such folder)."""
    from platformdirs import user_cache_path

    try:
        return user_cache_path(APP_NAME, appauthor=False)
    except OSError:
        return None


def default_db_path() -> Path:
    """`PLAYBOOK_DB` if set, else playbook.db in the user's data folder."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / "playbook.db"


def content_folders(extra: list[Path] | None = None) -> list[Path]:
    """The bundled content first, then a facilitator's folders on top."""
    return [bundled_content(), *(Path(p).expanduser() for p in extra or [])]


def device_id(persistent: bool = True) -> str:
    """This terminal's id for rejoining workshops, kept in the data folder; a fresh one when
    not `persistent` (a browser session, which shares the server's machine)."""
    import secrets

    if not persistent:
        return "web-" + secrets.token_hex(8)
    try:
        path = data_dir() / "device-id"
        if path.exists():
            text = path.read_text(encoding="utf-8").strip()
            if text:
                return text
        text = secrets.token_hex(8)
        path.write_text(text + "\n", encoding="utf-8")
        return text
    except OSError:
        return "tty-" + secrets.token_hex(8)
