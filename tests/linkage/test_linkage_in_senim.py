"""Linkage inside Senim: the worker job, the review queue (four eyes), merges/splits and person search."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from senim.core.models import AuditEvent, Job
from senim.core.roles import Role
from senim.core.services import job_enqueue
from senim.core.testing.factories import TEST_PASSWORD, make_organization, make_record, make_user
from senim.core.worker import run_pending
from senim.linkage import selectors, services
from senim.linkage.models import CandidateStatus, MatchCandidate, PersonChange, SearchKey
from senim.linkage.simulate import World
from senim.people.models import Person, PersonRecord
from senim.people.services import IdentifierInput

SEX = {"M": "m", "м": "m", "male": "m", "F": "f", "ж": "f", "female": "f"}


def phone(value):
    return [IdentifierInput(kind="phone", value=value, source="test")]


@pytest.fixture
def world(db):
    """One man in three scripts, his sister and brother (shared surname, patronymic and phone), a namesake
    born twenty years later, and 80 simulated filler records."""
    org = make_organization()
    people = {
        "serik_cyr": make_record(organization=org, family_name="Оспанов", given_name="Серік", patronymic="Болатұлы",
                                 birth_date="1985-03-12", sex="m", citizenship="KZ", identifiers=phone("87015550101")),
        "serik_icao": make_record(organization=org, family_name="OSPANOV", given_name="SERIK", birth_date="1985-03",
                                  sex="m", citizenship="KZ", identifiers=phone("+7 701 555 01 01")),
        "serik_swapped": make_record(organization=org, family_name="Serik", given_name="Ospanov",
                                     patronymic="Bolatovich", birth_date="1985-03-12", sex="m", citizenship="KZ"),
        "sister": make_record(organization=org, family_name="Оспанова", given_name="Айгерім", patronymic="Болатқызы",
                              birth_date="1990-07-01", sex="f", citizenship="KZ", identifiers=phone("87015550101")),
        "brother": make_record(organization=org, family_name="Оспанов", given_name="Ерлан", patronymic="Болатович",
                               birth_date="1988-11-20", sex="m", citizenship="KZ", identifiers=phone("87015550101")),
        "namesake": make_record(organization=org, full_name="Ospanov Serik", birth_date="2005-09-30", sex="m",
                                citizenship="KZ"),
    }  # fmt: skip
    rows, _ = World(40, seed=5).records()
    for row in rows[:80]:
        names = {k: row[k] for k in ("given_name", "family_name", "patronymic", "full_name") if row[k]}
        make_record(organization=org, birth_date=row["birth_date"], sex=SEX.get(row["sex"], "u"),
                    citizenship=row["citizenship"], **names)  # fmt: skip
    return org, people


def person_of(record):
    return PersonRecord.objects.get(pk=record.pk).person_id


@pytest.mark.django_db
def test_linkage_job_joins_one_person_and_keeps_relatives_and_namesakes_apart(world):
    _, people = world
    analyst = make_user(Role.ANALYST)
    job = job_enqueue(actor=analyst, kind="linkage.run", params={})
    run_pending(kinds=["linkage.run"])
    job = Job.objects.get(pk=job.pk)
    assert job.status == "done", job.error
    assert job.result["new"] == 86 and job.progress_done == job.progress_total == 4
    serik = {person_of(people[k]) for k in ("serik_cyr", "serik_icao", "serik_swapped")}
    assert len(serik) == 1
    others = {person_of(people[k]) for k in ("sister", "brother", "namesake")}
    assert len(others) == 3 and not (others & serik)
    assert PersonRecord.objects.filter(linked_at__isnull=True).count() == 0
    merges = PersonChange.objects.filter(kind="merge", automatic=True)
    assert merges.count() >= 2
    assert AuditEvent.objects.filter(action="person.merge").count() == merges.count()
    assert AuditEvent.objects.filter(action="linkage.run").count() == 1
    # a second run has nothing new to do
    assert services.linkage_run(actor=analyst)["new"] == 0


@pytest.mark.django_db
def test_new_records_are_linked_incrementally_against_existing_persons(world):
    org, people = world
    services.linkage_run(actor=None)
    serik = person_of(people["serik_cyr"])
    late = make_record(
        organization=org, given_name="Serik", family_name="Ospanov", patronymic="Bolatuly", birth_date="1985-03-12",
        sex="m", citizenship="KZ", identifiers=phone("+77015550101"),
    )  # fmt: skip
    counts = services.linkage_run(actor=None)
    assert counts["new"] == 1
    assert person_of(late) == serik


def _pending_pair(people):
    return MatchCandidate.objects.create(
        record_a=PersonRecord.objects.get(pk=people["brother"].pk),
        record_b=PersonRecord.objects.get(pk=people["serik_cyr"].pk),
        match_probability=0.8,
        match_weight=2.0,
        evidence=[{"comparison": "family_name", "level": "Exact match", "weight": 6.0}],
    )


@pytest.mark.django_db
def test_merge_needs_a_second_reviewer_and_can_be_undone(world):
    _, people = world
    pair = _pending_pair(people)
    first, second = make_user(Role.COORDINATOR), make_user(Role.ANALYST)
    before = {person_of(people["brother"]), person_of(people["serik_cyr"])}
    services.match_merge_request(actor=first, candidate=pair, reason="same passport photo")
    with pytest.raises(PermissionDenied):
        services.match_merge_approve(actor=first, candidate=pair)
    assert {person_of(people["brother"]), person_of(people["serik_cyr"])} == before
    change = services.match_merge_approve(actor=second, candidate=pair)
    assert person_of(people["brother"]) == person_of(people["serik_cyr"])
    assert MatchCandidate.objects.get(pk=pair.pk).status == CandidateStatus.MERGED
    assert change.requested_by == first and change.approved_by == second
    merged = Person.objects.get(pk=change.from_person_id)
    assert merged.merged_into_id == change.to_person_id
    services.person_change_undo(actor=second, change=change)
    assert {person_of(people["brother"]), person_of(people["serik_cyr"])} == before
    assert Person.objects.get(pk=change.from_person_id).merged_into_id is None
    assert MatchCandidate.objects.get(pk=pair.pk).status == CandidateStatus.PENDING
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"match.merge_request", "match.merge_approve", "person.merge", "person.merge_undo"} <= actions


@pytest.mark.django_db
def test_reviewers_without_permission_change_nothing(world):
    _, people = world
    pair = _pending_pair(people)
    caseworker = make_user(Role.NGO_CASEWORKER)
    with pytest.raises(PermissionDenied):
        services.match_merge_request(actor=caseworker, candidate=pair)
    with pytest.raises(PermissionDenied):
        services.match_reject(actor=caseworker, candidate=pair)
    assert MatchCandidate.objects.get(pk=pair.pk).status == CandidateStatus.PENDING
    with pytest.raises(PermissionDenied):
        selectors.candidate_list(caseworker)


@pytest.mark.django_db
def test_reject_and_split(world):
    _, people = world
    pair = _pending_pair(people)
    coordinator = make_user(Role.COORDINATOR)
    services.match_reject(actor=coordinator, candidate=pair, reason="different birth dates")
    with pytest.raises(ValidationError):
        services.match_merge_request(actor=coordinator, candidate=pair)
    services.linkage_run(actor=None)
    serik = Person.objects.get(pk=person_of(people["serik_cyr"]))
    wrong = PersonRecord.objects.get(pk=people["serik_swapped"].pk)
    with pytest.raises(ValidationError):
        services.person_split(actor=coordinator, person=serik, records=[wrong], reason="")
    change = services.person_split(actor=coordinator, person=serik, records=[wrong], reason="other man")
    assert person_of(wrong) == change.to_person_id != serik.pk
    assert SearchKey.objects.filter(record=wrong, person_id=change.to_person_id).exists()
    services.person_change_undo(actor=coordinator, change=change)
    assert person_of(wrong) == serik.pk


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Серік Оспанов", "OSPANOV Serik", "Ospanov", "+77015550101", "8 701 555 01 01"])
def test_search_finds_the_person_from_any_spelling(world, query):
    _, people = world
    services.linkage_run(actor=None)
    coordinator = make_user(Role.COORDINATOR)
    hits = selectors.person_search(coordinator, query)
    assert hits, query
    found = [h.person.pk for h in hits]
    assert person_of(people["serik_cyr"]) in found[:4]
    if "Serik" in query or "Серік" in query:
        assert found[0] == person_of(people["serik_cyr"])
    event = AuditEvent.objects.filter(action="person.search").latest("sequence")
    assert "Ospanov" not in str(event.extra) and "Оспанов" not in str(event.extra)


@pytest.mark.django_db
def test_search_ranks_by_birth_year_spelling_and_rare_words(world):
    org, people = world
    services.linkage_run(actor=None)
    coordinator = make_user(Role.COORDINATOR)
    # the namesake (born 2005) comes first when the query gives his year, Serik (1985) when it gives his
    namesake, serik = person_of(people["namesake"]), person_of(people["serik_cyr"])
    assert selectors.person_search(coordinator, "Ospanov Serik 2005")[0].person.pk == namesake
    assert selectors.person_search(coordinator, "Ospanov Serik 1985")[0].person.pk == serik
    # two more namesakes, one written in Kazakh Cyrillic, one in passport Latin: the spelling of the query
    # decides between them, and neither outranks a person matching every word exactly
    cyr = make_record(organization=org, family_name="Жақсыбеков", given_name="Нұрлан", birth_date="1970")
    lat = make_record(organization=org, family_name="ZHAKSYBEKOV", given_name="NURLAN", birth_date="1971")
    services.search_index_records(
        services.records_with_identifiers(PersonRecord.objects.filter(pk__in=[cyr.pk, lat.pk]))
    )
    assert [h.person.pk for h in selectors.person_search(coordinator, "Жақсыбеков Нұрлан")][:2] == [
        person_of(cyr),
        person_of(lat),
    ]
    assert [h.person.pk for h in selectors.person_search(coordinator, "Zhaksybekov Nurlan")][:2] == [
        person_of(lat),
        person_of(cyr),
    ]
    # a word that no name sounds like: nobody matches every word
    assert selectors.person_search(coordinator, "Ospanov Qwxyzt") == []


@pytest.mark.django_db
def test_search_is_scoped_to_what_the_user_may_see(world):
    services.linkage_run(actor=None)
    outsider = make_user(Role.INVESTIGATOR)  # another police unit: no case, no record of theirs
    assert selectors.person_search(outsider, "Ospanov Serik") == []
    with pytest.raises(PermissionDenied):
        selectors.person_search(make_user(Role.SHELTER_STAFF), "Ospanov")


@pytest.mark.django_db
def test_pages_and_api(world, client, api_as):
    _, people = world
    pair = _pending_pair(people)
    coordinator = make_user(Role.COORDINATOR)
    client.login(username=coordinator.username, password=TEST_PASSWORD)
    assert client.get(reverse("linkage:queue")).status_code == 200
    page = client.get(reverse("linkage:candidate", args=[pair.pk]))
    assert page.status_code == 200 and "Оспанов" in page.content.decode()
    assert client.get(reverse("linkage:search"), {"q": "Ospanov"}).status_code == 200
    response = client.post(reverse("linkage:decide", args=[pair.pk]), {"step": "merge", "reason": "x"})
    assert response.status_code == 302
    assert MatchCandidate.objects.get(pk=pair.pk).status == CandidateStatus.MERGE_REQUESTED
    api = api_as(make_user(Role.COORDINATOR))  # the analyst sees persons only through cases
    listing = api.get("/api/v1/linkage/candidates/")
    assert listing.status_code == 200
    detail = api.get(f"/api/v1/linkage/candidates/{pair.pk}/")
    assert detail.status_code == 200 and detail.json()["evidence"][0]["comparison"] == "family_name"
    approved = api.post(f"/api/v1/linkage/candidates/{pair.pk}/decide/", {"step": "approve"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "merged"
    assert api.post("/api/v1/linkage/runs/").status_code == 202
    search = api_as(coordinator).get("/api/v1/linkage/search/", {"q": "8 701 555 01 01"})
    assert search.status_code == 200


@pytest.mark.django_db
def test_pages_in_russian_and_kazakh(world, client):
    client.force_login(make_user(Role.COORDINATOR))
    for language, words in (("ru", ("Найти человека", "Проверка совпадений")), ("kk", ("Адамды табу", "Іздеу"))):
        search = client.get(reverse("linkage:search"), {"q": "Ospanov"}, HTTP_ACCEPT_LANGUAGE=language)
        queue = client.get(reverse("linkage:queue"), HTTP_ACCEPT_LANGUAGE=language)
        body = search.content.decode() + queue.content.decode()
        assert all(word in body for word in words), language


def test_automatic_merges_never_chain_across_a_vetoed_pair():
    union = services._PersonUnion(established={"a"}, vetoed=[("a", "c")])
    assert union.union("a", "b")  # b joins established a
    assert not union.union("b", "c")  # c was vetoed against a: b-c may not join them
    assert union.find("c") == "c" and union.find("b") == union.find("a")
    assert union.union("c", "d") and not union.union("d", "a")
