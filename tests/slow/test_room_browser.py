"""The room in a real browser: Debian's chromium, headless, driven by Selenium through
chromium-driver, against the real room server (its own process, on 127.0.0.1) — while the
chair's app, driven by Pilot on the same SQLite file, sees what the phone did.

A resident opens the QR code's address, votes ("Uw stem is geteld"), places a dot (the dots
left go down), hands in a card (the confirmation); meanwhile the chair's votes screen (F5)
shows the phone's vote and the card waits in the Store's inbox. When the chair declares, the
page shows the result by itself (room.js). A second phone without JavaScript votes too.

Skipped only when chromium, chromium-driver or Selenium is missing here, saying which; CI
installs them (``.ci/run``, ``.ci/browser.sh``) and fails when it cannot, and with
``BAZ_REQUIRE_BROWSER=1`` (which CI sets) a missing browser is an error, never a skip.
"""

from __future__ import annotations

import time
from typing import Any

from tests.conftest import make_app, open_meeting_screen, until
from tests.e2e.room_store import DOTS, QUESTION, Room
from tests.slow.room_browser import BROWSER_MARKS, body_text, chromium, wait_for

pytestmark = BROWSER_MARKS


def phone_votes(screen: Any) -> int:
    """The phone votes the chair's votes screen shows now."""
    from screens.widgets.tally_view import TallyView

    return sum(option.phone for option in screen.query_one(TallyView).options)


async def test_a_phone_votes_dots_and_hands_in_a_card_while_the_chair_watches(
    served: tuple[Room, Any], browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    from models.store import Store

    room, server = served
    chair = Store.open(room.url)
    try:
        app = make_app(chair)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_meeting_screen(pilot, "f5")
            assert getattr(screen, "SCREEN_NAME", None) == "votes"
            assert screen.poll is not None and screen.poll.id == room.poll
            assert phone_votes(screen) == 0

            # The QR code's address: the phone joins and lands on what the room does now.
            browser.get(f"{server.url}/?c={server.code}")
            wait_for(browser, lambda: QUESTION in body_text(browser), "the open vote")
            assert browser.current_url.endswith("/nu")
            browser.find_element(By.XPATH, "//button[@name='option_id'][text()='Voor']").click()
            wait_for(browser, lambda: "Uw stem is geteld." in body_text(browser), "geteld")
            await until(pilot, lambda: phone_votes(screen) == 1, "the phone's vote on F5")

            # Dots: the dots left go down.
            assert f"U heeft nog {DOTS} stippen." in body_text(browser)
            browser.find_elements(By.XPATH, "//button[text()='Stip erbij']")[0].click()
            wait_for(
                browser,
                lambda: f"U heeft nog {DOTS - 1} stippen." in body_text(browser),
                "one dot fewer",
            )
            assert "U gaf dit 1 stip." in body_text(browser)
            assert chair.analysis_state(room.item).ideas[0].dots == 1

            # A card: the kind, the text, hand it in.
            browser.find_element(By.CSS_SELECTOR, "label[for='kind-oplossing']").click()
            browser.find_element(By.ID, "text").send_keys("Een hek om de zandbak")
            browser.find_element(By.XPATH, "//button[text()='Inleveren']").click()
            wait_for(
                browser,
                lambda: "Uw kaart is ingeleverd" in body_text(browser),
                "the card's confirmation",
            )
            inbox = chair.room_inbox(room.item)
            assert [(c.kind.value, c.text) for c in inbox] == [
                ("oplossing", "Een hek om de zandbak")
            ]

            # The chair declares (here through the Store, as the key does): the page
            # refreshes itself (room.js) and shows the result, with no vote buttons left.
            chair.declare_poll(room.poll)
            wait_for(browser, lambda: "Uitslag:" in body_text(browser), "the declared result")
            assert not browser.find_elements(By.XPATH, "//button[@name='option_id']")
    finally:
        chair.close()


async def test_without_javascript_a_phone_still_votes(served: tuple[Room, Any]) -> None:
    from selenium.webdriver.common.by import By

    from models.store import Store

    room, server = served
    driver = chromium(javascript=False)
    chair = Store.open(room.url)
    try:
        app = make_app(chair)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_meeting_screen(pilot, "f5")
            driver.get(f"{server.url}/")
            code_field = driver.find_element(By.ID, "code")
            code_field.send_keys(server.code.lower())
            driver.find_element(By.XPATH, "//button[text()='Meedoen']").click()
            wait_for(driver, lambda: QUESTION in body_text(driver), "the open vote")
            driver.find_element(By.XPATH, "//button[@name='option_id'][text()='Tegen']").click()
            wait_for(driver, lambda: "Uw stem is geteld." in body_text(driver), "geteld")
            await until(pilot, lambda: phone_votes(screen) == 1, "the phone's vote on F5")
            assert chair.get_poll(room.poll).options[1].phone == 1  # "Tegen"

            # No script runs here: the declared result comes only with the Refresh button
            # (with JavaScript, room.js would have reloaded the page within about 4 s).
            chair.declare_poll(room.poll)
            time.sleep(6)
            assert "Uitslag:" not in body_text(driver)
            driver.find_element(By.LINK_TEXT, "Vernieuwen").click()
            wait_for(driver, lambda: "Uitslag:" in body_text(driver), "the declared result")
    finally:
        driver.quit()
        chair.close()
