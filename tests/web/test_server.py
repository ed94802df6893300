"""The workshop server: join, follow the room as it changes, answer, see the reveal."""

from __future__ import annotations

from playbook.domain.workshop import Phase
from tests.web.conftest import act, facilitator


async def test_a_participant_joins_follows_answers_and_sees_the_reveal(served, guests):
    workshop = served.workshop(time_limit=30)
    ada, fay = guests(), guests()
    me = await ada.join(workshop.code.lower(), "Ada")
    assert len(me["rejoin_key"]) == 8 and not me["rejoined"]
    await ada.connect()
    await ada.until(lambda: ada.view().session.phase is Phase.LOBBY, "the lobby")
    token = await facilitator(fay, workshop.code)
    await act(fay, workshop.code, token, "start", "open")
    await ada.until(lambda: ada.view().answering, "answering open")
    card = ada.view().item.card
    assert card.kind == "single" and "answer" not in repr(card)  # the card never says
    ack = await ada.answer(0, "licence")
    assert ack["ok"], ack
    again = await ada.answer(0, "merger", ident=2)
    assert not again["ok"] and "already" in again["error"]
    await ada.until(lambda: ada.view().mine is not None, "my answer shown")
    assert not ada.view().mine.graded  # no verdict before the reveal
    await act(fay, workshop.code, token, "reveal")
    await ada.until(lambda: ada.view().session.phase is Phase.REVEALED, "the reveal")
    view = ada.view()
    assert view.mine.graded and view.mine.points > 0 and view.my_rank == 1
    assert view.reveal.right_answer and [b.count for b in view.chart.bars if b.right] == [1]


async def test_the_dashboard_follows_the_room_through_the_server(served, guests):
    workshop = served.workshop()
    fay = guests()
    token = await facilitator(fay, workshop.code)
    await fay.connect({"type": "hello", "role": "facilitator", "code": workshop.code,
                       "token": token})  # fmt: skip
    await fay.until(lambda: fay.board().joined == 0, "the board")
    people = [guests() for _ in range(3)]
    for n, guest in enumerate(people):
        await guest.join(workshop.code, f"Person {n}")
        await guest.connect()
    await fay.until(lambda: fay.board().online == 3, "three people here")
    assert {p.name for p in fay.board().people} == {"Person 0", "Person 1", "Person 2"}
    await act(fay, workshop.code, token, "start", "open")
    for guest in people:
        await guest.until(lambda g=guest: g.view().answering, "answering open")
        await guest.answer(0, "jv")
    await fay.until(lambda: fay.board().answered == 3, "three answers on the board")
    assert [b.count for b in fay.board().chart.bars if b.label == "A joint venture"] == [3]


async def test_a_removed_participant_is_told_and_signed_out(served, guests):
    workshop = served.workshop()
    ada, fay = guests(), guests()
    me = await ada.join(workshop.code, "Ada")
    await ada.connect()
    await ada.until(lambda: ada.latest() is not None, "the first view")
    token = await facilitator(fay, workshop.code)
    status, _ = await fay.call(
        "POST", f"/api/workshops/{workshop.code}/remove", {"participant_id": me["participant_id"]},
        token,
    )  # fmt: skip
    assert status == 200
    await ada.until(lambda: any(m["type"] == "gone" for m in ada.messages), "told")
    gone = next(m for m in ada.messages if m["type"] == "gone")
    assert "removed you" in gone["reason"]
    status, data = await ada.call("GET", "/api/me", token=ada.token)
    assert status == 401 and "join again" in data["error"]


async def test_bad_requests_get_words_not_tracebacks(served, guests):
    workshop = served.workshop()
    guest = guests()
    status, data = await guest.call("GET", "/api/workshops/BBBBBB")
    assert status == 404 and "no workshop" in data["error"]
    status, data = await guest.call("POST", f"/api/workshops/{workshop.code}/join", {"name": ""})
    assert status == 400 and "cannot be blank" in data["error"]
    async with guest.http.post(
        served.base + f"/api/workshops/{workshop.code}/join", data=b"{not json"
    ) as reply:
        assert reply.status == 400 and "not JSON" in (await reply.json())["error"]
    status, data = await guest.call("GET", "/NOTACODE!")
    assert status == 404
    status, page = await guest.call("GET", f"/{workshop.code.lower()}")
    assert status == 200 and "<title>" in page  # redirected to the code as it is written


async def test_the_pages_and_the_qr_code_are_served_with_a_strict_policy(served, guests):
    workshop = served.workshop()
    guest = guests()
    for path in ("/", f"/{workshop.code}", f"/{workshop.code}/projector", "/static/room.js"):
        async with guest.http.get(served.base + path) as reply:
            assert reply.status == 200, path
            assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
            assert reply.headers["X-Frame-Options"] == "DENY"
            body = await reply.text()
            assert "http://" not in body.replace(served.base, "") or path.endswith(".js")
    async with guest.http.get(served.base + f"/{workshop.code}/qr.svg") as reply:
        assert reply.content_type == "image/svg+xml" and "<svg" in await reply.text()
    async with guest.http.get(served.base + "/static/../server.py") as reply:
        assert reply.status == 404
