"""A participant process for the kill test: joins, then answers every question it can, forever.

usage: python answer_driver.py DB_PATH CODE NAME
Prints "ANSWERED <item>" after each answer is committed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(db_path: str, code: str, name: str) -> None:
    from playbook.content.loader import load_library
    from playbook.services import Services
    from playbook.services.errors import AnswerRefused
    from tests.conftest import FIXTURE_CONTENT

    library = load_library([FIXTURE_CONTENT])
    services = Services.open(db_path, library)
    me = services.workshops.join(code, name, f"device-{name}")
    while True:
        view = me.view()
        card = view.item.card if view.item is not None else None
        if card is None or view.mine is not None or not view.answering:
            time.sleep(0.01)
            continue
        choice = card.options[0].id if card.options else "x"
        try:
            me.answer(choice, item_index=view.session.index)
        except AnswerRefused:
            continue
        print(f"ANSWERED {view.session.index}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
