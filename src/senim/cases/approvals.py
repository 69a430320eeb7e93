"""The cases app's four-eyes steps: "not a victim", closing or terminating a criminal case, and
downgrading a charge (to an administrative article, or to an administrative penalty on a criminal one).
Read by `senim.core.approvals.registry`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.cases import pipelines, services
from senim.cases.articles import UnknownArticleError, article, article_choices
from senim.cases.models import AssistanceCase, AssistanceStatus, Charge, ChargeOutcome, CriminalCase, CriminalStatus
from senim.cases.permissions import CasesPermission
from senim.cases.selectors import assistance_case_scope, criminal_case_scope
from senim.core.access import has_permission
from senim.core.approvals.models import ApprovalRequest
from senim.core.approvals.registry import SensitiveAction
from senim.core.models import User

SENTENCE_MAX_LENGTH = Charge._meta.get_field("sentence").max_length or 200


def _assistance_scope(user: User) -> QuerySet[AssistanceCase]:
    if not has_permission(user, CasesPermission.MANAGE_ASSISTANCE_CASES):
        return AssistanceCase.objects.none()
    return assistance_case_scope(user)


def _criminal_scope(user: User) -> QuerySet[CriminalCase]:
    if not has_permission(user, CasesPermission.MANAGE_CRIMINAL_CASES):
        return CriminalCase.objects.none()
    return criminal_case_scope(user)


def _charge_scope(user: User) -> QuerySet[Charge]:
    if not has_permission(user, CasesPermission.MANAGE_CHARGES):
        return Charge.objects.none()
    return Charge.objects.filter(participant__case__in=criminal_case_scope(user))


# --- not a victim ------------------------------------------------------------------------------------


def _clean_not_victim(actor: User, case: AssistanceCase, params: Mapping[str, Any]) -> dict[str, Any]:
    if AssistanceStatus.NOT_VICTIM not in pipelines.ASSISTANCE.allowed(case.status):
        raise ValidationError({"to_status": _("This case cannot move to 'not a victim' from its present status.")})
    return {"to_status": AssistanceStatus.NOT_VICTIM.value, "from_status": case.status}


def _perform_not_victim(approval: ApprovalRequest, case: AssistanceCase) -> None:
    services.assistance_case_transition(
        actor=approval.requested_by,
        case=case,
        to_status=AssistanceStatus.NOT_VICTIM,
        reason=approval.reason,
        approval=approval,
    )


# --- closing a criminal case ---------------------------------------------------------------------------


def _clean_criminal_close(actor: User, case: CriminalCase, params: Mapping[str, Any]) -> dict[str, Any]:
    to_status = str(params.get("to_status") or "")
    if to_status not in services.CRIMINAL_STATUSES_NEEDING_APPROVAL:
        raise ValidationError({"to_status": _("Choose 'closed' or 'terminated'.")})
    if to_status not in pipelines.CRIMINAL.allowed(case.status):
        raise ValidationError({"to_status": _("This case cannot move there from its present status.")})
    return {"to_status": to_status, "from_status": case.status}


def _perform_criminal_close(approval: ApprovalRequest, case: CriminalCase) -> None:
    services.criminal_case_transition(
        actor=approval.requested_by,
        case=case,
        to_status=approval.params["to_status"],
        reason=approval.reason,
        approval=approval,
    )


def _describe_status(case: Any, params: Mapping[str, Any]) -> str:
    labels = AssistanceStatus if isinstance(case, AssistanceCase) else CriminalStatus
    number = case.number if isinstance(case, AssistanceCase) else case.registry_number
    to_status = str(params.get("to_status", ""))
    label = labels(to_status).label if to_status in labels.values else to_status
    return f"{number} → {label}"


# --- charges -----------------------------------------------------------------------------------------


def _clean_downgrade(actor: User, charge: Charge, params: Mapping[str, Any]) -> dict[str, Any]:
    key = str(params.get("article") or "")
    try:
        article(key)
    except UnknownArticleError:
        raise ValidationError({"article": _("Unknown article.")}) from None
    if not services.charge_is_downgrade(charge.article, key):
        raise ValidationError({"article": _("This is not a downgrade: change the article directly.")})
    return {"article": key, "from_article": charge.article}


def _perform_downgrade(approval: ApprovalRequest, charge: Charge) -> None:
    services.charge_reclassify(
        actor=approval.requested_by, charge=charge, article_key=approval.params["article"], approval=approval
    )


def _clean_penalty(actor: User, charge: Charge, params: Mapping[str, Any]) -> dict[str, Any]:
    if not article(charge.article).is_criminal:
        raise ValidationError(
            {"outcome": _("This charge is under an administrative article: record the outcome directly.")}
        )
    sentence = str(params.get("sentence") or "").strip()
    if len(sentence) > SENTENCE_MAX_LENGTH:
        raise ValidationError({"sentence": _("At most 200 characters.")})
    decided_on = params.get("decided_on")
    if decided_on:
        try:
            decided_on = date.fromisoformat(str(decided_on)).isoformat()
        except ValueError:
            raise ValidationError({"decided_on": _("Use YYYY-MM-DD.")}) from None
    return {
        "outcome": ChargeOutcome.ADMINISTRATIVE_PENALTY.value,
        "sentence": sentence,
        "decided_on": decided_on or None,
    }


def _perform_penalty(approval: ApprovalRequest, charge: Charge) -> None:
    decided_on = approval.params.get("decided_on")
    services.charge_set_outcome(
        actor=approval.requested_by,
        charge=charge,
        outcome=ChargeOutcome.ADMINISTRATIVE_PENALTY,
        sentence=approval.params.get("sentence", ""),
        decided_on=date.fromisoformat(decided_on) if decided_on else None,
        approval=approval,
    )


def _describe_charge(charge: Charge, params: Mapping[str, Any]) -> str:
    case = charge.participant.case
    new = str(params.get("article") or "")
    if new:
        return f"{case.registry_number}: {charge.get_article_display()} → {dict(article_choices()).get(new, new)}"
    return f"{case.registry_number}: {charge.get_article_display()} → {ChargeOutcome.ADMINISTRATIVE_PENALTY.label}"


SENSITIVE_ACTIONS = [
    SensitiveAction(
        key=services.NOT_VICTIM_ACTION,
        label=gettext_lazy("Decide that a person is not a victim"),
        model=AssistanceCase,
        permission=CasesPermission.MANAGE_ASSISTANCE_CASES,
        scope=_assistance_scope,
        clean=_clean_not_victim,
        perform=_perform_not_victim,
        describe=_describe_status,
        target_url=lambda case: reverse("web:case_detail", args=[case.pk]),
    ),
    SensitiveAction(
        key=services.CRIMINAL_CLOSE_ACTION,
        label=gettext_lazy("Close or terminate a criminal case"),
        model=CriminalCase,
        permission=CasesPermission.MANAGE_CRIMINAL_CASES,
        approve_permission=CasesPermission.SUPERVISE_CRIMINAL_CASES,
        scope=_criminal_scope,
        clean=_clean_criminal_close,
        perform=_perform_criminal_close,
        describe=_describe_status,
        target_url=lambda case: reverse("web:criminal_case_detail", args=[case.pk]),
        param_fields=lambda case: {
            "to_status": forms.ChoiceField(
                label=gettext_lazy("Move to"),
                choices=[
                    (s, CriminalStatus(s).label)
                    for s in sorted(
                        services.CRIMINAL_STATUSES_NEEDING_APPROVAL & pipelines.CRIMINAL.allowed(case.status)
                    )
                ],
            )
        },
    ),
    SensitiveAction(
        key=services.CHARGE_DOWNGRADE_ACTION,
        label=gettext_lazy("Downgrade a charge to an administrative article"),
        model=Charge,
        permission=CasesPermission.MANAGE_CHARGES,
        approve_permission=CasesPermission.SUPERVISE_CRIMINAL_CASES,
        scope=_charge_scope,
        clean=_clean_downgrade,
        perform=_perform_downgrade,
        describe=_describe_charge,
        param_fields=lambda charge: {
            "article": forms.ChoiceField(
                label=gettext_lazy("Article"),
                choices=[(key, label) for key, label in article_choices() if not article(key).is_criminal],
            )
        },
        target_url=lambda charge: reverse("web:criminal_case_detail", args=[charge.participant.case_id]),
    ),
    SensitiveAction(
        key=services.ADMINISTRATIVE_PENALTY_ACTION,
        label=gettext_lazy("Record an administrative penalty on a criminal charge"),
        model=Charge,
        permission=CasesPermission.MANAGE_CHARGES,
        approve_permission=CasesPermission.SUPERVISE_CRIMINAL_CASES,
        scope=_charge_scope,
        clean=_clean_penalty,
        perform=_perform_penalty,
        describe=_describe_charge,
        param_fields=lambda charge: {
            "sentence": forms.CharField(
                label=gettext_lazy("Penalty"),
                max_length=SENTENCE_MAX_LENGTH,
                required=False,
                help_text=gettext_lazy("As the decision states it, e.g. a fine of 100 MCI."),
            ),
            "decided_on": forms.DateField(
                label=gettext_lazy("Decided on"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            ),
        },
        target_url=lambda charge: reverse("web:criminal_case_detail", args=[charge.participant.case_id]),
    ),
]
