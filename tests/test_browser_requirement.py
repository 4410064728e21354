"""The one "Chromium or fail" rule every browser test module uses (tests/app_browser.py): under
CI=true a missing browser fails the test, never skips it; elsewhere it skips with the reason."""

from __future__ import annotations

import app_browser
import pytest


def test_missing_chromium_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(app_browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        app_browser.require_chromium()
    with pytest.raises(pytest.fail.Exception), app_browser.browser_for_tests():
        pass


def test_missing_chromium_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(app_browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        app_browser.require_chromium()


def test_present_chromium_is_required_quietly(monkeypatch, tmp_path):
    present = tmp_path / "chromium"
    present.write_text("synthetic stand-in for the browser binary\n")
    monkeypatch.setattr(app_browser, "CHROMIUM", str(present))
    monkeypatch.setenv("CI", "true")
    app_browser.require_chromium()  # neither fails nor skips
