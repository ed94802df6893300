"""The participant page and the projector in real headless Chromium: a phone (375x667, by
touch) and a laptop (1280x800, by keyboard where it can), answering every kind of item,
seeing the reveal, reconnecting by itself, rejoining after a reload."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook.domain.workshop import Phase
from tests.browser import Browser, find_chromium
from tests.web.conftest import act, facilitator

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium; .ci/run does)",
)
SHOTS = os.environ.get("PLAYBOOK_SCREENSHOTS")  # a folder: keep a picture of each step

EVERY_KIND = [
    ("question", "quiz-case/form"),
    ("question", "quiz-case/pilot-steps"),
    ("question", "quiz-case/equal"),
    ("question", "quiz-case/timeline"),
    ("question", "quiz-case/lens"),
    ("question", "quiz-case/licensee"),
    ("question", "quiz-case/fee"),
    ("scale", "How ready is our alliance team?", "Not at all", "Completely"),
    ("open", "One word for a good partner?"),
    ("stage", "pilot"),
]


async def shot(page, name: str) -> None:
    if SHOTS:
        await page.screenshot(Path(SHOTS) / f"{name}.png")


async def labelled_everywhere(page) -> None:
    """Every control the participant can reach has a name a screen reader reads out."""
    unnamed = await page.js(
        """[...document.querySelectorAll('main input, main select, main textarea, main button')]
           .filter(e => e.offsetParent !== null)
           .filter(e => !((e.labels && e.labels.length) || e.getAttribute('aria-label') ||
                          (e.tagName === 'BUTTON' && e.innerText.trim())))
           .map(e => e.outerHTML)"""
    )
    assert unnamed == []


async def answer_every_kind(page, phone: bool, ask) -> list[str]:
    """Answer each question and poll as a person would; returns the verdicts shown."""
    tap_or_key = page.tap
    verdicts = []

    async def send() -> None:
        if phone:
            await page.tap("#send")
        else:  # the keyboard: tab on to the button (the focus order reaches it), then enter
            for _ in range(25):
                if await page.focused() == "send":
                    break
                await page.press("Tab")
            assert await page.focused() == "send"
            await page.press("Enter")
        await page.until(
            "!document.getElementById('status-box').hidden && "
            "document.getElementById('status').innerText.includes('received')",
            "the answer received",
        )

    async def certain() -> None:
        if phone:
            await page.tap("#certainty label[for='certainty-2']")  # high

    async def choose(value: str) -> None:
        if phone:
            await tap_or_key(f"label:has(> input[value='{value}'])")
        else:  # the keyboard: tab to the group, arrows pick, space checks
            await page.js(f"document.querySelector(\"#answer-box input[value='{value}']\").focus()")
            await page.press("Space")

    for number, (kind, *_rest) in enumerate(EVERY_KIND[:-1]):
        await ask(number)
        await page.until(
            "!document.getElementById('answer-form').hidden && "
            "document.activeElement.id === 'prompt'",
            f"item {number + 1} asked, the focus on its question",
        )
        await labelled_everywhere(page)
        card = await page.js("document.getElementById('answer-box').innerHTML")
        if number == 0:  # single choice
            await page.tap("#send") if phone else None
            if phone:  # nothing chosen: the page says so, and sends nothing
                await page.until("document.getElementById('answer-error').innerText", "refusal")
            await choose("licence")
        elif number == 1:  # multiple answers
            await choose("one-city")
            await choose("end-date")
        elif number == 2:  # true / false
            await choose("true")
        elif number == 3:  # ordering: move the items with their buttons
            for _ in range(3):
                items = await page.js(
                    "[...document.querySelectorAll('#order li')].map(li => li.dataset.item)"
                )
                right = ["The licence is signed", "The Leipzig pilot starts", "The national launch"]
                if items == right:
                    break
                for place, item in enumerate(right):
                    at = items.index(item)
                    if at > place:
                        await page.tap(f"#order li:nth-child({at + 1}) .up")
                        break
            said = await page.text("#order-said")
            assert "is now number" in said or items == right
        elif number == 4:  # matching: a select per item
            answers = {"Agreeing the one goal": "North Star",
                       "Visiting each other's depots": "Vibe check",
                       "Starting in one city": "Pilot"}  # fmt: skip
            for n, (left, right) in enumerate(answers.items()):
                assert left in card
                await page.js(f"document.getElementById('match-{n}').focus()")
                if phone:  # the phone's own picker is outside the page: choose as it would
                    await page.js(
                        f"(s => {{ s.value = {right!r}; s.dispatchEvent(new Event('change')) }})"
                        f"(document.getElementById('match-{n}'))"
                    )
                else:  # a select takes the option's first letter from the keyboard
                    await page.press(right[0])
                assert await page.js(f"document.getElementById('match-{n}').value") == right
        elif number in (5, 6, 8):  # typed: a short answer, a number, an open answer
            await page.tap("#typed")
            await page.type({5: "Delta", 6: "2.5", 8: "Trust, and speed"}[number])
        elif number == 7:  # the scale
            await choose("4")
        if kind == "question":
            await certain()
        await shot(page, f"{'phone' if phone else 'laptop'}-{number + 1}-answering")
        await send()
        await ask(number, reveal=True)
        await page.until("!document.getElementById('reveal-view').hidden", "the reveal")
        verdicts.append(await page.text("#verdict"))
        await shot(page, f"{'phone' if phone else 'laptop'}-{number + 1}-revealed")
    return verdicts


@pytest.mark.parametrize(
    ("width", "height", "phone"), [(375, 667, True), (1280, 800, False)], ids=["phone", "laptop"]
)
async def test_a_participant_answers_every_kind_and_sees_each_reveal(
    served, guests, width, height, phone
):
    workshop = served.workshop(EVERY_KIND, certainty=phone, time_limit=120)
    fay = guests()
    token = await facilitator(fay, workshop.code)
    rooms = served.services.workshops

    async def ask(number: int, reveal: bool = False) -> None:
        if reveal:
            await act(fay, workshop.code, token, "reveal")
            return
        if number == 0:
            await act(fay, workshop.code, token, "start", "open")
        else:
            await act(fay, workshop.code, token, "next", "open")

    async with Browser() as browser:
        page = await browser.page(width, height, mobile=phone)
        await page.goto(f"{served.base}/{workshop.code}")
        await page.until("document.activeElement.id === 'join-name'", "the name field focused")
        await page.type("Ada")
        if phone:
            await page.tap("#join-button")
        else:
            await page.press("Enter")
        await page.until("!document.getElementById('wait-view').hidden", "the lobby")
        assert "Rejoin key" in await page.text("#wait-key")
        await shot(page, f"{'phone' if phone else 'laptop'}-0-lobby")
        verdicts = await answer_every_kind(page, phone, ask)
        assert page.errors == []
        # The page fits the phone: nothing wider than the screen.
        assert await page.js("document.documentElement.scrollWidth") <= width

    assert verdicts[:7] == ["✓ Right. " + v.partition("✓ Right. ")[2] for v in verdicts[:7]]
    assert verdicts[7:] == ["Thanks for your answer."] * 2
    saved = rooms.snapshot(workshop.id).responses
    assert [type(r.response).__name__ for r in saved] == [
        "str", "list", "bool", "list", "dict", "str", "str", "int", "str",
    ]  # fmt: skip
    assert all(r.score == 1.0 for r in saved[:7])
    assert {r.confidence for r in saved[:7]} == ({"high"} if phone else {None})
    if phone:
        assert saved[0].points == 1000 and "+1,000 points" in verdicts[0]


async def test_the_page_reconnects_by_itself_and_a_reload_rejoins(served, guests):
    workshop = served.workshop()
    fay = guests()
    token = await facilitator(fay, workshop.code)
    async with Browser() as browser:
        page = await browser.page(375, 667, mobile=True)
        await page.goto(f"{served.base}/{workshop.code}")
        await page.until("document.activeElement.id === 'join-name'", "the join form")
        await page.type("Ada")
        await page.tap("#join-button")
        await page.until("!document.getElementById('wait-view').hidden", "the lobby")
        rooms = list(served.server.hub.rooms.values())
        dropped = [c for room in rooms for cs in room.participants.values() for c in cs]
        for client in dropped:  # the network drops
            await client.ws.close()
        await page.until(
            "document.getElementById('connection').innerText.includes('Reconnected')",
            "reconnected, and saying so",
        )
        await act(fay, workshop.code, token, "start", "open")
        await page.until(
            "!!document.querySelector(\"#answer-box input[value='licence']\")", "asked"
        )
        await page.tap("label:has(> input[value='licence'])")
        await page.tap("#send")
        await page.until("document.getElementById('status').innerText.includes('received')", "ok")
        await page.goto(f"{served.base}/{workshop.code}")  # a reload
        await page.until(
            "document.getElementById('status').innerText.includes('received')",
            "the same participant again, the answer kept",
        )
        assert "Ada" in await page.text("#score")
    people = served.services.workshops.snapshot(workshop.id).participants
    assert [p.name for p in people] == ["Ada"]


async def test_the_projector_shows_the_item_the_chart_the_board_and_the_qr_code(served, guests):
    workshop = served.workshop([("question", "quiz-case/form"), ("open", "One word?")])
    fay, ada = guests(), guests()
    token = await facilitator(fay, workshop.code)
    await ada.join(workshop.code, "Ada")
    async with Browser() as browser:
        page = await browser.page(1280, 800)
        await page.goto(f"{served.base}/{workshop.code}/projector#key={served.server.key}")
        await page.until("!document.getElementById('screen').hidden", "the projector")
        assert "key" not in await page.js("location.href")  # the key leaves the address bar
        await page.until("document.getElementById('qr').naturalWidth > 0", "the QR code")
        assert workshop.code[:3] in await page.text("#code")
        assert "1 person joined" in await page.text("#kind")
        await act(fay, workshop.code, token, "start", "open")
        await page.until("document.getElementById('options').children.length === 3", "choices")
        await page.until(
            "/\\d+ s/.test(document.getElementById('clock').innerText) || "
            "document.getElementById('clock').innerText.includes('open')",
            "clock",
        )
        await ada.call("POST", "/api/answer", {"item": 0, "response": "licence"}, ada.token)
        await page.until("document.querySelectorAll('#chart .bars li').length === 3", "the chart")
        await page.until(
            "document.getElementById('answered').innerText.includes('1 of 1 person answered')",
            "the answer counted",
        )
        await act(fay, workshop.code, token, "reveal")
        await page.until("document.getElementById('right').innerText.includes('licence')", "right")
        await page.until("document.getElementById('leaders').innerText.includes('Ada')", "board")
        await shot(page, "projector-revealed")
        await act(fay, workshop.code, token, "next", "open")
        await ada.call("POST", "/api/answer", {"item": 1, "response": "Trust"}, ada.token)
        await page.until("document.getElementById('chart').innerText.includes('Trust')", "wall")
        await act(fay, workshop.code, token, "close", "next")
        await page.until("document.getElementById('podium').innerText.includes('Ada')", "podium")
        assert page.errors == []
    assert served.services.workshops.get(workshop.code).session.phase is Phase.ENDED
