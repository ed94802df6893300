"""Provides encode() and decode(): the room's views as JSON and back, for the workshop server.

A view is a frozen dataclass of plain values (text, numbers, booleans, moments, enums,
tuples, sets and other such dataclasses, and `object` for an answer as the grader reads
it). encode() turns one into JSON-able data; decode() rebuilds the dataclass from its
type hints, so the server's page and a terminal anywhere read the same messages.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")


class WireError(ValueError):
    """Data that is not the view it claims to be."""


def encode(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """A view (or any value inside one) as JSON-able data.

    `memo` remembers what each view part became: the server encodes hundreds of views that
    share their parts (the room, the item, the chart) once per change, each part once."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if memo is not None:
        found = memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
    if isinstance(value, Enum):
        data: Any = value.value
    elif isinstance(value, datetime):
        data = value.isoformat()
    elif isinstance(value, frozenset | set):
        data = sorted(encode(v, memo) for v in value)
    elif isinstance(value, list | tuple):
        data = [encode(v, memo) for v in value]
    elif isinstance(value, dict):
        data = {str(k): encode(v, memo) for k, v in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: encode(getattr(value, f.name), memo) for f in _fields(type(value))}
    else:
        return value
    if memo is not None:
        memo[id(value)] = (value, data)  # the value kept alive, so its id stays its own
    return data


def decode(cls: type[T], data: Any) -> T:
    """Rebuild a view of type `cls` from encode()'s data; WireError if it does not fit."""
    return _decode(cls, data, cls.__name__)


@cache
def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, data: Any, where: str) -> Any:
    if hint is Any or hint is object:
        return _frozen(data)
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        problems = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _decode(option, data, where)
            except WireError as problem:
                problems.append(str(problem))
        raise WireError("; ".join(problems) or f"{where}: nothing fits")
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(data, list):
            raise WireError(f"{where}: a list was expected")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, f"{where}[{i}]") for i, v in enumerate(data))
        if len(args) != len(data):
            raise WireError(f"{where}: {len(args)} values were expected")
        return tuple(
            _decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data, strict=True))
        )
    if origin is frozenset:
        (arg,) = typing.get_args(hint)
        if not isinstance(data, list):
            raise WireError(f"{where}: a list was expected")
        return frozenset(_decode(arg, v, where) for v in data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise WireError(f"{where}: an object was expected")
        hints = _hints(hint)
        values = {}
        for f in _fields(hint):
            if f.name in data:
                values[f.name] = _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise WireError(f"{where}: {f.name} is missing")
        return hint(**values)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(data)
        except ValueError:
            raise WireError(f"{where}: {data!r} is not a {hint.__name__}") from None
    if hint is datetime:
        if not isinstance(data, str):
            raise WireError(f"{where}: a moment was expected")
        try:
            return datetime.fromisoformat(data)
        except ValueError:
            raise WireError(f"{where}: {data!r} is not a moment") from None
    if hint is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        raise WireError(f"{where}: a number was expected")
    if hint is int:
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        raise WireError(f"{where}: a whole number was expected")
    if hint in (str, bool):
        if type(data) is hint:
            return data
        raise WireError(f"{where}: a {hint.__name__} was expected")
    if hint is type(None):
        if data is None:
            return None
        raise WireError(f"{where}: nothing was expected")
    raise WireError(f"{where}: cannot read a {hint!r}")


def _frozen(data: Any) -> Any:
    """An answer as JSON gives it: lists stay lists (the graders read lists), as sent."""
    return data
