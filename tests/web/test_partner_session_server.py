"""The live partner session through the workshop server: every endpoint keeps each side's
answers to itself until both have submitted, seats open only with their keys (wrong ones
throttled), tokens only in the Authorization header, and the gap on shared terms after."""

from __future__ import annotations

import json

import pytest

from playbook.services import Services
from playbook.web.server import STATIC
from tests.conftest import bundled_library
from tests.partner_answers import (
    OUR_EVIDENCE,
    THEIR_EVIDENCE,
    THEIRS,
    alliance_with_answers,
)
from tests.web.conftest import Guest

OURS_SECRET = ("120,000", OUR_EVIDENCE)
THEIRS_SECRET = ("90,000", THEIR_EVIDENCE)


@pytest.fixture
def services(store, clock):  # the bundled stages: the partner sheet's real questions
    import random

    return Services(store, bundled_library(), clock, random.Random(7))


@pytest.fixture
def session(served, store):
    alliance = alliance_with_answers(store)
    return alliance, served.services.partner_sessions.open(alliance)


async def claim(guest: Guest, code: str, key: str) -> str:
    status, data = await guest.call("POST", f"/api/sessions/{code}/claim", {"key": key})
    assert status == 200, data
    return data["token"]


async def every_endpoint(guest: Guest, code: str, token: str, submit: bool) -> list[str]:
    """What one side gets back from each endpoint it can call, as text (a wrong key's claim
    too; and the submit call, when `submit`)."""
    said = []
    calls = [
        ("GET", f"/s/{code}", None),
        ("GET", f"/api/sessions/{code}", None),
        ("POST", f"/api/sessions/{code}/claim", {"key": "WRONG-KEY"}),
        ("GET", f"/api/sessions/{code}/me", None),
        ("POST", f"/api/sessions/{code}/draft", {"answers": {}}),
    ]
    if submit:
        calls.append(("POST", f"/api/sessions/{code}/submit", {}))
    for method, path, body in calls:
        status, data = await guest.call(method, path, body, token)
        said.append(f"{method} {path} {status} {json.dumps(data, ensure_ascii=False)}")
    return said


def leaks(said: list[str], secrets: tuple[str, ...]) -> list[str]:
    return [line for line in said for secret in secrets if secret in line]


async def test_no_endpoint_shows_the_other_sides_answers_before_both_submit(
    served, guests, session
):
    alliance, info = session
    them, us = guests("127.0.0.2"), guests("127.0.0.3")
    their_token = await claim(them, info.code, info.keys["partner"])
    our_token = await claim(us, info.code, info.keys["ours"])
    status, data = await them.call(
        "POST", f"/api/sessions/{info.code}/draft", {"answers": THEIRS}, their_token
    )
    assert status == 200 and data["problems"] == {}

    # Before anyone submits; the partner's last call submits their side (it passes).
    assert leaks(await every_endpoint(us, info.code, our_token, False), THEIRS_SECRET) == []
    assert leaks(await every_endpoint(them, info.code, their_token, True), OURS_SECRET) == []

    # After one side submits (the partner's submit, tried again, is refused: locked).
    seats = served.services.partner_sessions.current(alliance).seats
    assert [s.submitted for s in seats] == [False, True]
    assert leaks(await every_endpoint(us, info.code, our_token, False), THEIRS_SECRET) == []
    said = await every_endpoint(them, info.code, their_token, True)
    assert leaks(said, OURS_SECRET) == [] and "409" in said[-1] and "locked" in said[-1]

    # After both: the gap, on shared terms only (never the evidence either side gave).
    status, data = await us.call("POST", f"/api/sessions/{info.code}/submit", {}, our_token)
    assert status == 200 and data == {"ok": True, "finished": True}
    for guest, token in ((us, our_token), (them, their_token)):
        status, data = await guest.call("GET", f"/api/sessions/{info.code}/me", None, token)
        gap = json.dumps(data["view"]["gap"], ensure_ascii=False)
        assert "90,000" in gap and "120,000" in gap
        assert OUR_EVIDENCE not in gap and THEIR_EVIDENCE not in gap
    assert served.services.store.alliances.partner_answers(alliance.id)["north-star"]


async def test_junk_is_refused_field_by_field_and_the_draft_kept(served, guests, session):
    _alliance, info = session
    them = guests()
    token = await claim(them, info.code, info.keys["partner"])
    junk = {"north-star": {"goal": "TBD"}, "vibe-check": {"risk": {"us": 7}}}
    status, data = await them.call(
        "POST", f"/api/sessions/{info.code}/submit", {"answers": junk}, token
    )
    assert status == 409 and data["kind"] == "refused"
    assert "draft is kept" in data["error"]
    assert "placeholder" in " ".join(data["problems"]["north-star.goal"]).lower()
    assert "us must be a whole number from 1 to 5" in data["problems"]["vibe-check.risk"][0]
    status, data = await them.call("GET", f"/api/sessions/{info.code}/me", None, token)
    assert data["view"]["draft"]["north-star"]["goal"] == "TBD"
    assert data["view"]["draft"]["vibe-check"]["risk"] == {"us": 7}
    status, data = await them.call(
        "POST", f"/api/sessions/{info.code}/draft", {"answers": {"x": {"y": 1}}}, token
    )
    assert status == 409 and "no question x.y" in data["error"]


async def test_seats_open_only_with_their_keys_and_tokens_only_in_the_header(
    served, guests, session
):
    _alliance, info = session
    guesser = guests("127.0.0.9")
    for attempt in range(5):
        status, data = await guesser.call(
            "POST", f"/api/sessions/{info.code}/claim", {"key": "AAAA-AAAA"}
        )
        assert status == 403 and data["kind"] == "wrong_pin"
        if attempt >= 3:
            assert data["wait"] > 0
    status, data = await guesser.call(
        "POST", f"/api/sessions/{info.code}/claim", {"key": info.keys["partner"]}
    )
    assert status == 403 and "Too many wrong keys" in data["error"]  # refused unchecked
    other = guests("127.0.0.10")  # someone else is not slowed down
    token = await claim(other, info.code, info.keys["partner"])

    status, data = await other.call("GET", f"/api/sessions/{info.code}/me", None, "made-up")
    assert status == 403
    status, data = await other.call("GET", f"/api/sessions/{info.code}/me?token={token}")
    assert status == 403  # a token in the address is not read
    stored = served.services.store.database.sql.execute(
        "SELECT token_hash FROM partner_seats WHERE token_hash IS NOT NULL"
    ).fetchall()
    assert token not in {row[0] for row in stored}

    status, data = await other.call("GET", "/api/sessions/BBBBBB")
    assert status == 404 and "no partner session" in data["error"]
    status, _ = await other.call("GET", f"/api/workshops/{info.code}")
    assert status == 404  # a session's code opens no workshop


async def test_the_page_and_the_api_keep_the_servers_rules(served, session):
    import aiohttp

    _alliance, info = session
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{served.base}/s/{info.code.lower()}", allow_redirects=False) as r:
            assert r.status == 302 and r.headers["Location"] == f"/s/{info.code}"
        async with http.get(f"{served.base}/s/{info.code}") as r:
            assert r.status == 200 and "script-src 'self'" in r.headers["Content-Security-Policy"]
            page = await r.text()
            assert '<script src="/static/session.js"' in page and "<script>" not in page
        async with http.post(
            f"{served.base}/api/sessions/{info.code}/claim",
            json={"key": info.keys["partner"]},
            headers={"Origin": "http://evil.example"},
        ) as r:
            assert r.status == 403
        async with http.get(
            f"{served.base}/api/sessions/{info.code}", headers={"Host": "evil.example"}
        ) as r:
            assert r.status == 403
    assert "innerHTML" not in (STATIC / "session.js").read_text()
