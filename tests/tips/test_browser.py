"""The full anonymous round trip in a real Chromium at phone width: report in Kyrgyz with a photo, receipt
code, staff answer, reporter reads and replies; no request to another host, no cookie but CSRF's, and
neither the browser's address nor its user agent stored in the database or the logs. Then the same
report without JavaScript (the sum fallback)."""

import io
import logging
import os
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from PIL import Image

from senim.core.testing.browser import CHROMIUM, CHROMIUM_ARGS
from senim.tips import services
from senim.tips.models import Tip, TipMessage
from tests.tips.conftest import database_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKER_UA = "Mozilla/5.0 (Linux; Android 9; SenimCheapPhone) tips-browser-ua-5c1e"


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # no Chromium on this machine
            pytest.skip(f"Chromium not available: {exc}")
        yield chromium
        chromium.close()


def _phone(browser, **options):
    return browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, user_agent=MARKER_UA, locale="ky-KG", **options
    )


def _photo_with_location(path):
    image = Image.new("RGB", (64, 48), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "ReporterPhoneMake"
    exif[0x8825] = {1: "N", 2: (43.0, 14.0, 0.0), 3: "E", 4: (76.0, 53.0, 0.0)}
    image.save(path, format="JPEG", exif=exif)
    return path


def _staff_login(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_anonymous_round_trip(browser, live_server, ngo, ngo_worker, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    context = _phone(browser)
    page = context.new_page()
    foreign = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else foreign.append(request.url))

    page.goto(f"{live_server.url}/report/")
    assert page.evaluate("document.documentElement.lang") == "ky"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.is_hidden(".sum-challenge")  # JavaScript does the proof of work instead
    page.check("input[name=routing][value=named]")
    page.select_option("select[name=recipient]", label="Hope helpline")
    page.fill("textarea[name=what_happened]", "Курулушта паспортторун алып коюшту, акы төлөбөйт")
    page.fill("input[name=where]", "Алматы, Рыскулов көчөсү")
    page.check("input[name=immediate_danger][value=yes]")
    page.check("input[name=involves_child][value=no]")
    page.set_input_files("input[name=upload]", str(_photo_with_location(tmp_path / "IMG_0042.jpg")))
    page.click("button[type=submit]")
    page.wait_for_selector("#receipt-code")
    code = page.inner_text("#receipt-code").strip()
    assert re.fullmatch(r"\d{4}( \d{4}){4}", code)

    tip = Tip.objects.get()
    assert tip.recipient == ngo and tip.language == "ky" and tip.immediate_danger
    photo = tip.attachments.get()
    with Image.open(io.BytesIO(services.attachment_bytes(photo))) as cleaned:
        assert not cleaned.getexif() and cleaned.size == (64, 48)

    # The recipient answers from the triage page.
    staff = browser.new_context()
    _staff_login(staff, live_server, ngo_worker)
    desk = staff.new_page()
    desk.goto(f"{live_server.url}/tips/")
    desk.click(f"text={tip.reference}")
    assert "паспортторун" in desk.inner_text("main")
    desk.fill("textarea[name=body]", "Канча адам бар? Балдар барбы?")
    desk.click("text=Send to the reporter")
    desk.wait_for_selector("text=Канча адам бар?")
    staff.close()

    # The reporter comes back with the code, reads the question and answers.
    page.click("footer a[href$='/follow-up/']")
    page.fill("input[name=code]", code)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Канча адам бар?")
    page.fill("textarea[name=body]", "Беш адам, балдар жок")
    page.click("button[name=action][value=reply]")
    page.wait_for_selector("p.notice")
    assert TipMessage.objects.get(author="reporter").body == "Беш адам, балдар жок"

    cookies = {cookie["name"] for cookie in context.cookies()}
    assert cookies <= {"csrftoken"}, cookies
    assert foreign == []
    dump = database_text()
    for marker in (MARKER_UA, "SenimCheapPhone", "tips-browser-ua-5c1e", "127.0.0.1", "IMG_0042", "ReporterPhoneMake"):
        assert marker not in dump, marker
    for marker in ("SenimCheapPhone", "tips-browser-ua-5c1e"):
        assert marker not in caplog.text
        assert all(marker not in repr(record.__dict__) for record in caplog.records)
    context.close()


def test_report_without_javascript(browser, live_server, ngo):
    context = _phone(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/report/en/")
    question = page.inner_text(".sum-challenge label")
    left, right = map(int, re.search(r"(\d) \+ (\d) =", question).groups())
    page.fill("textarea[name=what_happened]", "Workers locked in a sewing workshop")
    page.fill("input[name=sum_answer]", str(left + right))
    page.click("button[type=submit]")
    page.wait_for_selector("#receipt-code")
    assert Tip.objects.get().what_happened == "Workers locked in a sewing workshop"
    context.close()
