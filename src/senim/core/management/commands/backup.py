import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from senim.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write an encrypted archive of the whole database (passphrase from SENIM_BACKUP_PASSPHRASE)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("output", help="archive file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        passphrase = os.environ.get("SENIM_BACKUP_PASSPHRASE", "")
        try:
            size = backup(Path(options["output"]), passphrase)
        except (BackupError, OSError) as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(f"wrote {options['output']} ({size} bytes, encrypted)")
