"""The link graph built from case data by the worker job, the charts scoped to the viewer, the
accountability-gap report and the CSV exports."""

import csv
import io
import json

import pytest
from django.urls import reverse

from senim.cases import services as case_services
from senim.core.models import AuditEvent, OrganizationKind
from senim.core.roles import Role
from senim.core.services import job_enqueue
from senim.core.testing.factories import make_criminal_case, make_organization, make_record, make_user
from senim.core.worker import run_pending
from senim.network.models import GraphEdge, GraphNode
from senim.network.services import graph_edge_record
from senim.people.services import IdentifierInput

pytestmark = pytest.mark.django_db


def build(actor=None, full=False):
    job_enqueue(actor=actor, kind="network.build", params={"full": full})
    assert run_pending(kinds=["network.build"]) == 1


@pytest.fixture
def world():
    """Two cells in two cases of two police units. O (recorded only by an NGO) is in no case: the
    investigators of unit A record that O called RA and EA, EA paid O; unit B's investigator the same for
    RB and EB. Executors RA and RB are convicted under art. 128; EA under 309; EB pending; O not charged."""
    unit_a = make_organization(kind=OrganizationKind.POLICE, name="Unit A")
    unit_b = make_organization(kind=OrganizationKind.POLICE, name="Unit B")
    investigator_a = make_user(Role.INVESTIGATOR, organization=unit_a)
    investigator_b = make_user(Role.INVESTIGATOR, organization=unit_b)
    ngo = make_organization(kind=OrganizationKind.NGO)

    def person(name, organization, phone=""):
        identifiers = [IdentifierInput(kind="phone", value=phone, source="test")] if phone else []
        record = make_record(organization=organization, family_name=name, given_name="Test", identifiers=identifiers)
        return record.person

    people = {
        "O": person("Organizerova", ngo, phone="+77011112233"),
        "RA": person("Recruitova", unit_a),
        "EA": person("Exploitov", unit_a),
        "V1": person("Victimova", unit_a),
        "V2": person("Victimenko", unit_a),
        "RB": person("Recruitbek", unit_b),
        "EB": person("Exploitbek", unit_b),
        "V3": person("Victimbek", unit_b),
    }
    case_a = make_criminal_case(unit=unit_a, registry_number="260000000000001")
    case_b = make_criminal_case(unit=unit_b, registry_number="260000000000002")
    participants = {}
    for case, offenders, victims in (
        (case_a, [("RA", "recruiter"), ("EA", "exploiter")], ["V1", "V2"]),
        (case_b, [("RB", "recruiter"), ("EB", "exploiter")], ["V3"]),
    ):
        for key, chain_role in offenders:
            participants[key] = case_services.participant_add(
                actor=None, case=case, person=people[key], procedural_role="accused", chain_role=chain_role
            )
        for key in victims:
            case_services.participant_add(actor=None, case=case, person=people[key], procedural_role="victim")
    case_services.charge_add(actor=None, participant=participants["RA"], article_key="cc.128", outcome="convicted")
    case_services.charge_add(actor=None, participant=participants["EA"], article_key="cc.309", outcome="convicted")
    case_services.charge_add(actor=None, participant=participants["RB"], article_key="cc.128", outcome="convicted")
    case_services.charge_add(actor=None, participant=participants["EB"], article_key="cc.128")
    for investigator, case, ex, rec in ((investigator_a, case_a, "EA", "RA"), (investigator_b, case_b, "EB", "RB")):
        graph_edge_record(actor=investigator, case=case, source=people["O"], target=people[rec], kind="called")
        graph_edge_record(actor=investigator, case=case, source=people["O"], target=people[ex], kind="called")
        graph_edge_record(actor=investigator, case=case, source=people[ex], target=people["O"], kind="paid", amount=500)
    return {
        "people": people,
        "case_a": case_a,
        "case_b": case_b,
        "investigator_a": investigator_a,
        "analyst": make_user(Role.ANALYST),
    }


def node(person):
    return GraphNode.objects.get(person=person)


def test_build_job_makes_provenanced_edges_and_finds_the_organizer(world):
    build()
    people = world["people"]
    # RA recruited V1 and V2 in case A: two act edges with the case as provenance.
    acts = GraphEdge.objects.filter(source=node(people["RA"]), kind="recruited")
    assert {e.target.person_id for e in acts} == {people["V1"].pk, people["V2"].pk}
    assert {e.case_id for e in acts} == {world["case_a"].pk}
    assert GraphEdge.objects.filter(kind="co_offended", case=world["case_b"]).count() == 1
    assert node(people["V1"]).is_victim and not node(people["RA"]).is_victim
    # O links two triangles (cut vertex), receives two payments, and reaches all four executors.
    organizer = node(people["O"])
    assert organizer.suggested_role == "organizer"
    assert organizer.measures["executors_two_steps"] == 4
    assert organizer.measures["direct_victims"] == 0
    assert organizer.measures["betweenness"] == 1.0
    assert node(people["RA"]).suggested_role == "recruiter"
    assert node(people["EB"]).suggested_role == "exploiter"
    assert organizer.network == node(people["V3"]).network
    assert AuditEvent.objects.filter(action="network.build").count() == 1


def test_build_is_idempotent_and_incremental(world):
    build()
    edges = GraphEdge.objects.count()
    build()
    assert GraphEdge.objects.count() == edges
    extra = make_record(organization=world["case_a"].unit, family_name="Newvictim").person
    case_services.participant_add(actor=None, case=world["case_a"], person=extra, procedural_role="victim")
    build()
    # RA recruited and EA exploited the new victim too.
    assert GraphEdge.objects.count() == edges + 2
    assert GraphEdge.objects.filter(target=node(extra)).count() == 2
    build(full=True)
    assert GraphEdge.objects.count() == edges + 2


def test_removing_a_participant_removes_its_edges(world):
    build()
    participant = world["case_a"].participants.get(person=world["people"]["V2"])
    participant.delete()
    assert not GraphEdge.objects.filter(target=node(world["people"]["V2"]), case=world["case_a"]).exists()


def test_person_chart_shows_out_of_scope_nodes_as_restricted(world, client):
    build()
    people = world["people"]
    client.force_login(world["investigator_a"])
    page = client.get(reverse("network:person", args=[people["RA"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "vendor/cytoscape/cytoscape.min.js" in html and "network/chart.js" in html
    assert "<script>" not in html  # the CSP forbids inline scripts
    response = client.get(reverse("network:person-data", args=[people["RA"].pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    payload = response.json()
    nodes = {e["data"]["id"]: e["data"] for e in payload["elements"] if e["group"] == "nodes"}
    ra = nodes[str(node(people["RA"]).pk)]
    assert ra["label"] == people["RA"].label and ra["role"] == "recruiter" and ra["role_source"] == "recorded"
    assert ra["charge"] == "trafficking" and ra["outcome"] == "convicted"
    assert ra["suggested_role"] == "recruiter"
    assert "direct contact with 2 victims" in ra["reasons"]
    for key in ("O", "RB", "EB", "V3"):  # unit B's case and the NGO's record are out of unit A's scope
        data = nodes[str(node(people[key]).pk)]
        assert data["restricted"] is True
        assert data["role"] == "restricted" and data["score"] is None and data["url"] == ""
        assert data["reasons"] == [] and data["suggested_role"] == ""
    text = json.dumps(payload, ensure_ascii=False)
    for key in ("O", "RB", "EB", "V3"):
        assert people[key].label not in text
    # Edges from case B carry no case number for unit A.
    edges = [e["data"] for e in payload["elements"] if e["group"] == "edges"]
    assert {e["case"] for e in edges if e["kind"] == "co_offended"} == {"260000000000001", ""}
    assert AuditEvent.objects.filter(action="network.chart_view", actor=world["investigator_a"]).exists()


def test_person_outside_scope_is_not_found(world, client):
    build()
    client.force_login(world["investigator_a"])
    assert client.get(reverse("network:person-data", args=[world["people"]["RB"].pk])).status_code == 404


def test_case_chart_and_expand(world, client):
    build()
    client.force_login(world["analyst"])
    response = client.get(reverse("network:case-data", args=[world["case_b"].pk]))
    assert response.status_code == 200
    ids = {e["data"]["id"] for e in response.json()["elements"] if e["group"] == "nodes"}
    assert str(node(world["people"]["O"]).pk) in ids
    expanded = client.get(reverse("network:node-data", args=[node(world["people"]["O"]).pk])).json()
    neighbours = {e["data"]["id"] for e in expanded["elements"] if e["group"] == "nodes"}
    assert {str(node(world["people"][k]).pk) for k in ("RA", "EA", "RB", "EB")} <= neighbours


def test_gap_report_flags_the_network_and_names_only_what_the_viewer_may_see(world, client):
    build()
    client.force_login(world["analyst"])
    page = client.get(reverse("network:gap"))
    assert page.status_code == 200
    html = page.content.decode()
    # Organizers: O (suggested), not charged → 0 %; executors RA, EA, RB, EB all criminally charged → 100 %.
    assert "0 %" in html and "100 %" in html
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("network:gap-csv")).content.decode())))
    by_role = {(r["role"], r["charge"], r["outcome"]) for r in rows}
    assert ("organizer", "none", "") in by_role
    assert ("recruiter", "trafficking", "convicted") in by_role
    assert ("exploiter", "other_criminal", "convicted") in by_role
    assert {r["network_flagged"] for r in rows} == {"yes"}
    organizer_row = next(r for r in rows if r["role"] == "organizer")
    assert organizer_row["role_source"] == "suggested"
    assert organizer_row["region"] == world["case_a"].region
    # The investigator of unit A sees the same gap in their case, without O's name.
    client.force_login(world["investigator_a"])
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("network:gap-csv")).content.decode())))
    assert {r["person_id"] for r in rows if r["role"] == "organizer"} == {"restricted"}
    # Pseudonymous: ids of the persons the viewer sees, never a name (a file with names is four-eyes).
    assert {r["person_id"] for r in rows if r["role"] == "recruiter"} == {str(world["people"]["RA"].pk)}
    assert not any(world["people"]["RA"].label in value for r in rows for value in r.values())
    assert {r["role"] for r in rows} == {"organizer", "recruiter", "exploiter"}
    assert len(rows) == 3  # RB and EB are in unit B's case
    assert AuditEvent.objects.filter(action="network.gap_view", actor=world["investigator_a"]).exists()


def test_scores_csv_and_index(world, client):
    build()
    client.force_login(world["investigator_a"])
    assert client.get(reverse("network:index")).status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("network:scores-csv")).content.decode())))
    assert rows[0]["role"] == "organizer" and rows[0]["person_id"] == "restricted"
    person_ids = {r["person_id"] for r in rows}
    assert str(world["people"]["RA"].pk) in person_ids and str(world["people"]["RB"].pk) not in person_ids
    assert not any(world["people"]["RA"].label in value for r in rows for value in r.values())
    assert all(r["role"] != "victim" for r in rows)


def test_roles_without_network_permissions_are_refused(world, client):
    build()
    client.force_login(make_user(Role.NGO_CASEWORKER))
    for name in ("network:index", "network:gap", "network:gap-csv", "network:scores-csv"):
        assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse("network:build")).status_code == 403


def test_build_button_enqueues_a_job(world, client):
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.post(reverse("network:build"), {"full": "1"})
    assert response.status_code == 302
    assert run_pending(kinds=["network.build"]) == 1
    assert GraphNode.objects.filter(suggested_role="organizer").count() == 1


def test_recording_an_edge_needs_the_case_in_scope(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        graph_edge_record(
            actor=world["investigator_a"],
            case=world["case_b"],
            source=world["people"]["O"],
            target=world["people"]["RB"],
            kind="called",
        )
