"""The partner's page of a live session in real headless Chromium, on a phone (375x667, by
touch) and a laptop (1280x800): opened from the emailed link, a junk answer refused at its
question, the draft kept over a reload, submitted, and the gap shown once we are in too."""

from __future__ import annotations

import json
import random

import pytest

from playbook.services import Services
from tests.browser import Browser, find_chromium
from tests.conftest import bundled_library
from tests.partner_answers import OUR_EVIDENCE, THEIRS, alliance_with_answers

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium; .ci/run does)",
)


@pytest.fixture
def services(store, clock):
    return Services(store, bundled_library(), clock, random.Random(7))


def fill_the_rest(answers: dict) -> str:
    """Script that puts the answers into the page's controls, as a person's clicks would,
    then tells the page they changed (the score and placement controls are radios)."""
    return f"""(() => {{
      const answers = {json.dumps(answers)};
      const set = (name, value) => {{
        for (const i of document.querySelectorAll(`input[name="${{name}}"]`))
          i.checked = [].concat(value).map(String).includes(i.value);
      }};
      for (const [stage, fields] of Object.entries(answers)) {{
        for (const [id, v] of Object.entries(fields)) {{
          const base = `q-${{stage}}-${{id}}`;
          if (v && typeof v === "object" && !Array.isArray(v) && "score" in v) {{
            set(base + "-score", v.score); set(base + "-sources", v.sources);
            document.getElementById(base + "-evidence").value = v.evidence;
          }} else if (v && typeof v === "object" && !Array.isArray(v)) {{
            set(base + "-us", v.us); set(base + "-them", v.them);
          }} else if (Array.isArray(v)) {{ set(base, v); }}
          else {{ document.getElementById(base).value = v; }}
          document.getElementById(base + "-box").dispatchEvent(new Event("change"));
        }}
      }}
    }})()"""


@pytest.mark.parametrize(
    ("width", "height", "phone"), [(375, 667, True), (1280, 800, False)], ids=["phone", "laptop"]
)
async def test_the_partner_answers_on_the_page_and_sees_the_gap(
    served, store, width, height, phone
):
    alliance = alliance_with_answers(store)
    sessions = served.services.partner_sessions
    info = sessions.open(alliance)
    async with Browser() as browser:
        page = await browser.page(width, height, mobile=phone)
        await page.goto(info.link(served.base, "partner"))
        await page.until("!document.getElementById('answer-view').hidden", "the questions")
        assert "#key" not in await page.js("location.href")  # the key leaves the address bar
        assert "Harbour Market's side" in await page.text("#answer-heading")
        assert OUR_EVIDENCE not in await page.text("body")
        assert await page.js("document.documentElement.scrollWidth") <= width

        rest = {s: dict(f) for s, f in THEIRS.items()}
        goal = rest["north-star"].pop("goal")
        reputation = rest["vibe-check"].pop("reputation")
        await page.js(fill_the_rest(rest))
        # The goal typed, first as junk; a score chosen by tapping its anchor.
        await page.tap("#q-north-star-goal")
        await page.type("TBD")
        await page.tap(f"#q-vibe-check-reputation-box input[value='{reputation['score']}']")
        await page.tap("#q-vibe-check-reputation-evidence")
        await page.type(reputation["evidence"])
        await page.tap("#q-vibe-check-reputation-box input[value='site-visit']")
        await page.tap("#submit")
        await page.until(
            "document.getElementById('q-north-star-goal-problem').innerText.length > 0",
            "the goal refused at its question",
        )
        assert "draft is kept" in await page.text("#form-error")
        assert await page.focused() == "q-north-star-goal"
        saved = store.partner_sessions.get(info.code).seats["partner"].draft
        assert saved["north-star"]["goal"] == "TBD"  # kept as typed

        await page.goto(f"{served.base}/s/{info.code}")  # a reload: the token is kept
        await page.until("!document.getElementById('answer-view').hidden", "the questions again")
        assert await page.js("document.getElementById('q-north-star-goal').value") == "TBD"
        await page.js("document.getElementById('q-north-star-goal').value = ''")
        await page.tap("#q-north-star-goal")
        await page.type(goal)
        if phone:
            await page.tap("#submit")
        else:  # the keyboard: the button focused, then Enter
            await page.js("document.getElementById('submit').focus()")
            await page.press("Enter")
        await page.until("!document.getElementById('done-view').hidden", "submitted")
        assert "has not opened" in await page.text("#done-status")

        assert sessions.submit_ours(alliance, info.code) is True  # we submit from the terminal
        await page.until("!document.getElementById('gap-view').hidden", "the gap", timeout=8)
        gap = await page.text("#gap")
        assert "90,000" in gap and "120,000" in gap
        assert "Reputation: 3 points apart (you gave 1)" in gap
        assert OUR_EVIDENCE not in gap
        assert page.errors == []
    assert store.alliances.partner_answers(alliance.id)["north-star"]["goal"] == goal
