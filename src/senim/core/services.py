"""Core writes: audit events, organizations, users, jobs, numbering. Each writes its audit event in the
same transaction as the change (Zulip's actions)."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import zlib
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import connection, models, transaction
from django.utils import timezone

from senim.core.access import require
from senim.core.audit_chain import GENESIS, event_hash
from senim.core.models import (
    ApiToken,
    AuditChainHead,
    AuditEvent,
    Job,
    NumberSequence,
    Organization,
    RoleAssignment,
    User,
)
from senim.core.permissions import CorePermission

DEFAULT_CHAIN = "main"


def audit_chain_for_this_connection() -> str:
    """The chain this process's database connection appends to.

    Every append locks its chain's head until the transaction commits, so one chain serialises every
    audited write of the whole system. With SENIM_AUDIT_CHAINS = N > 1 each connection (one per thread
    per process) appends to one of N chains, picked from its process and thread: concurrent requests
    mostly lock different heads, while all events of one transaction still go to one chain, so two
    transactions never wait on each other's heads in opposite orders (no deadlock). Each chain is
    verified on its own (`senim audit verify`)."""
    shards = settings.SENIM_AUDIT_CHAINS
    if shards <= 1:
        return DEFAULT_CHAIN
    shard = zlib.crc32(f"{os.getpid()}:{threading.get_ident()}".encode()) % shards
    return DEFAULT_CHAIN if shard == 0 else f"{DEFAULT_CHAIN}-{shard}"


def _target_parts(target: Any) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk)
    if isinstance(target, tuple):
        return str(target[0]), str(target[1])
    raise TypeError("audit target must be a model instance or a (type, id) pair")


def audit_payload(event: AuditEvent) -> dict[str, Any]:
    """The fields the hash covers: everything but the hashes themselves."""
    return {
        "chain": event.chain,
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": str(event.actor_id or ""),
        "actor_role": event.actor_role,
        "actor_organization": str(event.actor_organization_id or ""),
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "changed_fields": list(event.changed_fields),
        "extra": dict(event.extra),
    }


def _locked_head(chain: str) -> AuditChainHead:
    """The chain's head, row-locked until the transaction ends. A new chain's head is created first: two
    writers starting the same chain then wait on its primary key instead of both writing sequence 1."""
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:
        AuditChainHead.objects.get_or_create(chain=chain, defaults={"last_hash": GENESIS, "length": 0})
        head = AuditChainHead.objects.select_for_update().get(chain=chain)
    return head


def _append(event: AuditEvent) -> AuditEvent:
    head = _locked_head(event.chain)
    event.sequence = head.length + 1
    event.previous_hash = head.last_hash
    event.hash = event_hash(event.previous_hash, audit_payload(event))
    event.save()
    head.last_hash = event.hash
    head.length = event.sequence
    head.save()
    return event


def _audit_event(
    *,
    actor: User | None,
    action: str,
    target: Any,
    changed_fields: Iterable[str],
    extra: Mapping[str, Any] | None,
    chain: str,
) -> AuditEvent:
    target_type, target_id = _target_parts(target)
    return AuditEvent(
        chain=chain,
        occurred_at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_role=(actor.acting_role or "") if actor is not None and actor.pk else "",
        actor_organization_id=getattr(actor, "organization_id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        changed_fields=sorted(set(changed_fields)),
        extra=dict(extra or {}),
    )


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Any = None,
    changed_fields: Iterable[str] = (),
    extra: Mapping[str, Any] | None = None,
    chain: str | None = None,
) -> AuditEvent:
    """Append one audit event. Called inside the caller's transaction so the change and its record
    commit or roll back together. Changed fields are names only, never values."""
    event = _audit_event(
        actor=actor,
        action=action,
        target=target,
        changed_fields=changed_fields,
        extra=extra,
        chain=chain or audit_chain_for_this_connection(),
    )
    if connection.in_atomic_block:
        return _append(event)
    with transaction.atomic():
        return _append(event)


def audit_record_many(
    *,
    actor: User | None,
    action: str,
    targets: Iterable[tuple[Any, Iterable[str], Mapping[str, Any] | None]],
    chain: str | None = None,
) -> int:
    """One audit event per (target, changed_fields, extra), exactly as `audit_record` would write them one
    by one, but chained under a single lock of the head and inserted in batches: for bulk writes (imports)."""
    chain = chain or audit_chain_for_this_connection()
    events = [
        _audit_event(actor=actor, action=action, target=target, changed_fields=fields, extra=extra, chain=chain)
        for target, fields, extra in targets
    ]
    if not events:
        return 0
    with transaction.atomic():
        head = _locked_head(chain)
        for event in events:
            event.sequence = head.length + 1
            event.previous_hash = head.last_hash
            event.hash = event_hash(event.previous_hash, audit_payload(event))
            head.last_hash, head.length = event.hash, event.sequence
        AuditEvent.objects.bulk_create(events, batch_size=500)
        head.save()
    return len(events)


def audit_read(*, actor: User, target: Any, extra: Mapping[str, Any] | None = None) -> AuditEvent:
    """Reading a victim's record is an audited action too (Primero)."""
    target_type, _ = _target_parts(target)
    return audit_record(actor=actor, action=f"{target_type.split('.')[-1]}.view", target=target, extra=extra)


def changed_field_names(instance: models.Model, values: Mapping[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(instance, name) != value]


@transaction.atomic
def organization_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    region: str = "",
    country: str = "KZ",
    languages: Iterable[str] = (),
    parent: Organization | None = None,
) -> Organization:
    if actor is not None:
        require(actor, CorePermission.MANAGE_ORGANIZATIONS)
    organization = Organization(
        name=name, kind=kind, region=region, country=country, languages=list(languages), parent=parent
    )
    organization.full_clean()
    organization.save()
    audit_record(actor=actor, action="organization.create", target=organization, changed_fields=["name", "kind"])
    return organization


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    organization: Organization | None,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    check_password: bool = True,
) -> User:
    if actor is not None:
        require(actor, CorePermission.MANAGE_USERS)
    user = User(username=username, organization=organization, first_name=first_name, last_name=last_name, email=email)
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=role) for role in sorted(set(roles))])
    user.forget_roles()
    audit_record(actor=actor, action="user.create", target=user, changed_fields=["username", "organization", "roles"])
    return user


@transaction.atomic
def user_set_roles(*, actor: User, user: User, roles: Iterable[str]) -> User:
    require(actor, CorePermission.MANAGE_USERS)
    wanted = set(roles)
    RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
    have = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in sorted(wanted - have)])
    user.forget_roles()
    audit_record(actor=actor, action="user.set_roles", target=user, changed_fields=["roles"])
    return user


def job_enqueue(*, actor: User | None, kind: str, params: Mapping[str, Any] | None = None) -> Job:
    """Queue background work. The worker only sees committed rows, so a job queued inside a
    transaction that rolls back never runs."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, params=dict(params or {}), requested_by=actor)
        audit_record(actor=actor, action="job.enqueue", target=job, extra={"kind": kind})
    return job


def next_number(prefix: str, *, year: int | None = None) -> str:
    """`AC-2026-000042`: gap-free per prefix and year, safe under concurrent writers."""
    year = year or timezone.now().year
    name = f"{prefix}-{year}"
    with transaction.atomic():
        sequence = NumberSequence.objects.select_for_update().filter(name=name).first()
        if sequence is None:  # the year's first number: two writers then wait on the new row's key
            NumberSequence.objects.get_or_create(name=name, defaults={"last_value": 0})
            sequence = NumberSequence.objects.select_for_update().get(name=name)
        sequence.last_value += 1
        sequence.save()
    return f"{name}-{sequence.last_value:06d}"


def api_token_create(*, actor: User, user: User, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """Returns the token row and the key, which is never stored and cannot be shown again."""
    if actor.pk != user.pk:
        require(actor, CorePermission.MANAGE_USERS)
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(actor=actor, action="api_token.create", target=token)
    return token, key
