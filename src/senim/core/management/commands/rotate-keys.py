from typing import Any

from django.core.management.base import BaseCommand, CommandError

from senim.core import rotation
from senim.core.fields import keyring
from senim.core.services import audit_record


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of SENIM_FIELD_KEYS, in batches, while the "
        "application runs. Put the new key first (SENIM_FIELD_KEYS=new:…,old:…), restart, run this, then "
        "remove the old key once `--check` reports nothing left."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--check", action="store_true", help="only count values still on an old key; exit 1 if any")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1", returncode=2)
        current = keyring().current
        if options["check"]:
            left = rotation.pending()
            total = sum(left.values())
            for table, count in sorted(left.items()):
                self.stdout.write(f"{table}: {count} value(s) not on key {current}")
            if total:
                raise CommandError(f"{total} value(s) still encrypted with an old key", returncode=1)
            self.stdout.write(f"every value is encrypted with key {current}")
            return
        done = rotation.rotate(batch_size=options["batch_size"])
        total = sum(done.values())
        audit_record(actor=None, action="crypto.rotate_keys", extra={"key": current, "values": total})
        for table, count in sorted(done.items()):
            self.stdout.write(f"{table}: {count} value(s) re-encrypted")
        self.stdout.write(f"{total} value(s) re-encrypted with key {current}")
