"""Drives headless Chromium over the DevTools protocol, as a person would: open a page at a
phone's or a laptop's size, tap or click what is on screen (only if it is really there, not
covered), type, press keys, read the page, take a screenshot.

    async with Browser() as browser:
        page = await browser.page(375, 667, mobile=True)
        await page.goto(url)
        await page.tap("#join-button")
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

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
    "--disable-extensions",
    "--remote-debugging-port=0",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class PageError(AssertionError):
    pass


class Page:
    """One tab, driven through its DevTools websocket."""

    def __init__(self, browser: Browser, target: str, ws) -> None:
        self.browser = browser
        self.target = target
        self.ws = ws
        self.ids = iter(range(1, 1_000_000))
        self.waiting: dict[int, asyncio.Future] = {}
        self.errors: list[str] = []
        self.mobile = False
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.waiting:
                self.waiting.pop(data["id"]).set_result(data)
            elif data.get("method") == "Runtime.exceptionThrown":
                details = data["params"]["exceptionDetails"]
                self.errors.append(details.get("exception", {}).get("description", str(details)))

    async def send(self, method: str, **params) -> dict[str, Any]:
        number = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.waiting[number] = future
        await self.ws.send_json({"id": number, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 20)
        if "error" in reply:
            raise PageError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def size(self, width: int, height: int, mobile: bool) -> None:
        self.mobile = mobile
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width, height=height, deviceScaleFactor=2 if mobile else 1, mobile=mobile,
        )  # fmt: skip
        await self.send("Emulation.setTouchEmulationEnabled", enabled=mobile, maxTouchPoints=5)

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", url=url)
        await self.until("document.readyState === 'complete'", f"{url} to load")

    async def js(self, expression: str) -> Any:
        result = await self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise PageError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    async def until(self, expression: str, what: str, timeout: float = 10.0) -> Any:
        """Poll the page until `expression` is truthy (never a fixed sleep)."""
        deadline = time.monotonic() + timeout
        while True:
            value = await self.js(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                text = await self.js("document.body ? document.body.innerText : ''")
                raise PageError(
                    f"timed out waiting for {what}; the page says: {text[-600:]!r}"
                    f"; script errors: {self.errors}"
                )
            await asyncio.sleep(0.05)

    async def text(self, selector: str = "body") -> str:
        return await self.js(
            f"(e => e ? e.innerText : '')(document.querySelector({json.dumps(selector)}))"
        )

    async def visible(self, selector: str) -> bool:
        return await self.js(
            f"(e => !!e && !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length))"
            f"(document.querySelector({json.dumps(selector)}))"
        )

    async def _point(self, selector: str) -> tuple[float, float]:
        """The middle of the element, scrolled into view, after checking nothing covers it."""
        found = await self.js(
            f"""(async () => {{
              const e = document.querySelector({json.dumps(selector)});
              if (!e) return 'missing';
              e.scrollIntoView({{block: 'center', inline: 'center'}});
              // Two frames: the scroll reaches the compositor before the finger does.
              await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
              const r = e.getBoundingClientRect();
              if (!r.width || !r.height) return 'hidden';
              const x = r.left + r.width / 2, y = r.top + r.height / 2;
              const hit = document.elementFromPoint(x, y);
              if (!hit || !(hit === e || e.contains(hit) || hit.contains(e) ||
                  (e.labels && [...e.labels].some(l => l.contains(hit))))) return 'covered';
              return [x, y, r.width, r.height];
            }})()"""
        )
        if not isinstance(found, list):
            raise PageError(f"cannot reach {selector}: {found}")
        return found[0], found[1]

    async def tap(self, selector: str) -> None:
        """Tap on a phone, click on a laptop: where a finger or the mouse would go."""
        x, y = await self._point(selector)
        if self.mobile:
            # A finger down and up; then wait for the click it makes, so that the next tap
            # can never overtake it.
            await self.js(
                "window.__tapped = false; document.addEventListener('click',"
                " () => { window.__tapped = true }, {once: true, capture: true})"
            )
            point = [{"x": x, "y": y}]
            await self.send("Input.dispatchTouchEvent", type="touchStart", touchPoints=point)
            await self.send("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
            await self.until("window.__tapped", f"the tap on {selector} to click", timeout=5)
        else:
            for kind in ("mousePressed", "mouseReleased"):
                await self.send(
                    "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
                )

    async def type(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def press(self, key: str) -> None:
        """A key as a keyboard sends it: Tab, Enter, ArrowDown, Space (or a character)."""
        codes = {"Tab": 9, "Enter": 13, "Space": 32, "ArrowDown": 40, "ArrowUp": 38,
                 "ArrowRight": 39, "ArrowLeft": 37, "Escape": 27}  # fmt: skip
        text = {"Enter": "\r", "Space": " "}.get(key, key if len(key) == 1 else "")
        name = " " if key == "Space" else key
        base = {"key": name, "code": key, "windowsVirtualKeyCode": codes.get(key, 0)}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **base)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **base)

    async def focused(self) -> str:
        """The focused element, as id or tag and text (to prove the focus order)."""
        return await self.js(
            "(e => e ? (e.id || e.tagName + ':' + (e.value || e.innerText || '').slice(0, 30))"
            " : '')(document.activeElement)"
        )

    async def screenshot(self, path: Path) -> None:
        shot = await self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        path.write_bytes(base64.b64decode(shot["data"]))

    async def close(self) -> None:
        self.reader.cancel()
        with contextlib.suppress(Exception):
            await self.ws.close()
        with contextlib.suppress(Exception):
            async with self.browser.http.get(
                f"http://127.0.0.1:{self.browser.port}/json/close/{self.target}"
            ):
                pass


class Browser:
    """One headless Chromium with a fresh profile; `page()` opens a tab."""

    async def __aenter__(self) -> Browser:
        chromium = find_chromium()
        assert chromium, "no chromium"
        self.profile = tempfile.mkdtemp(prefix="playbook-chromium-")
        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not open its DevTools port")
            await asyncio.sleep(0.05)
        self.port = port_file.read_text().split()[0]
        self.http = aiohttp.ClientSession()
        self.pages: list[Page] = []
        return self

    async def page(self, width: int, height: int, mobile: bool = False) -> Page:
        async with self.http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as reply:
            target = await reply.json()
        ws = await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(self, target["id"], ws)
        await page.send("Page.enable")
        await page.send("Runtime.enable")
        await page.size(width, height, mobile)
        self.pages.append(page)
        return page

    async def __aexit__(self, *exc) -> None:
        for page in self.pages:
            await page.close()
        await self.http.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
