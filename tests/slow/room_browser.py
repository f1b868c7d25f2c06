"""The room's pages in a real browser, for the slow tests: Debian's chromium, headless, driven
by Selenium through chromium-driver (what ``tests/slow/test_room_*.py`` share; the fixtures
``served`` and ``browser`` are in this folder's ``conftest.py``).

Skipped only when chromium, chromium-driver or Selenium is missing here, saying which; CI
installs them (``.ci/run``, ``.ci/browser.sh``) and fails when it cannot, and with
``BAZ_REQUIRE_BROWSER=1`` (which CI sets) a missing browser is an error, never a skip.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    import selenium  # noqa: F401
except ImportError:  # pragma: no cover - the test extra has it
    HAVE_SELENIUM = False
else:
    HAVE_SELENIUM = True

MISSING = [
    what
    for what, there in (
        ("chromium (apt-get install chromium)", CHROMIUM),
        ("chromium-driver (apt-get install chromium-driver)", DRIVER),
        ("selenium (pip install -e '.[test]')", HAVE_SELENIUM),
    )
    if not there
]
#: Set by .ci/run once it made sure the browser is here: then a missing one fails, never skips.
REQUIRED = os.environ.get("BAZ_REQUIRE_BROWSER") == "1"
if MISSING and REQUIRED:
    raise RuntimeError("BAZ_REQUIRE_BROWSER=1 but missing: " + ", ".join(MISSING))

#: A phone of some years ago.
PHONE_SIZE = (360, 740)


def chromium(*, javascript: bool = True, size: tuple[int, int] = PHONE_SIZE) -> Any:
    """A headless chromium at phone size (as root it runs only without its sandbox)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--lang=nl",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))


def wait_for(driver: Any, condition: Callable[[], bool], what: str, timeout: float = 15) -> None:
    """Until ``condition()`` holds in the browser; fails saying ``what`` and the page."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            text = body_text(driver)
            raise AssertionError(f"waited {timeout:g} s in vain for {what}; the page says:\n{text}")
        time.sleep(0.05)


def body_text(driver: Any) -> str:
    """The page's text; empty while a new page replaces it (its old body is gone)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    try:
        return str(driver.find_element("tag name", "body").text)
    except (StaleElementReferenceException, NoSuchElementException):
        return ""


#: The marks of a test module that needs the browser (``pytestmark = BROWSER_MARKS``).
BROWSER_MARKS = [
    pytest.mark.skipif(bool(MISSING), reason="no browser here: missing " + ", ".join(MISSING)),
    pytest.mark.usefixtures("quick_looks"),
]
