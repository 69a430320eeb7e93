"""Network API: the gap summary, a person's graph, queueing a build."""

import pytest
from django.urls import reverse

from senim.core.models import Job
from senim.core.roles import Role
from senim.core.testing.factories import make_user
from tests.network.test_build_and_pages import build, node, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_gap_summary_for_the_analyst(world, api_as):  # noqa: F811
    build()
    response = api_as(world["analyst"]).get(reverse("api:network-gap"), {"by": "region"})
    assert response.status_code == 200
    body = response.json()
    assert body["totals"] == {"organizers": 1, "organizers_charged": 0, "executors": 4, "executors_charged": 4}
    (flag,) = body["flagged"]
    # Convicted under a criminal article: RA and RB (128) and EA (309); EB's 128 charge is pending.
    assert flag["executors_convicted"] == 3
    # O is in no criminal case and was recorded only by an NGO: outside the analyst's person scope.
    assert flag["organizers_uncharged"] == ["restricted"]


@pytest.mark.parametrize("year", ["10000", "821884862", "1989"])
def test_a_year_no_report_can_have_is_a_field_error(world, api_as, client, year):  # noqa: F811
    build()
    response = api_as(world["analyst"]).get(reverse("api:network-gap"), {"year": year})
    assert response.status_code == 400
    assert "year" in response.json()["extra"]["fields"]
    # The page ignores the filter instead (a hand-edited link): the whole report, not an error page.
    client.force_login(world["analyst"])
    page = client.get(reverse("network:gap"), {"year": year})
    assert page.status_code == 200 and "100 %" in page.content.decode()
    assert client.get(reverse("network:gap-csv"), {"year": year}).status_code == 200


def test_person_graph_hides_names_outside_scope(world, api_as):  # noqa: F811
    build()
    people = world["people"]
    response = api_as(world["investigator_a"]).get(reverse("api:network-person-graph", args=[people["RA"].pk]))
    assert response.status_code == 200
    assert people["O"].label not in response.content.decode()
    assert (
        api_as(world["investigator_a"]).get(reverse("api:network-person-graph", args=[people["RB"].pk])).status_code
        == 404
    )


def test_build_needs_the_permission(world, api_as):  # noqa: F811
    assert api_as(world["investigator_a"]).post(reverse("api:network-build"), {}).status_code == 403
    assert not Job.objects.filter(kind="network.build").exists()
    response = api_as(make_user(Role.ANALYST)).post(reverse("api:network-build"), {"full": True}, format="json")
    assert response.status_code == 202
    assert Job.objects.get(kind="network.build").params == {"full": True}
