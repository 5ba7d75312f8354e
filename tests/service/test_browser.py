"""The pages in a real browser: a payer files through the upload form, a moderator decides with a key press.

Debian's Chromium driven by Playwright against uvicorn on loopback and a real Celery worker child; screenshots go
to var/screenshots/ for a human to look at.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from classifiers.labels import PORTAL_CODES
from service.liveserver import REPO, Worker, scratch_settings, serve_in_thread
from service.runtime import Runtime
from service.security import Role, create_token

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = REPO / "var" / "screenshots"
# seed 0 of an EAEU general-goods filing with a weight defect: two goods lines, six born-digital PDFs, one
# weight_mismatch whose evidence box sits on the packing list's page
FILING_SEED = 0

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in .venv")


@pytest.fixture(scope="module")
def filing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fixtures.generate import generate_filing

    out = tmp_path_factory.mktemp("filing")
    return generate_filing(
        out, random.Random(FILING_SEED), "eaeu_general", ["weight_mismatch"], scanned=False, filing_id="B0"
    )


@pytest.fixture
def live(tmp_path: Path, filing: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Base URL of a running server with a worker, and plain tokens for a payer of the filing's BIN and a moderator."""
    settings = scratch_settings(tmp_path)
    bin_ = json.loads((filing / "application.json").read_text())["applicant"]["bin"]
    rt = Runtime.from_settings(settings)
    with rt.sessions() as s:
        _, payer = create_token(s, Role.payer, bin=bin_, label="browser payer")
        _, moderator = create_token(s, Role.moderator, label="browser moderator")
        s.commit()
    rt.close()
    worker = Worker(settings)
    worker.start()
    try:
        with serve_in_thread(settings) as base:
            yield base, {"payer": payer, "moderator": moderator}
    finally:
        worker.stop()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Page, base: str, token: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=token]", token)
    page.click("form[action^='/login'] button.primary")


def test_payer_files_and_moderator_decides_by_key(live: tuple[str, dict[str, str]], filing: Path) -> None:
    base, tokens = live
    app_json = json.loads((filing / "application.json").read_text())
    files = sorted((filing / "files").iterdir())
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            # --- payer ---
            payer = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
            page = payer.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{base}/login")
            shot(page, "01-login")
            sign_in(page, base, tokens["payer"])
            page.wait_for_url(f"{base}/upload")
            assert page.locator("h1").inner_text() == "Новая заявка"
            page.fill("input[name=name]", app_json["applicant"]["name"])
            for i, line in enumerate(app_json["goods"]):
                if i:
                    page.click("button.add-row[data-target=goods]")
                for field in ("hs_code", "weight_kg", "import_date", "country", "invoice_number"):
                    page.locator(f"input[name={field}]").nth(i).fill(str(line[field]))
            for _ in files[1:]:
                page.click("button.add-row[data-target=files]")
            assert page.locator("input[name=files]").count() == len(files)
            for i, path in enumerate(files):
                page.locator("input[name=files]").nth(i).set_input_files(str(path))
                declared = app_json["files"].get(path.name, {}).get("declared_type")
                if declared in PORTAL_CODES:
                    page.locator("select[name=file_type]").nth(i).select_option(declared)
            shot(page, "02-upload-filled")
            page.click("#upload-form button.primary")
            page.wait_for_url(f"{base}/applications/*")
            app_url = page.url
            # the page polls until the worker has checked the filing, then shows the findings
            page.wait_for_selector("ol.findings li.finding", timeout=30_000)
            findings_text = page.locator("ol.findings").inner_text()
            assert "Вес не совпадает с документами" in findings_text  # the code in plain words
            assert "weight_mismatch" not in findings_text  # ...not the machine code
            assert page.locator(".status-big .pill").inner_text() == "нужно исправить"
            assert page.locator("#decision-form").count() == 0  # payers do not decide
            assert page.locator("ul.audit").count() == 0  # nor read the audit trail
            shot(page, "03-payer-findings")
            payer.close()

            # --- moderator ---
            mod = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
            page = mod.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, base, tokens["moderator"])
            page.wait_for_url(f"{base}/queue")
            row = page.locator("table.queue tbody tr", has_text=app_json["applicant"]["name"])
            assert row.count() == 1
            assert "Вес не совпадает" in row.inner_text()
            shot(page, "04-queue")
            row.locator("a").first.click()
            page.wait_for_url(app_url)
            weight = page.locator("li.finding", has_text="Вес не совпадает с документами")
            thumb = weight.locator("a.thumb img")
            thumb.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
            src = thumb.get_attribute("src") or ""
            assert "/pages/1.png" in src and "box=" in src and "crop=1" in src
            assert page.evaluate("u => fetch(u).then(r => r.headers.get('content-type'))", src) == "image/png"
            shot(page, "05-moderator-application")
            page.click("a.thumb")  # the evidence opens large in a dialog
            page.wait_for_function("() => document.getElementById('viewer').open")
            page.wait_for_function("() => document.getElementById('viewer-img').naturalWidth > 0")
            shot(page, "06-evidence-viewer")
            page.keyboard.press("Escape")
            page.locator("h1").click()  # focus off any field: shortcuts are ignored while typing
            page.keyboard.press("a")  # approve
            page.wait_for_url(f"{base}/queue")
            assert page.locator("table.queue tbody tr", has_text=app_json["applicant"]["name"]).count() == 0
            page.goto(app_url)
            assert page.locator(".status-big .pill").inner_text() == "одобрена"
            page.click("text=История")
            decided = page.locator("ul.audit li[data-action=decision]")
            assert decided.count() == 1
            assert (
                "решение модератора: одобрена" in decided.inner_text()
                and "moderator:" in decided.inner_text()
            )
            assert "проверка завершена" in page.locator("ul.audit").inner_text()
            shot(page, "07-decided")
            mod.close()
        finally:
            browser.close()
    app_id = app_url.rsplit("/", 1)[-1]
    events = httpx.get(
        f"{base}/v1/applications/{app_id}/audit", headers={"Authorization": f"Bearer {tokens['moderator']}"}
    ).json()
    decisions = [e for e in events if e["action"] == "decision"]
    assert len(decisions) == 1 and decisions[0]["detail"]["decision"] == "approved"
    assert decisions[0]["actor"].endswith("(web)")
    assert [e["action"] for e in events].count("processed") == 1
