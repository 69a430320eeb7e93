"""Writes on assistance and criminal cases, with their status histories and audit events."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from senim.core.approvals.models import ApprovalRequest
from senim.core.approvals.services import approval_check, approval_trail
from senim.core.models import Organization, User
from senim.core.services import audit_record, next_number
from senim.people.models import Person, PersonRecord

# Called inside the transition's transaction when a case reaches a status, e.g. the referrals app's
# protection measures on "presumed_victim". Registered from AppConfig.ready(); no signals.
ON_ASSISTANCE_STATUS: dict[str, list[Callable[..., None]]] = {}

# Four-eyes steps (declared in `senim.cases.approvals`): a user cannot take them alone; the approval that a
# second user gives performs them (actor=None, the seed loader, needs none).
NOT_VICTIM_ACTION = "cases.assistance_not_victim"
CRIMINAL_CLOSE_ACTION = "cases.criminal_close"
CHARGE_DOWNGRADE_ACTION = "cases.charge_downgrade"
ADMINISTRATIVE_PENALTY_ACTION = "cases.charge_administrative_penalty"
ASSISTANCE_STATUSES_NEEDING_APPROVAL = frozenset({"not_victim"})
CRIMINAL_STATUSES_NEEDING_APPROVAL = frozenset({"closed", "terminated"})
ADMINISTRATIVE_PENALTY_NEEDS_APPROVAL = gettext_lazy(
    "An administrative penalty on a criminal charge downgrades it: record the charge, then request the outcome "
    "with a reason for a second person's approval."
)
DOWNGRADE_NEEDS_APPROVAL = gettext_lazy(
    "Moving a charge from a criminal to an administrative article needs a second person's approval: request it "
    "with a reason."
)


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
    *,
    actor: User | None,
    case: AssistanceCase,
    to_status: str,
    reason: str = "",
    at: datetime | None = None,
    approval: ApprovalRequest | None = None,
) -> AssistanceCase:
    """Move a case along its pipeline. "Not a victim" ends the person's protection, so a user cannot do it
    alone: it is requested (`senim.core.approvals`) and performed by a second user's approval."""
    if actor is not None:
        require(actor, CasesPermission.MANAGE_ASSISTANCE_CASES)
        _check_actor_scope(actor, case)
        if to_status in ASSISTANCE_STATUSES_NEEDING_APPROVAL:
            approval_check(
                approval,
                action=NOT_VICTIM_ACTION,
                target=case,
                field="to_status",
                message=_(
                    "Deciding that a person is not a victim needs a second person's approval: request it with a reason."
                ),
            )
    case = AssistanceCase.objects.select_for_update().get(pk=case.pk)
    pipelines.ASSISTANCE.check(case.status, to_status)
    previous = case.status
    case.status = to_status
    moment = at or timezone.now()
    if to_status == "closed":
        case.closed_on = timezone.localdate(moment)
    case.save(update_fields=["status", "closed_on", "updated_at"])
    AssistanceCaseStatusChange.objects.create(
        case=case,
        from_status=previous,
        to_status=to_status,
        changed_at=moment,
        changed_by=actor,
        approved_by=approval.decided_by if approval is not None else None,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="assistance_case.transition",
        target=case,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status, **approval_trail(approval)},
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
    *,
    actor: User | None,
    case: CriminalCase,
    to_status: str,
    reason: str = "",
    at: datetime | None = None,
    approval: ApprovalRequest | None = None,
) -> CriminalCase:
    """Move a criminal case along its pipeline. Closing or terminating it needs a second user's approval."""
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
        _check_actor_scope(actor, case)
        if to_status in CRIMINAL_STATUSES_NEEDING_APPROVAL:
            approval_check(
                approval,
                action=CRIMINAL_CLOSE_ACTION,
                target=case,
                field="to_status",
                message=_(
                    "Closing or terminating a criminal case needs a second person's approval: request it with a reason."
                ),
            )
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
        approved_by=approval.decided_by if approval is not None else None,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="criminal_case.transition",
        target=case,
        changed_fields=["status"],
        extra={"from": previous, "to": to_status, **approval_trail(approval)},
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
    if actor is not None and found.is_criminal and outcome == ChargeOutcome.ADMINISTRATIVE_PENALTY:
        raise ValidationError({"outcome": ADMINISTRATIVE_PENALTY_NEEDS_APPROVAL})
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
    *,
    actor: User | None,
    charge: Charge,
    outcome: str,
    sentence: str = "",
    decided_on: date | None = None,
    approval: ApprovalRequest | None = None,
) -> Charge:
    """Record a charge's outcome. An administrative penalty on a criminal-article charge is a downgrade in
    effect, so a user cannot record it alone (see `charge_reclassify`)."""
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CHARGES)
        _check_actor_scope(actor, charge.participant.case)
    if outcome not in ChargeOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    charge = Charge.objects.select_for_update().select_related("participant").get(pk=charge.pk)
    if actor is not None and outcome == ChargeOutcome.ADMINISTRATIVE_PENALTY and article(charge.article).is_criminal:
        approval_check(
            approval,
            action=ADMINISTRATIVE_PENALTY_ACTION,
            target=charge,
            field="outcome",
            message=ADMINISTRATIVE_PENALTY_NEEDS_APPROVAL,
        )
    previous = charge.outcome
    charge.outcome = outcome
    charge.sentence = sentence
    charge.decided_on = decided_on or timezone.localdate()
    charge.full_clean()
    charge.save()
    audit_record(
        actor=actor,
        action="charge.set_outcome",
        target=charge,
        changed_fields=["outcome", "sentence"],
        extra={"case": str(charge.participant.case_id), "from": previous, "to": outcome, **approval_trail(approval)},
    )
    return charge


def charge_is_downgrade(from_article: str, to_article: str) -> bool:
    """From a criminal article to an administrative one: what lets organizers escape with a fine."""
    return article(from_article).is_criminal and not article(to_article).is_criminal


@transaction.atomic
def charge_reclassify(
    *, actor: User | None, charge: Charge, article_key: str, approval: ApprovalRequest | None = None
) -> Charge:
    """Change the article of a charge. A downgrade (criminal → administrative) needs a second user's
    approval; an upgrade or a move within the same code does not."""
    if actor is not None:
        require(actor, CasesPermission.MANAGE_CHARGES)
        _check_actor_scope(actor, charge.participant.case)
    charge = Charge.objects.select_for_update().select_related("participant").get(pk=charge.pk)
    try:
        found = article(article_key)
    except UnknownArticleError:
        raise ValidationError({"article": _("Unknown article.")}) from None
    if article_key == charge.article:
        raise ValidationError({"article": _("The charge is already under this article.")})
    participant = charge.participant
    if participant.procedural_role in (ProceduralRole.VICTIM, ProceduralRole.WITNESS) and found.is_criminal:
        raise ValidationError({"article": _("Victims and witnesses are not charged under criminal articles.")})
    downgrade = charge_is_downgrade(charge.article, article_key)
    if actor is not None and downgrade:
        approval_check(
            approval, action=CHARGE_DOWNGRADE_ACTION, target=charge, field="article", message=DOWNGRADE_NEEDS_APPROVAL
        )
    previous = charge.article
    charge.article = article_key
    charge.full_clean()
    charge.save()
    audit_record(
        actor=actor,
        action="charge.reclassify",
        target=charge,
        changed_fields=["article"],
        extra={
            "case": str(participant.case_id),
            "from": previous,
            "to": article_key,
            "downgrade": downgrade,
            **approval_trail(approval),
        },
    )
    return charge
