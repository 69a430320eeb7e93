"""The network chart in a real Chromium: Cytoscape.js loads from Senim itself under the CSP, draws the
network, and exports a PNG."""

import pytest
from django.urls import reverse

from tests.network.test_build_and_pages import build, world  # noqa: F401  (fixture)
from tests.screening.test_browser import base_template, login, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chart_draws_and_exports_png(page, live_server, world):  # noqa: F811
    build()
    errors, requests = [], []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "favicon" not in (message.location or {}).get("url", "")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": 1200, "height": 900})
    login(page, live_server, world["investigator_a"])
    page.goto(live_server.url + reverse("network:person", args=[world["people"]["RA"].pk]))
    page.wait_for_selector("[data-net-chart] canvas")
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("[data-net-status]")).to_have_text("")  # loaded, nothing truncated, not empty
    assert not errors, errors
    assert all(url.startswith(live_server.url) for url in requests), requests  # no other host
    with page.expect_download() as download:
        page.click("[data-net-png]")
    assert download.value.suggested_filename == "network.png"
    # Filters run without errors.
    page.uncheck("input[name=kind][value=co_offended]")
    page.check("input[name=colour][value=charge]")
    assert not errors, errors
