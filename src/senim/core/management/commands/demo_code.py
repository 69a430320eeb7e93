from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Demo only: print the current TOTP code of a demo account, so a demo needs no authenticator app."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_code is refused in production", returncode=2)
        device = TOTPDevice.objects.filter(user__username=options["username"], confirmed=True).first()
        if device is None:
            raise CommandError(f"no confirmed TOTP device for {options['username']!r}", returncode=2)
        totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
