"""The public reporting page through Django's test client: languages, cookies, challenges, throttling,
and no IP address or user agent anywhere."""

import logging
import re

import pytest
from django.urls import reverse

from senim.core.models import AuditEvent
from senim.tips import receipt
from senim.tips.models import Tip, TipMessage
from tests.tips.conftest import database_text, solve

pytestmark = pytest.mark.django_db

MARKER_UA = "Mozilla/5.0 (SenimTestPhone; unique-ua-7f3a9)"
MARKER_IP = "203.0.113.77"


def report_data(client, lang="ru", **values):
    page = client.get(reverse("report:form", kwargs={"lang": lang}))
    data = {
        "routing": "any",
        "recipient": "",
        "what_happened": "Держат на ферме, отобрали паспорта",
        "where": "Туркестанская область",
        "region": "",
        "when": "с весны",
        "who_at_risk": "двое мужчин",
        "immediate_danger": "yes",
        "involves_child": "no",
        "details": "",
        **solve(page.content.decode()),
    }
    data.update(values)
    return data


def code_from(html: str) -> str:
    match = re.search(r'id="receipt-code">([\d ]+)<', html)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize("lang", ["ru", "kk", "en", "uz", "ky", "tg"])
def test_page_in_each_public_language(client, ngo, lang):
    response = client.get(reverse("report:form", kwargs={"lang": lang}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert response["Content-Language"] == lang
    assert response["Cache-Control"] == "no-store"
    assert "http://" not in html.replace("http://testserver", "") and "//cdn" not in html
    if lang != "en":  # translated, not the English source
        assert "Report trafficking safely" not in html, lang
    for name in ("oʻzbek tili", "Кыргызча", "тоҷикӣ", "Қазақ", "English", "Русский"):
        assert name in html


def test_unknown_language_is_404_and_start_follows_the_browser(client):
    assert client.get("/report/fr/").status_code == 404
    response = client.get("/report/", HTTP_ACCEPT_LANGUAGE="ky-KG,ky;q=0.9,ru;q=0.8")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="ky">' in html and 'action="/report/ky/"' in html
    assert '<html lang="ru">' in client.get("/report/", HTTP_ACCEPT_LANGUAGE="de").content.decode()


def test_no_cookie_but_csrf(client, ngo):
    response = client.get(reverse("report:form", kwargs={"lang": "ru"}))
    assert set(response.cookies) <= {"csrftoken"}
    response = client.post(reverse("report:form", kwargs={"lang": "ru"}), report_data(client))
    assert response.status_code == 200
    assert set(response.cookies) <= {"csrftoken"}
    assert "sessionid" not in client.cookies


def test_round_trip_with_proof_of_work_and_nothing_identifying_stored(client, ngo, ngo_worker, caplog):
    caplog.set_level(logging.DEBUG)
    headers = {"HTTP_USER_AGENT": MARKER_UA, "REMOTE_ADDR": MARKER_IP, "HTTP_X_FORWARDED_FOR": MARKER_IP}
    response = client.post(reverse("report:form", kwargs={"lang": "uz"}), report_data(client), **headers)
    assert response.status_code == 200
    code = code_from(response.content.decode())
    tip = Tip.objects.get()
    assert tip.language == "uz" and tip.immediate_danger and not tip.involves_child
    # Staff answer; the reporter comes back with the code.
    from senim.tips import services

    services.tip_message_send(actor=ngo_worker, tip=tip, body="Ответ сотрудника")
    page = client.get(reverse("report:follow-up", kwargs={"lang": "uz"}), **headers)
    response = client.post(
        reverse("report:follow-up", kwargs={"lang": "uz"}),
        {"code": code, **solve(page.content.decode())},
        **headers,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Ответ сотрудника" in html
    assert code not in html and code.replace(" ", "") not in html
    access = re.search(r'name="access" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("report:thread", kwargs={"lang": "uz"}),
        {"access": access, "action": "reply", "body": "Ответ репортёра"},
        **headers,
    )
    assert response.status_code == 200
    assert TipMessage.objects.filter(author="reporter").get().body == "Ответ репортёра"
    # Nothing identifying anywhere: not in the database, not in the logs, not in the audit trail.
    dump = database_text()
    for marker in (MARKER_IP, "SenimTestPhone", "unique-ua-7f3a9"):
        assert marker not in dump
        assert marker not in caplog.text
        for record in caplog.records:
            assert marker not in repr(record.__dict__)
    assert "Ответ репортёра" not in dump  # encrypted at rest
    assert not AuditEvent.objects.filter(action__startswith="tip.reporter", actor__isnull=False).exists()


def test_no_javascript_path_with_the_sum(client, ngo, settings):
    settings.SENIM_TIPS_NOJS_PER_HOUR = 1
    page = client.get(reverse("report:form", kwargs={"lang": "en"})).content.decode()
    left, right = map(int, re.search(r"(\d) \+ (\d) =", page).groups())
    token = re.search(r'data-challenge="([^"]+)"', page).group(1)
    data = report_data(client, lang="en", challenge=token, pow="", sum_answer=str(left + right))
    response = client.post(reverse("report:form", kwargs={"lang": "en"}), data)
    assert response.status_code == 200 and Tip.objects.count() == 1
    # The same token cannot be used twice.
    response = client.post(reverse("report:form", kwargs={"lang": "en"}), data)
    assert response.status_code == 400 and Tip.objects.count() == 1
    # The no-JS budget is shared by everyone: once spent, a correct sum is told to wait.
    page = client.get(reverse("report:form", kwargs={"lang": "en"})).content.decode()
    left, right = map(int, re.search(r"(\d) \+ (\d) =", page).groups())
    token = re.search(r'data-challenge="([^"]+)"', page).group(1)
    data = report_data(client, lang="en", challenge=token, pow="", sum_answer=str(left + right))
    response = client.post(reverse("report:form", kwargs={"lang": "en"}), data)
    html = response.content.decode()
    assert response.status_code == 400 and "Too many reports" in html, re.findall(r"class=\"error[^>]*>([^<]*)<", html)
    assert Tip.objects.count() == 1


def test_missing_or_wrong_proof_is_refused(client, ngo):
    data = report_data(client, pow="", sum_answer="")
    response = client.post(reverse("report:form", kwargs={"lang": "ru"}), data)
    assert response.status_code == 400 and not Tip.objects.exists()
    data = report_data(client)
    data["challenge"] = data["challenge"][:-2] + "xx"
    assert client.post(reverse("report:form", kwargs={"lang": "ru"}), data).status_code == 400
    # The reporter's text survives a failed attempt.
    assert "Держат на ферме" in client.post(reverse("report:form", kwargs={"lang": "ru"}), data).content.decode()


def test_wrong_codes_are_throttled_through_the_page(client, ngo, settings):
    settings.SENIM_TIPS_RECEIPT_MAX_FAILURES = 3
    response = client.post(reverse("report:form", kwargs={"lang": "en"}), report_data(client, lang="en"))
    code = code_from(response.content.decode()).replace(" ", "")
    wrong = code[:8] + ("1" * 12 if code[8:] != "1" * 12 else "2" * 12)
    url = reverse("report:follow-up", kwargs={"lang": "en"})
    for _ in range(3):
        page = client.get(url).content.decode()
        response = client.post(url, {"code": wrong, **solve(page)})
        assert response.status_code == 400 and "could not find" in response.content.decode()
    page = client.get(url).content.decode()
    response = client.post(url, {"code": receipt.format_code(code), **solve(page)})
    assert response.status_code == 400 and "Too many wrong codes" in response.content.decode()


def test_forward_question_answered_in_the_thread(client, ngo, police, ngo_worker, investigator):
    from senim.tips import selectors, services

    response = client.post(reverse("report:form", kwargs={"lang": "ru"}), report_data(client))
    code = code_from(response.content.decode())
    tip = Tip.objects.get()
    request = services.tip_forward_request(actor=ngo_worker, tip=tip, to_recipient=police, note="Лучше полиции")
    url = reverse("report:follow-up", kwargs={"lang": "ru"})
    page = client.get(url).content.decode()
    html = client.post(url, {"code": code, **solve(page)}).content.decode()
    access = re.search(r'name="access" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("report:thread", kwargs={"lang": "ru"}),
        {"access": access, "action": "agree", "forward_request": str(request.pk)},
    )
    assert response.status_code == 200
    assert list(selectors.tip_queue(investigator)) == [tip]


def test_expired_access_token_asks_for_the_code_again(client, ngo):
    response = client.post(reverse("report:thread", kwargs={"lang": "en"}), {"access": "forged", "action": "reply"})
    assert response.status_code == 400 and "Enter your receipt code again" in response.content.decode()


def test_safety_page(client):
    response = client.get(reverse("report:safety", kwargs={"lang": "kk"}))
    assert response.status_code == 200 and "112" in response.content.decode()
