"""Real-browser harness for the app: `kflow load` / `kflow serve` subprocesses and Debian's Chromium.

Shared by the tests/test_browser_*.py modules and bench/bench_app.py. Playwright drives /usr/bin/chromium
(never a downloaded browser); every request the page makes is recorded so a test can prove the
app stayed on localhost.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
KFLOW = Path(sys.executable).with_name("kflow")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    # No background traffic of the browser's own (updates, safe browsing, metrics, translate):
    # anything that leaves localhost must come from the app.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-pings",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
GRAPH_FRAME = "iframe[title='dashboards.graph_canvas.kflow_graph']"


def kflow_load(paths: list[Path], spec: str) -> str:
    """Run `kflow load` as a user would; returns its output, raising with it on failure."""
    done = subprocess.run(
        [str(KFLOW), "load", *map(str, paths), "--store", spec], capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"kflow load failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def kflow_serve(spec: str, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`kflow serve` on a free port in its own process group; yields the base URL once healthy."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(KFLOW), "serve", "--store", spec, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kflow serve exited with {proc.returncode}:\n{log.read_text()}")
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"kflow serve not healthy after 90 s:\n{log.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def require_chromium() -> None:
    """Fail when Debian's Chromium is missing under CI=true (a browser test must never skip there);
    skip elsewhere, where a developer may not have installed it."""
    import pytest

    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def browser_for_tests() -> Iterator:
    """The browser for a test module's fixture: `require_chromium`, then `chromium`."""
    require_chromium()
    with chromium() as browser:
        yield browser


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Session:
    """A browser page on the app that records every request, blocks non-local ones, and logs dialogs."""

    def __init__(self, browser, url: str):
        self.url = url
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 2000})
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
        self.new_page()

    def new_page(self) -> None:
        """A fresh page in the same browser context (its HTTP cache kept, like a returning user)."""
        if getattr(self, "page", None) is not None:
            self.page.close()
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str = "") -> None:
        self.page.goto(f"{self.url}/{path}")
        self.settle()

    def settle(self, extra_ms: int = 500) -> None:
        """Wait until the script has finished running (components rerun once after mounting)."""
        from playwright.sync_api import expect

        page = self.page
        page.locator("[data-testid='stApp']").wait_for(timeout=60_000)
        for _ in range(2):
            page.wait_for_timeout(300)
            page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
                state="attached", timeout=60_000
            )
            expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
        page.wait_for_timeout(extra_ms)

    def fill(self, label: str, text: str) -> None:
        box = self.page.get_by_label(label, exact=True)
        box.fill(text)
        box.press("Enter")
        self.settle()

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS


def graph_frame(page):
    """The graph component's iframe Frame once its cytoscape instance holds nodes."""
    handle = page.locator(GRAPH_FRAME).first
    handle.wait_for(timeout=60_000)
    frame = handle.element_handle().content_frame()
    frame.wait_for_function(
        "() => { const c = document.getElementById('cy'); return c && c._cyreg && c._cyreg.cy && c._cyreg.cy.nodes().length > 0; }",
        timeout=60_000,
    )
    return frame


def click_graph_node(page, node_id: str) -> None:
    """Click a node on the cytoscape canvas at its rendered position."""
    frame = graph_frame(page)
    position = frame.evaluate(
        "(id) => document.getElementById('cy')._cyreg.cy.getElementById(id).renderedPosition()", node_id
    )
    box = page.locator(GRAPH_FRAME).first.bounding_box()
    canvas = frame.evaluate(
        "() => { const r = document.getElementById('cy').getBoundingClientRect(); return {x: r.left, y: r.top}; }"
    )
    page.mouse.click(box["x"] + canvas["x"] + position["x"], box["y"] + canvas["y"] + position["y"])
