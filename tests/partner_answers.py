"""Provides the partner's side of the bundled alliance, as typed on the live session's page,
and the set-up the live partner session tests share."""

from __future__ import annotations

import json

from tests.conftest import FIXED_NOW
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile

THEIR_EVIDENCE = "Their installers were on time in all four of our pilot stores last year."
OUR_EVIDENCE = "Two suppliers we called said Harbour pays on time"  # in GOOD's reputation
THEIR_GOAL = "Refill 90,000 bottles at sixty Harbour Market stores before 31 December 2027."

ns = GOOD["north-star"]
dp = GOOD["divorce-papers"]


def _score(n: int) -> dict:
    return {"score": n, "evidence": THEIR_EVIDENCE, "sources": ["site-visit"]}


# Harbour Market's answers, from their side ("we" is Harbour Market): their goal differs in
# two numbers, they score our reputation 1 (we scored theirs 4), and they tick a trigger more.
THEIRS = {
    "north-star": {
        "goal": THEIR_GOAL,
        "we-bring": ns["they-bring"],
        "they-bring": ns["we-bring"],
        "we-get": ns["they-get"],
        "they-get": ns["we-get"],
    },
    "vibe-check": {
        "reputation": _score(1),
        "stability": {
            "score": 4,
            "evidence": "Tidewell raised two funding rounds and kept the same founders since.",
            "sources": ["filings"],
        },
        "complementarity": {
            "score": 5,
            "evidence": "Their refill stations filled the gap our shelves had in every store.",
            "sources": ["site-visit"],
        },
        "culture": {
            "score": 3,
            "evidence": "Their engineers answered our store managers within a day each time.",
            "sources": ["mid-level"],
        },
        "risk": {"us": 2, "them": 4},
        "formality": {"us": 4, "them": 2},
        "structure": {"us": 3, "them": 2},
        "time": {"us": 3, "them": 3},
    },
    "divorce-papers": {
        "sunset-triggers": ["date", "missed-milestone", "leadership"],
        "sunset-detail": dp["sunset-detail"]
        + " It also ends if either side's chief executive leaves or the company is sold.",
        **{k: dp[k] for k in ("ip", "customers", "data", "assets", "after-end")},
    },
}


def alliance_with_answers(store):
    """Tidewell × Harbour Market, our five worksheets answered well (GOOD)."""
    profiles = store.profiles.all()
    profile = profiles[0] if profiles else new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    return alliance


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
