"""Receipt codes (pure, no Django import).

A code is 20 random decimal digits, shown as five groups of four ("4821 0937 5512 0846 3391"):

- the first 8 digits are the *public part*: the server stores only a keyed HMAC of it (a blind index), so a
  look-up is one indexed query, never a scan over Argon2 hashes;
- the whole code is verified against an Argon2id hash, so the 12 secret digits (~40 bits) are what an
  attacker holding a database copy must guess, at the Argon2 cost per guess.

Online guessing is throttled separately (see `throttle.py`).
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PUBLIC_DIGITS = 8
SECRET_DIGITS = 12
CODE_DIGITS = PUBLIC_DIGITS + SECRET_DIGITS

# Argon2id, RFC 9106 "second recommended" low-memory profile: t=3, m=64 MiB, p=4 (argon2-cffi defaults).
_HASHER = PasswordHasher()
_DUMMIES: dict[tuple[int, int, int], str] = {}


def hasher(time_cost: int = 3, memory_kib: int = 65536, parallelism: int = 4) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def format_code(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(raw: str) -> str | None:
    """Digits only (spaces, dashes and dots as typed are ignored); None unless exactly 20 digits."""
    digits = "".join(ch for ch in raw if ch.isdigit() and ch.isascii())
    if len(digits) != CODE_DIGITS or any(ch not in "0123456789 -.\t" for ch in raw.strip()):
        return None
    return digits


def public_part(code: str) -> str:
    return code[:PUBLIC_DIGITS]


def hash_code(code: str, ph: PasswordHasher | None = None) -> str:
    return (ph or _HASHER).hash(code)


def verify_code(stored_hash: str, code: str, ph: PasswordHasher | None = None) -> bool:
    try:
        return (ph or _HASHER).verify(stored_hash, code)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def burn_time(code: str, ph: PasswordHasher | None = None) -> None:
    """Verify against a dummy hash when the public part is unknown: the answer takes as long either way."""
    ph = ph or _HASHER
    key = (ph.time_cost, ph.memory_cost, ph.parallelism)
    if key not in _DUMMIES:
        _DUMMIES[key] = ph.hash("0" * CODE_DIGITS)
    verify_code(_DUMMIES[key], code + "x", ph)
