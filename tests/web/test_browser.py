"""A real Chromium (Debian's, driven by Playwright) signs in and works a case page.

Proves what unit tests cannot: the page loads every asset from Senim itself (no request to any other host),
no static file is missing, the CSP lets htmx and senim.js run (no violation reported), and a status move
through the htmx-boosted form works.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from senim.core.models import OrganizationKind
from senim.core.testing.browser import CHROMIUM, CHROMIUM_ARGS
from senim.core.testing.factories import TEST_PASSWORD, make_assistance_case, make_organization, make_user

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is missing: make browser-deps"),
]


def test_sign_in_and_work_a_case_page(live_server):
    from playwright.sync_api import sync_playwright

    ngo = make_organization(kind=OrganizationKind.NGO, name="Sana Sezim")
    user = make_user("ngo_caseworker", organization=ngo, username="caseworker-browser")
    case = make_assistance_case(lead_organization=ngo, caseworker=user)

    own_host = urlsplit(live_server.url).netloc
    requests: list[str] = []
    form_posts: list = []
    failed_static: list[str] = []
    console_errors: list[str] = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("request", lambda request: form_posts.append(request) if request.method == "POST" else None)
            page.on(
                "response",
                lambda response: (
                    failed_static.append(f"{response.status} {response.url}")
                    if "/static/" in response.url and response.status >= 400
                    else None
                ),
            )
            page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)

            page.goto(live_server.url + reverse("web:login"))
            page.fill("#id_username", user.username)
            page.fill("#id_password", TEST_PASSWORD)
            page.click("form.stacked button[type=submit]")
            page.wait_for_url(live_server.url + reverse("web:dashboard"))
            assert case.number in page.content()
            # Referrer-Policy: no-referrer, so the browser posted with "Origin: null" and no Referer, and the
            # CSRF check let it through on Sec-Fetch-Site (core/csrf.py).
            login_headers = form_posts[0].all_headers()
            assert "referer" not in login_headers
            assert login_headers.get("origin") == "null"
            assert login_headers.get("sec-fetch-site") == "same-origin"

            page.goto(live_server.url + reverse("web:case_detail", args=[case.pk]))
            page.wait_for_load_state("networkidle")
            assert page.locator("ol.timeline li").count() >= 1
            assert page.evaluate("typeof window.htmx") == "object"
            assert page.evaluate("document.documentElement.classList.contains('js')")

            # Move the case through the htmx-boosted form; the page comes back with the new status.
            page.select_option("#id_move-to_status", "screening")
            page.click("#move button[type=submit]")
            page.wait_for_selector(".messages")
            assert page.locator(".page-head .status").first.inner_text().strip() != ""
            page.wait_for_load_state("networkidle")

            # Phone width: nothing overflows sideways, the menu folds behind its button.
            page.set_viewport_size({"width": 375, "height": 800})
            page.goto(live_server.url + reverse("web:case_list"))
            assert page.evaluate("document.documentElement.scrollWidth") <= 376
            assert page.locator("[data-senim-menu-toggle]").is_visible()
        finally:
            browser.close()

    case.refresh_from_db()
    assert case.status == "screening"
    foreign = [
        url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own_host
    ]
    assert foreign == []
    assert failed_static == []
    assert [text for text in console_errors if "Content Security Policy" in text or "Refused" in text] == []
