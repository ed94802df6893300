"""One participant process for the load test: join, wait for the barrier file, answer.

Prints "saved" or "error <kind> <message>". Uses the store API only (no app, no library:
the question is built here, as the fixture content has it)."""

from __future__ import annotations

import os
import sys
import time


def main() -> None:
    db, code, name, choice, barrier = sys.argv[1:6]
    from playbook.content.models import Choice, Question
    from playbook.store.progress import Store

    question = Question(
        id="form",
        type="single",
        prompt="What was the deal between Gamma and Delta in law?",
        explanation="",
        choices=(
            Choice("licence", "A licence"),
            Choice("jv", "A JV"),
            Choice("merger", "A merger"),
        ),
        answer="licence",
        case_id="quiz-case",
    )
    store = Store.open(db)
    try:
        me = store.workshops.join(code, name, f"device-{name}", time.time())
        print("joined", flush=True)
        deadline = time.monotonic() + 60
        while not os.path.exists(barrier) and time.monotonic() < deadline:
            time.sleep(0.002)
        store.workshops.answer(me, question, choice, time.time(), "medium")
        print("saved", flush=True)
    except Exception as error:  # reported to the test, which fails on any
        print(f"error {type(error).__name__} {error}", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
