"""The interview in a real Chromium at phone width, and the printable form in print media."""

import pytest
from django.conf import settings as django_settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import Client

from senim.core.roles import Role
from senim.core.testing.browser import CHROMIUM, CHROMIUM_ARGS
from senim.core.testing.factories import make_assistance_case, make_organization, make_user
from senim.screening import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def base_template(tmp_path, settings):
    try:
        get_template("web/base.html")
    except TemplateDoesNotExist:
        (tmp_path / "web").mkdir()
        (tmp_path / "web" / "base.html").write_text(
            '<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>{% block title %}{% endblock %}</title>{% block extra_head %}{% endblock %}</head>"
            "<body>{% block content %}{% endblock %}</body></html>"
        )
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the test itself are sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # no Chromium on this machine
            pytest.skip(f"Chromium not available: {exc}")
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        yield context.new_page()
        browser.close()


def login(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_interview_on_a_phone(page, live_server):
    worker = make_user(Role.NGO_CASEWORKER, organization=make_organization(kind="ngo"))
    case = make_assistance_case(lead_organization=worker.organization)
    screening = services.screening_start(actor=worker, case=case, language="ky")
    login(page, live_server, worker)
    response = page.goto(f"{live_server.url}/screening/{screening.pk}/interview/")
    assert response.headers["referrer-policy"]
    assert "Сиз канча жаштасыз?" in page.inner_text("legend")
    page.fill("input[name=number]", "27")
    page.click("button.scr-next")
    page.wait_for_selector("input[name=value][value=labour]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.check("input[name=value][value=labour]")
    page.click("button.scr-next")
    page.wait_for_selector("text=Сизге же үй-бүлөңүзгө азыр коркунуч туулуп турабы?")
    screening.refresh_from_db()
    assert screening.answers == {"intake.age": 27, "intake.work": "labour"}
    box = page.locator("label.scr-option").first.bounding_box()
    assert box["height"] >= 44  # thumb-sized targets


def test_printable_form_hides_controls_in_print(page, live_server):
    worker = make_user(Role.LABOUR_INSPECTOR)
    login(page, live_server, worker)
    page.goto(f"{live_server.url}/screening/form/?language=tg")
    assert page.is_visible("form.scr-no-print")
    page.emulate_media(media="print")
    assert not page.is_visible("form.scr-no-print")
    assert "Шумо чандсолаед?" in page.inner_text("ol")
    assert len(page.pdf()) > 1000
