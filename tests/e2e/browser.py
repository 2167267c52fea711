"""A real headless Chromium for tests, driven through Selenium and Debian's chromedriver.

Chromium runs as the brief asks (as root: --no-sandbox; no network services, no first-run
screens, a fresh profile per test) and downloads into a folder the test owns. ``.ci/run``
installs Debian's ``chromium`` and ``chromium-driver``; without them the fixture fails,
naming them, rather than skipping.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1000,900",
)


def _installed(*names: str) -> str:
    for name in names:
        found = shutil.which(name) or next(
            (p for p in (f"/usr/bin/{name}", f"/usr/lib/chromium/{name}") if Path(p).exists()),
            None,
        )
        if found:
            return found
    raise RuntimeError(
        f"{' or '.join(names)} not found: install Debian's chromium and chromium-driver "
        "(bash .ci/run does)"
    )


class Browser:
    """One Chromium with its own profile and download folder."""

    def __init__(self, profile: Path, downloads: Path) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = _installed("chromium", "chromium-browser")
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.downloads = downloads
        self.driver = webdriver.Chrome(service=Service(_installed("chromedriver")), options=options)
        self.driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )

    def open(self, path: Path) -> None:
        self.driver.get(path.resolve().as_uri())

    def keys(self, *keys: str) -> None:
        """Type keys as a person would, to whatever has the focus (the page itself)."""
        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def question(self) -> str:
        """The id of the question on screen (its data-question), or '' on another screen."""
        found = self.find_all("[data-question]")
        return found[0].get_attribute("data-question") or "" if found else ""

    def screen(self) -> str:
        return self.find("[data-screen]").get_attribute("data-screen") or ""

    def text(self) -> str:
        return self.find("main").text

    def script(self, source: str) -> object:
        return self.driver.execute_script(source)

    def errors(self) -> list[str]:
        """What the page logged as errors (a script error, a refused resource)."""
        entries = self.driver.get_log("browser")  # type: ignore[no-untyped-call]
        return [str(e["message"]) for e in entries if e["level"] in ("SEVERE", "WARNING")]

    def downloaded(self, timeout: float = 15) -> Path:
        """The one file downloaded, once Chromium has finished writing it (it renames a
        .crdownload file, and may show the final name before the bytes are in)."""
        deadline = time.monotonic() + timeout
        last: tuple[str, int] | None = None
        while time.monotonic() < deadline:
            done = [p for p in self.downloads.iterdir() if not p.name.endswith(".crdownload")]
            partial = [p for p in self.downloads.iterdir() if p.name.endswith(".crdownload")]
            if len(done) == 1 and not partial:
                seen = (done[0].name, done[0].stat().st_size)
                if seen[1] > 0 and seen == last:
                    return done[0]
                last = seen
            time.sleep(0.1)
        raise AssertionError(f"nothing was downloaded into {self.downloads} (or not in full)")

    def downloaded_json(self) -> dict[str, object]:
        data: dict[str, object] = json.loads(self.downloaded().read_text(encoding="utf-8"))
        return data

    def close(self) -> None:
        self.driver.quit()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opened = Browser(tmp_path / "profile", downloads)
    try:
        yield opened
    finally:
        opened.close()
