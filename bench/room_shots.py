"""Screenshots of every page of the room at phone size (360×740), to look at.

    python -m bench.room_shots /work/notes/room-shots

Builds the room of the web tests (``bench/room_meeting.py``) in a temporary file, starts the
real room server on 127.0.0.1, and walks through it in Debian's headless chromium as one phone:
the code to type, a wrong code, /nu with an open vote (also in English and at 200 % zoom), after
voting, dots, the card form and its confirmation, the declared result, a vote with voting cards,
404, 429 and the closed room. Needs chromium, chromium-driver and selenium (the test extra).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 360, 740


def chromium() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={WIDTH},{HEIGHT}")
    driver = webdriver.Chrome(
        options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    )
    phone_size(driver)
    return driver


def phone_size(driver: Any, zoom: float = 1.0) -> None:
    """A phone's viewport of 360×740 pixels; ``zoom`` 2 is a page zoomed to 200 %."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": round(WIDTH / zoom),
            "height": round(HEIGHT / zoom),
            "deviceScaleFactor": zoom,
            "mobile": True,
        },
    )


def main(argv: list[str]) -> int:
    from selenium.webdriver.common.by import By

    from baz_tui.i18n import install_language

    install_language("nl")
    from baz_tui.room.server import start_room_server
    from bench.room_meeting import build_room
    from models.domain import Ballot
    from models.store import Store

    out = Path(argv[0] if argv else "room-shots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        room = build_room(Path(folder) / "baz.db")
        server = start_room_server(room.url, room.meeting, "127.0.0.1", 0)
        store = Store.open(room.url)
        driver = chromium()

        def shot(name: str, *, scroll_to: str | None = None) -> None:
            if scroll_to is not None:
                element = driver.find_element(By.ID, scroll_to)
                driver.execute_script("arguments[0].scrollIntoView(true);", element)
            else:
                driver.execute_script("window.scrollTo(0, 0);")
            driver.save_screenshot(str(out / f"{name}.png"))
            print(out / f"{name}.png")

        def click(xpath: str) -> None:
            driver.find_element(By.XPATH, xpath).click()

        try:
            base = server.url
            driver.get(f"{base}/")
            shot("01-code")
            driver.find_element(By.ID, "code").send_keys("ABC123")
            click("//button[@type='submit']")
            shot("02-wrong-code")
            driver.find_element(By.ID, "code").send_keys(server.code)
            click("//button[@type='submit']")
            shot("03-nu-open-vote")
            phone_size(driver, zoom=2)
            driver.get(f"{base}/nu")
            shot("04-nu-zoom-200")
            phone_size(driver)
            driver.get(f"{base}/nu?lang=en")
            shot("05-nu-english")
            driver.get(f"{base}/nu?lang=nl")
            click("//button[@name='option_id'][text()='Voor']")
            shot("06-voted")
            shot("07-dots-before", scroll_to="dots-h")
            click("(//button[@name='delta'][@value='1'])[1]")
            shot("08-dot-placed")
            shot("09-dots-after", scroll_to="dots-h")
            driver.get(f"{base}/nu")
            shot("10-card-form", scroll_to="card-h")
            driver.find_element(By.CSS_SELECTOR, "label[for='kind-oorzaak']").click()
            driver.find_element(By.ID, "text").send_keys("Er rijden auto's te hard langs het plein")
            click("//form[@action='/kaart']//button[@type='submit']")
            shot("11-card-done")
            store.declare_poll(room.poll)
            driver.get(f"{base}/nu")
            shot("12-result")
            poll = store.create_poll(room.item, "Besluiten we tot een hek om de zandbak?")
            store.set_poll_ballot(poll.id, Ballot.STEMKAART)
            driver.get(f"{base}/nu")
            shot("13-stemkaart")
            driver.get(f"{base}/bestaat-niet")
            shot("14-404")
            store.close_room(room.meeting)
            driver.get(f"{base}/nu")
            shot("15-closed")
            driver.delete_all_cookies()
            for _n in range(6):  # joins from one address: 5, then "slow down"
                driver.get(f"{base}/?c=ABC123")
            shot("16-429")
        finally:
            driver.quit()
            store.close()
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
