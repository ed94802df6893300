"""A workshop session moves lobby -> item by item -> ended; refusals say what is allowed now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from playbook.domain.workshop import (
    ACTIONS,
    AgendaItem,
    Phase,
    PollSpec,
    Session,
    allowed_actions,
    can_answer,
    close_answers,
    end,
    ends_workshop,
    everyone_answered,
    expire,
    next_item,
    open_answers,
    plural,
    previous_item,
    reveal,
    seconds_left,
    start,
    top_words,
    wait_words,
    what_now,
)
from playbook.domain.workshop_errors import NotAllowed

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def at(phase: Phase, index: int = 1, items: int = 3) -> Session:
    """A session of `items` items in `phase` on item `index`."""
    if phase in (Phase.OPEN, Phase.CLOSED, Phase.REVEALED):
        return Session(phase, index, items, opened_at=NOW, deadline=NOW + timedelta(seconds=20))
    return Session(phase, 0 if phase is Phase.LOBBY else index, items)


# -- the happy path ----------------------------------------------------------------------------


def test_a_whole_workshop_runs_from_lobby_to_end():
    s = Session.new(item_count=2)
    assert (s.phase, s.index) == (Phase.LOBBY, 0)
    s = start(s)
    assert (s.phase, s.index) == (Phase.WAITING, 0)
    s = open_answers(s, NOW, 20)
    assert (s.phase, s.opened_at, s.deadline) == (Phase.OPEN, NOW, NOW + timedelta(seconds=20))
    s = close_answers(s)
    assert s.phase is Phase.CLOSED
    s = reveal(s)
    assert s.phase is Phase.REVEALED
    s = next_item(s)
    assert (s.phase, s.index, s.opened_at, s.deadline) == (Phase.WAITING, 1, None, None)
    s = next_item(s)  # past the last item
    assert s.phase is Phase.ENDED


def test_sessions_are_immutable_values():
    s = Session.new(2)
    started = start(s)
    assert s.phase is Phase.LOBBY
    assert started is not s
    with pytest.raises(AttributeError):
        s.phase = Phase.ENDED  # type: ignore[misc]


# -- each transition, allowed and refused ------------------------------------------------------


def test_start_needs_the_lobby():
    with pytest.raises(NotAllowed, match="Cannot start: answering is open; you can close"):
        start(at(Phase.OPEN))


def test_start_needs_an_agenda():
    with pytest.raises(NotAllowed, match="the agenda is empty; add an item first"):
        start(Session.new(0))


def test_answering_opens_without_a_time_limit():
    s = open_answers(at(Phase.WAITING), NOW, None)
    assert (s.phase, s.deadline) == (Phase.OPEN, None)


def test_closed_answering_can_be_reopened_with_a_fresh_clock():
    s = open_answers(at(Phase.CLOSED), NOW + timedelta(seconds=60), 10)
    assert (s.phase, s.opened_at, s.deadline) == (
        Phase.OPEN,
        NOW + timedelta(seconds=60),
        NOW + timedelta(seconds=70),
    )


@pytest.mark.parametrize("phase", [Phase.LOBBY, Phase.OPEN, Phase.REVEALED, Phase.ENDED])
def test_answering_opens_only_while_waiting_or_closed(phase):
    with pytest.raises(NotAllowed, match="^Cannot open answering: "):
        open_answers(at(phase), NOW, 20)


def test_a_discussion_item_cannot_be_opened():
    with pytest.raises(NotAllowed) as refused:
        open_answers(at(Phase.WAITING), NOW, 20, is_question=False)
    assert str(refused.value) == (
        "Cannot open answering: this item is a discussion, not a question; "
        "you can go to the next item, go back or end the workshop."
    )


def test_a_time_limit_is_at_least_a_second():
    with pytest.raises(ValueError, match="at least 1 second"):
        open_answers(at(Phase.WAITING), NOW, 0)


def test_close_needs_open_answering():
    assert close_answers(at(Phase.OPEN)).phase is Phase.CLOSED
    with pytest.raises(NotAllowed) as refused:
        close_answers(at(Phase.WAITING))
    assert str(refused.value) == (
        "Cannot close answering: answering is not open; you can open answering "
        "(on a question or a poll), go to the next item, go back or end the workshop."
    )


@pytest.mark.parametrize("phase", [Phase.OPEN, Phase.CLOSED])
def test_reveal_closes_answering_first(phase):
    s = reveal(at(phase))
    assert s.phase is Phase.REVEALED
    assert not can_answer(s, NOW)


@pytest.mark.parametrize("phase", [Phase.LOBBY, Phase.WAITING, Phase.REVEALED, Phase.ENDED])
def test_reveal_needs_answering_to_have_been_opened(phase):
    with pytest.raises(NotAllowed, match="^Cannot reveal the answer: "):
        reveal(at(phase))


@pytest.mark.parametrize("phase", [Phase.WAITING, Phase.CLOSED, Phase.REVEALED])
def test_next_moves_on_from_a_settled_item(phase):
    s = next_item(at(phase, index=0))
    assert (s.phase, s.index) == (Phase.WAITING, 1)


def test_next_refuses_while_answering_is_open():
    with pytest.raises(NotAllowed) as refused:
        next_item(at(Phase.OPEN))
    assert str(refused.value) == (
        "Cannot go to the next item: answering is open; "
        "you can close answering, reveal the answer or end the workshop."
    )


def test_next_on_the_last_item_ends_the_workshop_and_says_so_beforehand():
    last = at(Phase.REVEALED, index=2, items=3)
    assert "after this last item the workshop ends" in what_now(last)
    assert next_item(last).phase is Phase.ENDED


@pytest.mark.parametrize("phase", [Phase.WAITING, Phase.CLOSED, Phase.REVEALED])
def test_back_returns_to_the_previous_item_waiting(phase):
    s = previous_item(at(phase, index=2))
    assert (s.phase, s.index, s.deadline) == (Phase.WAITING, 1, None)


def test_back_stops_at_the_first_item():
    with pytest.raises(NotAllowed) as refused:
        previous_item(at(Phase.WAITING, index=0))
    assert str(refused.value) == (
        "Cannot go back: this is the first item; "
        "you can open answering (on a question or a poll), go to the next item or end the "
        "workshop."
    )


@pytest.mark.parametrize("phase", [Phase.LOBBY, Phase.OPEN, Phase.ENDED])
def test_back_is_refused_outside_a_settled_item(phase):
    with pytest.raises(NotAllowed, match="^Cannot go back: "):
        previous_item(at(phase))


@pytest.mark.parametrize(
    "phase", [Phase.LOBBY, Phase.WAITING, Phase.OPEN, Phase.CLOSED, Phase.REVEALED]
)
def test_end_works_from_any_live_phase(phase):
    s = end(at(phase))
    assert s.phase is Phase.ENDED
    assert not can_answer(s, NOW)


def test_an_ended_workshop_is_final():
    ended = at(Phase.ENDED)
    assert allowed_actions(ended, True) == set()
    with pytest.raises(NotAllowed, match="^Cannot end: the workshop has ended; nothing more"):
        end(ended)
    with pytest.raises(NotAllowed, match="nothing more can be done"):
        start(ended)


# -- the clock ---------------------------------------------------------------------------------


def test_answers_count_until_the_deadline():
    s = open_answers(at(Phase.WAITING), NOW, 20)
    assert can_answer(s, NOW)
    assert can_answer(s, NOW + timedelta(seconds=19.9))
    assert not can_answer(s, NOW + timedelta(seconds=20))


def test_without_a_limit_answers_count_until_closed():
    s = open_answers(at(Phase.WAITING), NOW, None)
    assert can_answer(s, NOW + timedelta(seconds=10_000))
    assert seconds_left(s, NOW) is None
    assert not can_answer(close_answers(s), NOW)


def test_seconds_left_rounds_up_and_never_goes_negative():
    s = open_answers(at(Phase.WAITING), NOW, 20)
    assert seconds_left(s, NOW) == 20
    assert seconds_left(s, NOW + timedelta(seconds=0.5)) == 20
    assert seconds_left(s, NOW + timedelta(seconds=19.2)) == 1
    assert seconds_left(s, NOW + timedelta(seconds=25)) == 0
    assert seconds_left(close_answers(s), NOW) is None


def test_expire_closes_answering_at_the_deadline():
    s = open_answers(at(Phase.WAITING), NOW, 20)
    assert expire(s, NOW + timedelta(seconds=19)) == s
    closed = expire(s, NOW + timedelta(seconds=20))
    assert closed.phase is Phase.CLOSED
    assert closed.index == s.index


@pytest.mark.parametrize("phase", [Phase.WAITING, Phase.CLOSED, Phase.REVEALED, Phase.ENDED])
def test_expire_leaves_other_phases_alone(phase):
    s = at(phase)
    assert expire(s, NOW + timedelta(seconds=1_000)) == s


def test_expire_leaves_answering_without_a_limit_open():
    s = open_answers(at(Phase.WAITING), NOW, None)
    assert expire(s, NOW + timedelta(seconds=1_000)) == s


# -- the dashboard's buttons -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("session", "is_question", "allowed"),
    [
        (at(Phase.LOBBY), True, {"start", "end"}),
        (Session.new(0), True, {"end"}),
        (at(Phase.WAITING, index=0), True, {"open", "next", "end"}),
        (at(Phase.WAITING, index=1), True, {"open", "next", "back", "end"}),
        (at(Phase.WAITING, index=1), False, {"next", "back", "end"}),
        (at(Phase.OPEN), True, {"close", "reveal", "end"}),
        (at(Phase.CLOSED), True, {"open", "reveal", "next", "back", "end"}),
        (at(Phase.REVEALED), True, {"next", "back", "end"}),
        (at(Phase.ENDED), True, set()),
    ],
)
def test_allowed_actions_name_the_buttons_to_enable(session, is_question, allowed):
    assert allowed_actions(session, is_question) == allowed
    assert allowed <= set(ACTIONS)


def _attempt(action: str, s: Session, is_question: bool) -> Session:
    return {
        "start": lambda: start(s),
        "open": lambda: open_answers(s, NOW, 20, is_question),
        "close": lambda: close_answers(s),
        "reveal": lambda: reveal(s),
        "next": lambda: next_item(s),
        "back": lambda: previous_item(s),
        "end": lambda: end(s),
    }[action]()


@pytest.mark.parametrize("is_question", [True, False])
@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("index", [0, 1, 2])
def test_every_action_succeeds_exactly_when_allowed(phase, index, is_question):
    s = at(phase, index=index, items=3)
    allowed = allowed_actions(s, is_question)
    for action in ACTIONS:
        if action in allowed:
            _attempt(action, s, is_question)
        else:
            with pytest.raises(NotAllowed, match="^Cannot .*(you can|nothing more)"):
                _attempt(action, s, is_question)


def test_agenda_items_are_questions_discussions_or_polls():
    assert AgendaItem("question", "ibm-pc/legal-form").is_question
    assert not AgendaItem("discussion", "north-star").is_question
    poll = AgendaItem("poll", "poll-1", "How ready are we?", PollSpec("scale", "Not", "Very"))
    assert poll.answerable and not poll.is_question
    with pytest.raises(ValueError, match="one of"):
        AgendaItem("quiz", "x")
    with pytest.raises(ValueError, match="carries its poll"):
        AgendaItem("poll", "x")
    with pytest.raises(ValueError, match="a poll is one of"):
        PollSpec("essay")


# -- a revealed item stays revealed --------------------------------------------------------------


def test_a_revealed_item_never_opens_again_even_after_coming_back():
    s = reveal(open_answers(start(Session.new(3)), NOW, 20))
    assert 0 in s.settled and 0 in s.revealed
    assert "open" not in allowed_actions(s, True)
    back = previous_item(next_item(s))
    assert (back.index, back.phase) == (0, Phase.REVEALED)  # shown as it was left
    assert "open" not in allowed_actions(back, True)
    with pytest.raises(NotAllowed) as refused:
        open_answers(back, NOW, 20)
    assert str(refused.value) == (
        "Cannot open answering: the answer is revealed; you can go to the next item "
        "or end the workshop."
    )


def test_an_item_left_after_answering_is_settled_but_can_still_be_revealed():
    s = close_answers(open_answers(start(Session.new(3)), NOW, 20))
    assert "open" in allowed_actions(s, True)  # still on it: late answers may come in
    back = previous_item(next_item(s))
    assert (back.index, back.phase) == (0, Phase.CLOSED)
    assert allowed_actions(back, True) == {"reveal", "next", "end"}
    with pytest.raises(NotAllowed, match="the room moved on from it"):
        open_answers(back, NOW, 20)
    assert reveal(back).phase is Phase.REVEALED


def test_an_item_only_shown_can_open_after_coming_back():
    s = next_item(start(Session.new(3)))  # item 0 shown, never opened
    back = previous_item(s)
    assert (back.index, back.phase, back.settled) == (0, Phase.WAITING, frozenset())
    assert open_answers(back, NOW, 20).phase is Phase.OPEN


def test_next_on_the_last_item_and_end_are_the_actions_that_end_it():
    last = at(Phase.REVEALED, index=2, items=3)
    assert ends_workshop("next", last) and ends_workshop("end", at(Phase.WAITING))
    assert not ends_workshop("next", at(Phase.REVEALED, index=1, items=3))
    assert not ends_workshop("reveal", last)


def test_answering_closes_by_itself_only_once_someone_answered_and_nobody_is_left():
    assert everyone_answered(3, 3) and everyone_answered(4, 3)
    assert not everyone_answered(2, 3) and not everyone_answered(0, 0)


def test_waits_and_counts_read_as_english():
    assert plural(1, "item") == "1 item" and plural(2, "item") == "2 items"
    assert plural(1_200, "person", "people") == "1,200 people"
    assert (
        wait_words(0.3) == "wait 1 second" and wait_words(26, more=True) == "wait 26 more seconds"
    )


def test_the_most_used_words_count_each_answer_once_and_skip_little_words():
    words = top_words(["Trust, and trust again", "TRUST is speed", "the speed of money", "42"])
    assert words == [("speed", 2), ("trust", 2), ("again", 1), ("money", 1)]
