"""Re-encrypt every EncryptedTextField value with the current (first) field key, in small batches.

No downtime: the application keeps running with both keys configured (`SENIM_FIELD_KEYS=new:…,old:…`);
new writes already use the new key, reads use whichever key a value names. Each batch is its own short
transaction, and each value is swapped only if it is still the one that was read (compare-and-swap), so
a concurrent edit is never overwritten. When `pending()` is zero the old key can be removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from senim.core.fields import EncryptedTextField, keyring


@dataclass(frozen=True)
class EncryptedColumns:
    model: type[models.Model]
    table: str
    pk: str
    columns: tuple[str, ...]


def encrypted_columns() -> list[EncryptedColumns]:
    found = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or model._meta.db_table not in tables:
            continue
        columns = tuple(f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField))
        if columns:
            found.append(EncryptedColumns(model, model._meta.db_table, model._meta.pk.column, columns))
    return found


def _batches(spec: EncryptedColumns, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
    q = connection.ops.quote_name
    select = ", ".join([q(spec.pk), *(q(c) for c in spec.columns)])
    last: Any = None
    while True:
        with connection.cursor() as cursor:
            if last is None:
                cursor.execute(f"SELECT {select} FROM {q(spec.table)} ORDER BY {q(spec.pk)} LIMIT %s", [batch_size])  # noqa: S608
            else:
                cursor.execute(
                    f"SELECT {select} FROM {q(spec.table)} WHERE {q(spec.pk)} > %s ORDER BY {q(spec.pk)} LIMIT %s",  # noqa: S608
                    [last, batch_size],
                )
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def pending() -> dict[str, int]:
    """Values per table still encrypted with a key other than the current one."""
    ring = keyring()
    counts: dict[str, int] = {}
    for spec in encrypted_columns():
        total = 0
        for rows in _batches(spec, 2000):
            total += sum(1 for row in rows for value in row[1:] if value and ring.needs_rotation(value))
        counts[spec.table] = total
    return counts


def rotate(*, batch_size: int = 500, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Re-encrypt old values; returns how many values were rewritten per table."""
    ring = keyring()
    q = connection.ops.quote_name
    rewritten: dict[str, int] = {}
    for spec in encrypted_columns():
        count = 0
        for rows in _batches(spec, batch_size):
            with transaction.atomic(), connection.cursor() as cursor:
                for row in rows:
                    pk = row[0]
                    for column, value in zip(spec.columns, row[1:], strict=True):
                        if not value or not ring.needs_rotation(value):
                            continue
                        fresh = ring.encrypt(ring.decrypt(value))
                        cursor.execute(
                            f"UPDATE {q(spec.table)} SET {q(column)} = %s WHERE {q(spec.pk)} = %s AND {q(column)} = %s",  # noqa: S608
                            [fresh, pk, value],
                        )
                        count += cursor.rowcount
            if progress is not None:
                progress(spec.table, count)
        rewritten[spec.table] = count
    return rewritten
