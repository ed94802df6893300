"""Provides what each side of a room sees, built once per change from one snapshot.

`RoomViews` turns a workshop's snapshot (the workshop, its participants, every answer)
into the facilitator's board, the projector's board and each participant's view. They are
plain values (see services/wire.py), so the terminal app, the browser page and a terminal
on another machine all show the same thing, computed here once.

What a participant may see is decided here: the question without its answer while
answering is open; their own answer; counts only, until the reveal; the room's chart, the
right answer and the wall only after it. In an anonymous workshop no real name leaves this
module: everyone else sees "Participant N" (N in joining order).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from playbook.content.library import Library
from playbook.content.questions import (
    Choice,
    ChoiceQuestion,
    Matching,
    MultipleChoice,
    Numeric,
    OpenText,
    Ordering,
    Pair,
    Question,
    Scale,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    shuffled_orders,
)
from playbook.domain import workshop as rules
from playbook.domain.workshop import (
    DISCUSSION,
    POLL,
    AgendaItem,
    Phase,
    Session,
    TeamStanding,
)
from playbook.domain.workshop_analysis import ItemStats, item_analysis
from playbook.store.workshops import Participant, Response, Snapshot, Workshop

ONLINE_SECONDS = 15.0  # a participant not seen for longer is shown as away
PODIUM = 3
BOARD_LINES = 10
WALL_WORDS = 12


# -- the pieces of a view --------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class Card:
    """A question as the room sees it while answering: never its answer.

    `options` are in the room's one order for this item (the projector and every phone
    agree): the choices, True/False, the items to order, a matching's right-hand options,
    or a scale's points."""

    key: str
    kind: str
    prompt: str
    options: tuple[Option, ...] = ()
    lefts: tuple[str, ...] = ()  # a matching's left-hand items
    unit: str = ""  # a numeric answer's unit
    low: str = ""  # a scale's ends
    high: str = ""
    longest: int = 0  # an open answer's length limit
    is_poll: bool = False
    multiple: bool = False  # several choices may be picked

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def question(self) -> Question:
        """The question rebuilt for an answer widget: the kind and what it shows, with no
        answer in it (the server grades)."""
        common = {"id": self.key, "prompt": self.prompt, "explanation": ""}
        texts = tuple(o.text for o in self.options)
        if self.kind == "single":
            return SingleChoice(**common, choices=tuple(Choice(o.id, o.text) for o in self.options))
        if self.kind == "multiple":
            return MultipleChoice(
                **common, choices=tuple(Choice(o.id, o.text) for o in self.options)
            )
        if self.kind == "true_false":
            return TrueFalse(**common)
        if self.kind == "ordering":
            return Ordering(**common, items=texts)
        if self.kind == "matching":
            return Matching(**common, pairs=tuple(Pair(left, "") for left in self.lefts),
                            distractors=texts)  # fmt: skip
        if self.kind == "short":
            return ShortAnswer(**common)
        if self.kind == "numeric":
            return Numeric(**common, unit=self.unit)
        if self.kind == "scale":
            return Scale(**common, low=self.low, high=self.high)
        if self.kind == "open":
            return OpenText(**common, longest=self.longest or 200)
        raise ValueError(f"unknown question kind {self.kind!r}")


@dataclass(frozen=True)
class ItemView:
    """The current agenda item: a question's card, or a discussion's prompts."""

    index: int
    kind: str  # question, discussion or poll
    title: str
    card: Card | None = None  # None for a discussion, or a question this content lacks
    prompts: tuple[str, ...] = ()  # a discussion's prompts
    stage_title: str = ""  # the playbook stage it teaches (or discusses)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float  # of the people who answered (a multiple answer counts each person once)
    right: bool = False  # marked once the answer is revealed


@dataclass(frozen=True)
class WallEntry:
    participant_id: int  # 0 outside the facilitator's own view
    text: str
    hidden: bool = False


@dataclass(frozen=True)
class WordCount:
    word: str
    count: int


@dataclass(frozen=True)
class Chart:
    """The room's answers to one item: bars, a scale's mean, an open question's wall."""

    answered: int
    bars: tuple[Bar, ...] = ()
    mean: float | None = None
    wall: tuple[WallEntry, ...] = ()
    words: tuple[WordCount, ...] = ()
    hidden: bool = False  # kept hidden until answering closes (only the count shows)


@dataclass(frozen=True)
class Reveal:
    """What a question teaches once its answer is shown."""

    right_answer: str
    explanation: str
    see: str = ""  # where in the case the answer is taught


@dataclass(frozen=True)
class RoomInfo:
    code: str
    title: str
    item_count: int
    time_limit: int | None = None
    anonymous: bool = False
    leaderboard: bool = True
    team_mode: bool = False
    certainty: bool = False
    auto_close: bool = False
    hide_live: bool = False
    series: str | None = None


@dataclass(frozen=True)
class Place:
    """One line of a leaderboard (its name an alias in an anonymous workshop)."""

    rank: int
    name: str
    team: str | None
    points: int
    participant_id: int = 0  # 0 where the viewer may not tell people apart


@dataclass(frozen=True)
class TeamPlace:
    rank: int
    team: str
    members: int
    points: int
    mean: float


@dataclass(frozen=True)
class Me:
    participant_id: int
    name: str
    team: str | None
    rejoin_key: str
    shown_as: str  # how the room sees this person ("Participant 4" when anonymous)


@dataclass(frozen=True)
class MyAnswer:
    """A participant's own answer; its grade only once the answer is revealed."""

    response: object
    described: str
    confidence: str | None = None
    graded: bool = False  # score, points and feedback are filled (after the reveal)
    score: float = 0.0
    points: int = 0
    feedback: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParticipantView:
    """Everything one participant may see now."""

    room: RoomInfo
    me: Me
    session: Session  # with an expired deadline already applied
    server_time: datetime
    item: ItemView | None
    mine: MyAnswer | None
    reveal: Reveal | None = None  # after the reveal, for a question
    chart: Chart | None = None  # after the reveal: the room's answers
    my_points: int = 0
    my_rank: int | None = None  # None when the leaderboard is off
    people: int = 0
    answered: int = 0  # how many answered the current item (a count only)
    podium: tuple[Place, ...] = ()  # at the end, with the leaderboard on
    teams: tuple[TeamPlace, ...] = ()  # at the end, in team mode

    @property
    def answering(self) -> bool:
        """Whether this participant can answer now."""
        return (
            self.item is not None
            and self.item.card is not None
            and self.session.phase is Phase.OPEN
            and self.mine is None
        )

    def visible(self) -> ParticipantView:
        """The view without the moment it was made: equal when nothing shown changed."""
        return dataclasses.replace(self, server_time=datetime.min)


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str  # an alias in an anonymous workshop
    team: str | None
    status: str  # answered, answering, no answer, at item N, here, away
    points: int
    online: bool
    answered: bool


@dataclass(frozen=True)
class ItemResult:
    number: int
    title: str
    answered: int
    facility: float | None
    discrimination: float | None
    verdict: str


@dataclass(frozen=True)
class Results:
    """The end view: each question's item analysis and the series' combined board."""

    items: tuple[ItemResult, ...]
    unanswered: int  # questions on the agenda nobody answered
    series: tuple[Place, ...] = ()


@dataclass(frozen=True)
class BoardView:
    """The facilitator's dashboard (or, with `projector`, what the room's screen shows)."""

    room: RoomInfo
    session: Session
    server_time: datetime
    item: ItemView | None
    chart: Chart | None = None
    reveal: Reveal | None = None
    people: tuple[PersonView, ...] = ()  # empty on the projector
    joined: int = 0
    online: int = 0
    answered: int = 0
    standings: tuple[Place, ...] = ()
    teams: tuple[TeamPlace, ...] = ()
    podium: tuple[Place, ...] = ()
    agenda: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    results: Results | None = None
    projector: bool = False

    def visible(self) -> BoardView:
        return dataclasses.replace(self, server_time=datetime.min)


# -- building them ---------------------------------------------------------------------------


def poll_question(item: AgendaItem) -> Question:
    """The question a poll item asks."""
    assert item.poll is not None
    if item.poll.type == "scale":
        return Scale(
            id=item.ref, prompt=item.title, explanation="", low=item.poll.low, high=item.poll.high
        )
    return OpenText(id=item.ref, prompt=item.title, explanation="")


def item_question(library: Library, item: AgendaItem | None) -> Question | None:
    """The question an agenda item asks: from the library, or the poll it carries."""
    if item is None:
        return None
    if item.kind == POLL:
        return poll_question(item)
    if item.is_question:
        return library.question(item.ref)
    return None


def hidden_item(session: Session) -> int | None:
    """The item whose points stay hidden: the current one, until its answer is revealed or
    the room moves on (a board that jumped while answering is open would tell the room who
    got it right)."""
    if session.phase in (Phase.OPEN, Phase.CLOSED) and not session.current_settled:
        return session.index
    return None


def room_order(code: str, index: int, question: Question) -> tuple[str, ...]:
    """The room's one order of an item's options (the same on every screen)."""
    return shuffled_orders([question], f"{code}:{index}").get(question.key, ())


def card_of(question: Question, order: Sequence[str]) -> Card:
    """What the room sees of a question while answering (never the answer)."""
    common = {"key": question.key, "kind": str(question.kind), "prompt": question.prompt}
    if isinstance(question, TrueFalse):
        shown = order if sorted(order) == ["false", "true"] else ("true", "false")
        return Card(**common, options=tuple(Option(v, v.title()) for v in shown))
    if isinstance(question, ChoiceQuestion):
        ids = [c.id for c in question.choices]
        shown = order if sorted(order) == sorted(ids) else ids
        return Card(
            **common,
            options=tuple(Option(i, question.text_of(i)) for i in shown),
            multiple=isinstance(question, MultipleChoice),
        )
    if isinstance(question, Ordering):
        shown = order if sorted(order) == sorted(question.items) else question.items
        return Card(**common, options=tuple(Option(i, i) for i in shown))
    if isinstance(question, Matching):
        options = question.options
        shown = order if sorted(order) == sorted(options) else options
        return Card(
            **common,
            options=tuple(Option(o, o) for o in shown),
            lefts=tuple(p.left for p in question.pairs),
        )
    if isinstance(question, Numeric):
        return Card(**common, unit=question.unit)
    if isinstance(question, Scale):
        return Card(
            **common,
            options=tuple(Option(str(p), question.label(p)) for p in (1, 2, 3, 4, 5)),
            low=question.low,
            high=question.high,
            is_poll=True,
        )
    if isinstance(question, OpenText):
        return Card(**common, longest=question.longest, is_poll=True)
    return Card(**common)


def _share(count: int, people: int) -> float:
    return round(count / people, 4) if people else 0.0


class RoomViews:
    """Every view of one room at one moment, from one snapshot."""

    def __init__(
        self,
        snapshot: Snapshot,
        library: Library,
        now: datetime,
        series: Sequence[rules.SeriesStanding] = (),
    ) -> None:
        self.snapshot = snapshot
        self.workshop: Workshop = snapshot.workshop
        self.library = library
        self.now = now
        self.series = series
        self.session = rules.expire(self.workshop.session, now)

    # -- shared pieces -------------------------------------------------------------------

    @cached_property
    def room(self) -> RoomInfo:
        w = self.workshop
        return RoomInfo(
            w.code, w.title, len(w.agenda), w.time_limit, w.anonymous, w.leaderboard,
            w.team_mode, w.certainty, w.auto_close, w.hide_live, w.series,
        )  # fmt: skip

    @cached_property
    def people(self) -> tuple[Participant, ...]:
        return self.snapshot.participants

    @cached_property
    def names(self) -> dict[int, str]:
        """How others see each participant: the name, or "Participant N" when anonymous."""
        if self.workshop.anonymous:
            return {p.id: rules.alias(n) for n, p in enumerate(self.people, start=1)}
        return {p.id: p.name for p in self.people}

    @cached_property
    def question(self) -> Question | None:
        return item_question(self.library, self.workshop.current)

    @cached_property
    def current(self) -> tuple[Response, ...]:
        index = self.session.index
        return tuple(r for r in self.snapshot.responses if r.item_index == index)

    @cached_property
    def current_by_person(self) -> dict[int, Response]:
        return {r.participant_id: r for r in self.current}

    @cached_property
    def totals(self) -> dict[int, int]:
        """Each participant's points, the hidden item's left out."""
        hidden = hidden_item(self.session)
        points = {p.id: 0 for p in self.people}
        for r in self.snapshot.responses:
            if r.item_index != hidden and r.participant_id in points:
                points[r.participant_id] += r.points
        return points

    @cached_property
    def rows(self) -> list[rules.Row]:
        return [(p.id, self.names[p.id], p.team, self.totals[p.id]) for p in self.people]

    @cached_property
    def standings(self) -> list[rules.Standing]:
        return rules.leaderboard(self.rows)

    @cached_property
    def ranks(self) -> dict[int, int]:
        return {s.participant_id: s.rank for s in self.standings}  # type: ignore[misc]

    @cached_property
    def team_places(self) -> tuple[TeamPlace, ...]:
        if not self.workshop.team_mode:
            return ()
        return tuple(_team_place(t) for t in rules.team_board(self.rows))

    @cached_property
    def podium(self) -> tuple[Place, ...]:
        if self.session.phase is not Phase.ENDED or not self.workshop.leaderboard:
            return ()
        return tuple(
            Place(s.rank, s.name, s.team, s.points, int(s.participant_id))  # type: ignore[arg-type]
            for s in self.standings
            if s.rank <= PODIUM and s.points > 0
        )

    @cached_property
    def item(self) -> ItemView | None:
        item = self.workshop.current
        s = self.session
        if item is None or s.phase is Phase.ENDED:
            return None
        if item.kind == DISCUSSION:
            stage = self.library.stages.get(item.ref)
            return ItemView(
                s.index,
                DISCUSSION,
                f"Discuss: {stage.title}" if stage else item.title or item.ref,
                prompts=tuple(p.prompt for p in stage.discussion) if stage else (),
                stage_title=stage.title if stage else "",
            )
        question = self.question
        if question is None:
            return ItemView(s.index, item.kind, item.title or item.ref)
        stage = self.library.stages.get(question.stage) if question.stage else None
        order = room_order(self.workshop.code, s.index, question)
        return ItemView(
            s.index,
            item.kind,
            question.prompt,
            card_of(question, order),
            stage_title=stage.title if stage else "",
        )

    @property
    def revealed(self) -> bool:
        return self.session.phase is Phase.REVEALED

    @cached_property
    def reveal(self) -> Reveal | None:
        question = self.question
        if not self.revealed or question is None or question.is_poll:
            return None
        return Reveal(question.right_answer(), question.explanation, question.see)

    def chart(self, moderator: bool = False) -> Chart | None:
        """The current item's answers: bars (in the room's order), a scale's mean, an open
        question's wall (with the entries taken off it only for the moderator)."""
        question = self.question
        item = self.item
        if question is None or item is None or item.card is None:
            return None
        answers = self.current
        people = len(answers)
        if isinstance(question, OpenText):
            shown = [r for r in answers if moderator or not r.hidden]
            wall = tuple(
                WallEntry(r.participant_id if moderator else 0, question.describe(r.response),
                          r.hidden)
                for r in shown
                if not question.is_blank(r.response)
            )  # fmt: skip
            words = rules.top_words((e.text for e in wall if not e.hidden), WALL_WORDS)
            return Chart(people, wall=wall, words=tuple(WordCount(w, c) for w, c in words))
        bars = question.distribution((r.response, r.score) for r in answers)
        right = set(question.right_labels()) if self.revealed else set()
        if isinstance(question, ChoiceQuestion | TrueFalse):
            # In the order the room saw them, so the chart matches every screen.
            place = {o.text: n for n, o in enumerate(item.card.options)}
            bars = sorted(bars, key=lambda bar: place.get(bar[0], len(place)))
        mean = question.mean(r.response for r in answers) if isinstance(question, Scale) else None
        return Chart(
            people,
            tuple(Bar(label, n, _share(n, people), label in right) for label, n in bars),
            mean=None if mean is None else round(mean, 2),
        )

    def _live_chart(self, moderator: bool) -> Chart | None:
        s = self.session
        if s.phase in (Phase.LOBBY, Phase.WAITING, Phase.ENDED):
            return None
        chart = self.chart(moderator)
        if chart is not None and self.workshop.hide_live and s.phase is Phase.OPEN:
            return Chart(chart.answered, hidden=True)
        return chart

    # -- the facilitator's board and the projector ---------------------------------------

    def board(self, projector: bool = False) -> BoardView:
        s = self.session
        workshop = self.workshop
        people: tuple[PersonView, ...] = ()
        if not projector:
            people = tuple(self._person(p) for p in self.people)
        online = sum(1 for p in self.people if self._online(p))
        standings: tuple[Place, ...] = ()
        if workshop.leaderboard and not workshop.team_mode:
            limit = len(self.standings) if not projector else BOARD_LINES
            standings = tuple(
                Place(st.rank, st.name, st.team, st.points,
                      0 if projector else int(st.participant_id))  # type: ignore[arg-type]
                for st in self.standings[:limit]
            )  # fmt: skip
        allowed: tuple[str, ...] = ()
        if not projector:
            answerable = bool(workshop.current and workshop.current.answerable)
            allowed = tuple(a for a in rules.ACTIONS if a in rules.allowed_actions(s, answerable))
        return BoardView(
            self.room,
            s,
            self.now,
            self.item,
            self._live_chart(moderator=not projector),
            self.reveal,
            people,
            len(self.people),
            online,
            len(self.current),
            standings,
            self.team_places if workshop.leaderboard else (),
            self.podium,
            self.agenda if s.phase is Phase.LOBBY else (),
            allowed,
            self.results if s.phase is Phase.ENDED else None,
            projector,
        )

    @cached_property
    def agenda(self) -> tuple[str, ...]:
        titles = []
        for item in self.workshop.agenda:
            if item.kind == DISCUSSION:
                stage = self.library.stages.get(item.ref)
                titles.append(f"Discuss: {stage.title}" if stage else item.title or item.ref)
                continue
            question = item_question(self.library, item)
            kind = item.poll.type if item.poll else ""
            label = {"scale": "Scale: ", "open": "Open: "}.get(kind, "")
            titles.append(label + (question.prompt if question else item.title or item.ref))
        return tuple(titles)

    def _online(self, p: Participant) -> bool:
        return (self.now - p.last_seen).total_seconds() <= ONLINE_SECONDS

    def _person(self, p: Participant) -> PersonView:
        s = self.session
        answerable = bool(
            self.workshop.current and self.workshop.current.answerable
        ) and s.phase not in (Phase.LOBBY, Phase.ENDED)
        answered = p.id in self.current_by_person
        if not self._online(p):
            status = "away"
        elif answerable and answered:
            status = "answered"
        elif p.at_item is not None and p.at_item != s.index and s.phase is not Phase.LOBBY:
            status = f"at item {p.at_item + 1}"
        elif answerable and s.phase is Phase.OPEN:
            status = "answering"
        elif answerable and s.phase in (Phase.CLOSED, Phase.REVEALED):
            status = "no answer"
        else:
            status = "here"
        return PersonView(
            p.id, self.names[p.id], p.team, status, self.totals[p.id], self._online(p), answered
        )

    @cached_property
    def results(self) -> Results:
        stats = analysis(self.workshop, self.snapshot.responses)
        asked = [st for st in stats if st.answered]
        items = []
        for number, st in enumerate(asked, start=1):
            question = self.library.question(st.key)
            items.append(
                ItemResult(
                    number,
                    question.prompt if question else st.key,
                    st.answered,
                    st.facility,
                    st.discrimination,
                    st.verdict,
                )
            )
        series = rules.leaderboard([(s.name, s.name, None, s.points) for s in self.series])
        if self.workshop.anonymous:
            series = rules.anonymize(series)
        return Results(
            tuple(items),
            len(stats) - len(asked),
            tuple(Place(s.rank, s.name, None, s.points) for s in series),
        )

    # -- a participant's view ------------------------------------------------------------

    def participant(self, participant_id: int) -> ParticipantView:
        p = next((p for p in self.people if p.id == participant_id), None)
        if p is None:
            raise rules.WorkshopError("You are not in this workshop any more: join again.")
        s = self.session
        mine = self.current_by_person.get(participant_id)
        question = self.question
        my_answer = None
        if mine is not None and question is not None:
            graded = self.revealed and not question.is_poll
            my_answer = MyAnswer(
                mine.response,
                question.describe(mine.response),
                mine.confidence,
                graded,
                mine.score if graded else 0.0,
                mine.points if graded else 0,
                mine.feedback if graded else (),
            )
        chart = None
        if self.revealed:
            chart = self.chart()
        me = Me(p.id, p.name, p.team, p.rejoin_key, self.names[p.id])
        rank = self.ranks.get(p.id) if self.workshop.leaderboard else None
        ended = s.phase is Phase.ENDED
        return ParticipantView(
            self.room,
            me,
            s,
            self.now,
            self.item,
            my_answer,
            self.reveal,
            chart,
            self.totals.get(p.id, 0),
            rank,
            len(self.people),
            len(self.current),
            self.podium,
            self.team_places if ended and self.workshop.leaderboard else (),
        )


def scores_by_person(responses: Iterable[Response]) -> dict[object, dict[str, float]]:
    scores: dict[object, dict[str, float]] = {}
    for r in responses:
        scores.setdefault(r.participant_id, {})[r.question_key] = r.score
    return scores


def analysis(workshop: Workshop, responses: Iterable[Response]) -> list[ItemStats]:
    """Facility and discrimination of each graded question on the agenda (polls have none)."""
    return item_analysis(scores_by_person(responses), list(dict.fromkeys(workshop.question_keys)))


def _team_place(t: TeamStanding) -> TeamPlace:
    return TeamPlace(t.rank, t.team, t.members, t.points, round(t.mean, 1))
