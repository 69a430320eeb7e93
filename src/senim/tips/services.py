"""Tip writes. Each writes its audit event in the same transaction. Reporter-side actions are audited with
no actor (the reporter is anonymous) and never with anything that could identify them."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.cases import services as case_services
from senim.cases.models import AssistanceCase, CriminalCase
from senim.cases.permissions import CasesPermission
from senim.cases.selectors import assistance_case_scope, criminal_case_scope
from senim.core.access import has_permission, require
from senim.core.fields import lookup_hash
from senim.core.models import Organization, User
from senim.core.services import audit_record, job_enqueue
from senim.people import services as people_services
from senim.people.models import Person
from senim.people.selectors import person_scope
from senim.tips import attachments, conf, receipt, throttle
from senim.tips.models import (
    Author,
    ForwardRequest,
    ForwardStatus,
    Routing,
    Tip,
    TipAttachment,
    TipMessage,
    TipRecipient,
    TipStatus,
)
from senim.tips.permissions import TipsPermission
from senim.tips.selectors import tip_scope

LOOKUP_KIND = "tip-receipt"
ACCESS_SALT = "senim.tips.reporter-access"
MAX_TEXT = 10_000


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return receipt.hasher(time_cost, memory_kib, parallelism)


def code_hasher() -> PasswordHasher:
    return _hasher_for(
        conf.get("SENIM_TIPS_ARGON2_TIME_COST"),
        conf.get("SENIM_TIPS_ARGON2_MEMORY_KIB"),
        conf.get("SENIM_TIPS_ARGON2_PARALLELISM"),
    )


# --------------------------------------------------------------------------------------------- recipients


@transaction.atomic
def tip_recipient_register(
    *,
    actor: User | None,
    organization: Organization,
    public_name: str = "",
    description: str = "",
    accepts_unaddressed: bool = False,
    is_active: bool = True,
) -> TipRecipient:
    """Make an organization a recipient of anonymous reports (or update it). `actor=None` for seeding."""
    if actor is not None:
        require(actor, TipsPermission.MANAGE_RECIPIENTS)
    recipient = TipRecipient.objects.filter(organization=organization).first()
    created = recipient is None
    recipient = recipient or TipRecipient(organization=organization)
    recipient.public_name = public_name.strip()
    recipient.description = description.strip()
    recipient.accepts_unaddressed = accepts_unaddressed
    recipient.is_active = is_active
    recipient.full_clean()
    recipient.save()
    audit_record(
        actor=actor,
        action="tip_recipient.register" if created else "tip_recipient.update",
        target=recipient,
        changed_fields=["public_name", "description", "accepts_unaddressed", "is_active"],
        extra={"organization": str(organization.pk)},
    )
    return recipient


def route(*, routing: str, recipient: TipRecipient | None = None, region: str = "") -> TipRecipient:
    """Where a report goes. Named: that recipient. Police: a police recipient in the region the reporter
    named, else one that accepts unaddressed reports, else any. Whoever can help: an NGO that accepts
    unaddressed reports (in the region first), else any recipient that does, else any active one."""
    active = TipRecipient.objects.filter(is_active=True, organization__is_active=True).select_related("organization")
    if routing == Routing.NAMED:
        if recipient is None or not active.filter(pk=recipient.pk).exists():
            raise ValidationError({"recipient": _("Choose an organization from the list.")})
        return recipient
    if routing == Routing.POLICE:
        pool = active.filter(organization__kind="police")
        order = ["-accepts_unaddressed", "public_name"]
    elif routing == Routing.ANY:
        pool = active
        order = ["-accepts_unaddressed", "-is_ngo", "public_name"]
        pool = pool.annotate(is_ngo=Case(When(organization__kind="ngo", then=Value(1)), default=Value(0)))
    else:
        raise ValidationError({"routing": _("Choose who should receive the report.")})
    chosen = None
    if region:
        chosen = pool.filter(organization__region=region).order_by(*order).first()
    chosen = chosen or pool.order_by(*order).first()
    if chosen is None:
        raise ValidationError({"routing": _("No organization can receive reports right now. Please call 112.")})
    return chosen


# ------------------------------------------------------------------------------------------------ reporter


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("This text is too long.")})
    return value


def _store_files(tip: Tip, message: TipMessage | None, files: Sequence[tuple[str, bytes]]) -> int:
    if len(files) > conf.get("SENIM_TIPS_ATTACHMENT_MAX_FILES"):
        raise ValidationError({"files": _("Too many files.")})
    for name, raw in files:
        clean = attachments.clean_upload(name, raw)
        TipAttachment.objects.create(
            tip=tip,
            message=message,
            content_type=clean.content_type,
            size=len(clean.data),
            name=clean.name,
            data=base64.b64encode(clean.data).decode("ascii"),
        )
    return len(files)


def attachment_bytes(attachment: TipAttachment) -> bytes:
    return base64.b64decode(attachment.data)


@transaction.atomic
def tip_submit(
    *,
    routing: str,
    language: str,
    recipient: TipRecipient | None = None,
    region: str = "",
    what_happened: str = "",
    where: str = "",
    when: str = "",
    who_at_risk: str = "",
    details: str = "",
    involves_child: bool = False,
    immediate_danger: bool = False,
    files: Sequence[tuple[str, bytes]] = (),
) -> tuple[Tip, str]:
    """Store an anonymous report; returns it and its receipt code (shown once, never stored in clear)."""
    values = {
        "what_happened": _text(what_happened, "what_happened"),
        "where": _text(where, "where"),
        "when": _text(when, "when"),
        "who_at_risk": _text(who_at_risk, "who_at_risk"),
        "details": _text(details, "details"),
    }
    if not (values["what_happened"] or values["details"]):
        raise ValidationError({"what_happened": _("Please tell us what happened.")})
    chosen = route(routing=routing, recipient=recipient, region=region)
    for _attempt in range(5):
        code = receipt.new_code()
        lookup = lookup_hash(LOOKUP_KIND, receipt.public_part(code))
        if not Tip.objects.filter(lookup=lookup).exists():
            break
    else:  # pragma: no cover - 10**8 public parts
        raise RuntimeError("could not draw a free receipt code")
    tip = Tip(
        lookup=lookup,
        code_hash=receipt.hash_code(code, code_hasher()),
        recipient=chosen,
        routing=routing,
        language=language,
        region=region,
        involves_child=involves_child,
        immediate_danger=immediate_danger,
        last_reporter_activity_at=timezone.now(),
        **values,
    )
    tip.full_clean()
    try:
        with transaction.atomic():
            tip.save()
    except IntegrityError:  # pragma: no cover - a concurrent identical draw
        raise ValidationError({"__all__": _("Please send the report again.")})
    stored = _store_files(tip, None, files)
    audit_record(
        actor=None,
        action="tip.submit",
        target=tip,
        changed_fields=[name for name, value in values.items() if value],
        extra={
            "recipient": str(chosen.pk),
            "routing": routing,
            "language": language,
            "urgent": tip.is_urgent,
            "attachments": stored,
        },
    )
    return tip, code


class ReceiptRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "throttled"


def tip_open_with_code(*, raw_code: str) -> Tip:
    """The reporter's way back in. Wrong codes are throttled per code and globally (never per IP)."""
    code = receipt.normalise(raw_code)
    if code is None:
        raise ReceiptRejected("invalid")
    lookup = lookup_hash(LOOKUP_KIND, receipt.public_part(code))
    if not throttle.allowed(lookup):
        raise ReceiptRejected("throttled")
    tip = Tip.objects.filter(lookup=lookup).first()
    if tip is None:
        receipt.burn_time(code, code_hasher())
        throttle.record_failure(lookup)
        raise ReceiptRejected("invalid")
    if not receipt.verify_code(tip.code_hash, code, code_hasher()):
        throttle.record_failure(lookup)
        raise ReceiptRejected("invalid")
    throttle.record_success(lookup)
    with transaction.atomic():
        audit_record(actor=None, action="tip.reporter_open", target=tip)
    return tip


def reporter_access_token(tip: Tip) -> str:
    """Carried in a hidden form field (never a cookie, never the URL) while the reporter reads and replies."""
    return signing.TimestampSigner(salt=ACCESS_SALT).sign(str(tip.pk))


def tip_from_access_token(token: str) -> Tip | None:
    try:
        tip_id = signing.TimestampSigner(salt=ACCESS_SALT).unsign(token, max_age=conf.get("SENIM_TIPS_ACCESS_MAX_AGE"))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return Tip.objects.filter(pk=tip_id).exclude(status=TipStatus.SPAM).first()


def reporter_thread(tip: Tip) -> list[TipMessage]:
    """What the reporter sees: the thread (staff names never shown); marks replies as read."""
    messages = list(tip.messages.select_related("forward_request__to_recipient__organization"))
    unread = [m.pk for m in messages if m.author != Author.REPORTER and m.read_by_reporter_at is None]
    if unread:
        TipMessage.objects.filter(pk__in=unread).update(read_by_reporter_at=timezone.now())
    return messages


@transaction.atomic
def tip_reporter_reply(*, tip: Tip, body: str, files: Sequence[tuple[str, bytes]] = ()) -> TipMessage:
    body = _text(body, "body")
    if not body and not files:
        raise ValidationError({"body": _("Write a message.")})
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.status in (TipStatus.CLOSED, TipStatus.SPAM):
        raise ValidationError({"body": _("This report is closed.")})
    message = TipMessage.objects.create(tip=tip, author=Author.REPORTER, body=body)
    stored = _store_files(tip, message, files)
    tip.last_reporter_activity_at = timezone.now()
    tip.save(update_fields=["last_reporter_activity_at", "updated_at"])
    audit_record(actor=None, action="tip.reporter_message", target=tip, extra={"attachments": stored})
    return message


@transaction.atomic
def tip_reporter_answer_forward(*, tip: Tip, forward_request_id: Any, agree: bool) -> ForwardRequest:
    """The reporter's answer in the thread. Agreement moves the tip to the new recipient at once; the
    previous recipient loses access."""
    request = (
        ForwardRequest.objects.select_for_update()
        .filter(tip=tip, pk=forward_request_id, status=ForwardStatus.PENDING)
        .first()
    )
    if request is None:
        raise ValidationError({"forward": _("This question has already been answered.")})
    request.status = ForwardStatus.AGREED if agree else ForwardStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at", "updated_at"])
    audit_record(
        actor=None, action="tip.forward_answer", target=tip, extra={"forward_request": str(request.pk), "agree": agree}
    )
    if agree:
        locked = Tip.objects.select_for_update().get(pk=tip.pk)
        previous = locked.recipient_id
        locked.recipient = request.to_recipient
        locked.status = TipStatus.NEW
        locked.save(update_fields=["recipient", "status", "updated_at"])
        ForwardRequest.objects.filter(tip=tip, status=ForwardStatus.PENDING).update(status=ForwardStatus.WITHDRAWN)
        audit_record(
            actor=None,
            action="tip.forward",
            target=locked,
            changed_fields=["recipient"],
            extra={"from": str(previous), "to": str(request.to_recipient_id), "forward_request": str(request.pk)},
        )
    return request


# ------------------------------------------------------------------------------------------------- staff


def _check(actor: User, tip: Tip) -> Tip:
    require(actor, TipsPermission.HANDLE_TIPS)
    locked = tip_scope(actor).select_for_update().filter(pk=tip.pk).first()
    if locked is None:
        raise PermissionDenied("tip not in scope")
    return locked


def _touch(tip: Tip) -> None:
    tip.last_staff_activity_at = timezone.now()
    if tip.status == TipStatus.NEW:
        tip.status = TipStatus.IN_PROGRESS


@transaction.atomic
def tip_message_send(*, actor: User, tip: Tip, body: str) -> TipMessage:
    """A reply or follow-up question to the anonymous reporter."""
    tip = _check(actor, tip)
    body = _text(body, "body")
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if tip.status in (TipStatus.CLOSED, TipStatus.SPAM):
        raise ValidationError({"body": _("This report is closed.")})
    message = TipMessage.objects.create(tip=tip, author=Author.RECIPIENT, sent_by=actor, body=body)
    _touch(tip)
    tip.save(update_fields=["last_staff_activity_at", "status", "updated_at"])
    audit_record(actor=actor, action="tip.message", target=tip, extra={"message": str(message.pk)})
    return message


@transaction.atomic
def tip_flags_set(*, actor: User, tip: Tip, involves_child: bool, immediate_danger: bool) -> Tip:
    tip = _check(actor, tip)
    changed = [
        name
        for name, value in (("involves_child", involves_child), ("immediate_danger", immediate_danger))
        if getattr(tip, name) != value
    ]
    tip.involves_child, tip.immediate_danger = involves_child, immediate_danger
    _touch(tip)
    tip.save()
    audit_record(actor=actor, action="tip.flags", target=tip, changed_fields=changed)
    return tip


@transaction.atomic
def tip_note_set(*, actor: User, tip: Tip, note: str) -> Tip:
    tip = _check(actor, tip)
    tip.staff_note = _text(note, "staff_note")
    tip.save(update_fields=["staff_note", "updated_at"])
    audit_record(actor=actor, action="tip.note", target=tip, changed_fields=["staff_note"])
    return tip


@transaction.atomic
def tip_status_set(*, actor: User, tip: Tip, status: str) -> Tip:
    """Close, reopen or mark as spam. Closed and spam tips are deleted after the retention period."""
    tip = _check(actor, tip)
    if status not in TipStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    previous = tip.status
    tip.status = status
    tip.last_staff_activity_at = timezone.now()
    tip.closed_at = timezone.now() if status in (TipStatus.CLOSED, TipStatus.SPAM) else None
    tip.spam_marked_by = actor if status == TipStatus.SPAM else None
    tip.save()
    action = "tip.spam" if status == TipStatus.SPAM else "tip.status"
    audit_record(
        actor=actor, action=action, target=tip, changed_fields=["status"], extra={"from": previous, "to": status}
    )
    return tip


def tip_mark_spam(*, actor: User, tip: Tip) -> Tip:
    return tip_status_set(actor=actor, tip=tip, status=TipStatus.SPAM)


@transaction.atomic
def tip_link(
    *,
    actor: User,
    tip: Tip,
    assistance_case: AssistanceCase | None = None,
    criminal_case: CriminalCase | None = None,
    person: Person | None = None,
) -> Tip:
    """Link a tip to a case or a person the actor may see (scoped: an unseen id is refused)."""
    tip = _check(actor, tip)
    linked: dict[str, str] = {}
    if assistance_case is not None:
        if not assistance_case_scope(actor).filter(pk=assistance_case.pk).exists():
            raise ValidationError({"assistance_case": _("Case not found.")})
        tip.assistance_cases.add(assistance_case)
        linked["assistance_case"] = str(assistance_case.pk)
    if criminal_case is not None:
        if not criminal_case_scope(actor).filter(pk=criminal_case.pk).exists():
            raise ValidationError({"criminal_case": _("Case not found.")})
        tip.criminal_cases.add(criminal_case)
        linked["criminal_case"] = str(criminal_case.pk)
    if person is not None:
        if not person_scope(actor).filter(pk=person.pk).exists():
            raise ValidationError({"person": _("Person not found.")})
        tip.persons.add(person)
        linked["person"] = str(person.pk)
    if not linked:
        raise ValidationError({"__all__": _("Choose a case or a person to link.")})
    _touch(tip)
    tip.save(update_fields=["last_staff_activity_at", "status", "updated_at"])
    audit_record(actor=actor, action="tip.link", target=tip, extra=linked)
    return tip


@transaction.atomic
def tip_assistance_case_create(
    *,
    actor: User,
    tip: Tip,
    region: str = "",
    family_name: str = "",
    given_name: str = "",
    summary: str = "",
) -> AssistanceCase:
    """Open the victim's journey from a tip: a person record (names if known) and an assistance case led by
    the actor's organization, linked to the tip."""
    tip = _check(actor, tip)
    require(actor, CasesPermission.MANAGE_ASSISTANCE_CASES)
    region = region or tip.region or (actor.organization.region if actor.organization else "")
    if not region:
        raise ValidationError({"region": _("Choose a region.")})
    record = people_services.person_record_create(
        actor=actor,
        family_name=family_name,
        given_name=given_name,
        full_name="" if (family_name or given_name) else f"[{tip.reference}]",
        source="tip",
    )
    case = case_services.assistance_case_create(
        actor=actor, record=record, region=region, is_minor=tip.involves_child, summary=summary
    )
    tip.assistance_cases.add(case)
    if record.person is not None:
        tip.persons.add(record.person)
    _touch(tip)
    tip.save(update_fields=["last_staff_activity_at", "status", "updated_at"])
    audit_record(actor=actor, action="tip.create_assistance_case", target=tip, extra={"assistance_case": str(case.pk)})
    return case


@transaction.atomic
def tip_criminal_case_create(
    *, actor: User, tip: Tip, registry_number: str, articles: Iterable[str], region: str = "", summary: str = ""
) -> CriminalCase:
    """A police recipient registers a criminal case from the tip. Others propose one by asking the reporter
    to let the tip go to the police (`tip_forward_request`)."""
    tip = _check(actor, tip)
    require(actor, CasesPermission.MANAGE_CRIMINAL_CASES)
    region = region or tip.region or (actor.organization.region if actor.organization else "")
    case = case_services.criminal_case_create(
        actor=actor, registry_number=registry_number, region=region, articles=articles, summary=summary
    )
    tip.criminal_cases.add(case)
    _touch(tip)
    tip.save(update_fields=["last_staff_activity_at", "status", "updated_at"])
    audit_record(actor=actor, action="tip.create_criminal_case", target=tip, extra={"criminal_case": str(case.pk)})
    return case


@transaction.atomic
def tip_forward_request(*, actor: User, tip: Tip, to_recipient: TipRecipient, note: str = "") -> ForwardRequest:
    """Ask the reporter, in the thread, to agree that the tip goes to another recipient. Nothing moves until
    the reporter says yes (`tip_reporter_answer_forward`)."""
    tip = _check(actor, tip)
    if not to_recipient.is_active or to_recipient.pk == tip.recipient_id:
        raise ValidationError({"to_recipient": _("Choose another active recipient.")})
    if tip.status in (TipStatus.CLOSED, TipStatus.SPAM):
        raise ValidationError({"to_recipient": _("This report is closed.")})
    request = ForwardRequest.objects.create(
        tip=tip, from_recipient=tip.recipient, to_recipient=to_recipient, requested_by=actor
    )
    TipMessage.objects.create(
        tip=tip, author=Author.RECIPIENT, sent_by=actor, body=_text(note, "note"), forward_request=request
    )
    _touch(tip)
    tip.save(update_fields=["last_staff_activity_at", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="tip.forward_request",
        target=tip,
        extra={"forward_request": str(request.pk), "to": str(to_recipient.pk)},
    )
    return request


# --------------------------------------------------------------------------------------------- retention


def retention_cutoffs(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or timezone.now()
    return (
        now - timedelta(days=conf.get("SENIM_TIPS_RETENTION_DAYS")),
        now - timedelta(days=conf.get("SENIM_TIPS_SPAM_RETENTION_DAYS")),
    )


def tip_purge_expired(*, now: datetime | None = None) -> int:
    """Delete closed tips past the retention period (spam sooner), with their thread and files. The audit
    log keeps the tip's id and the fact of deletion, nothing of its content."""
    closed_before, spam_before = retention_cutoffs(now)
    expired = Tip.objects.filter(
        Q(status=TipStatus.CLOSED, closed_at__lt=closed_before) | Q(status=TipStatus.SPAM, closed_at__lt=spam_before)
    ).values_list("pk", "status")
    count = 0
    for tip_id, status in list(expired):
        with transaction.atomic():
            deleted, _rows = Tip.objects.filter(pk=tip_id).delete()
            if deleted:
                audit_record(actor=None, action="tip.purge", target=("tips.tip", tip_id), extra={"status": status})
                count += 1
    return count


def tip_purge_schedule(*, actor: User | None = None) -> bool:
    """Queue the retention job at most once a day (called when staff open the queue, and by cron)."""
    if not cache.add("tips:purge-scheduled", 1, timeout=24 * 3600):
        return False
    job_enqueue(actor=actor, kind="tips.purge", params={})
    return True


def has_criminal_rights(user: User) -> bool:
    return has_permission(user, CasesPermission.MANAGE_CRIMINAL_CASES)
