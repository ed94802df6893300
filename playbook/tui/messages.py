"""Provides the navigation messages: a screen asks for somewhere to go, the app takes it there.

A screen never imports another screen. It posts one of these; it bubbles up to the app,
the one owner of navigation, which opens the screen (or dialog) asked for. `replace`
means the new screen takes the place of the one asking (Textual's switch_screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from playbook.services.records import Alliance

if TYPE_CHECKING:
    from playbook.services.quiz import QuizSession
    from playbook.services.workshop import FacilitatorRoom, ParticipantRoom


@dataclass
class CaseRequested(Message):
    case_id: str
    section: str = ""  # a heading of the narrative to open at ("Outcome")


@dataclass
class QuizRequested(Message):
    """Ask practice or exam (or resume), then run the case's quiz."""

    case_id: str


@dataclass
class QuizSessionRequested(Message):
    """Run a quiz session already started (a retry, a review, a resumed quiz)."""

    session: QuizSession
    replace: bool = False


@dataclass
class ResultsRequested(Message):
    session: QuizSession  # finished
    replace: bool = True


@dataclass
class PlaybookRequested(Message):
    """The guided playbook: the current alliance (asking for a first one if there is none)."""

    open_last_stage: bool = False


@dataclass
class StageRequested(Message):
    stage_id: str
    alliance: Alliance | None = None  # None: the current alliance (asked for if none)
    replace: bool = False


@dataclass
class AllianceRequested(Message):
    alliance: Alliance
    replace: bool = False


@dataclass
class NewAllianceRequested(Message):
    """Ask for a new alliance, then open it (in place of the asking screen if `replace`)."""

    replace: bool = False


@dataclass
class AlliancesRequested(Message):
    replace: bool = False


@dataclass
class CompareRequested(Message):
    first: Alliance
    second: Alliance


@dataclass
class CharterRequested(Message):
    alliance: Alliance


@dataclass
class GapRequested(Message):
    """The two sides' answers side by side (the partner's sheet, once imported)."""

    alliance: Alliance


@dataclass
class StressTestRequested(Message):
    alliance: Alliance


@dataclass
class PilotTrackerRequested(Message):
    alliance: Alliance


@dataclass
class HealthChecksRequested(Message):
    alliance: Alliance


class CasesRequested(Message):
    pass


class ReviewRequested(Message):
    pass


class StatsRequested(Message):
    pass


class CoverageRequested(Message):
    pass


class ProblemsRequested(Message):
    pass


class WorkshopsRequested(Message):
    pass


class CreateWorkshopRequested(Message):
    pass


@dataclass
class JoinRequested(Message):
    code: str = ""


@dataclass
class FacilitateRequested(Message):
    """Ask for the PIN of a workshop, then open its dashboard."""

    code: str = ""


@dataclass
class DashboardRequested(Message):
    room: FacilitatorRoom
    replace: bool = False


@dataclass
class ParticipantRequested(Message):
    room: ParticipantRoom  # or a RemoteParticipantRoom: the screen needs what both offer
    replace: bool = True


@dataclass
class LeaveWorkshopRequested(Message):
    """The participant leaves the room (a participant-only app goes back to joining)."""

    code: str = ""


@dataclass
class EditWorkshopRequested(Message):
    """Change a workshop before it starts (the facilitator's side of it, PIN given)."""

    room: FacilitatorRoom


@dataclass
class TeachingNoteRequested(Message):
    """A case's teaching note (for facilitators: it discusses the answers)."""

    case_id: str
