"""Encrypted whole-database archives: `senim backup` / `senim restore`.

Format: ``SENIMBK1`` ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM(gzip(Django XML fixture of every app)). The key
is derived with scrypt from the passphrase in `SENIM_BACKUP_PASSPHRASE` (never stored with the archive);
the header is authenticated. Inside, personal fields are in the clear (they are re-encrypted with the
current field key on restore), so the archive as a whole is encrypted and a lost copy reveals nothing.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.core.management import call_command

MAGIC = b"SENIMBK1"
EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(ValueError):
    pass


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 12:
        raise BackupError("the backup passphrase must be at least 12 characters")
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def backup(path: Path, passphrase: str) -> int:
    buffer = io.StringIO()
    # XML keeps microseconds (Django's JSON encoder cuts them to milliseconds, which would break the
    # audit hashes, which cover the exact time).
    call_command("dumpdata", exclude=EXCLUDE, format="xml", stdout=buffer, verbosity=0)
    plain = gzip.compress(buffer.getvalue().encode("utf-8"))
    salt, nonce = os.urandom(16), os.urandom(12)
    header = MAGIC + salt + nonce
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, header)
    path.write_bytes(header + sealed)
    path.chmod(0o600)
    return len(header) + len(sealed)


def restore(path: Path, passphrase: str) -> None:
    """Load an archive into an empty database (run `senim migrate` first; `--flush` empties it)."""
    blob = path.read_bytes()
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 28:
        raise BackupError("not a Senim backup archive")
    header, sealed = blob[: len(MAGIC) + 28], blob[len(MAGIC) + 28 :]
    salt, nonce = header[len(MAGIC) : len(MAGIC) + 16], header[len(MAGIC) + 16 :]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed, header)
    except InvalidTag:
        raise BackupError("wrong passphrase or damaged archive") from None
    fixture = path.with_suffix(".restore.xml")
    try:
        fixture.write_bytes(gzip.decompress(plain))
        fixture.chmod(0o600)
        call_command("loaddata", str(fixture), verbosity=0)
    finally:
        fixture.unlink(missing_ok=True)
