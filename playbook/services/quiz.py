"""Provides Quizzes and QuizSession: taking a quiz, from the first answer to the results.

Each answer is graded once, here, and saved with what grading said (score, feedback,
note), so results, stats and resuming never grade again. The options of every question
are shown in an order drawn once per attempt and kept with it (stable on resume). Review
cards move only for real answers: a quiz in practice mode at once, an exam when it is
submitted, a review session at once; never a cram, and never the retry of the missed
straight after their reveal (that is practice).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from playbook.content.library import Library
from playbook.content.questions import Grade, Question, shuffled_orders
from playbook.domain.quiz import (
    AttemptKind,
    Calibration,
    QuizMode,
    QuizScore,
    calibration,
    cbm_mark,
    summarize,
)
from playbook.domain.review import review
from playbook.services.clock import Clock
from playbook.store.attempts import Reschedule
from playbook.store.records import Attempt, CardUpdate, SavedAnswer
from playbook.store.store import Store

# Attempt kinds whose answers move review cards (an exam's only when it is submitted).
SCHEDULING_KINDS = (AttemptKind.QUIZ, AttemptKind.REVIEW)


@dataclass(frozen=True)
class Refused:
    """Not taken as an answer (nothing saved): retype it. The reason says what is wrong."""

    reason: str


@dataclass(frozen=True)
class Feedback:
    """What one answer earned, as shown after it (practice) or at the end (exam)."""

    question: Question
    grade: Grade
    saved: SavedAnswer
    stage_title: str = ""
    next_due: datetime | None = None  # the review card's new due date, when it moved
    overridable: bool = False  # a miss the learner may mark right ("I was right")


@dataclass(frozen=True)
class ResultLine:
    number: int  # the question's place in the attempt, from 1
    question: Question
    saved: SavedAnswer | None  # None: not answered
    grade: Grade  # as saved: never graded again
    stage_title: str = ""
    flagged: bool = False

    @property
    def missed(self) -> bool:
        return not self.grade.correct


@dataclass(frozen=True)
class Results:
    attempt: Attempt
    lines: tuple[ResultLine, ...]  # every question, misses first
    score: QuizScore
    marks: float | None  # certainty marks in all (None without certainty)
    calibration: Calibration | None

    @property
    def missed(self) -> list[str]:
        return [line.question.key for line in self.lines if line.missed]

    @property
    def overridden(self) -> int:
        return sum(1 for line in self.lines if line.saved and line.saved.overridden)


def saved_grade(question: Question, saved: SavedAnswer | None) -> Grade:
    """The grade as it was saved with the answer (no answer: nothing scored)."""
    if saved is None:
        return Grade(0.0, ("Not answered.",), question.right_answer(), question.explanation)
    return Grade(
        saved.score, saved.feedback, question.right_answer(), question.explanation, saved.note
    )


class QuizSession:
    """One attempt being taken: its questions in order, the answers so far, the results."""

    def __init__(self, quizzes: Quizzes, attempt: Attempt) -> None:
        self.quizzes = quizzes
        self.rows = quizzes.store.quiz
        self.library = quizzes.library
        self.clock = quizzes.clock
        self.attempt = attempt
        self.questions: list[Question] = [
            q for key in attempt.keys if (q := self.library.question(key)) is not None
        ]
        self.answers: dict[str, SavedAnswer] = self.rows.answers(attempt.id)
        self.flags: set[str] = set(attempt.flags)

    # -- what the attempt is ------------------------------------------------------------

    @property
    def mode(self) -> QuizMode:
        return QuizMode(self.attempt.mode)

    @property
    def kind(self) -> AttemptKind:
        return AttemptKind(self.attempt.kind)

    @property
    def practice(self) -> bool:
        return self.mode is QuizMode.PRACTICE

    @property
    def exam(self) -> bool:
        return self.mode is QuizMode.EXAM

    @property
    def asks_confidence(self) -> bool:
        return self.attempt.confidence

    def order(self, question: Question) -> tuple[str, ...]:
        """The order the question's options are shown in, for this attempt."""
        drawn = self.attempt.orders.get(question.key)
        if drawn:
            return drawn
        return shuffled_orders([question], f"{self.attempt.id}").get(question.key, ())

    def first_unanswered(self) -> int | None:
        return next((i for i, q in enumerate(self.questions) if q.key not in self.answers), None)

    def stage_title(self, question: Question) -> str:
        stage = self.library.stages.get(question.stage)
        return stage.title if stage else ""

    # -- an exam's clock ----------------------------------------------------------------

    @property
    def deadline(self) -> datetime | None:
        if not self.exam or not self.attempt.time_limit:
            return None
        return self.attempt.started_at + timedelta(seconds=self.attempt.time_limit)

    def seconds_left(self) -> int | None:
        deadline = self.deadline
        if deadline is None:
            return None
        return max(0, int((deadline - self.clock()).total_seconds() + 0.999))

    @property
    def time_is_up(self) -> bool:
        left = self.seconds_left()
        return left is not None and left <= 0

    # -- answering ----------------------------------------------------------------------

    def _reschedules_now(self) -> bool:
        return self.kind in SCHEDULING_KINDS and not self.exam

    def _scheduler(self, score: float, confidence: str | None, at: datetime) -> Reschedule:
        def reschedule(state: str | None) -> CardUpdate:
            result = review(state, score, confidence, at)
            return CardUpdate(result.state_json, result.due, result.rating)

        return reschedule

    def answer(
        self,
        question: Question,
        response: object,
        confidence: str | None = None,
        seconds: float | None = None,
    ) -> Feedback | Refused:
        """Grade (once) and save an answer. Refused, with nothing saved, when the response
        cannot be taken as an answer (not a number, say) or the exam's time is up. In an
        exam an answer may be changed until the exam is submitted."""
        if question.key not in self.attempt.keys:
            raise ValueError(f"{question.key!r} is not a question of this attempt")
        if self.attempt.finished:
            return Refused("This attempt is finished.")
        if self.time_is_up:
            return Refused("Time is up: the exam is being submitted.")
        reason = question.refusal(response)
        if reason:
            return Refused(reason)
        if self.asks_confidence and confidence is None:
            return Refused("Say how sure you are first: low, medium or high.")
        if not self.exam and question.key in self.answers:
            return Refused("This question is answered already.")
        grade = question.grade(response)
        at = self.clock()
        saved = SavedAnswer(
            question_key=question.key,
            response=response,
            score=grade.score,
            correct=grade.correct,
            confidence=confidence if self.asks_confidence else None,
            cbm_mark=cbm_mark(grade.score, confidence if self.asks_confidence else None),
            seconds=seconds,
            answered_at=at,
            feedback=grade.feedback,
            note=grade.note,
        )
        moved: list[CardUpdate] = []
        reschedule = None
        if self._reschedules_now():
            scheduler = self._scheduler(grade.score, saved.confidence, at)

            def reschedule(state: str | None) -> CardUpdate:
                update = scheduler(state)
                moved.append(update)
                return update

        self.rows.save_answer(self.attempt, saved, replace=self.exam, reschedule=reschedule)
        self.answers[question.key] = saved
        return Feedback(
            question,
            grade,
            saved,
            self.stage_title(question),
            moved[0].due if moved else None,
            overridable=self.can_override(question),
        )

    def can_override(self, question: Question) -> bool:
        """'I was right' is offered after a miss, in practice and review (never in an exam)."""
        saved = self.answers.get(question.key)
        return bool(saved and not saved.correct and not saved.overridden and not self.exam)

    def override(self, question: Question) -> Feedback:
        """The learner was right after all: the answer counts as right (shown apart as
        overridden) and its review card is scheduled as if it had been right."""
        if not self.can_override(question):
            raise ValueError("only a miss in practice or review can be marked right")
        saved = self.answers[question.key]
        at = self.clock()
        mark = cbm_mark(1.0, saved.confidence)
        moved: list[CardUpdate] = []
        reschedule = None
        if self._reschedules_now():
            scheduler = self._scheduler(1.0, saved.confidence, at)

            def reschedule(state: str | None) -> CardUpdate:
                update = scheduler(state)
                moved.append(update)
                return update

        self.rows.override(self.attempt, question.key, mark, at, reschedule)
        saved = replace(saved, score=1.0, correct=True, cbm_mark=mark, overridden=True)
        self.answers[question.key] = saved
        grade = saved_grade(question, saved)
        return Feedback(
            question, grade, saved, self.stage_title(question), moved[0].due if moved else None
        )

    def flag(self, question: Question, flagged: bool) -> None:
        """Mark a question to come back to before submitting (an exam's review page)."""
        if flagged:
            self.flags.add(question.key)
        else:
            self.flags.discard(question.key)
        self.rows.set_flags(self.attempt.id, [k for k in self.attempt.keys if k in self.flags])

    # -- the end ------------------------------------------------------------------------

    def finish(self) -> Results:
        """Submit: the attempt is finished (an exam's review cards move now)."""
        at = self.clock()
        reschedule: dict[str, Reschedule] = {}
        if self.exam and self.kind in SCHEDULING_KINDS:
            for key, saved in self.answers.items():
                reschedule[key] = self._scheduler(saved.score, saved.confidence, at)
        self.rows.finish(self.attempt.id, at, reschedule)
        self.attempt = self.rows.get(self.attempt.id) or self.attempt
        return self.results()

    def results(self) -> Results:
        """Every question with what was saved for it, the misses first."""
        lines = []
        for number, question in enumerate(self.questions, start=1):
            saved = self.answers.get(question.key)
            lines.append(
                ResultLine(
                    number,
                    question,
                    saved,
                    saved_grade(question, saved),
                    self.stage_title(question),
                    question.key in self.flags,
                )
            )
        lines.sort(key=lambda line: (not line.missed, line.number))
        answered = [a for a in self.answers.values()]
        marks = sum(a.cbm_mark for a in answered) if self.asks_confidence else None
        calib = (
            calibration((a.score, a.confidence) for a in answered) if self.asks_confidence else None
        )
        return Results(
            self.attempt, tuple(lines), summarize(line.grade for line in lines), marks, calib
        )


class Quizzes:
    """Starting, resuming and retrying quizzes."""

    def __init__(
        self, store: Store, library: Library, clock: Clock, rng: random.Random | None = None
    ) -> None:
        self.store = store
        self.library = library
        self.clock = clock
        self.rng = rng or random.Random()

    def start(
        self,
        profile_id: int,
        case_id: str | None,
        mode: QuizMode | str = QuizMode.PRACTICE,
        confidence: bool = False,
        *,
        kind: AttemptKind | str = AttemptKind.QUIZ,
        keys: Iterable[str] | None = None,
        time_limit: int | None = None,
    ) -> QuizSession:
        """A new attempt: the whole quiz of the case (or bank) unless `keys` says which
        questions."""
        mode, kind = QuizMode(mode), AttemptKind(kind)
        if keys is None:
            owner = self.library.owner(case_id or "")
            keys = [q.key for q in owner.questions] if owner else []
        keys = [k for k in dict.fromkeys(keys) if self.library.question(k) is not None]
        if not keys:
            raise ValueError("an attempt needs at least one question")
        questions = [q for k in keys if (q := self.library.question(k)) is not None]
        orders = shuffled_orders(questions, f"{self.rng.getrandbits(64):016x}")
        attempt = self.store.quiz.start(
            profile_id,
            keys,
            self.clock(),
            case_id=case_id,
            mode=mode,
            kind=kind,
            confidence=confidence,
            orders=orders,
            time_limit=time_limit if mode is QuizMode.EXAM else None,
        )
        return QuizSession(self, attempt)

    def open(self, attempt: Attempt | int) -> QuizSession | None:
        """A session over an attempt already started (to resume it, or see its results)."""
        if isinstance(attempt, int):
            found = self.store.quiz.get(attempt)
            if found is None:
                return None
            attempt = found
        return QuizSession(self, attempt)

    def resumable(self, profile_id: int, case_id: str) -> Attempt | None:
        """The case's quiz left half way (with at least one answer), if any."""
        return self.store.quiz.resumable(profile_id, case_id)

    def half_way(self, profile_id: int) -> set[str]:
        return self.store.quiz.half_way(profile_id)

    def retry_missed(self, results: Results) -> QuizSession:
        """The missed questions again, straight after the reveal: practice, no review dates
        move (a cram's misses stay a cram)."""
        attempt = results.attempt
        kind = AttemptKind.CRAM if attempt.kind == AttemptKind.CRAM else AttemptKind.RETRY
        return self.start(
            attempt.profile_id,
            attempt.case_id,
            attempt.mode,
            attempt.confidence,
            kind=kind,
            keys=results.missed,
        )
