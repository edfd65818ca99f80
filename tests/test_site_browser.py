"""The site in a real browser: Debian's headless Chromium, driven by selenium through
/usr/bin/chromedriver (nothing downloaded). One browser for the module; skipped, with the reason,
where Chromium or its driver is not installed (`apt-get install chromium chromium-driver`).

Screenshots go to $KVTRACK_SCREENSHOTS (default: a pytest temporary directory) for review.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, SHIPPED
from typer.testing import CliRunner

from kvtrack.cli import app

AS_OF = "2026-11-27"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "chromium is not installed (apt-get install -y chromium chromium-driver)"
    if not Path(DRIVER).exists():
        return "chromedriver is not installed (apt-get install -y chromium-driver)"
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def _build(register: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        app,
        ["site", "--file", str(register), "--out", str(out), "--as-of", AS_OF],
        env={"KVTRACK_NO_CACHE": "1", "NO_COLOR": "1"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped register's site, and one of a generated register of 300 commitments."""
    base = tmp_path_factory.mktemp("sites")
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = generate
    spec.loader.exec_module(generate)
    generated = base / "c300.yaml"
    generate.write_file(300, generated)
    shipped = base / "shipped"
    shipped.mkdir()
    shutil.copy(SHIPPED, shipped / "commitments.yaml")
    picture = base / "timeline-page"  # `timeline --format html`, the other published page
    picture.mkdir()
    result = CliRunner().invoke(
        app,
        [
            "timeline",
            "--file",
            str(generated),
            "--format",
            "html",
            "--as-of",
            AS_OF,
            "--out",
            str(picture / "timeline.html"),
        ],
        env={"KVTRACK_NO_CACHE": "1"},
    )
    assert result.exit_code == 0, result.output
    return {
        "shipped": _build(shipped / "commitments.yaml", base / "site-shipped"),
        "generated": _build(generated, base / "site-300"),
        "timeline": picture,
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium must not fetch a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="kvtrack-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("KVTRACK_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.mktemp("screenshots")


def open_page(browser: Any, page: Path, width: int) -> None:
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())


def overflow(browser: Any) -> tuple[int, int]:
    return tuple(
        browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    )


def sample_pages(site: Path) -> list[Path]:
    if not (site / "commitment").is_dir():
        return sorted(site.glob("*.html"))
    commitments = sorted((site / "commitment").iterdir())
    sources = sorted((site / "source").iterdir())
    return [
        site / "index.html",
        site / "timeline.html",
        site / "scorecard.html",
        *commitments[:: max(1, len(commitments) // 3)][:3],
        *sources[:1],
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_scrolls_sideways(browser, sites, width):
    for site in sites.values():
        for page in sample_pages(site):
            open_page(browser, page, width)
            scroll, client = overflow(browser)
            assert scroll <= client, f"{page.relative_to(site)} at {width}px: {scroll} > {client}"


def test_typing_in_the_filter_box_hides_the_rows_that_do_not_match(browser, sites):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, sites["shipped"] / "index.html", 1280)
    rows = browser.find_elements(By.CSS_SELECTOR, "#register tbody tr")
    assert len(rows) == 10 and all(r.is_displayed() for r in rows)
    box = browser.find_element(By.CSS_SELECTOR, "input[type=search]")
    assert box.is_displayed()  # the script showed the form
    box.send_keys("cascadeplein")
    shown = [r for r in rows if r.is_displayed()]
    assert [r.find_element(By.TAG_NAME, "a").text for r in shown] == [
        "Rijksontmoetingsvoorziening Cascadeplein Groningen in gebruik"
    ]
    assert browser.find_element(By.ID, "f-count").text == "1 van 10 toezeggingen getoond"
    box.clear()
    box.send_keys("coordinerende")  # accents ignored, as in `kvtrack search`
    assert [r.get_attribute("data-state") for r in rows if r.is_displayed()] == ["undated"]
    box.clear()
    box.send_keys(" ")  # nothing typed: everything back
    Select(browser.find_element(By.ID, "f-state")).select_by_value("overdue")
    assert [r.get_attribute("data-state") for r in rows if r.is_displayed()] == ["overdue"]
    Select(browser.find_element(By.ID, "f-state")).select_by_value("")
    Select(browser.find_element(By.ID, "f-owner")).select_by_value("BZK")
    assert all(r.is_displayed() for r in rows)


def test_every_internal_link_resolves_to_a_file(browser, sites):
    for site in (sites["shipped"], sites["generated"]):
        pages = sorted(site.rglob("*.html"))
        for page in pages if len(pages) < 20 else sample_pages(site):
            open_page(browser, page, 1280)
            hrefs = browser.execute_script(
                "return Array.from(document.querySelectorAll('a[href], link[href]'), a => a.href)"
            )
            for href in hrefs:
                url = urlparse(href)
                if url.scheme != "file":
                    continue
                target = Path(unquote(url.path))
                assert target.is_file(), f"{page.relative_to(site)} links to missing {target}"


def test_every_commitment_has_its_page_with_its_quote(browser, sites):
    from selenium.webdriver.common.by import By

    site = sites["shipped"]
    records = json.loads((site / "data.json").read_text("utf-8"))
    open_page(browser, site / "index.html", 1280)
    links = {
        a.text: a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "#register tbody td.main a")
    }
    assert set(links) == {r["title"] for r in records}
    for r in records:
        browser.get(links[r["title"]])
        assert browser.find_element(By.TAG_NAME, "h1").text == r["title"]
        quote = browser.find_element(By.TAG_NAME, "blockquote").text
        assert r["quote"] in quote
    generated = sites["generated"]
    for r in json.loads((generated / "data.json").read_text("utf-8")):
        page = (generated / "commitment" / f"{r['id']}.html").read_text("utf-8")
        assert r["id"] and "<blockquote" in page


def test_a_screenshot_is_written_for_review(browser, sites, screenshots):
    written = []
    for width in (1280, 390):
        for name, page in (("index", "index.html"), ("timeline", "timeline.html")):
            open_page(browser, sites["generated"] / page, width)
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.set_window_size(width, min(int(height) + 140, 4000))
            path = screenshots / f"{name}-{width}.png"
            assert browser.save_screenshot(str(path))
            written.append(path)
    commitment = next(iter(sorted((sites["shipped"] / "commitment").iterdir())))
    open_page(browser, commitment, 390)
    path = screenshots / "commitment-390.png"
    assert browser.save_screenshot(str(path))
    written.append(path)
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshots: {screenshots}")
