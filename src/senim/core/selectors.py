from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from senim.core.access import require
from senim.core.audit_chain import GENESIS, Anchor, ChainBreak, verify_chain
from senim.core.models import AuditChainHead, AuditEvent, Job, Organization, User
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
    found = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    found |= set(AuditChainHead.objects.values_list("chain", flat=True))
    return sorted(found)


def audit_anchors_now(taken_at: str) -> list[Anchor]:
    """The head of every non-empty chain, to be kept outside the database (`senim audit anchor`)."""
    return [
        Anchor(chain=head.chain, sequence=head.length, hash=head.last_hash, taken_at=taken_at)
        for head in AuditChainHead.objects.filter(length__gt=0).order_by("chain")
    ]


def audit_anchor_break(anchor: Anchor) -> ChainBreak | None:
    """Does the chain still hold, at the anchored sequence, the hash it had when the anchor was taken?"""
    stored = AuditEvent.objects.filter(chain=anchor.chain, sequence=anchor.sequence).values_list("hash", flat=True)
    found = list(stored[:2])
    if not found:
        return ChainBreak(anchor.sequence, f"the event anchored on {anchor.taken_at or '?'} is gone")
    if found != [anchor.hash]:
        return ChainBreak(
            anchor.sequence,
            f"the event differs from the hash anchored on {anchor.taken_at or '?'}: the chain was rewritten",
        )
    return None


def audit_chain_break(chain: str) -> ChainBreak | None:
    """Verify one chain in sequence order, streaming so millions of events fit in memory; then check that
    the chain still ends where its head says (rows cut off the end leave no gap to see otherwise)."""
    rows = AuditEvent.objects.filter(chain=chain).order_by("sequence", "id").iterator(chunk_size=5000)
    last: list[tuple[int, str]] = [(0, GENESIS)]

    def walk() -> Iterator[tuple[int, str, str, dict[str, Any]]]:
        for e in rows:
            last[0] = (e.sequence, e.hash)
            yield e.sequence, e.previous_hash, e.hash, audit_payload(e)

    found = verify_chain(walk())
    if found is not None:
        return found
    head = AuditChainHead.objects.filter(chain=chain).first()
    if head is not None and (head.length, head.last_hash) != last[0]:
        return ChainBreak(last[0][0] + 1, f"the chain ends at event {last[0][0]} but its head says {head.length}")
    return None


def uuid_or_404(value: Any) -> uuid.UUID:
    """Ids come from URLs and forms: anything that is not a UUID is simply not found."""
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise Http404 from None
