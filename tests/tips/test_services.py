"""Tip services: routing, receipt codes, throttling, encryption at rest, triage, forwarding with the
reporter's agreement, isolation between recipients, retention, audit."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from senim.cases.models import AssistanceCase
from senim.core.models import AuditEvent, Job
from senim.core.testing.factories import make_assistance_case, make_organization
from senim.core.worker import run_pending
from senim.tips import receipt, selectors, services
from senim.tips.models import ForwardStatus, Tip, TipAttachment, TipMessage, TipStatus
from tests.tips.conftest import database_text, submit

pytestmark = pytest.mark.django_db


def actions_for(tip):
    return list(AuditEvent.objects.filter(target_id=str(tip.pk)).values_list("action", flat=True))


def test_submit_stores_only_hashes_and_ciphertext(ngo):
    tip, code = submit(recipient=ngo, where="Алматы, рынок Барахолка", who_at_risk="девушка 16 лет")
    assert len(code) == 20
    assert tip.recipient == ngo
    dump = database_text()
    for secret in (code, receipt.public_part(code), "Паспорта забрали", "Барахолка", "девушка 16 лет"):
        assert secret not in dump
    stored = Tip.objects.get(pk=tip.pk)
    assert stored.what_happened.startswith("Паспорта")  # decrypts transparently
    assert stored.code_hash.startswith("$argon2id$")
    assert actions_for(tip) == ["tip.submit"]


def test_routing_police_any_and_named(ngo, police, other_ngo):
    assert services.route(routing="police") == police
    assert services.route(routing="any") == ngo  # the NGO that accepts unaddressed reports
    assert services.route(routing="named", recipient=other_ngo) == other_ngo
    with pytest.raises(ValidationError):
        services.route(routing="named", recipient=None)
    services.tip_recipient_register(actor=None, organization=other_ngo.organization, is_active=False)
    with pytest.raises(ValidationError):
        services.route(routing="named", recipient=other_ngo)


def test_route_prefers_the_reporters_region(ngo, police):
    shymkent = make_organization(kind="police", region="shymkent", name="Shymkent police")
    local = services.tip_recipient_register(actor=None, organization=shymkent)
    assert services.route(routing="police", region="shymkent") == local
    assert services.route(routing="police", region="almaty_city") == police


def test_open_with_code_and_wrong_codes_are_throttled(ngo, settings):
    settings.SENIM_TIPS_RECEIPT_MAX_FAILURES = 3
    tip, code = submit(recipient=ngo)
    assert services.tip_open_with_code(raw_code=receipt.format_code(code)) == tip
    wrong = code[:8] + ("0" * 12 if code[8:] != "0" * 12 else "1" * 12)
    for _ in range(3):
        with pytest.raises(services.ReceiptRejected) as rejected:
            services.tip_open_with_code(raw_code=wrong)
        assert rejected.value.reason == "invalid"
    # Locked now: even the right code waits (and no Argon2 work is done for the guesser).
    with pytest.raises(services.ReceiptRejected) as rejected:
        services.tip_open_with_code(raw_code=code)
    assert rejected.value.reason == "throttled"


def test_global_throttle_stops_guessing_spread_over_many_codes(ngo, settings):
    settings.SENIM_TIPS_RECEIPT_GLOBAL_FAILURES = 4
    _tip, code = submit(recipient=ngo)
    for prefix in range(4):
        with pytest.raises(services.ReceiptRejected):
            services.tip_open_with_code(raw_code=f"{prefix:08d}" + "1" * 12)
    with pytest.raises(services.ReceiptRejected) as rejected:
        services.tip_open_with_code(raw_code=code)
    assert rejected.value.reason == "throttled"


def test_recipient_isolation(ngo, other_ngo, ngo_worker, other_worker, investigator):
    tip, _code = submit(recipient=ngo)
    assert list(selectors.tip_queue(ngo_worker)) == [tip]
    assert list(selectors.tip_queue(other_worker)) == []
    assert list(selectors.tip_queue(investigator)) == []
    for outsider in (other_worker, investigator):
        with pytest.raises(PermissionDenied):
            services.tip_message_send(actor=outsider, tip=tip, body="?")
        with pytest.raises(PermissionDenied):
            services.tip_status_set(actor=outsider, tip=tip, status=TipStatus.CLOSED)
    assert not TipMessage.objects.exists()
    assert Tip.objects.get(pk=tip.pk).status == TipStatus.NEW


def test_queue_puts_urgent_first(ngo, ngo_worker):
    plain, _ = submit(recipient=ngo)
    child, _ = submit(recipient=ngo, involves_child=True)
    danger, _ = submit(recipient=ngo, immediate_danger=True)
    assert list(selectors.tip_queue(ngo_worker)) == [danger, child, plain]
    assert list(selectors.tip_queue(ngo_worker, selectors.TipFilters(urgent=True))) == [danger, child]


def test_thread_round_trip_and_audit(ngo, ngo_worker):
    tip, code = submit(recipient=ngo)
    services.tip_message_send(actor=ngo_worker, tip=tip, body="Где именно? Сколько людей?")
    opened = services.tip_open_with_code(raw_code=code)
    thread = services.reporter_thread(opened)
    assert [m.body for m in thread] == ["Где именно? Сколько людей?"]
    services.tip_reporter_reply(tip=opened, body="Трое, склад у рынка")
    tip.refresh_from_db()
    assert tip.status == TipStatus.IN_PROGRESS
    assert TipMessage.objects.get(author="reporter").body == "Трое, склад у рынка"
    assert actions_for(tip) == ["tip.submit", "tip.message", "tip.reporter_open", "tip.reporter_message"]
    reporter_events = AuditEvent.objects.filter(action__startswith="tip.reporter")
    assert all(e.actor_id is None and "ip" not in e.extra for e in reporter_events)


def test_forward_needs_the_reporters_agreement(ngo, police, ngo_worker, investigator):
    tip, _code = submit(recipient=ngo)
    request = services.tip_forward_request(actor=ngo_worker, tip=tip, to_recipient=police, note="Полиция поможет")
    tip.refresh_from_db()
    assert tip.recipient == ngo
    assert list(selectors.tip_queue(investigator)) == []
    services.tip_reporter_answer_forward(tip=tip, forward_request_id=request.pk, agree=False)
    tip.refresh_from_db()
    assert tip.recipient == ngo
    request2 = services.tip_forward_request(actor=ngo_worker, tip=tip, to_recipient=police)
    services.tip_reporter_answer_forward(tip=tip, forward_request_id=request2.pk, agree=True)
    tip.refresh_from_db()
    assert tip.recipient == police
    assert list(selectors.tip_queue(investigator)) == [tip]
    assert list(selectors.tip_queue(ngo_worker)) == []
    request2.refresh_from_db()
    assert request2.status == ForwardStatus.AGREED
    with pytest.raises(ValidationError):  # answered once
        services.tip_reporter_answer_forward(tip=tip, forward_request_id=request2.pk, agree=False)
    assert "tip.forward" in actions_for(tip)


def test_link_and_create_cases(ngo, police, ngo_worker, investigator):
    tip, _ = submit(recipient=ngo, involves_child=True, region="almaty_city")
    case = services.tip_assistance_case_create(actor=ngo_worker, tip=tip, given_name="Айгерим")
    assert isinstance(case, AssistanceCase) and case.is_minor
    assert list(tip.assistance_cases.all()) == [case]
    assert tip.persons.count() == 1
    existing = make_assistance_case(lead_organization=ngo.organization)
    services.tip_link(actor=ngo_worker, tip=tip, assistance_case=existing)
    assert tip.assistance_cases.count() == 2
    foreign = make_assistance_case()  # another organization's case: not visible, so not linkable
    with pytest.raises(ValidationError):
        services.tip_link(actor=ngo_worker, tip=tip, assistance_case=foreign)
    with pytest.raises(PermissionDenied):  # an NGO cannot register a criminal case
        services.tip_criminal_case_create(actor=ngo_worker, tip=tip, registry_number="1", articles=["cc.128"])
    police_tip, _ = submit(routing="police")
    criminal = services.tip_criminal_case_create(
        actor=investigator, tip=police_tip, registry_number="261234567890123", articles=["cc.128"], region="almaty_city"
    )
    assert list(police_tip.criminal_cases.all()) == [criminal]
    assert "tip.create_criminal_case" in actions_for(police_tip)


def test_spam_and_retention(ngo, ngo_worker, settings):
    settings.SENIM_TIPS_RETENTION_DAYS = 30
    settings.SENIM_TIPS_SPAM_RETENTION_DAYS = 3
    open_tip, _ = submit(recipient=ngo)
    closed, _ = submit(recipient=ngo)
    spam, _ = submit(recipient=ngo)
    recent, _ = submit(recipient=ngo)
    services.tip_message_send(actor=ngo_worker, tip=closed, body="?")
    services.tip_status_set(actor=ngo_worker, tip=closed, status=TipStatus.CLOSED)
    services.tip_mark_spam(actor=ngo_worker, tip=spam)
    services.tip_status_set(actor=ngo_worker, tip=recent, status=TipStatus.CLOSED)
    Tip.objects.filter(pk=closed.pk).update(closed_at=timezone.now() - timedelta(days=31))
    Tip.objects.filter(pk=spam.pk).update(closed_at=timezone.now() - timedelta(days=4))
    assert services.tip_purge_expired() == 2
    assert set(Tip.objects.values_list("pk", flat=True)) == {open_tip.pk, recent.pk}
    assert not TipMessage.objects.filter(tip_id=closed.pk).exists()
    assert AuditEvent.objects.filter(action="tip.purge").count() == 2
    assert AuditEvent.objects.filter(action="tip.spam", target_id=str(spam.pk)).exists()


def test_purge_job_and_command(ngo, ngo_worker):
    tip, _ = submit(recipient=ngo)
    services.tip_status_set(actor=ngo_worker, tip=tip, status=TipStatus.CLOSED)
    Tip.objects.filter(pk=tip.pk).update(closed_at=timezone.now() - timedelta(days=400))
    assert services.tip_purge_schedule() is True
    assert services.tip_purge_schedule() is False  # once a day
    run_pending(kinds=["tips.purge"])
    job = Job.objects.get(kind="tips.purge")
    assert job.status == "done" and job.result == {"deleted": 1}
    out = io.StringIO()
    call_command("purge_tips", stdout=out)
    assert "deleted 0" in out.getvalue()


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_attachments_are_checked_and_stripped(ngo, settings):
    raw = _jpeg_with_gps()
    assert b"SecretPhoneMaker" in raw
    tip, _ = submit(recipient=ngo, files=[("IMG_Aigerim_home.jpg", raw), ("note.txt", "адрес склада".encode())])
    stored = list(TipAttachment.objects.filter(tip=tip))
    assert [a.content_type for a in stored] == ["image/jpeg", "text/plain"]
    image_bytes = services.attachment_bytes(stored[0])
    assert b"SecretPhoneMaker" not in image_bytes
    with Image.open(io.BytesIO(image_bytes)) as cleaned:
        assert not cleaned.getexif()
    assert stored[0].name == "attachment.jpg"  # the original name could identify the reporter
    assert "IMG_Aigerim" not in database_text()
    with pytest.raises(ValidationError):
        submit(recipient=ngo, files=[("x.pdf", b"%PDF-1.4 binary \x00\x01\x02")])
    settings.SENIM_TIPS_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        submit(recipient=ngo, files=[("big.txt", b"a" * 101)])
    with pytest.raises(ValidationError):
        submit(recipient=ngo, files=[("t.txt", b"a")] * 4)


def test_recipient_register_needs_the_permission(ngo_worker):
    organization = make_organization(kind="ngo")
    with pytest.raises(PermissionDenied):
        services.tip_recipient_register(actor=ngo_worker, organization=organization)
