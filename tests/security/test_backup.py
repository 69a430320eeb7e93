"""`senim backup` and `senim restore` round-trip the whole database in an encrypted archive."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senim.cases.models import AssistanceCase
from senim.core.models import AuditEvent, User
from senim.core.selectors import audit_chain_break
from senim.core.testing.factories import make_assistance_case, make_record
from senim.people.models import PersonRecord

PASSPHRASE = "correct horse battery staple"


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_whole_database(tmp_path, monkeypatch):
    monkeypatch.setenv("SENIM_BACKUP_PASSPHRASE", PASSPHRASE)
    record = make_record(family_name="Резервная", notes="живёт у сестры")
    make_assistance_case(record=record)
    before = {
        "records": sorted((str(r.pk), r.family_name, r.notes) for r in PersonRecord.objects.all()),
        "cases": sorted(str(c.pk) for c in AssistanceCase.objects.all()),
        "users": User.objects.count(),
        "audit": list(AuditEvent.objects.order_by("sequence").values_list("sequence", "hash")),
    }
    archive = tmp_path / "senim.bak"
    call_command("backup", str(archive))
    blob = archive.read_bytes()
    assert "Резервная".encode() not in blob and "сестры".encode() not in blob
    assert archive.stat().st_mode & 0o077 == 0

    call_command("flush", interactive=False, verbosity=0)
    assert PersonRecord.objects.count() == 0
    call_command("restore", str(archive))
    after = {
        "records": sorted((str(r.pk), r.family_name, r.notes) for r in PersonRecord.objects.all()),
        "cases": sorted(str(c.pk) for c in AssistanceCase.objects.all()),
        "users": User.objects.count(),
        "audit": list(AuditEvent.objects.order_by("sequence").values_list("sequence", "hash")),
    }
    assert after == before
    assert audit_chain_break("main") is None


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_wrong_passphrase_and_a_damaged_archive(tmp_path, monkeypatch):
    monkeypatch.setenv("SENIM_BACKUP_PASSPHRASE", PASSPHRASE)
    make_record()
    archive = tmp_path / "senim.bak"
    call_command("backup", str(archive))
    monkeypatch.setenv("SENIM_BACKUP_PASSPHRASE", "another long passphrase")
    with pytest.raises(CommandError, match="wrong passphrase"):
        call_command("restore", str(archive))
    monkeypatch.setenv("SENIM_BACKUP_PASSPHRASE", PASSPHRASE)
    damaged = bytearray(archive.read_bytes())
    damaged[-5] ^= 1
    archive.write_bytes(bytes(damaged))
    with pytest.raises(CommandError):
        call_command("restore", str(archive))
