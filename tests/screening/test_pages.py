"""Screening pages: the interview in the person's language, one question per page, decision, paper form,
printable form, statistics; other agencies get 404."""

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from senim.core.roles import Role
from senim.core.testing.factories import make_assistance_case, make_organization, make_user
from senim.screening import services
from senim.screening.models import Screening

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def base_template(tmp_path, settings):
    """Use the real web/base.html when the web app provides it; otherwise a minimal stand-in."""
    try:
        get_template("web/base.html")
    except TemplateDoesNotExist:
        (tmp_path / "web").mkdir()
        (tmp_path / "web" / "base.html").write_text(
            "<!doctype html><title>{% block title %}{% endblock %}</title>{% block extra_head %}{% endblock %}"
            "{% block content %}{% endblock %}"
        )
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


@pytest.fixture
def worker():
    return make_user(Role.NGO_CASEWORKER, organization=make_organization(kind="ngo"))


@pytest.fixture
def case(worker):
    return make_assistance_case(lead_organization=worker.organization)


def test_start_and_answer_in_tajik(client, worker, case):
    client.force_login(worker)
    page = client.get(reverse("screening:start"))
    assert page.status_code == 200 and case.number in page.content.decode()
    response = client.post(reverse("screening:start"), {"case": str(case.pk), "language": "tg"})
    screening = Screening.objects.get()
    assert response["Location"] == reverse("screening:interview", args=[screening.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Шумо чандсолаед?" in page
    assert 'lang="tg"' in page
    client.post(response["Location"], {"question": "intake.age", "number": "16"})
    client.post(response["Location"], {"question": "intake.work", "value": "labour"})
    page = client.get(response["Location"]).content.decode()
    assert "Оё ҳоло ба шумо ё оилаатон хатар таҳдид мекунад?" in page
    screening.refresh_from_db()
    assert screening.answers == {"intake.age": 16, "intake.work": "labour"}
    assert screening.set_code == "child_labour"


def test_refused_and_bad_answers(client, worker, case):
    screening = services.screening_start(actor=worker, case=case, language="en")
    client.force_login(worker)
    url = reverse("screening:interview", args=[screening.pk])
    client.post(url, {"question": "intake.age", "special": "refused"})
    assert "For the interviewer: could this person be younger than 18?" in client.get(url).content.decode()
    response = client.post(url, {"question": "intake.maybe_minor", "value": "perhaps"}, follow=True)
    assert response.status_code == 200
    screening.refresh_from_db()
    assert screening.answers == {"intake.age": "refused"}


def test_result_page_explains_and_records_disagreement(client, worker, case):
    screening = services.screening_start(actor=worker, case=case, language="ru")
    for question, value in [("intake.age", 35), ("intake.work", "labour"), ("urgent.held", "yes")]:
        screening = services.screening_answer(actor=worker, screening=screening, question_id=question, value=value)
    client.force_login(worker)
    url = reverse("screening:detail", args=[screening.pk])
    page = client.get(url).content.decode()
    assert "CD.isolation" in page and 'class="scr-dimensions"' in page
    assert 'role="alert"' in page  # held now
    client.post(url, {"decision": "presumed_victim", "reason": ""})
    screening.refresh_from_db()
    assert screening.decision == ""
    client.post(url, {"decision": "presumed_victim", "reason": "Locked in a workshop; left only to talk to us"})
    screening.refresh_from_db()
    case.refresh_from_db()
    assert screening.decision == "presumed_victim" and screening.decision_agrees is False
    assert case.status == "presumed_victim"


def test_printable_form_and_paper_entry(client, worker, case):
    client.force_login(worker)
    page = client.get(reverse("screening:print"), {"language": "uz"}).content.decode()
    assert "Yoshingiz nechada?" in page and "☐" in page
    screening = services.screening_start(actor=worker, case=case)
    url = reverse("screening:paper", args=[screening.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"q-intake.age": "44", "q-intake.work": "labour", "q-short.job": "yes", "q-short.hours-special": "unknown"},
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.mode == "paper"
    assert screening.answers == {
        "intake.age": 44,
        "intake.work": "labour",
        "short.job": "yes",
        "short.hours": "unknown",
    }


def test_list_and_statistics_scope(client, worker, case):
    services.screening_start(actor=worker, case=case)
    client.force_login(worker)
    assert case.number in client.get(reverse("screening:list")).content.decode()
    assert client.get(reverse("screening:statistics")).status_code == 403
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(coordinator)
    for by in ("region", "agency", "month"):
        page = client.get(reverse("screening:statistics"), {"by": by})
        assert page.status_code == 200
    assert worker.organization.name in client.get(reverse("screening:statistics"), {"by": "agency"}).content.decode()


def test_other_agency_gets_404(client, worker, case):
    screening = services.screening_start(actor=worker, case=case)
    client.force_login(make_user(Role.NGO_CASEWORKER))
    for name in ("screening:detail", "screening:interview", "screening:paper"):
        assert client.get(reverse(name, args=[screening.pk])).status_code == 404
    assert (
        client.post(
            reverse("screening:interview", args=[screening.pk]), {"question": "intake.age", "number": "3"}
        ).status_code
        == 404
    )
    screening.refresh_from_db()
    assert screening.answers == {}


def test_dashboard_panel_and_menu(rf, worker, case):
    from django.template.loader import render_to_string

    from senim.screening import navigation

    screening = services.screening_start(actor=worker, case=case)
    services.screening_answer(actor=worker, screening=screening, question_id="intake.age", value=15)
    services.screening_answer(actor=worker, screening=screening, question_id="intake.work", value="labour")
    request = rf.get("/")
    request.user = worker
    (panel,) = [p(request) for p in navigation.DASHBOARD_PANELS]
    assert panel["context"] == {"open_count": 1, "urgent_count": 1}  # a minor: urgent
    html = render_to_string(panel["template"], panel["context"], request=request)
    assert reverse("screening:start") in html
    request.user = make_user(Role.ANALYST)
    assert navigation.DASHBOARD_PANELS[0](request) is None
    assert {e.url_name for e in navigation.NAV_ENTRIES} in (set(), {"screening:list", "screening:statistics"})
