import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from senim.core import crypto
from senim.core.audit_chain import GENESIS, event_hash, verify_chain
from senim.core.models import AuditEvent
from senim.core.selectors import audit_chain_break
from senim.core.services import audit_record
from senim.core.testing.factories import make_user
from senim.core.testing.tamper import audit_guard_lifted


def test_keyring_round_trip_and_rotation():
    old_spec = crypto.new_key_spec("k1")
    old = crypto.KeyRing(old_spec)
    token = old.encrypt("Гульнара Абдуллаева")
    assert "Гульнара" not in token and token.startswith("v1$k1$")
    assert old.decrypt(token) == "Гульнара Абдуллаева"
    rotated = crypto.KeyRing(crypto.new_key_spec("k2") + "," + old_spec)
    assert rotated.current == "k2"
    assert rotated.decrypt(token) == "Гульнара Абдуллаева"
    assert rotated.needs_rotation(token)
    assert not rotated.needs_rotation(rotated.encrypt("x"))


def test_keyring_rejects_bad_specs_and_unknown_keys():
    with pytest.raises(crypto.KeyRingError):
        crypto.KeyRing("")
    with pytest.raises(crypto.KeyRingError):
        crypto.KeyRing("k1:c2hvcnQ=")
    ring = crypto.KeyRing(crypto.new_key_spec("k1"))
    other = crypto.KeyRing(crypto.new_key_spec("k9"))
    with pytest.raises(crypto.KeyRingError):
        ring.decrypt(other.encrypt("secret"))


def test_blind_index_is_keyed_and_normalised():
    key = b"k" * 32
    assert crypto.blind_index(key, "phone", "+7 701 000 0000") == crypto.blind_index(key, "phone", "+7  701 000 0000")
    assert crypto.blind_index(key, "phone", "x") != crypto.blind_index(key, "document", "x")
    assert crypto.blind_index(key, "phone", "x") != crypto.blind_index(b"j" * 32, "phone", "x")


def test_verify_chain_pure_detects_each_tampering():
    payloads = [{"n": i} for i in range(1, 5)]
    rows, previous = [], GENESIS
    for i, payload in enumerate(payloads, start=1):
        digest = event_hash(previous, payload)
        rows.append((i, previous, digest, payload))
        previous = digest
    assert verify_chain(rows) is None
    edited = [*rows[:2], (3, rows[2][1], rows[2][2], {"n": 99}), rows[3]]
    assert verify_chain(edited).sequence == 3
    deleted = [rows[0], rows[2], rows[3]]
    assert verify_chain(deleted).sequence == 3
    reordered = [rows[1], rows[0], rows[2], rows[3]]
    assert verify_chain(reordered).sequence == 2


@pytest.mark.django_db(transaction=True)
def test_audit_verify_command_catches_a_row_edited_in_the_database():
    user = make_user("coordinator")
    for i in range(3):
        audit_record(actor=user, action="test.event", extra={"i": i})
    assert audit_chain_break("main") is None
    call_command("audit", "verify")
    victim = AuditEvent.objects.filter(action="test.event").order_by("sequence")[1]
    with audit_guard_lifted(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["test.changed", victim.id])
    found = audit_chain_break("main")
    assert found is not None and found.sequence == victim.sequence
    with pytest.raises(CommandError):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_through_the_application():
    event = audit_record(actor=None, action="test.event")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


@pytest.mark.django_db
def test_audit_event_names_changed_fields_but_not_values():
    user = make_user("coordinator")
    event = audit_record(actor=user, action="x.update", changed_fields=["family_name", "family_name", "notes"])
    assert event.changed_fields == ["family_name", "notes"]
    assert event.actor_role == "coordinator"
    assert event.actor_organization_id == user.organization_id
