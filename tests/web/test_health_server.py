"""Health checks through the workshop server: six people (three per organisation) answer
from their own devices; the founder sees the per-area gap and, after a second check, the
trend; no name is asked for or appears anywhere; the page works on a phone and a laptop."""

from __future__ import annotations

import secrets

import pytest

from playbook.domain.document import to_markdown
from playbook.services.documents import render
from tests.browser import Browser, find_chromium

PEOPLE = [  # (organisation, strategy score, relationship score, comment)
    ("ours", 4, 2, "We wait days for answers"),
    ("ours", 5, 2, ""),
    ("ours", 4, 3, "Good launch"),
    ("partner", 2, 4, "Pricing feels one-sided"),
    ("partner", 3, 4, ""),
    ("partner", 2, 5, ""),
]
NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Mary Jackson", "Dorothy Vaughan",
         "Katherine Johnson"]  # fmt: skip


@pytest.fixture
def alliance(served):
    services = served.services
    profile = services.profiles.create("Ana")
    return services.alliances.create(profile.id, "Harbour Market", "Tidewell")


def scores(strategy: int, relationship: int) -> dict[str, int]:
    return {"goal-shared": strategy, "value-fair": strategy, "trust": relationship,
            "open-talk": relationship}  # fmt: skip


async def answer_check(guests, code: str, people, names=()) -> None:
    """Each person on their own device (their own loopback address), as the page does."""
    for n, (side, strategy, relationship, comment) in enumerate(people):
        guest = guests(f"127.0.0.{n + 2}")
        status, survey = await guest.call("GET", f"/api/checks/{code}")
        assert status == 200 and survey["open"]
        assert "answers" not in survey and "results" not in survey
        body = {
            "key": secrets.token_hex(12),
            "side": side,
            "scores": scores(strategy, relationship),
            "comments": {"relationship": comment} if comment else {},
        }
        if names:
            body["name"] = names[n]  # sent anyway: never kept
        status, data = await guest.call("POST", f"/api/checks/{code}/answer", body)
        assert status == 200, data


async def test_six_people_give_the_gap_then_a_second_check_gives_the_trend(
    served, guests, alliance, clock, db_path
):
    health = served.services.health
    first = health.open(alliance)
    await answer_check(guests, first.code, PEOPLE, NAMES)
    found = health.results(health.get(first.id))
    strategy, relationship = found.areas
    assert found.counts[next(iter(found.counts))] == 3 and found.respondents == 6
    assert (strategy.ours, strategy.partner, round(strategy.gap, 2)) == (4.33, 2.33, 2.0)
    assert (relationship.ours, relationship.partner) == (2.33, 4.33)
    assert sorted(c.text for c in relationship.comments) == [
        "Good launch",
        "Pricing feels one-sided",
        "We wait days for answers",
    ]
    health.close(first)
    clock.advance(days=91)
    second = health.open(alliance)
    await answer_check(guests, second.code, [(s, 4, 4, "") for s, *_ in PEOPLE], NAMES)
    lines = {line.id: line.points for line in health.trend(alliance)}
    assert lines == {"strategy": (3.33, 4.0), "relationship": (3.33, 4.0)}

    document = health.document(alliance)
    texts = [to_markdown(document), render(document, "html").decode()]
    for text in texts:
        assert "The trend across checks" in text
        for name in NAMES:
            assert name not in text and name.split()[0] not in text
    raw = db_path.read_bytes()
    for name in NAMES:
        assert name.encode() not in raw  # not in the database either


async def test_a_closed_or_unknown_check_and_a_bad_answer_are_refused_in_words(
    served, guests, alliance
):
    guest = guests()
    status, data = await guest.call("GET", "/api/checks/ZZZZZZ")
    assert status == 404 and "no health check" in data["error"]
    check = served.services.health.open(alliance)
    bad = {"key": secrets.token_hex(12), "side": "ours", "scores": {"trust": 9}}
    status, data = await guest.call("POST", f"/api/checks/{check.code}/answer", bad)
    assert status == 400 and "1 to 5" in data["error"]
    status, data = await guest.call(
        "POST",
        f"/api/checks/{check.code}/answer",
        {"key": "short", "side": "ours", "scores": scores(3, 3)},
    )
    assert status == 400 and "key" in data["error"]
    served.services.health.close(check)
    good = {"key": secrets.token_hex(12), "side": "ours", "scores": scores(3, 3)}
    status, data = await guest.call("POST", f"/api/checks/{check.code}/answer", good)
    assert status == 400 and "closed" in data["error"]
    status, page = await guest.call("GET", f"/h/{check.code.lower()}")
    assert status == 200 and "Health check" in page


@pytest.mark.skipif(find_chromium() is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize(
    ("width", "height", "phone"), [(375, 667, True), (1280, 800, False)], ids=["phone", "laptop"]
)
async def test_the_survey_page_is_answered_corrected_and_fits(
    served, alliance, width, height, phone
):
    health = served.services.health
    check = health.open(alliance)
    async with Browser() as browser:
        page = await browser.page(width, height, mobile=phone)
        await page.goto(f"{served.base}/h/{check.code}")
        await page.until("!document.getElementById('survey').hidden", "the survey")
        assert "Tidewell" in await page.text("#sides")
        assert "Harbour Market" in await page.text("#sides")
        fields = await page.js(
            "[...document.querySelectorAll('main input, main textarea')]"
            ".map(e => e.name + ' ' + e.id).join(' ')"
        )
        assert "name" not in fields.lower()  # nothing asks who you are
        # Sending with a statement unscored says so and keeps what was picked.
        await page.tap("#side-partner")
        await page.tap("#goal-shared-4")
        await page.tap("#send")
        assert "no score yet" in await page.text("#error")
        for statement, score in (("value-fair", 3), ("trust", 5), ("open-talk", 4)):
            await page.tap(f"#{statement}-{score}")
        await page.js(
            "document.getElementById('c-relationship').value = '<b>Slow</b> replies'; true"
        )
        await page.tap("#send")
        await page.until("!document.getElementById('thanks-view').hidden", "the thanks")
        assert await page.js("document.documentElement.scrollWidth") <= width
        # A reload shows the thanks; changing the answer replaces it, not adds one.
        await page.goto(f"{served.base}/h/{check.code}")
        await page.until("!document.getElementById('thanks-view').hidden", "the thanks again")
        await page.tap("#change")
        assert await page.js("document.getElementById('trust-5').checked")
        await page.tap("#trust-2")
        await page.tap("#send")
        await page.until("!document.getElementById('thanks-view').hidden", "the thanks")
        assert page.errors == []
    saved = health.results(health.get(check.id))
    assert health.get(check.id).answers == 1
    relationship = saved.areas[1]
    assert relationship.overall == 3.0  # trust 2, open talk 4
    assert [c.text for c in relationship.comments] == ["<b>Slow</b> replies"]
