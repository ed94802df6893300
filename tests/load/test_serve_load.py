"""Fifty participants on websockets through `playbook serve`: all join, all answer the same
question in the same instant, none is lost, and the dashboard shows every answer.

The same bounded load script as `make bench` (bench/serve.py), at a sixth of the size."""

from __future__ import annotations

from bench.serve import room_load

PEOPLE = 50


async def test_fifty_participants_answering_at_once_are_all_saved_and_shown(tmp_path):
    room = await room_load(PEOPLE, tmp_path / "serve.db")
    assert room["acked"] == room["saved"] == PEOPLE and room["lost"] == 0
    # Generous bounds for a shared, loaded two-core machine; the bench reports the figures.
    assert room["join_s"] < 10
    assert room["burst_ms"] < 3000 and room["ack_p95_ms"] < 3000
    assert room["dashboard_ms"] < 2000
    assert room["server_peak_mib"] < 250
