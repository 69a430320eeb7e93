"""Writes on assistance and criminal cases, with their status histories and audit events."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.cases import pipelines
from senim.cases.articles import ARTICLES, UnknownArticleError, article
from senim.cases.models import (
    AssistanceCase,
    AssistanceCaseStatusChange,
    Charge,
    ChargeOutcome,
    CriminalCase,
    CriminalCaseStatusChange,
    Participant,
    ProceduralRole,
)
from senim.cases.permissions import CasesPermission
from senim.cases.selectors import assistance_case_scope, criminal_case_scope
from senim.core.access import require
from senim.core.models import Organization, User
from senim.core.services import audit_record, next_number
from senim.people.models import Person, PersonRecord

# Called inside the transition's transaction when a case reaches a status, e.g. the referrals app's
# protection measures on "presumed_victim". Registered from AppConfig.ready(); no signals.
ON_ASSISTANCE_STATUS: dict[str, list[Callable[..., None]]] = {}


def on_assistance_status(status: str, function: Callable[..., None]) -> None:
    handlers = ON_ASSISTANCE_STATUS.setdefault(status, [])
    if function not in handlers:
        handlers.append(function)


def _check_actor_scope(actor: User | None, case: AssistanceCase | CriminalCase) -> None:
    if actor is None:
        return
    scope = assistance_case_scope(actor) if isinstance(case, AssistanceCase) else criminal_case_scope(actor)
    if not scope.filter(pk=case.pk).exists():
        raise ValidationError({"case": _("Case not found.")})


@transaction.atomic
def assistance_case_create(
    *,
    actor: User | None,
    record: PersonRecord,
    region: str,
    lead_organization: Organization | None = None,
    exploitation_type: str = "unknown",
    is_minor: bool = False,
    summary: str = "",
    reported_on: date | None = None,
    caseworker: User | None = None,
    at: datetime | None = None,
) -> AssistanceCase:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_ASSISTANCE_CASES)
        lead_organization = lead_organization or actor.organization
        caseworker = caseworker or actor
    if lead_organization is None:
        raise ValidationError({"lead_organization": _("A case needs a lead organization.")})
    reported_on = reported_on or timezone.localdate()
    case = AssistanceCase(
        number=next_number("AC", year=reported_on.year),
        person=record.person,
        intake_record=record,
        region=region,
        exploitation_type=exploitation_type,
        is_minor=is_minor,
        lead_organization=lead_organization,
        caseworker=caseworker,
        summary=summary,
        reported_on=reported_on,
    )
    case.full_clean()
    case.save()
    AssistanceCaseStatusChange.objects.create(
        case=case, from_status="", to_status=case.status, changed_at=at or timezone.now(), changed_by=actor
    )
    audit_record(
        actor=actor,
        action="assistance_case.create",
        target=case,
        changed_fields=["status", "region", "exploitation_type", "is_minor"],
    )
    return case


@transaction.atomic
def assistance_case_transition(
    *, actor: User | None, case: AssistanceCase, to_status: str, reason: str = "", at: datetime | None = None
) -> AssistanceCase:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_ASSISTANCE_CASES)
        _check_actor_scope(actor, case)
    case = AssistanceCase.objects.select_for_update().get(pk=case.pk)
    pipelines.ASSISTANCE.check(case.status, to_status)
    previous = case.status
    case.status = to_status
    moment = at or timezone.now()
    if to_status == "closed":
        case.closed_on = timezone.localdate(moment)
    case.save(update_fields=["status", "closed_on", "updated_at"])
    AssistanceCaseStatusChange.objects.create(
        case=case, from_status=previous, to_status=to_status, changed_at=moment, changed_by=actor, reason=reason
    )
    audit_record(
        actor=actor,
        action="assistance_case.transition",
        target=case,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status},
    )
    for handler in ON_ASSISTANCE_STATUS.get(to_status, []):
        handler(actor=actor, case=case)
    return case


def _validate_articles(articles: Iterable[str]) -> list[str]:
    keys = list(dict.fromkeys(articles))
    unknown = [key for key in keys if key not in ARTICLES]
    if unknown:
        raise ValidationError({"articles": _("Unknown article: %(keys)s") % {"keys": ", ".join(unknown)}})
    return keys


@transaction.atomic
def criminal_case_create(
    *,
    actor: User | None,
    registry_number: str,
    region: str,
    articles: Iterable[str],
    unit: Organization | None = None,
    investigator: User | None = None,
    prosecutor_office: Organization | None = None,
    prosecutor: User | None = None,
    opened_on: date | None = None,
    summary: str = "",
    at: datetime | None = None,
) -> CriminalCase:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
        unit = unit or actor.organization
        investigator = investigator or actor
    if unit is None:
        raise ValidationError({"unit": _("A criminal case needs its police unit.")})
    case = CriminalCase(
        registry_number=registry_number.strip(),
        region=region,
        articles=_validate_articles(articles),
        unit=unit,
        investigator=investigator,
        prosecutor_office=prosecutor_office,
        prosecutor=prosecutor,
        opened_on=opened_on or timezone.localdate(),
        summary=summary,
    )
    case.full_clean()
    case.save()
    CriminalCaseStatusChange.objects.create(
        case=case, from_status="", to_status=case.status, changed_at=at or timezone.now(), changed_by=actor
    )
    audit_record(
        actor=actor, action="criminal_case.create", target=case, changed_fields=["registry_number", "articles"]
    )
    return case


@transaction.atomic
def criminal_case_transition(
    *, actor: User | None, case: CriminalCase, to_status: str, reason: str = "", at: datetime | None = None
) -> CriminalCase:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
        _check_actor_scope(actor, case)
    case = CriminalCase.objects.select_for_update().get(pk=case.pk)
    pipelines.CRIMINAL.check(case.status, to_status)
    previous = case.status
    case.status = to_status
    case.save(update_fields=["status", "updated_at"])
    CriminalCaseStatusChange.objects.create(
        case=case,
        from_status=previous,
        to_status=to_status,
        changed_at=at or timezone.now(),
        changed_by=actor,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="criminal_case.transition",
        target=case,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status},
    )
    return case


@transaction.atomic
def criminal_case_assign(
    *,
    actor: User | None,
    case: CriminalCase,
    investigator: User | None = None,
    prosecutor: User | None = None,
    prosecutor_office: Organization | None = None,
) -> CriminalCase:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
        _check_actor_scope(actor, case)
    changed: dict[str, Any] = {}
    if investigator is not None:
        changed["investigator"] = investigator
    if prosecutor is not None:
        changed["prosecutor"] = prosecutor
    if prosecutor_office is not None:
        changed["prosecutor_office"] = prosecutor_office
    for name, value in changed.items():
        setattr(case, name, value)
    case.save()
    audit_record(actor=actor, action="criminal_case.assign", target=case, changed_fields=list(changed))
    return case


@transaction.atomic
def criminal_case_link_assistance(
    *, actor: User | None, criminal_case: CriminalCase, assistance_case: AssistanceCase
) -> None:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
        _check_actor_scope(actor, criminal_case)
    criminal_case.assistance_cases.add(assistance_case)
    audit_record(
        actor=actor,
        action="criminal_case.link_assistance",
        target=criminal_case,
        changed_fields=["assistance_cases"],
        extra={"assistance_case": str(assistance_case.pk)},
    )


@transaction.atomic
def participant_add(
    *,
    actor: User | None,
    case: CriminalCase,
    person: Person,
    procedural_role: str,
    chain_role: str = "",
    record: PersonRecord | None = None,
    protected_identity: bool = False,
) -> Participant:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
        _check_actor_scope(actor, case)
    if procedural_role == ProceduralRole.VICTIM and chain_role:
        raise ValidationError({"chain_role": _("A victim has no role in the trafficking chain.")})
    participant = Participant(
        case=case,
        person=person,
        record=record,
        procedural_role=procedural_role,
        chain_role=chain_role,
        protected_identity=protected_identity,
    )
    participant.full_clean()
    participant.save()
    audit_record(
        actor=actor,
        action="participant.add",
        target=participant,
        changed_fields=["procedural_role", "chain_role"],
        extra={"case": str(case.pk)},
    )
    return participant


@transaction.atomic
def charge_add(
    *,
    actor: User | None,
    participant: Participant,
    article_key: str,
    outcome: str = ChargeOutcome.PENDING,
    sentence: str = "",
    decided_on: date | None = None,
) -> Charge:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CHARGES)
        _check_actor_scope(actor, participant.case)
    try:
        found = article(article_key)
    except UnknownArticleError:
        raise ValidationError({"article": _("Unknown article.")}) from None
    if participant.procedural_role in (ProceduralRole.VICTIM, ProceduralRole.WITNESS) and found.is_criminal:
        raise ValidationError({"article": _("Victims and witnesses are not charged under criminal articles.")})
    charge = Charge(
        participant=participant, article=article_key, outcome=outcome, sentence=sentence, decided_on=decided_on
    )
    charge.full_clean()
    charge.save()
    audit_record(
        actor=actor,
        action="charge.add",
        target=charge,
        changed_fields=["article", "outcome"],
        extra={"case": str(participant.case_id)},
    )
    return charge


@transaction.atomic
def charge_set_outcome(
    *, actor: User | None, charge: Charge, outcome: str, sentence: str = "", decided_on: date | None = None
) -> Charge:
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CHARGES)
        _check_actor_scope(actor, charge.participant.case)
    if outcome not in ChargeOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    charge.outcome = outcome
    charge.sentence = sentence
    charge.decided_on = decided_on or timezone.localdate()
    charge.save()
    audit_record(actor=actor, action="charge.set_outcome", target=charge, changed_fields=["outcome", "sentence"])
    return charge
