"""Tip reads. A tip is visible only to members of the recipient organization (the one the reporter chose
or agreed to forward to) who hold `tips.handle_tips`; everyone else gets nothing, not even counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from senim.core.access import has_permission
from senim.core.models import User
from senim.core.services import audit_read
from senim.tips.models import Tip, TipAttachment, TipMessage, TipRecipient, TipStatus
from senim.tips.permissions import TipsPermission


def tip_scope(user: User) -> QuerySet[Tip]:
    if not has_permission(user, TipsPermission.HANDLE_TIPS) or user.organization_id is None:
        return Tip.objects.none()
    return Tip.objects.filter(recipient__organization_id=user.organization_id)


@dataclass(frozen=True)
class TipFilters:
    status: str = ""  # "" = open (new + in progress); or one TipStatus value; "all"
    urgent: bool = False


def tip_queue(user: User, filters: TipFilters | None = None) -> QuerySet[Tip]:
    """Urgent first (immediate danger, then child), then oldest unanswered first."""
    filters = filters or TipFilters()
    queryset = tip_scope(user).select_related("recipient__organization")
    if filters.status == "all":
        pass
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.filter(status__in=[TipStatus.NEW, TipStatus.IN_PROGRESS])
    if filters.urgent:
        queryset = queryset.filter(Q(involves_child=True) | Q(immediate_danger=True))
    return queryset.annotate(message_count=Count("messages")).order_by(
        "-immediate_danger", "-involves_child", "created_at"
    )


def tip_get(user: User, tip_id: Any, *, audit: bool = True) -> Tip:
    tip = tip_scope(user).select_related("recipient__organization").filter(pk=tip_id).first()
    if tip is None:
        raise Http404
    if audit:
        audit_read(actor=user, target=tip)
    return tip


def tip_messages(user: User, tip: Tip) -> QuerySet[TipMessage]:
    if not tip_scope(user).filter(pk=tip.pk).exists():
        return TipMessage.objects.none()
    return tip.messages.select_related("sent_by", "forward_request__to_recipient__organization").prefetch_related(
        "files"
    )


def tip_attachment_get(user: User, tip: Tip, attachment_id: Any) -> TipAttachment:
    attachment = TipAttachment.objects.filter(tip__in=tip_scope(user), tip=tip, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def recipient_public_list() -> QuerySet[TipRecipient]:
    """What the public page offers: active recipients, by name (no staff data)."""
    return TipRecipient.objects.filter(is_active=True, organization__is_active=True).select_related("organization")


def recipient_list(user: User) -> QuerySet[TipRecipient]:
    if not has_recipient_access(user):
        return TipRecipient.objects.none()
    return TipRecipient.objects.select_related("organization").order_by("organization__name")


def has_recipient_access(user: User) -> bool:
    return has_permission(user, TipsPermission.HANDLE_TIPS) or has_permission(user, TipsPermission.MANAGE_RECIPIENTS)


def tip_open_count(user: User) -> int:
    return tip_scope(user).filter(status__in=[TipStatus.NEW, TipStatus.IN_PROGRESS]).count()
