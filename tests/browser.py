"""Drives headless Chromium over the DevTools protocol: open a page, read what its websocket
received, take a screenshot. Used by the browser test and by hand (python -m tests.browser)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import aiohttp

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--window-size=1000,640",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _text_of(payload: str, opcode: int) -> str:
    """A websocket frame as text: binary frames come base64-encoded."""
    if opcode == 2:
        with contextlib.suppress(ValueError):
            return base64.b64decode(payload).decode("utf-8", "replace")
    return payload


async def _open_page(url: str, want: str, timeout: float, screenshot: Path | None) -> str:
    chromium = find_chromium()
    assert chromium, "no chromium"
    profile = tempfile.mkdtemp(prefix="playbook-chromium-")
    process = subprocess.Popen(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    received: list[str] = []
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not open its DevTools port")
            await asyncio.sleep(0.05)
        port = port_file.read_text().split()[0]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as reply:
                pages = [t for t in await reply.json() if t["type"] == "page"]
            async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                ids = iter(range(1, 10_000))

                async def send(method: str, **params) -> int:
                    number = next(ids)
                    await cdp.send_json({"id": number, "method": method, "params": params})
                    return number

                await send("Network.enable")
                await send("Page.enable")
                await send("Page.navigate", url=url)
                shot_id = None
                while time.monotonic() < deadline:
                    try:
                        left = max(0.1, deadline - time.monotonic())
                        message = await cdp.receive_json(timeout=left)
                    except TimeoutError:
                        break
                    if message.get("method") == "Network.webSocketFrameReceived":
                        frame = message["params"]["response"]
                        received.append(_text_of(frame["payloadData"], frame["opcode"]))
                        if shot_id is None and want in "".join(received):
                            if screenshot is None:
                                break
                            await asyncio.sleep(0.5)  # let the terminal paint
                            shot_id = await send("Page.captureScreenshot", format="png")
                    elif shot_id is not None and message.get("id") == shot_id:
                        screenshot.write_bytes(base64.b64decode(message["result"]["data"]))
                        break
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)
    return "".join(received)


def page_text(url: str, want: str, timeout: float = 20.0, screenshot: Path | None = None) -> str:
    """Everything the page's websocket received until `want` showed up (or the timeout)."""
    return asyncio.run(_open_page(url, want, timeout, screenshot))


if __name__ == "__main__":
    import sys

    text = page_text(sys.argv[1], "Join a workshop", screenshot=Path(sys.argv[2]))
    print("found" if "Join a workshop" in text else "not found")
