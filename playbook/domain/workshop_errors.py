"""Provides the refusals of the workshop rules, apart from the rules themselves, so that
naming them (every shell catches them) costs nothing at start-up."""

from __future__ import annotations


class WorkshopError(Exception):
    """A workshop action that cannot be done; the message says why and what to do."""


class NotAllowed(WorkshopError):
    """An action the session's phase does not allow; the message says what is allowed now."""


class WorkshopNotFound(WorkshopError):
    pass


class WrongPin(WorkshopError):
    """The PIN was wrong (or tried too soon); `wait` is how long before the next try."""

    def __init__(self, message: str, wait: float = 0.0):
        super().__init__(message)
        self.wait = wait


class NameTaken(WorkshopError):
    pass


class AnswerRefused(WorkshopError):
    pass


class NotFacilitator(WorkshopError):
    pass
