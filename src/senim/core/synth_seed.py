"""`senim seed` hook: pre-enrol the demo accounts' second factor and print each TOTP secret, so a demo
can sign in with any authenticator app (or `oathtool --totp -b <secret>`). Also written to
var/demo-totp.txt (mode 0600). Demo only: real accounts enrol themselves on first sign-in."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings

from senim.core import twofactor


def seed_world(*, staff: dict[str, Any], **_: Any) -> None:
    if not staff:
        return
    lines = ["", "Demo accounts' two-factor secrets (TOTP, 6 digits, 30 s; add to an authenticator app):"]
    for role, user in sorted(staff.items()):
        device = twofactor.totp_enrol_confirmed(actor=None, user=user)
        lines.append(f"  {user.username:<18} {twofactor.base32_secret(device)}  {role}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    path = settings.VAR_DIR / "demo-totp.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
