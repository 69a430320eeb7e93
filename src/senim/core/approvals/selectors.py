"""Approval reads, scoped: a user sees their own requests, and the requests they may decide (they hold
the approving permission and see the record). Anything else answers 404 like a missing row."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from senim.core.access import has_permission
from senim.core.approvals import registry
from senim.core.approvals.models import ApprovalRequest, ApprovalStatus
from senim.core.models import User
from senim.core.selectors import uuid_or_404


def _decidable(user: User) -> Q:
    """Requests on records this user may decide, whoever asked."""
    visible = Q(pk__in=[])
    for key, action in registry.actions().items():
        if has_permission(user, action.approver_permission):
            visible |= Q(action=key, target_id__in=action.scope(user).values("pk"))
    return visible


def approval_scope(user: User) -> QuerySet[ApprovalRequest]:
    if user is None or not getattr(user, "is_authenticated", False):
        return ApprovalRequest.objects.none()
    return ApprovalRequest.objects.filter(Q(requested_by=user) | _decidable(user)).select_related(
        "target_type", "requested_by", "decided_by"
    )


def approval_awaiting(user: User) -> QuerySet[ApprovalRequest]:
    """Pending requests this user may approve or reject: someone else's, not yet expired."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ApprovalRequest.objects.none()
    return (
        ApprovalRequest.objects.filter(_decidable(user), status=ApprovalStatus.PENDING, expires_at__gt=timezone.now())
        .exclude(requested_by=user)
        .select_related("target_type", "requested_by")
        .order_by("expires_at")
    )


def approval_mine(user: User) -> QuerySet[ApprovalRequest]:
    """The user's own requests, newest first, whatever became of them."""
    return (
        ApprovalRequest.objects.filter(requested_by=user)
        .select_related("target_type", "decided_by")
        .order_by("-created_at")
    )


def approval_get(user: User, approval_id: Any) -> ApprovalRequest:
    approval = approval_scope(user).filter(pk=uuid_or_404(approval_id)).first()
    if approval is None:
        raise Http404
    return approval


def approval_pending_on(user: User, target: models.Model) -> list[ApprovalRequest]:
    """Pending requests on one record that this user may see (shown on the record's page)."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return list(
        approval_scope(user)
        .filter(target_type=content_type, target_id=target.pk, status=ApprovalStatus.PENDING)
        .filter(expires_at__gt=timezone.now())
        .order_by("created_at")
    )


def approval_target(approval: ApprovalRequest) -> models.Model | None:
    """The record a request is about (the caller has already checked the request is visible)."""
    model = approval.target_type.model_class()
    if model is None:
        return None
    found: models.Model | None = model._default_manager.filter(pk=approval.target_id).first()
    return found


def approval_summary(user: Any, approval: ApprovalRequest) -> dict[str, Any]:
    """What a page or the API shows of one request (the target described without loading it twice)."""
    action = registry.get(approval.action)
    target = approval_target(approval)
    if action is None or (target is not None and not action.in_scope(user, target)):
        target = None  # need to know: a record the user no longer sees is not described (the requester's, later)
    return {
        "id": approval.pk,
        "action": approval.action,
        "action_label": str(action.label) if action else approval.action,
        "target_type": f"{approval.target_type.app_label}.{approval.target_type.model}",
        "target_id": approval.target_id,
        "summary": action.describe(target, approval.params) if action and target is not None else "",
        "target_url": action.target_url(target) if action and action.target_url and target is not None else "",
        "params": approval.params,
        "reason": approval.reason,
        "status": ApprovalStatus.EXPIRED.value if is_stale(approval) else approval.status,
        "requested_by": approval.requested_by.get_username(),
        "requested_role": approval.requested_role,
        "requested_at": approval.created_at,
        "expires_at": approval.expires_at,
        "decided_by": approval.decided_by.get_username() if approval.decided_by else None,
        "decided_at": approval.decided_at,
        "decision_note": approval.decision_note,
        "usable_until": approval.usable_until,
        "uses": approval.uses,
        "is_mine": approval.requested_by_id == user.pk,
        "can_decide": (
            approval.status == ApprovalStatus.PENDING
            and not is_stale(approval)
            and approval.requested_by_id != user.pk
            and action is not None
            and has_permission(user, action.approver_permission)
        ),
    }


def is_stale(approval: ApprovalRequest) -> bool:
    return approval.status == ApprovalStatus.PENDING and approval.expires_at <= timezone.now()
