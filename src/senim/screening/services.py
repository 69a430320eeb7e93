"""Screening writes. Each runs in one transaction with its audit event; answer values never go into the audit
log (they are personal data), only which question was answered."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.cases import services as case_services
from senim.cases.models import AssistanceCase, AssistanceStatus
from senim.cases.selectors import assistance_case_scope
from senim.core.access import require
from senim.core.models import User
from senim.core.services import audit_record
from senim.people.models import PersonRecord
from senim.screening import interview
from senim.screening.engine import Assessment, load_catalogue
from senim.screening.models import Screening, ScreeningDecision, ScreeningLanguage, ScreeningMode, ScreeningStatus
from senim.screening.permissions import ScreeningPermission


def _check_case_scope(actor: User | None, case: AssistanceCase) -> None:
    if actor is not None and not assistance_case_scope(actor).filter(pk=case.pk).exists():
        raise ValidationError({"case": _("Case not found.")})


def screening_assessment(screening: Screening) -> Assessment | None:
    """The engine's assessment of the answers so far, with the versions the screening was taken with."""
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    answers = screening.answers
    if interview.set_of(answers) is None:
        return None
    return interview.evaluate(bank, catalogue, answers)


def _refresh_result(screening: Screening, at: datetime) -> list[str]:
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    answers = screening.answers
    screening.set_code = interview.set_of(answers) or ""
    result = screening_assessment(screening)
    if result is None:
        screening.result_trafficking = None
        screening.result_undetermined = False
        screening.result_recommendation = ""
        screening.result_dimensions = {}
        screening.urgent_flags = []
    else:
        screening.result_trafficking = result.trafficking
        screening.result_undetermined = result.undetermined
        screening.result_recommendation = result.recommendation
        screening.result_dimensions = result.dimension_flags()
        screening.urgent_flags = list(result.urgent)
    if screening.status != ScreeningStatus.DECIDED:
        complete = interview.is_complete(bank, catalogue, answers)
        screening.status = ScreeningStatus.COMPLETED if complete else ScreeningStatus.IN_PROGRESS
        screening.completed_at = (screening.completed_at or at) if complete else None
    return [
        "answers_data",
        "set_code",
        "result_trafficking",
        "result_undetermined",
        "result_recommendation",
        "result_dimensions",
        "urgent_flags",
        "status",
        "completed_at",
        "updated_at",
    ]


@transaction.atomic
def screening_start(
    *,
    actor: User | None,
    case: AssistanceCase,
    record: PersonRecord | None = None,
    language: str = ScreeningLanguage.RUSSIAN,
    mode: str = ScreeningMode.INTERVIEW,
) -> Screening:
    """Open a screening of the case's person; a case that was only reported (or found not a victim
    earlier and now screened again) moves to "screening"."""
    if actor is not None:
        require(actor, ScreeningPermission.CONDUCT)
        _check_case_scope(actor, case)
    record = record or case.intake_record
    if record.pk != case.intake_record_id and (record.person_id is None or record.person_id != case.person_id):
        raise ValidationError({"record": _("The record must describe the person of this case.")})
    organization = actor.organization if actor is not None and actor.organization else case.lead_organization
    bank = interview.load_bank()
    screening = Screening(
        case=case,
        record=record,
        organization=organization,
        screener=actor,
        language=language,
        mode=mode,
        catalogue_version=bank.catalogue_version,
        bank_version=bank.version,
    )
    screening.full_clean()
    screening.save()
    audit_record(
        actor=actor,
        action="screening.start",
        target=screening,
        changed_fields=["case", "record", "language", "mode"],
        extra={"case": str(case.pk)},
    )
    if case.status in (AssistanceStatus.REPORTED, AssistanceStatus.NOT_VICTIM):
        case_services.assistance_case_transition(actor=actor, case=case, to_status=AssistanceStatus.SCREENING)
    return screening


def _check_open(screening: Screening) -> None:
    if screening.status == ScreeningStatus.DECIDED:
        raise ValidationError({"screening": _("This screening is decided; its answers can no longer change.")})


def _apply_answer(screening: Screening, answers: dict[str, Any], question_id: str, value: object) -> None:
    bank = interview.load_bank(screening.bank_version)
    try:
        question = bank.question(question_id)
        answers[question_id] = interview.normalise_answer(question, value)
    except interview.InterviewError as exc:
        raise ValidationError({"value": str(exc)})


@transaction.atomic
def screening_answer(
    *, actor: User | None, screening: Screening, question_id: str, value: object, at: datetime | None = None
) -> Screening:
    """Record one answer (saved at once, so an interrupted interview resumes where it stopped)."""
    if actor is not None:
        require(actor, ScreeningPermission.CONDUCT)
        _check_case_scope(actor, screening.case)
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    _check_open(screening)
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    answers = screening.answers
    planned = {q.id for q in interview.plan(bank, catalogue, answers)}
    if question_id not in planned:
        raise ValidationError({"question": _("This question is not part of this interview.")})
    _apply_answer(screening, answers, question_id, value)
    screening.answers = answers
    fields = _refresh_result(screening, at or timezone.now())
    screening.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="screening.answer",
        target=screening,
        changed_fields=["answers"],
        extra={"question": question_id},
    )
    return screening


@transaction.atomic
def screening_enter_paper(
    *, actor: User | None, screening: Screening, answers: Mapping[str, object], at: datetime | None = None
) -> Screening:
    """Enter the answers of a printed form filled in where there was no connection."""
    if actor is not None:
        require(actor, ScreeningPermission.CONDUCT)
        _check_case_scope(actor, screening.case)
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    _check_open(screening)
    stored = screening.answers
    for question_id, value in answers.items():
        _apply_answer(screening, stored, question_id, value)
    # Keep only what this interview would have asked (a paper form has every question).
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    planned = {q.id for q in interview.plan(bank, catalogue, stored)}
    screening.answers = {k: v for k, v in stored.items() if k in planned}
    screening.mode = ScreeningMode.PAPER
    fields = _refresh_result(screening, at or timezone.now())
    screening.save(update_fields=[*fields, "mode"])
    audit_record(
        actor=actor,
        action="screening.paper_entry",
        target=screening,
        changed_fields=["answers", "mode"],
        extra={"questions": len(screening.answers)},
    )
    return screening


@transaction.atomic
def screening_decide(
    *, actor: User | None, screening: Screening, decision: str, reason: str = "", at: datetime | None = None
) -> Screening:
    """Record the screener's decision. Disagreeing with the engine, or deciding before the interview is
    complete, needs a reason. "presumed_victim" moves the assistance case to presumed victim through the
    cases service (which runs the protection-measure handlers registered for that status)."""
    if actor is not None:
        require(actor, ScreeningPermission.DECIDE)
        _check_case_scope(actor, screening.case)
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    _check_open(screening)
    if decision not in ScreeningDecision.values:
        raise ValidationError({"decision": _("Unknown decision.")})
    result = screening_assessment(screening)
    reason = reason.strip()
    if result is None:
        raise ValidationError({"screening": _("Age and the kind of exploitation must be answered first.")})
    presumed = decision == ScreeningDecision.PRESUMED_VICTIM
    agrees = presumed == result.trafficking
    if not agrees and not reason:
        raise ValidationError({"reason": _("You disagree with the assessment: please give a reason.")})
    if screening.status != ScreeningStatus.COMPLETED and not reason:
        raise ValidationError({"reason": _("The interview is not complete: please give a reason for deciding now.")})
    moment = at or timezone.now()
    screening.decision = decision
    screening.decision_agrees = agrees
    screening.decision_reason = reason
    screening.decided_by = actor
    screening.decided_at = moment
    screening.status = ScreeningStatus.DECIDED
    fields = ["decision", "decision_agrees", "decision_reason", "decided_by", "decided_at", "status", "updated_at"]
    screening.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="screening.decide",
        target=screening,
        changed_fields=["decision", "decision_reason"] if reason else ["decision"],
        extra={
            "decision": decision,
            "engine_result": result.trafficking,
            "agrees_with_engine": agrees,
            "catalogue_version": screening.catalogue_version,
        },
    )
    case = screening.case
    if presumed and case.status in (AssistanceStatus.REPORTED, AssistanceStatus.SCREENING):
        case_services.assistance_case_transition(
            actor=actor,
            case=case,
            to_status=AssistanceStatus.PRESUMED_VICTIM,
            reason=_("Screening decision"),
            at=moment,
        )
    return screening
