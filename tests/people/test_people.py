import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from senim.core.models import AuditEvent
from senim.core.roles import Role
from senim.core.testing.factories import make_assistance_case, make_organization, make_record, make_user
from senim.people import selectors, services
from senim.people.models import Identifier, IdentifierKind, PersonRecord


@pytest.mark.django_db
def test_record_fields_are_encrypted_at_rest_and_read_back():
    record = make_record(
        family_name="Абдуллаева",
        given_name="Гульнара",
        identifiers=[services.IdentifierInput(kind="phone", value="8 701 234 5678", source="interview")],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT family_name, birth_date FROM people_personrecord WHERE id = %s",
            [record.pk.hex if connection.vendor == "sqlite" else record.pk],
        )
        raw_name, raw_birth = cursor.fetchone()
        cursor.execute("SELECT value FROM people_identifier")
        raw_phone = cursor.fetchone()[0]
    assert "Абдуллаева" not in raw_name and raw_name.startswith("v1$")
    assert "1999" not in raw_birth
    assert "7012345678" not in raw_phone
    fresh = PersonRecord.objects.get(pk=record.pk)
    assert (fresh.family_name, fresh.birth_date, fresh.script) == ("Абдуллаева", "1999-04", "cyrillic")
    assert Identifier.objects.get().value == "+77012345678"


@pytest.mark.django_db
def test_the_same_phone_written_differently_is_one_identifier():
    make_record(identifiers=[services.IdentifierInput(kind=IdentifierKind.PHONE, value="+7 (701) 234-56-78")])
    make_record(identifiers=[services.IdentifierInput(kind=IdentifierKind.PHONE, value="87012345678")])
    assert Identifier.objects.count() == 1
    assert Identifier.objects.get().links.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["1999-13", "99", "1999-02-30", "abcd", "1999-1-1-1"])
def test_bad_partial_birth_dates_are_refused(bad):
    with pytest.raises(ValidationError) as error:
        make_record(birth_date=bad)
    assert "birth_date" in error.value.message_dict


@pytest.mark.django_db
def test_a_record_needs_a_name_and_writes_an_audit_event_without_values():
    with pytest.raises(ValidationError):
        make_record(family_name="", given_name="", full_name="")
    record = make_record(family_name="Karimov", given_name="Aziz", sex="m")
    event = AuditEvent.objects.get(action="person_record.create", target_id=str(record.pk))
    assert "family_name" in event.changed_fields
    assert "Karimov" not in str(event.extra) and "Karimov" not in str(event.changed_fields)
    assert record.script == "latin"


@pytest.mark.django_db
def test_person_scope_is_default_deny():
    ngo = make_organization(kind="ngo")
    other_ngo = make_organization(kind="ngo")
    case = make_assistance_case(lead_organization=ngo)
    worker = make_user(Role.NGO_CASEWORKER, organization=ngo)
    outsider = make_user(Role.NGO_CASEWORKER, organization=other_ngo)
    coordinator = make_user(Role.COORDINATOR)
    auditor = make_user(Role.AUDITOR)
    analyst = make_user(Role.ANALYST)
    assert list(selectors.person_scope(worker)) == [case.person]
    assert not selectors.person_scope(outsider).exists()
    assert selectors.person_scope(coordinator).filter(pk=case.person.pk).exists()
    assert not selectors.person_scope(auditor).exists()
    assert not selectors.person_scope(analyst).exists()


@pytest.mark.django_db
def test_reading_a_person_is_audited_and_a_hidden_person_looks_missing():
    from django.http import Http404

    ngo = make_organization(kind="ngo")
    case = make_assistance_case(lead_organization=ngo)
    worker = make_user(Role.NGO_CASEWORKER, organization=ngo)
    outsider = make_user(Role.NGO_CASEWORKER)
    selectors.person_get(worker, case.person.pk)
    assert AuditEvent.objects.filter(action="person.view", actor=worker, target_id=str(case.person.pk)).exists()
    with pytest.raises(Http404):
        selectors.person_get(outsider, case.person.pk)
