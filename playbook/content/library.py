"""Provides Library: everything the content folders hold, plus what was wrong with them."""

from __future__ import annotations

import hashlib
import pickle
import threading
from typing import TYPE_CHECKING

from playbook.content.models import Problem, Stage, sort_title

if TYPE_CHECKING:  # a pickled Library unpickles its cases (and these) on first use
    from playbook.content.cases import Bank, Case
    from playbook.content.questions import Question


class Library:
    """Everything the content folders hold, plus what was wrong with them.

    Pickled (the parse cache, content/cache.py), its cases and banks travel as one packed
    blob, unpacked when first asked for: the home screen needs the stages, the number of
    cases and which questions exist, and those are kept beside the blob, so the app's first
    frame loads neither the question kinds nor the case texts (a tenth of start-up)."""

    def __init__(
        self,
        stages: dict[str, Stage] | None = None,
        cases: dict[str, Case] | None = None,
        problems: list[Problem] | None = None,
        banks: dict[str, Bank] | None = None,
    ) -> None:
        self.stages: dict[str, Stage] = {} if stages is None else stages
        self.problems: list[Problem] = [] if problems is None else problems
        self._cases: dict[str, Case] = {} if cases is None else cases
        self._banks: dict[str, Bank] = {} if banks is None else banks
        self._packed: bytes | None = None  # pickled (cases, banks), not yet unpacked
        self._packed_digest = ""
        self._keys: frozenset[str] = frozenset()  # while packed: every question key
        self._case_count = 0  # while packed: how many cases
        self._unpacking = threading.Lock()

    @property
    def cases(self) -> dict[str, Case]:
        if self._packed is not None:
            self._unpack()
        return self._cases

    @property
    def banks(self) -> dict[str, Bank]:
        if self._packed is not None:
            self._unpack()
        return self._banks

    def _unpack(self) -> None:
        with self._unpacking:  # a worker thread may ask at the same moment as the screen
            if self._packed is not None:
                self._cases, self._banks = pickle.loads(self._packed)
                self._packed = None

    @property
    def case_count(self) -> int:
        return self._case_count if self._packed is not None else len(self._cases)

    def has_question(self, key: str) -> bool:
        """Whether the content holds the question stored under `key` (answered packed)."""
        if self._packed is not None:
            return key in self._keys
        return self.question(key) is not None

    def intact(self) -> bool:
        """False if the packed cases were damaged since they were pickled (a cache file
        changed on disk): a library that would fail later, on first opening a case."""
        return self._packed is None or _digest(self._packed) == self._packed_digest

    def __getstate__(self) -> dict[str, object]:
        owners = [*self.cases.values(), *self.banks.values()]
        packed = pickle.dumps((self.cases, self.banks), protocol=pickle.HIGHEST_PROTOCOL)
        return {
            "stages": self.stages,
            "problems": self.problems,
            "packed": packed,
            "digest": _digest(packed),
            "keys": frozenset(f"{o.id}/{q.id}" for o in owners for q in o.questions),
            "case_count": len(self.cases),
        }

    def __setstate__(self, state: dict) -> None:
        self.stages, self.problems = state["stages"], state["problems"]
        self._cases, self._banks = {}, {}
        self._packed, self._packed_digest = state["packed"], state["digest"]
        self._keys = state["keys"]
        self._case_count = state["case_count"]
        self._unpacking = threading.Lock()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Library):
            return NotImplemented
        return (self.stages, self.cases, self.problems, self.banks) == (
            other.stages,
            other.cases,
            other.problems,
            other.banks,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable while the loader fills it

    def __repr__(self) -> str:
        return (
            f"Library({len(self.stages)} stages, {self.case_count} cases, "
            f"{len(self.problems)} problems)"
        )

    @property
    def ordered_banks(self) -> list[Bank]:
        return sorted(self.banks.values(), key=lambda b: sort_title(b.title))

    def owner(self, owner_id: str) -> Case | Bank | None:
        """The case or bank whose questions are keyed "<owner_id>/...", if any."""
        return self.cases.get(owner_id) or self.banks.get(owner_id)

    @property
    def owners(self) -> list[Case | Bank]:
        """Everything that holds questions: the cases, then the banks, each by title."""
        return [*self.ordered_cases, *self.ordered_banks]

    @property
    def ordered_stages(self) -> list[Stage]:
        return sorted(self.stages.values(), key=lambda s: (s.order, s.id))

    @property
    def ordered_cases(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: sort_title(c.title))

    def question(self, key: str) -> Question | None:
        """The question stored under `key` ("<case or bank id>/<question id>"), or None."""
        owner_id, _, question_id = key.partition("/")
        owner = self.owner(owner_id)
        if owner is None:
            return None
        return next((q for q in owner.questions if q.id == question_id), None)


def _digest(packed: bytes) -> str:
    return hashlib.blake2b(packed, digest_size=16).hexdigest()
