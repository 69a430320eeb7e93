"""Tamper-evident audit log. tests/core covers an edited row; here: deleted, truncated, reordered, forged
and re-hashed rows, the database guard, the ORM guard, and concurrent appends on PostgreSQL."""

from __future__ import annotations

import io
import json
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction

from senim.core.audit_chain import event_hash
from senim.core.models import AuditEvent
from senim.core.selectors import audit_chain_break
from senim.core.services import audit_payload, audit_record
from senim.core.testing.factories import make_user
from senim.core.testing.tamper import audit_guard_lifted


def _chain(n: int = 5) -> list[AuditEvent]:
    user = make_user("investigator")
    for i in range(n):
        audit_record(actor=user, action="person.view", target=("people.person", f"p{i}"), extra={"i": i})
    return list(AuditEvent.objects.filter(chain="main").order_by("sequence"))


def _sql(statement: str, params: list) -> None:
    with audit_guard_lifted(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify_fails_at(sequence: int) -> None:
    found = audit_chain_break("main")
    assert found is not None and found.sequence == sequence, found
    with pytest.raises(CommandError):
        call_command("audit", "verify")


@pytest.mark.django_db(transaction=True)
def test_a_deleted_row_in_the_middle_is_caught():
    events = _chain()
    _sql("DELETE FROM core_auditevent WHERE id = %s", [events[2].id])
    _verify_fails_at(events[3].sequence)


@pytest.mark.django_db(transaction=True)
def test_rows_cut_off_the_end_are_caught():
    events = _chain()
    _sql("DELETE FROM core_auditevent WHERE id IN (%s, %s)", [events[-1].id, events[-2].id])
    found = audit_chain_break("main")
    assert found is not None and "head" in found.reason


@pytest.mark.django_db(transaction=True)
def test_reordered_rows_are_caught():
    events = _chain()
    a, b = events[1], events[2]
    _sql("UPDATE core_auditevent SET sequence = %s WHERE id = %s", [-1, a.id])
    _sql("UPDATE core_auditevent SET sequence = %s WHERE id = %s", [a.sequence, b.id])
    _sql("UPDATE core_auditevent SET sequence = %s WHERE id = %s", [b.sequence, a.id])
    _verify_fails_at(a.sequence)


@pytest.mark.django_db(transaction=True)
def test_an_edited_row_whose_hash_was_recomputed_is_caught_by_the_next_link():
    events = _chain()
    target = events[1]
    target.action = "person.search"
    forged = event_hash(target.previous_hash, audit_payload(target))
    _sql("UPDATE core_auditevent SET action = %s, hash = %s WHERE id = %s", ["person.search", forged, target.id])
    _verify_fails_at(events[2].sequence)


@pytest.mark.django_db(transaction=True)
def test_a_forged_row_appended_without_the_head_is_caught():
    events = _chain(3)
    last = events[-1]
    payload = audit_payload(last) | {"sequence": last.sequence + 1, "action": "forged"}
    digest = event_hash(last.hash, payload)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (chain, sequence, occurred_at, actor_role, action, target_type,"
            " target_id, changed_fields, extra, previous_hash, hash)"
            " VALUES (%s, %s, %s, '', 'forged', '', '', '[]', '{}', %s, %s)",
            ["main", last.sequence + 1, last.occurred_at, last.hash, digest],
        )
    assert audit_chain_break("main") is not None


# ------------------------------------------------------------------------------------------- anchors


def _rewrite_from(events: list[AuditEvent], start: int, action: str) -> None:
    """What someone who owns the database can do: edit one event, re-hash it and every later one, and move
    the head, so that the chain on its own is consistent again."""
    previous = events[start].previous_hash
    for event in events[start:]:
        if event is events[start]:
            event.action = action
        event.previous_hash = previous
        event.hash = event_hash(previous, audit_payload(event))
        _sql(
            "UPDATE core_auditevent SET action = %s, previous_hash = %s, hash = %s WHERE id = %s",
            [event.action, event.previous_hash, event.hash, event.id],
        )
        previous = event.hash
    _sql("UPDATE core_auditchainhead SET last_hash = %s WHERE chain = %s", [previous, "main"])


def _verify_with(anchors) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", "--anchors", str(anchors), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_consistently_rewritten_chain_passes_on_its_own_but_not_against_its_anchor(tmp_path):
    events = _chain()
    anchors = tmp_path / "anchors.jsonl"
    call_command("audit", "anchor", "-o", str(anchors), stderr=io.StringIO())
    assert _verify_with(anchors)[0] == 0
    _rewrite_from(events, 1, "person.search")
    assert audit_chain_break("main") is None  # the chain alone cannot tell: this is what anchors are for
    code, out = _verify_with(anchors)
    assert code == 1
    assert f"chain main: BROKEN at event {events[-1].sequence}" in out and "rewritten" in out


@pytest.mark.django_db(transaction=True)
def test_anchors_keep_holding_as_the_chain_grows(tmp_path):
    first_end = _chain(3)[-1].sequence
    anchors = tmp_path / "anchors.jsonl"
    call_command("audit", "anchor", "-o", str(anchors), stderr=io.StringIO())
    second_end = _chain(4)[-1].sequence
    call_command("audit", "anchor", "-o", str(anchors), stderr=io.StringIO())
    lines = anchors.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["sequence"] for line in lines] == [first_end, second_end]
    assert anchors.stat().st_mode & 0o077 == 0
    code, out = _verify_with(anchors)
    assert code == 0 and "2 anchors: every one still holds" in out


@pytest.mark.django_db(transaction=True)
def test_an_anchored_end_cut_off_with_the_head_moved_back_is_caught(tmp_path):
    events = _chain()
    anchors = tmp_path / "anchors.jsonl"
    call_command("audit", "anchor", "-o", str(anchors), stderr=io.StringIO())
    _sql("DELETE FROM core_auditevent WHERE id IN (%s, %s)", [events[-1].id, events[-2].id])
    _sql(
        "UPDATE core_auditchainhead SET last_hash = %s, length = %s WHERE chain = %s",
        [events[-3].hash, events[-3].sequence, "main"],
    )
    assert audit_chain_break("main") is None
    code, out = _verify_with(anchors)
    assert code == 1 and "is gone" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json\n", "line 1 is not an anchor"),
        (b'{"chain": "main", "sequence": 1}\n', "line 1 is not an anchor"),
        (b'\n{"chain": "main", "sequence": 0, "hash": "' + b"a" * 64 + b'"}\n', "line 2 is not an anchor"),
        (b"\xff\xfe\x00", "is not UTF-8"),
    ],
)
def test_a_bad_anchors_file_exits_2_with_one_line(tmp_path, content, expected):
    anchors = tmp_path / "anchors.jsonl"
    anchors.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify", "--anchors", str(anchors), stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert expected in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.django_db
def test_a_missing_anchors_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify", "--anchors", str(tmp_path / "nowhere.jsonl"), stdout=io.StringIO())
    assert raised.value.returncode == 2 and "cannot read" in str(raised.value)


@pytest.mark.django_db(transaction=True)
def test_raw_updates_are_refused_by_the_database_guard():
    events = _chain(2)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [events[0].id])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[0].id])
    assert audit_chain_break("main") is None


@pytest.mark.django_db
def test_the_application_cannot_change_the_log_even_in_bulk():
    _chain(2)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(chain="main").update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(chain="main").delete()
    assert audit_chain_break("main") is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what PostgreSQL needs; SQLite serialises")
def test_concurrent_appends_on_postgresql_keep_one_unbroken_chain():
    user = make_user("investigator")
    threads, per_thread, errors = 8, 25, []
    barrier = threading.Barrier(threads)

    def work(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    audit_record(actor=user, action="person.view", target=("people.person", f"t{n}-{i}"))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert not errors, errors
    sequences = list(AuditEvent.objects.filter(chain="main").order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))
    assert AuditEvent.objects.filter(action="person.view").count() == threads * per_thread
    assert audit_chain_break("main") is None
