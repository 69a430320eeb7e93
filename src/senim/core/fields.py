"""Encrypted model fields and the process-wide key ring."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import models

from senim.core import crypto


@lru_cache(maxsize=4)
def _keyring(spec: str) -> crypto.KeyRing:
    return crypto.KeyRing(spec)


def keyring() -> crypto.KeyRing:
    return _keyring(settings.SENIM_FIELD_KEYS)


def lookup_hash(kind: str, value: str) -> str:
    return crypto.blind_index(settings.SENIM_BLIND_INDEX_KEY.encode(), kind, value)


class EncryptedTextField(models.TextField):
    """Text stored AES-GCM encrypted; empty strings stay empty so "unknown" needs no ciphertext."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value:
            return value
        return keyring().decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return keyring().encrypt(str(value))

    def get_internal_type(self) -> str:
        return "TextField"
