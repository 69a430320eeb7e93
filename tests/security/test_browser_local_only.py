"""A real Chromium signs in with password and TOTP, then opens every main page (every route without
parameters that answers a page) as the coordinator and as the auditor: every request goes to the local
server, and the browser reports no CSP violation (the enrolment QR is an inline data: image)."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp

from senim.core import twofactor
from senim.core.testing.browser import CHROMIUM, CHROMIUM_ARGS
from senim.core.testing.factories import TEST_PASSWORD, make_assistance_case, make_user
from tests.security.routes import all_routes

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is missing: make browser-deps"),
]


def _main_pages() -> list[str]:
    skip = ("api", "schema", "healthz", "report:", "web:logout", "web:set_language", "web:switch-role", "account:")
    return [
        "/" + r.route
        for r in all_routes()
        if not r.kwargs
        and not r.is_api
        and not r.name.startswith(skip)
        and not r.route.endswith((".csv", ".json"))
        and "get" in r.methods
    ]


def _sign_in(page, base: str, user, device) -> None:
    page.goto(base + reverse("web:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(lambda url: "/account/two-factor/" in url)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.fill("#id_token", f"{code:06d}")
    page.press("#id_token", "Enter")
    page.wait_for_url(lambda url: "/account/" not in url and "/login/" not in url)


def test_every_main_page_loads_only_local_resources(live_server, settings):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    settings.SENIM_REQUIRE_2FA = True
    coordinator = make_user("coordinator")
    auditor = make_user("auditor")
    newcomer = make_user("ngo_caseworker")
    make_assistance_case(lead_organization=newcomer.organization)
    devices = {u: twofactor.totp_enrol_confirmed(actor=None, user=u) for u in (coordinator, auditor)}
    own = urlsplit(live_server.url).netloc
    requests: list[str] = []
    csp_errors: list[str] = []
    server_errors: list[str] = []
    visited = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for user, device in devices.items():
                context = browser.new_context()
                page = context.new_page()
                page.on("request", lambda request: requests.append(request.url))
                page.on("response", lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
                page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
                _sign_in(page, live_server.url, user, device)
                for path in _main_pages():
                    try:
                        response = page.goto(live_server.url + path)
                    except PlaywrightError:  # an empty 405 (POST-only route) is no page to load
                        continue
                    page.wait_for_load_state("networkidle")
                    visited += response is not None and response.ok
                context.close()
            # A first sign-in shows the enrolment page with its inline QR code.
            context = browser.new_context()
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(live_server.url + reverse("web:login"))
            page.fill("#id_username", newcomer.username)
            page.fill("#id_password", TEST_PASSWORD)
            page.click("form.stacked button[type=submit]")
            page.wait_for_url(lambda url: "/account/two-factor/setup/" in url)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.querySelector('img.totp-qr').naturalWidth") > 0
            context.close()
        finally:
            browser.close()
    assert visited >= 10
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own]
    assert foreign == []
    assert csp_errors == []
    assert server_errors == []
