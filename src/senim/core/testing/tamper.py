"""What an attacker with direct database access can do, for tests and drills: lift the database guard on the
audit table for the duration of a block. The application never calls this; verification must catch
whatever is done inside it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def audit_guard_lifted() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER audit_append_only")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER audit_append_only")
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "CREATE TRIGGER IF NOT EXISTS audit_append_only BEFORE UPDATE ON core_auditevent "
                    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
                )
