"""Screenshots of every app page on the demo corpus, for the README: `kflow load` of seeds/ (as
`kflow demo` loads it), `kflow serve`, Playwright on Debian's Chromium (tests/app_browser.py).

    .venv/bin/python docs/screenshots/take_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from app_browser import Session, chromium, graph_frame, kflow_load, kflow_serve  # noqa: E402

from kflow.demo_corpus import SEEDS  # noqa: E402

OUT = Path(__file__).resolve().parent
SEARCH = "Search a body, report, person or topic"


def shoot(session: Session, name: str) -> None:
    session.page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        spec = f"embedded:{Path(work) / 'kflow-data'}"
        kflow_load([SEEDS], spec)
        app_data = {"KFLOW_APP_DATA": str(Path(work) / "app")}
        with kflow_serve(spec, Path(work) / "serve.log", app_data) as url, chromium() as browser:
            session = Session(browser, url)
            session.page.set_viewport_size({"width": 1400, "height": 1000})
            session.open("")  # the default page lives at the root
            shoot(session, "overview")
            session.open("explore")
            session.fill(SEARCH, "Darrell E. Issa")
            graph_frame(session.page).wait_for_timeout(1200)
            shoot(session, "explore")
            session.open("trace")
            session.fill("From body", "University of Luton")
            session.fill("To body", "Home Office")
            graph_frame(session.page).wait_for_timeout(1200)
            shoot(session, "trace")
            for name in ("timeline", "cypher", "review", "load", "export"):
                session.open(name)
                shoot(session, name)
            session.close()


if __name__ == "__main__":
    main()
