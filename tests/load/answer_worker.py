"""One participant process for the load test: join, wait for the barrier file, answer.

Prints "saved" or "error <kind> <message>". Uses the workshop service only (no app)."""

from __future__ import annotations

import os
import sys
import time


def main() -> None:
    db, code, name, choice, barrier = sys.argv[1:6]
    from playbook.content.loader import load_library
    from playbook.services import Services
    from tests.conftest import FIXTURE_CONTENT

    services = Services.open(db, load_library([FIXTURE_CONTENT]))
    try:
        me = services.workshops.join(code, name, f"device-{name}")
        print("joined", flush=True)
        deadline = time.monotonic() + 60
        while not os.path.exists(barrier) and time.monotonic() < deadline:
            time.sleep(0.002)
        me.answer(choice, "medium")
        print("saved", flush=True)
    except Exception as error:  # reported to the test, which fails on any
        print(f"error {type(error).__name__} {error}", flush=True)
    finally:
        services.close()


if __name__ == "__main__":
    main()
