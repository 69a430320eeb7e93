"""Field encryption (AES-GCM with key ids) and HMAC blind indexes. No Django import.

Ciphertext format: ``v1$<key id>$<base64url(nonce ‖ ciphertext ‖ tag)>``. The key id travels with each
value so keys can rotate without downtime: new writes use the first key, reads use whichever key the
value names, and `senim rotate-keys` re-encrypts old values in the background.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "v1"


class KeyRingError(ValueError):
    pass


class KeyRing:
    def __init__(self, spec: str) -> None:
        """`spec` is ``kid:base64key[,kid:base64key…]``; the first key encrypts, all keys decrypt."""
        self.keys: dict[str, AESGCM] = {}
        self.order: list[str] = []
        for part in (p.strip() for p in spec.split(",") if p.strip()):
            kid, sep, encoded = part.partition(":")
            if not sep or not kid or "$" in kid:
                raise KeyRingError("each field key must look like kid:base64key")
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            if len(raw) != 32:
                raise KeyRingError(f"field key {kid} must be 32 bytes")
            self.keys[kid] = AESGCM(raw)
            self.order.append(kid)
        if not self.order:
            raise KeyRingError("no field key configured")

    @property
    def current(self) -> str:
        return self.order[0]

    def encrypt(self, plaintext: str, *, associated_data: bytes = b"") -> str:
        nonce = os.urandom(12)
        sealed = self.keys[self.current].encrypt(nonce, plaintext.encode("utf-8"), associated_data or None)
        return f"{PREFIX}${self.current}${base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, *, associated_data: bytes = b"") -> str:
        prefix, kid, body = key_id_parts(token)
        if prefix != PREFIX or kid not in self.keys:
            raise KeyRingError(f"cannot decrypt value encrypted with key {kid!r}")
        raw = base64.urlsafe_b64decode(body)
        return self.keys[kid].decrypt(raw[:12], raw[12:], associated_data or None).decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        return key_id_parts(token)[1] != self.current


def key_id_parts(token: str) -> tuple[str, str, str]:
    parts = token.split("$", 2)
    if len(parts) != 3:
        raise KeyRingError("value is not an encrypted token")
    return parts[0], parts[1], parts[2]


def new_key_spec(kid: str) -> str:
    return f"{kid}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"


def normalise_for_index(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def blind_index(key: bytes, kind: str, value: str) -> str:
    """Keyed hash for exact look-ups of encrypted values; `kind` separates domains (phone vs document)."""
    message = f"{kind}\x1f{normalise_for_index(value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
