"""The live partner session: two seats with their own keys, each side's answers private until
both have submitted, checked with the partner sheet's rules, then saved and compared."""

from __future__ import annotations

import pytest

from playbook.services.errors import NotFacilitator, WorkshopError, WrongPin
from playbook.services.partner_session import AnswersRefused
from tests.partner_answers import (
    OUR_EVIDENCE,
    THEIR_EVIDENCE,
    THEIR_GOAL,
    THEIRS,
    alliance_with_answers,
    dumps,
)


@pytest.fixture
def sessions(bundled_services):
    return bundled_services.partner_sessions


@pytest.fixture
def alliance(store):
    return alliance_with_answers(store)


def secrets_of_ours(text: str) -> bool:
    return "120,000" in text or OUR_EVIDENCE in text


def secrets_of_theirs(text: str) -> bool:
    return "90,000" in text or THEIR_EVIDENCE in text


def test_a_session_has_its_own_code_and_a_key_per_seat(sessions, alliance, bundled_services):
    info = sessions.open(alliance)
    assert len(info.code) == 6 and info.keys["ours"] != info.keys["partner"]
    assert sessions.open(alliance).code == info.code  # the one under way, not a second
    assert bundled_services.workshops.get(info.code) is None
    assert [s.words for s in info.seats] == ["waiting", "waiting"]
    assert info.link("http://10.0.0.5:8000", "partner").endswith(
        f"/s/{info.code}#key={info.keys['partner']}"
    )


def test_session_codes_and_workshop_codes_never_meet(
    sessions, alliance, bundled_services, store, monkeypatch
):
    from playbook.domain import workshop as rules

    rooms = bundled_services.workshops
    workshop = rooms.create("Alliances 101", "2468", rooms.agenda([("stage", "pilot")]))
    draws = iter([workshop.code, "BBBBBB", "BBBBBB", "CCCCCC"])
    monkeypatch.setattr(rules, "new_join_code", lambda *a: next(draws))
    assert sessions.open(alliance).code == "BBBBBB"  # the workshop's code was passed over
    later = rooms.create("Alliances 102", "2468", rooms.agenda([("stage", "pilot")]))
    assert later.code == "CCCCCC"  # and the session's, by the workshop


def test_each_side_sees_only_its_own_answers_until_both_have_submitted(sessions, alliance):
    info = sessions.open(alliance)
    partner, _ = sessions.claim(info.code, info.keys["partner"], "ip:a")
    ours, _ = sessions.claim(info.code, info.keys["ours"], "ip:b")
    assert partner.seat == "partner" and ours.seat == "ours"
    assert secrets_of_ours(dumps(ours.view()))  # ours is prefilled from our worksheet
    assert not secrets_of_theirs(dumps(ours.view()))
    assert not secrets_of_ours(dumps(partner.view()))

    assert partner.save(THEIRS) == {}
    for moment in ("partner saved", "partner submitted"):
        assert not secrets_of_theirs(dumps(ours.view())), moment
        assert not secrets_of_ours(dumps(partner.view())), moment
        assert ours.view()["gap"] is None and partner.view()["gap"] is None
        if moment == "partner saved":
            assert partner.submit() is False
    assert ours.view()["other"] == {"claimed": True, "submitted": True}
    assert sessions.store.alliances.partner_answers(alliance.id) == {}

    assert ours.submit() is True
    for room in (ours, partner):
        view = room.view()
        shared = dumps(view["gap"])
        assert "90,000" in shared and "120,000" in shared  # the goal, word by word
        assert THEIR_EVIDENCE not in shared and OUR_EVIDENCE not in shared
        assert any("worded differently" in item for item in view["gap"]["open"])
        assert not any("4 of 5" in item for item in view["gap"]["open"])  # our score of them
    reputation = {s["label"]: s for s in partner.view()["gap"]["scores"]}["Reputation"]
    assert reputation == {"label": "Reputation", "gap": 3, "yours": 1}
    assert not secrets_of_ours(dumps(partner.view()["draft"]))  # still only their own draft
    # The partner's answers are kept as partner-import keeps them; the gap view sees them.
    saved = sessions.store.alliances.partner_answers(alliance.id)
    assert saved["north-star"]["goal"] == THEIR_GOAL
    assert sessions.current(alliance).finished


def test_junk_answers_do_not_pass_and_the_draft_is_kept_as_typed(sessions, alliance):
    info = sessions.open(alliance)
    partner, _ = sessions.claim(info.code, info.keys["partner"], "ip:a")
    junk = {
        "north-star": {"goal": "asdf asdf asdf", "we-bring": "TBD"},
        "vibe-check": {"reputation": {"score": 9, "evidence": "", "sources": []}},
    }
    problems = partner.save(junk)
    assert "placeholder" in " ".join(problems["north-star.we-bring"]).lower()
    assert "1 to 5" in problems["vibe-check.reputation"][0]
    assert problems["north-star.goal"]
    with pytest.raises(AnswersRefused) as refused:
        partner.submit()
    assert "north-star.goal" in refused.value.problems
    view = partner.view()
    assert view["draft"]["north-star"]["goal"] == "asdf asdf asdf"  # nothing lost
    assert view["draft"]["vibe-check"]["reputation"]["score"] == 9
    assert view["submitted"] is False
    with pytest.raises(WorkshopError):
        partner.save({"north-star": {"no-such-field": "x"}})


def test_a_submitted_side_is_locked(sessions, alliance):
    info = sessions.open(alliance)
    partner, _ = sessions.claim(info.code, info.keys["partner"], "ip:a")
    partner.save(THEIRS)
    partner.submit()
    with pytest.raises(WorkshopError, match="locked"):
        partner.save({"north-star": {"goal": THEIR_GOAL + " Or more."}})
    with pytest.raises(WorkshopError, match="already"):
        partner.submit()
    # Opening the seat again (another device) gives a new token; the answers stay locked.
    again, _token = sessions.claim(info.code, info.keys["partner"], "ip:c")
    assert again.view()["submitted"] is True


def test_our_side_submits_from_our_worksheet(sessions, alliance):
    info = sessions.open(alliance)
    partner, _ = sessions.claim(info.code, info.keys["partner"], "ip:a")
    partner.save(THEIRS)
    partner.submit()
    assert sessions.submit_ours(alliance, info.code) is True
    assert sessions.current(alliance).seats[0].submitted


def test_a_new_token_replaces_the_old_and_a_token_opens_only_its_session(sessions, alliance):
    info = sessions.open(alliance)
    _, first = sessions.claim(info.code, info.keys["partner"], "ip:a")
    _, second = sessions.claim(info.code, info.keys["partner"], "ip:a")
    with pytest.raises(NotFacilitator):
        sessions.resume(info.code, first)
    assert sessions.resume(info.code, second).seat == "partner"
    with pytest.raises(NotFacilitator):
        sessions.resume(info.code, "made-up")
    row = sessions.store.database.sql.execute("SELECT token_hash FROM partner_seats").fetchall()
    assert second not in {r[0] for r in row}  # only its hash is kept


def test_wrong_keys_are_throttled_per_client(sessions, alliance, clock):
    info = sessions.open(alliance)
    for _ in range(3):
        with pytest.raises(WrongPin) as wrong:
            sessions.claim(info.code, "AAAA-AAAA", "ip:guesser")
        assert wrong.value.wait == 0
    with pytest.raises(WrongPin) as wrong:
        sessions.claim(info.code, "AAAA-AAAA", "ip:guesser")
    assert wrong.value.wait == 1 and "Wait 1 second" in str(wrong.value)
    with pytest.raises(WrongPin, match="Too many wrong keys"):  # even the right key, too soon
        sessions.claim(info.code, info.keys["partner"], "ip:guesser")
    room, _ = sessions.claim(info.code, info.keys["partner"], "ip:partner")  # others unaffected
    assert room.seat == "partner"
    clock.advance(seconds=2)
    room, _ = sessions.claim(info.code, info.keys["partner"].lower(), "ip:guesser")
    assert room.seat == "partner"


def test_the_command_line_prints_the_address_and_both_keys(store, alliance, capsys, clock):
    from playbook.cli import main
    from playbook.services.workshop import Workshops

    Workshops(store, None, clock).serving("http://10.0.0.5:8000")  # as `playbook serve` says
    store.database.sql.execute(  # said just now by the real clock
        "UPDATE settings SET value = json_set(value, '$[1]', ?) WHERE key = 'workshop_server'",
        ["9999-01-01T00:00:00.000+00:00"],
    )
    assert main(["--db", store.path, "alliance", "partner-session", "harbour"]) == 0
    out = capsys.readouterr().out
    session = store.partner_sessions.open_for(alliance.id)
    key = session.seats["partner"].key
    assert f"http://10.0.0.5:8000/s/{session.code}#key={key}" in out
    assert f"{key[:4]}-{key[4:]}" in out and "Harbour Market: waiting" in out
