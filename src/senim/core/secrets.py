"""Local secrets for development and demo machines.

Production (SENIM_PRODUCTION=1) must provide every secret through the environment; a missing one is a
start-up error. Elsewhere, missing secrets are generated once into var/secrets.env (git-ignored) so a
fresh clone works with two commands and no secret is ever committed.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

REQUIRED = ("SENIM_SECRET_KEY", "SENIM_FIELD_KEYS", "SENIM_BLIND_INDEX_KEY")


class MissingSecretError(RuntimeError):
    pass


def _generate(name: str) -> str:
    if name == "SENIM_FIELD_KEYS":
        return "k1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return base64.urlsafe_b64encode(secrets.token_bytes(48)).decode()


def _read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.startswith("#"):
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip()
    return values


def load_secrets(var_dir: Path, *, production: bool) -> dict[str, str]:
    if production:
        missing = [name for name in REQUIRED if not os.environ.get(name)]
        if missing:
            raise MissingSecretError("missing secrets in the environment: " + ", ".join(missing))
        return {name: os.environ[name] for name in REQUIRED}
    path = var_dir / "secrets.env"
    stored = _read_env_file(path)
    changed = False
    for name in REQUIRED:
        if name not in stored:
            stored[name] = _generate(name)
            changed = True
    if changed:
        var_dir.mkdir(parents=True, exist_ok=True)
        body = "# Generated for this machine only. Never commit.\n" + "".join(f"{k}={v}\n" for k, v in stored.items())
        path.write_text(body, encoding="utf-8")
        path.chmod(0o600)
    return {name: os.environ.get(name) or stored[name] for name in REQUIRED}
