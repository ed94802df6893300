"""Question and field kinds stay whole dataclasses, frozen, and picklable.

A kind that adds no fields is a plain subclass of its dataclass base (decorating it again
only costs start-up time). These tests catch the mistake that shape allows: a kind given a
field of its own without the decorator, whose annotation would then silently be no field.
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from playbook.content.fields import FIELD_KINDS, WorksheetField
from playbook.content.questions import KINDS, POLL_KINDS, Poll, Question

ALL_KINDS = [*FIELD_KINDS.values(), *KINDS.values(), *POLL_KINDS.values(), Poll]


def _own_annotations(cls: type) -> dict[str, str]:
    return {
        name: hint
        for name, hint in inspect.get_annotations(cls).items()
        if "ClassVar" not in str(hint)
    }


@pytest.mark.parametrize("cls", ALL_KINDS, ids=lambda c: c.__name__)
def test_every_annotated_attribute_of_a_kind_is_a_field(cls: type) -> None:
    fields = {f.name for f in dataclasses.fields(cls)}
    for klass in cls.__mro__:
        if klass is object:
            continue
        missing = set(_own_annotations(klass)) - fields
        assert not missing, f"{klass.__name__} annotates {missing} but they are no fields"


@pytest.mark.parametrize("cls", list(FIELD_KINDS.values()), ids=lambda c: c.__name__)
def test_a_field_kind_is_frozen_equal_by_value_and_survives_pickling(cls) -> None:
    first = cls(id="goal", label="The goal")
    second = cls(id="goal", label="The goal")
    assert first == second and hash(first) == hash(second)
    assert first != cls(id="goal", label="Another")
    assert repr(first).startswith(f"{cls.__name__}(")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.label = "changed"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(first)) == first
    renamed = dataclasses.replace(first, label="Renamed")
    assert type(renamed) is cls and renamed.label == "Renamed"


def test_kinds_of_different_classes_are_never_equal() -> None:
    kinds = list(FIELD_KINDS.values())
    a, b = kinds[0](id="x", label="X"), kinds[1](id="x", label="X")
    assert a != b


def test_the_bases_are_dataclasses() -> None:
    assert dataclasses.is_dataclass(WorksheetField) and dataclasses.is_dataclass(Question)
