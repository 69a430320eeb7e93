"""Person reads, scoped: a user sees a person only through a case or a record they may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from senim.cases.models import AssistanceCase, Participant
from senim.cases.selectors import _organization_ids, criminal_case_scope
from senim.core.access import has_permission
from senim.core.models import User
from senim.core.roles import Role
from senim.core.selectors import uuid_or_404
from senim.core.services import audit_read
from senim.people.models import IdentifierLink, Person, PersonImport, PersonRecord
from senim.people.permissions import PeoplePermission


def person_scope(user: User) -> QuerySet[Person]:
    if not has_permission(user, PeoplePermission.VIEW_PERSONS):
        return Person.objects.none()
    queryset = Person.objects.filter(merged_into__isnull=True)
    if user.acting_role == Role.COORDINATOR:
        return queryset
    # Through a referral, a person is visible only when the consent shares their identity.
    from senim.referrals.scope import identity_visible_cases

    # Each way in is a subquery of person ids, not a join: joining cases, participations and records then
    # taking DISTINCT read every person of the country for each scoped query (190 ms on the large world).
    visible = Q(pk__in=AssistanceCase.objects.filter(pk__in=identity_visible_cases(user)).values("person_id")) | Q(
        pk__in=Participant.objects.filter(case__in=criminal_case_scope(user)).values("person_id")
    )
    if user.acting_role != Role.ANALYST:
        visible |= Q(
            pk__in=PersonRecord.objects.filter(source_organization_id__in=_organization_ids(user)).values("person_id")
        )
    return queryset.filter(visible)


def person_get(user: User, person_id: Any, *, audit: bool = True) -> Person:
    person = person_scope(user).filter(pk=uuid_or_404(person_id)).first()
    if person is None:
        raise Http404
    if audit:
        audit_read(actor=user, target=person)
    return person


def person_record_list(user: User, person: Person) -> QuerySet[PersonRecord]:
    """All records of a visible person, whichever agency wrote them: that is the point of linkage."""
    if not person_scope(user).filter(pk=person.pk).exists():
        return PersonRecord.objects.none()
    return (
        PersonRecord.objects.filter(person=person)
        .select_related("source_organization")
        .prefetch_related("identifier_links__identifier")
        .order_by("created_at")
    )


def person_record_get(user: User, record_id: Any, *, audit: bool = True) -> PersonRecord:
    record = (
        PersonRecord.objects.filter(pk=uuid_or_404(record_id), person__in=person_scope(user))
        .select_related("source_organization", "person")
        .first()
    )
    if record is None:
        raise Http404
    if audit:
        audit_read(actor=user, target=record)
    return record


def identifier_links_of(user: User, record: PersonRecord) -> QuerySet[IdentifierLink]:
    return IdentifierLink.objects.filter(record=record, record__person__in=person_scope(user)).select_related(
        "identifier"
    )


def person_import_scope(user: User) -> QuerySet[PersonImport]:
    """Uploads of the user's own organization: the lists they send are theirs to follow up."""
    if not has_permission(user, PeoplePermission.IMPORT_RECORDS) or user.organization_id is None:
        return PersonImport.objects.none()
    return PersonImport.objects.filter(organization_id=user.organization_id).select_related("uploaded_by", "job")


def person_import_get(user: User, import_id: Any) -> PersonImport:
    found = person_import_scope(user).filter(pk=uuid_or_404(import_id)).first()
    if found is None:
        raise Http404
    return found
