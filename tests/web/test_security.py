"""The workshop server's security rules, one test each: what a participant's token may do,
PIN and rejoin-key throttling per client, connection caps, Host and Origin, anonymity."""

from __future__ import annotations

import aiohttp
import pytest

from playbook.domain.workshop import CODE_ALPHABET, Phase
from playbook.web.guard import HostCheck, host_name
from playbook.web.server import Settings, WorkshopServer
from tests.web.conftest import PIN, Guest, Served, act, facilitator


async def test_a_participant_token_answers_once_for_itself_and_nothing_more(served, guests):
    workshop = served.workshop([("question", "quiz-case/licensee"), ("stage", "pilot")])
    ada, ben, fay = guests(), guests(), guests()
    ada_me = await ada.join(workshop.code, "Ada")
    ben_me = await ben.join(workshop.code, "Ben")
    fay_token = await facilitator(fay, workshop.code)
    await act(fay, workshop.code, fay_token, "start", "open")
    code = workshop.code
    # Never pace, reveal, moderate, rename, remove, read the board or the exports.
    for path, body in [
        ("act", {"action": "reveal"}),
        ("act", {"action": "next"}),
        ("hide", {"participant_id": ben_me["participant_id"], "item_index": 0}),
        ("rename", {"participant_id": ben_me["participant_id"], "name": "X"}),
        ("remove", {"participant_id": ben_me["participant_id"]}),
    ]:
        status, data = await ada.call("POST", f"/api/workshops/{code}/{path}", body, ada.token)
        assert status == 403, (path, data)
    for path in ("board", "answers.csv", "debrief.md"):
        status, _ = await ada.call("GET", f"/api/workshops/{code}/{path}", token=ada.token)
        assert status == 403, path
    await ada.connect({"type": "hello", "role": "facilitator", "code": code, "token": ada.token})
    await ada.until(lambda: any(m["type"] == "gone" for m in ada.messages), "refused")
    assert served.services.workshops.get(code).session.phase is Phase.OPEN
    # Answer for themselves only: a participant id in the body changes nothing.
    status, data = await ada.call(
        "POST", "/api/answer",
        {"item": 0, "response": "Delta secret", "participant_id": ben_me["participant_id"]},
        ada.token,
    )  # fmt: skip
    assert status == 200, data
    status, data = await ada.call("POST", "/api/answer", {"item": 0, "response": "x"}, ada.token)
    assert status == 409 and "already" in data["error"]  # once
    status, data = await ben.call("GET", "/api/me", token=ben.token)
    assert data["view"]["mine"] is None  # Ben's answer is still his to give
    # Before the reveal nobody sees anyone else's words, nor the right answer.
    assert "Delta secret" not in str(data) and data["view"]["reveal"] is None
    assert data["view"]["chart"] is None and data["view"]["answered"] == 1
    status, mine = await ada.call("GET", "/api/me", token=ada.token)
    assert mine["view"]["mine"]["response"] == "Delta secret"  # one's own answer, yes
    await act(fay, workshop.code, fay_token, "reveal")
    status, data = await ben.call("GET", "/api/me", token=ben.token)
    assert "Delta secret" not in str(data)  # after it: counts, never another's words
    assert ada_me["participant_id"] != ben_me["participant_id"]


async def test_pin_guesses_are_throttled_per_client_and_the_facilitator_gets_in(served, guests):
    workshop = served.workshop()
    guesser, facilitator_ = guests("127.0.0.2"), guests("127.0.0.1")
    path = f"/api/workshops/{workshop.code}/facilitate"
    waits = []
    for _ in range(6):
        status, data = await guesser.call("POST", path, {"pin": "0000"})
        assert status == 403
        waits.append(data["wait"])
    assert waits[:3] == [0, 0, 0] and waits[3] > 0
    assert "Too many wrong PINs" in data["error"]
    status, data = await guesser.call("POST", path, {"pin": PIN})
    assert status == 403  # the guesser waits, even with the right PIN
    status, data = await facilitator_.call("POST", path, {"pin": PIN})
    assert status == 200 and data["token"]  # from another client: straight in
    status, data = await guesser.call("POST", path, {"key": served.server.key})
    assert status == 200  # and the key printed at start always works
    status, data = await guesser.call("POST", path, {"key": "not-the-key"})
    assert status == 403 and "key" in data["error"]


async def test_rejoin_keys_resist_guessing_and_wrong_ones_are_throttled(served, guests):
    workshop = served.workshop()
    ada, thief = guests("127.0.0.1"), guests("127.0.0.3")
    me = await ada.join(workshop.code, "Ada", device="ada-phone")
    key = me["rejoin_key"]
    assert len(key) == 8 and set(key) <= set(CODE_ALPHABET)  # 27**8: 2.8e11 keys
    path = f"/api/workshops/{workshop.code}/join"
    for _ in range(4):
        status, data = await thief.call("POST", path, {"name": "Ada", "rejoin_key": "BBBBBBBB"})
        assert status == 409
    assert "wait" in data["error"].lower()
    status, data = await thief.call("POST", path, {"name": "Ada", "rejoin_key": key})
    assert status == 403 and "Too many wrong rejoin keys" in data["error"]
    status, data = await ada.call("POST", path, {"name": "Ada", "rejoin_key": key})
    assert status == 200 and data["participant_id"] == me["participant_id"]


async def test_connections_are_capped_per_client_and_in_total(services):
    server = WorkshopServer(services, Settings(port=0, max_per_client=2, max_connections=3))
    runner = await server.start()
    served = Served(server, f"http://127.0.0.1:{server.port(runner)}")
    clients = [Guest(served, address) for address in ("127.0.0.2",) * 3 + ("127.0.0.3",) * 2]
    try:
        statuses = []
        for guest in clients:
            try:
                guest.ws = await guest.http.ws_connect(served.base + "/ws", origin=served.base)
                statuses.append(101)
            except aiohttp.WSServerHandshakeError as refused:
                statuses.append(refused.status)
        # two from .2, the third refused; one from .3, then the total of three is reached
        assert statuses == [101, 101, 429, 101, 429]
        await clients[0].ws.close()
        await clients[0].http.close()
        again = Guest(served, "127.0.0.3")
        clients.append(again)
        again.ws = await again.http.ws_connect(served.base + "/ws", origin=served.base)
    finally:
        for guest in clients:
            await guest.close()
        await runner.cleanup()


async def _status(served, origin: str | None, host: str | None = None, path="/ws") -> int:
    headers = {"Host": host} if host else {}
    async with aiohttp.ClientSession() as http:
        if path != "/ws":
            if origin:
                headers["Origin"] = origin
            async with http.get(served.base + path, headers=headers) as reply:
                return reply.status
        try:
            async with http.ws_connect(served.base + path, origin=origin, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_only_our_own_pages_and_host_names_get_in(served):
    workshop = served.workshop()
    assert await _status(served, served.base) == 101  # our own page
    assert await _status(served, "http://evil.example") == 403
    assert await _status(served, "null") == 403
    assert await _status(served, None) == 403  # a websocket always says where it comes from
    port = served.base.rsplit(":", 1)[1]
    rebinding = f"evil.example:{port}"  # DNS rebinding: their name pointing at us
    assert await _status(served, f"http://{rebinding}", rebinding) == 403
    page = f"/{workshop.code}"
    assert await _status(served, None, "evil.example", page) == 403
    assert (
        await _status(served, "http://evil.example", None, f"/api/workshops/{workshop.code}") == 403
    )
    assert await _status(served, None, None, page) == 200


def test_the_host_check_allows_our_own_names_only():
    loopback = HostCheck("127.0.0.1")
    assert loopback.host_allowed("127.0.0.1:8000") and loopback.host_allowed("localhost:8000")
    assert loopback.host_allowed("[::1]:8000")
    assert not loopback.host_allowed("192.168.1.20:8000")
    assert not loopback.host_allowed("evil.example:8000") and not loopback.host_allowed(None)
    room = HostCheck("0.0.0.0", "https://workshop.example.org")
    assert room.host_allowed("192.168.1.20:8000") and room.host_allowed("workshop.example.org")
    assert not room.host_allowed("evil.example")
    assert room.origin_allowed("https://workshop.example.org", "workshop.example.org")
    assert not room.origin_allowed("http://workshop.example.org", "workshop.example.org")
    assert room.origin_allowed("http://192.168.1.20:8000", "192.168.1.20:8000")
    assert not room.origin_allowed("http://192.168.1.20:8000", "192.168.1.21:8000")
    assert host_name("Example.ORG.:80") == "example.org"


@pytest.mark.parametrize("where", ["dashboard", "projector", "exports", "series", "pages"])
async def test_an_anonymous_workshop_shows_no_real_name_anywhere(served, guests, where):
    workshop = served.workshop(anonymous=True, series="Spring")
    ada, ben, fay = guests(), guests(), guests()
    await ada.join(workshop.code, "Ada Lovelace")
    await ben.join(workshop.code, "Ben Franklin")
    token = await facilitator(fay, workshop.code)
    await act(fay, workshop.code, token, "start", "open")
    await ada.call("POST", "/api/answer", {"item": 0, "response": "licence"}, ada.token)
    await act(fay, workshop.code, token, "reveal", "next", "end")
    code = workshop.code
    if where == "dashboard":
        _, seen = await fay.call("GET", f"/api/workshops/{code}/board", token=token)
        await fay.connect({"type": "hello", "role": "facilitator", "code": code, "token": token})
        await fay.until(lambda: fay.latest("board") is not None, "the pushed board")
        seen = [seen, fay.latest("board")]
    elif where == "projector":
        _, seen = await fay.call("GET", f"/api/workshops/{code}/board?projector=1", token=token)
    elif where == "exports":
        seen = [
            (await fay.call("GET", f"/api/workshops/{code}/{name}", token=token))[1]
            for name in ("answers.csv", "debrief.md")
        ]
    elif where == "series":
        seen = [repr(served.services.workshop_results.series_board(workshop))]
        _, board = await fay.call("GET", f"/api/workshops/{code}/board", token=token)
        seen.append(board["board"]["results"])
    else:  # what one participant sees of the others
        _, seen = await ben.call("GET", "/api/me", token=ben.token)
    text = str(seen)
    assert "Lovelace" not in text and "Ada" not in text
    if where == "pages":
        assert "Participant 1" in text  # Ben sees Ada only as the room does
    else:
        assert "Franklin" not in text and "Participant" in text
