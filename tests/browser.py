"""Debian's headless chromium, driven by Selenium, for the tests of pages the lecture
writes: every network request is blocked, so a page that reaches for the network fails.
``axe_violations`` runs axe-core (pinned from npm, ``package-lock.json``) on the page open
in it: what WCAG 2.1 A and AA rules the page breaks."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "AXE",
    "CHROMEDRIVER",
    "CHROMIUM",
    "WCAG_21_AA",
    "axe_violations",
    "headless_chromium",
    "until",
]

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
#: axe-core as ``npm ci`` installs it (``make setup``): injected into the page under test.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
#: The rules axe runs: those of WCAG 2.0 and 2.1, levels A and AA (axe's own tags).
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
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


_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then((results) => done({ok: true, violations: results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({
      target: n.target, summary: n.failureSummary}))}))}))
  .catch((error) => done({ok: false, error: String(error)}));
"""


def axe_violations(driver: Any, tags: tuple[str, ...] = WCAG_21_AA) -> list[str]:
    """What axe-core finds wrong with the page open in ``driver``, by the rules of ``tags``:
    one readable line per element and rule (rule id, impact, the element's selector, what
    the rule asks, axe's summary of the failure); an empty list when there is none.

    axe is injected from ``node_modules`` (no network) each time, so a page that was
    navigated since is checked too.
    """
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE} missing): run make setup (npm ci)")
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(_RUN_AXE, list(tags))
    if not result["ok"]:
        raise AssertionError(f"axe-core failed to run: {result['error']}")
    return [
        f"{v['id']} ({v['impact']}) at {json.dumps(node['target'])}: {v['help']}; "
        + " ".join(str(node["summary"] or "").split())
        for v in result["violations"]
        for node in v["nodes"]
    ]
