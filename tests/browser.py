"""Debian's headless chromium, driven by Selenium, for the tests of pages the lecture
writes: every network request is blocked, so a page that reaches for the network fails."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

__all__ = ["CHROMEDRIVER", "CHROMIUM", "headless_chromium", "until"]

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
BLOCKED = ["http://*", "https://*", "ws://*", "wss://*"]


@contextmanager
def headless_chromium(profile: Path, *arguments: str, log_network: bool = False) -> Iterator[Any]:
    """A headless chromium window of 1280×720 with its own ``profile`` folder, extra
    command-line ``arguments``, requests blocked; ``log_network`` keeps the performance
    log (where blocked requests show)."""
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        pytest.fail("chromium and chromium-driver are not installed (make setup installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,720", f"--user-data-dir={profile}", *arguments,
    ):  # fmt: skip
        options.add_argument(arg)
    if log_network:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": BLOCKED})
        yield driver
    finally:
        driver.quit()


def until(driver: Any, script: str, timeout: float = 10, every: float = 0.02) -> Any:
    """The first truthy value ``script`` returns in the page, within ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not true within {timeout} s: {script}")
