"""Personal data is encrypted at rest: after seeding, neither the raw SQLite file nor a pg_dump of the
PostgreSQL database contains any seeded name, phone, document number, address, birth date or note."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from senim.core import crypto, rotation
from senim.core.fields import keyring, lookup_hash
from senim.core.testing.factories import make_assistance_case, make_organization, make_record
from senim.people.models import Identifier, PersonRecord
from senim.people.services import IdentifierInput

# Organization names are not personal data and are stored in the clear: finding this one proves the scan
# really reads the stored rows.
CONTROL = "Приют Контрольный-Маркер"

# Planted through the factories (always): every kind of personal field.
PLANTED = {
    "family_name": "Нурмаханбетова",
    "given_name": "Айгерим",
    "patronymic": "Серикболовна",
    "latin_name": "Nurmakhanbetova",
    "birth_date": "1911-02-03",
    "phone": "+77015550123",
    "document": "N07734521",
    "address": "ул. Жибек жолы 135, кв. 48",
    "notes": "боится возвращаться в Шымкент",
    "case_summary": "работала без оплаты на теплице",
}


def _seed_with_factories() -> None:
    org = make_organization(kind="ngo", name=CONTROL)
    record = make_record(
        organization=org,
        family_name=PLANTED["family_name"],
        given_name=PLANTED["given_name"],
        patronymic=PLANTED["patronymic"],
        birth_date=PLANTED["birth_date"],
        notes=PLANTED["notes"],
        identifiers=[
            IdentifierInput(kind="phone", value=PLANTED["phone"]),
            IdentifierInput(kind="document", value=PLANTED["document"]),
            IdentifierInput(kind="address", value=PLANTED["address"]),
        ],
    )
    make_record(organization=org, full_name=f"{PLANTED['latin_name']} Aigerim", person=record.person)
    make_assistance_case(lead_organization=org, record=record, summary=PLANTED["case_summary"])


def _strong(marker: str) -> bool:
    """A marker that cannot occur by chance inside base64url ciphertext: non-ASCII, or long enough."""
    return bool(marker) and (not marker.isascii() or len(re.sub(r"[^A-Za-z0-9_-]", "", marker)) >= 7)


def _seed_synthetic_world() -> list[str]:
    """`senim seed` when the synth app provides it: markers are that world's names, phones and documents."""
    if find_spec("senim.synth.management.commands.seed") is None:
        return []
    from senim.synth import generate_world

    call_command("seed", "--size", "small", "--seed", "7", "--networks", "1", "--no-accounts", verbosity=0)
    world = generate_world("small", 7, networks=1)
    markers = []
    for record in world.records:
        markers += [record.family_name, record.full_name, record.patronymic]
    markers += [i.value for i in world.identifiers if i.kind in ("phone", "document")]
    return sorted({m for m in markers if _strong(m)})


def _find(blob: bytes, markers: list[str]) -> list[str]:
    return [m for m in markers if m.encode("utf-8") in blob or m.encode("utf-16-le") in blob]


def _snapshot_bytes(tmp_path: Path) -> bytes:
    if connection.vendor == "sqlite":
        target = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return target.read_bytes()
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        command = ["pg_dump", "--no-owner", "-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432)]
        command += ["-U", params["USER"] or "postgres", params["NAME"]]
        env = {"PGPASSWORD": params["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
        return subprocess.run(command, check=True, capture_output=True, env=env, timeout=120).stdout
    pytest.skip(f"no raw snapshot for {connection.vendor}")


@pytest.mark.django_db(transaction=True)
def test_raw_database_contains_no_seeded_personal_data(tmp_path):
    _seed_with_factories()
    synthetic = _seed_synthetic_world()
    markers = sorted({m for m in PLANTED.values() if _strong(m)} | set(synthetic))
    markers += ["77015550123", "07734521"]  # digits only, as a careless serializer might store them
    # Sanity: the application reads everything back in the clear.
    stored = {r.family_name for r in PersonRecord.objects.all()}
    assert PLANTED["family_name"] in stored
    blob = _snapshot_bytes(tmp_path)
    assert len(blob) > 10_000
    assert b"v1$" in blob  # ciphertext is there...
    assert _find(blob, [CONTROL]) == [CONTROL]  # the scan sees plaintext where there is some...
    assert _find(blob, markers) == []  # ...and there is none of the personal data
    if synthetic:
        assert len(synthetic) > 20


@pytest.mark.django_db
def test_exact_lookups_use_blind_indexes_not_plaintext():
    _seed_with_factories()
    identifier = Identifier.objects.get(kind="phone", value_hash=lookup_hash("phone", PLANTED["phone"]))
    assert identifier.value == PLANTED["phone"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT value, value_hash FROM people_identifier WHERE id = %s",
            [identifier.pk.hex if connection.vendor == "sqlite" else identifier.pk],
        )
        raw_value, raw_hash = cursor.fetchone()
    assert raw_value.startswith("v1$") and PLANTED["phone"] not in raw_value
    assert re.fullmatch(r"[0-9a-f]{64}", raw_hash)


@pytest.mark.django_db(transaction=True)
def test_rotate_keys_re_encrypts_everything_without_downtime(settings):
    _seed_with_factories()
    old_spec = settings.SENIM_FIELD_KEYS
    old_kid = keyring().current
    before = {r.pk: (r.family_name, r.notes, r.birth_date) for r in PersonRecord.objects.all()}
    new_spec = crypto.new_key_spec("rot2")
    settings.SENIM_FIELD_KEYS = f"{new_spec},{old_spec}"
    assert keyring().current == "rot2"
    waiting = sum(rotation.pending().values())
    assert waiting > 0

    # During the rotation the application keeps reading (old and new values) and writing (new key).
    seen_midway = []

    def midway(table: str, done: int) -> None:
        seen_midway.append({r.pk: (r.family_name, r.notes, r.birth_date) for r in PersonRecord.objects.all()})

    rewritten = rotation.rotate(batch_size=1, progress=midway)
    assert sum(rewritten.values()) == waiting
    assert all(snapshot == before for snapshot in seen_midway if set(snapshot) == set(before))
    assert sum(rotation.pending().values()) == 0
    call_command("rotate-keys", "--check")

    # The old key can now go: everything reads with the new key alone, nothing with the old key alone.
    settings.SENIM_FIELD_KEYS = new_spec
    assert {r.pk: (r.family_name, r.notes, r.birth_date) for r in PersonRecord.objects.all()} == before
    with override_settings(SENIM_FIELD_KEYS=old_spec), pytest.raises(crypto.KeyRingError):
        list(PersonRecord.objects.values_list("family_name", flat=True))
    assert old_kid != "rot2"


@pytest.mark.django_db(transaction=True)
def test_rotate_keys_command_reports_and_check_fails_while_values_remain(settings):
    from django.core.management.base import CommandError

    _seed_with_factories()
    settings.SENIM_FIELD_KEYS = f"{crypto.new_key_spec('rot3')},{settings.SENIM_FIELD_KEYS}"
    with pytest.raises(CommandError):
        call_command("rotate-keys", "--check")
    call_command("rotate-keys", "--batch-size", "2")
    call_command("rotate-keys", "--check")
