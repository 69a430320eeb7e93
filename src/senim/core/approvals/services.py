"""Four-eyes writes: request, approve (which performs the step), reject, withdraw, expire, use a grant.
Each runs in one transaction with its audit event."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.core.access import require
from senim.core.approvals import registry
from senim.core.approvals.models import ApprovalRequest, ApprovalStatus
from senim.core.approvals.registry import SensitiveAction
from senim.core.approvals.selectors import approval_target
from senim.core.models import User
from senim.core.services import audit_record

REASON_MAX_LENGTH = 2000


def _action(key: str) -> SensitiveAction:
    found = registry.get(key)
    if found is None:
        raise ValidationError({"action": _("Unknown action.")})
    return found


def _audit_extra(approval: ApprovalRequest) -> dict[str, Any]:
    return {
        "action": approval.action,
        "target_type": approval.target_type.app_label + "." + approval.target_type.model,
        "target_id": str(approval.target_id),
        "requested_by": str(approval.requested_by_id),
    }


def _is_stale(approval: ApprovalRequest, now: datetime) -> bool:
    return approval.status == ApprovalStatus.PENDING and approval.expires_at <= now


def _expire(approval: ApprovalRequest) -> None:
    approval.status = ApprovalStatus.EXPIRED
    approval.save(update_fields=["status", "updated_at"])
    audit_record(actor=None, action="approval.expire", target=approval, extra=_audit_extra(approval))


def approval_expire_stale(*, now: datetime | None = None, target: models.Model | None = None) -> int:
    """Mark pending requests past their expiry as expired (the worker runs this hourly; requesting and
    deciding run it for their own row too)."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = ApprovalRequest.objects.select_for_update().filter(status=ApprovalStatus.PENDING, expires_at__lte=now)
        if target is not None:
            stale = stale.filter(
                target_type=ContentType.objects.get_for_model(target, for_concrete_model=False), target_id=target.pk
            )
        count = 0
        for approval in stale.order_by("expires_at"):
            _expire(approval)
            count += 1
    return count


def approval_request(
    *,
    actor: User,
    action: str,
    target: models.Model,
    reason: str,
    params: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> ApprovalRequest:
    """Ask a second person to approve a sensitive step. The step is checked now (it must be possible) and
    again when it is performed."""
    declared = _action(action)
    require(actor, declared.permission)
    # Re-read through the actor's scope: the record as it is now, and only if the actor sees it.
    fresh = declared.scope(actor).filter(pk=target.pk).first() if isinstance(target, declared.model) else None
    if fresh is None:
        raise ValidationError({"target": _("Record not found.")})
    target = fresh
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this step: the approver reads it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("The reason is too long.")})
    cleaned = declared.clean(actor, target, dict(params or {}))
    now = now or timezone.now()
    approval_expire_stale(now=now, target=target)
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    duplicate = _("A request for this step on this record is already awaiting approval.")
    with transaction.atomic():
        if ApprovalRequest.objects.filter(
            action=action, target_type=content_type, target_id=target.pk, status=ApprovalStatus.PENDING
        ).exists():
            raise ValidationError({"action": duplicate})
        approval = ApprovalRequest(
            action=action,
            target_type=content_type,
            target_id=target.pk,
            params=cleaned,
            reason=reason,
            requested_by=actor,
            requested_role=actor.acting_role or "",
            expires_at=now + declared.expires_after,
        )
        approval.full_clean(exclude=["target_type", "requested_by"])
        try:
            with transaction.atomic():
                approval.save()
        except IntegrityError:  # a concurrent request for the same step won the race
            raise ValidationError({"action": duplicate}) from None
        audit_record(
            actor=actor,
            action="approval.request",
            target=approval,
            changed_fields=["status", "reason"],
            extra=_audit_extra(approval),
        )
    return approval


def _expire_if_stale(approval: ApprovalRequest, now: datetime) -> None:
    """Called before the deciding transaction, so the expiry is kept when the decision is refused."""
    if _is_stale(approval, now):
        approval_expire_stale(now=now, target=approval_target(approval))


def _lock_pending(approval: ApprovalRequest, now: datetime) -> ApprovalRequest:
    locked = (
        ApprovalRequest.objects.select_for_update().select_related("target_type", "requested_by").get(pk=approval.pk)
    )
    if locked.status == ApprovalStatus.EXPIRED or _is_stale(locked, now):
        raise ValidationError({"approval": _("This request has expired: ask again if the step is still needed.")})
    if locked.status != ApprovalStatus.PENDING:
        raise ValidationError({"approval": _("This request was already decided.")})
    return locked


def _check_decider(actor: User, approval: ApprovalRequest, declared: SensitiveAction) -> models.Model:
    require(actor, declared.approver_permission)
    if approval.requested_by_id == actor.pk:
        raise PermissionDenied(_("The approver must be someone other than the requester."))
    target = approval_target(approval)
    if target is None or not declared.in_scope(actor, target):
        raise PermissionDenied(_("This record is outside your scope."))
    return target


def approval_approve(
    *, actor: User, approval: ApprovalRequest, note: str = "", now: datetime | None = None
) -> ApprovalRequest:
    """A second person approves: the step is performed now, in this transaction, on behalf of the
    requester (acting in the role they requested in); its history row and audit event name both."""
    now = now or timezone.now()
    declared = _action(approval.action)
    require(actor, declared.approver_permission)
    _expire_if_stale(approval, now)
    with transaction.atomic():
        approval = _lock_pending(approval, now)
        target = _check_decider(actor, approval, declared)
        requester = approval.requested_by
        requester.act_as(approval.requested_role or None)
        if not requester.is_active or not declared.in_scope(requester, target):
            raise ValidationError({"approval": _("The requester no longer has access to this record.")})
        approval.status = ApprovalStatus.APPROVED
        approval.decided_by = actor
        approval.decided_role = actor.acting_role or ""
        approval.decided_at = now
        approval.decision_note = (note or "").strip()[:REASON_MAX_LENGTH]
        approval.save()
        declared.perform(approval, target)
        approval.performed_at = timezone.now()
        if declared.grant_for is not None:
            approval.usable_until = now + declared.grant_for
        approval.save(update_fields=["performed_at", "usable_until", "updated_at"])
        audit_record(
            actor=actor,
            action="approval.approve",
            target=approval,
            changed_fields=["status"],
            extra={**_audit_extra(approval), "approved_by": str(actor.pk)},
        )
    return approval


def approval_reject(
    *, actor: User, approval: ApprovalRequest, note: str, now: datetime | None = None
) -> ApprovalRequest:
    now = now or timezone.now()
    declared = _action(approval.action)
    require(actor, declared.approver_permission)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why you reject the request: the requester reads it.")})
    _expire_if_stale(approval, now)
    with transaction.atomic():
        approval = _lock_pending(approval, now)
        _check_decider(actor, approval, declared)
        approval.status = ApprovalStatus.REJECTED
        approval.decided_by = actor
        approval.decided_role = actor.acting_role or ""
        approval.decided_at = now
        approval.decision_note = note[:REASON_MAX_LENGTH]
        approval.save()
        audit_record(
            actor=actor,
            action="approval.reject",
            target=approval,
            changed_fields=["status", "decision_note"],
            extra={**_audit_extra(approval), "rejected_by": str(actor.pk)},
        )
    return approval


def approval_withdraw(
    *, actor: User, approval: ApprovalRequest, note: str = "", now: datetime | None = None
) -> ApprovalRequest:
    """Only the requester withdraws their own pending request."""
    now = now or timezone.now()
    if approval.requested_by_id != actor.pk:
        raise PermissionDenied(_("Only the requester may withdraw a request."))
    _expire_if_stale(approval, now)
    with transaction.atomic():
        approval = _lock_pending(approval, now)
        approval.status = ApprovalStatus.WITHDRAWN
        approval.decided_by = actor
        approval.decided_role = actor.acting_role or ""
        approval.decided_at = now
        approval.decision_note = (note or "").strip()[:REASON_MAX_LENGTH]
        approval.save()
        audit_record(
            actor=actor,
            action="approval.withdraw",
            target=approval,
            changed_fields=["status"],
            extra=_audit_extra(approval),
        )
    return approval


def approval_check(
    approval: ApprovalRequest | None, *, action: str, target: models.Model, field: str, message: Any
) -> ApprovalRequest:
    """For the owning service: let the step through only inside the approval that performs it (approved by
    someone other than the requester, for this very step and record, not yet performed)."""
    if (
        approval is None
        or approval.action != action
        or approval.target_id != target.pk
        or approval.status != ApprovalStatus.APPROVED
        or approval.performed_at is not None
        or approval.decided_by_id is None
        or approval.decided_by_id == approval.requested_by_id
    ):
        raise ValidationError({field: message})
    return approval


def approval_trail(approval: ApprovalRequest | None) -> dict[str, str]:
    """What the performed step records in its own audit event."""
    if approval is None:
        return {}
    return {
        "approval": str(approval.pk),
        "requested_by": str(approval.requested_by_id),
        "approved_by": str(approval.decided_by_id),
    }


def approval_use(
    *, actor: User, approval: ApprovalRequest, max_uses: int, now: datetime | None = None
) -> ApprovalRequest:
    """Use a granted step (download an approved export): the requester only, within its window and its
    number of uses. The caller writes the audit event of the use in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        approval = ApprovalRequest.objects.select_for_update().get(pk=approval.pk)
        if approval.requested_by_id != actor.pk:
            raise PermissionDenied(_("Only the requester may use this approval."))
        if approval.status != ApprovalStatus.APPROVED or approval.usable_until is None:
            raise ValidationError({"approval": _("This request is not approved.")})
        if approval.usable_until <= now:
            raise ValidationError({"approval": _("The approval has lapsed: request the export again.")})
        if approval.uses >= max_uses:
            raise ValidationError({"approval": _("This export was already downloaded as often as allowed.")})
        approval.uses += 1
        approval.save(update_fields=["uses", "updated_at"])
    return approval
