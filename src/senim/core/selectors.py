from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from senim.core.access import require
from senim.core.audit_chain import ChainBreak, verify_chain
from senim.core.models import AuditEvent, Job, Organization, User
from senim.core.permissions import CorePermission
from senim.core.services import audit_payload


def organization_list(user: User, *, kind: str = "", region: str = "") -> QuerySet[Organization]:
    require(user, CorePermission.VIEW_ORGANIZATIONS)
    queryset = Organization.objects.filter(is_active=True)
    if kind:
        queryset = queryset.filter(kind=kind)
    if region:
        queryset = queryset.filter(region=region)
    return queryset.order_by("name")


def audit_event_list(
    user: User,
    *,
    actor: str = "",
    action: str = "",
    target_id: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    require(user, CorePermission.VIEW_AUDIT_LOG)
    queryset = AuditEvent.objects.select_related("actor", "actor_organization")
    if actor:
        queryset = queryset.filter(actor__username=actor)
    if action:
        queryset = queryset.filter(action__startswith=action)
    if target_id:
        queryset = queryset.filter(target_id=target_id)
    if since:
        queryset = queryset.filter(occurred_at__gte=since)
    if until:
        queryset = queryset.filter(occurred_at__lt=until)
    return queryset.order_by("-occurred_at", "-id")


def job_list(user: User) -> QuerySet[Job]:
    require(user, CorePermission.VIEW_JOBS)
    return Job.objects.all()


def audit_chains() -> list[str]:
    return list(AuditEvent.objects.values_list("chain", flat=True).distinct().order_by("chain"))


def audit_chain_break(chain: str) -> ChainBreak | None:
    """Verify one chain in sequence order, streaming so millions of events fit in memory."""
    rows = AuditEvent.objects.filter(chain=chain).order_by("sequence", "id").iterator(chunk_size=5000)
    return verify_chain((e.sequence, e.previous_hash, e.hash, audit_payload(e)) for e in rows)
