import os
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from senim.core.backup import BackupError, restore
from senim.core.selectors import audit_chain_break, audit_chains


class Command(BaseCommand):
    help = "Restore an encrypted archive written by `senim backup` into an empty (or --flush'ed) database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive")
        parser.add_argument("--flush", action="store_true", help="empty the database first")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file", returncode=2)
        if options["flush"]:
            call_command("flush", interactive=False, verbosity=0)
        try:
            restore(path, os.environ.get("SENIM_BACKUP_PASSPHRASE", ""))
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        broken = [chain for chain in audit_chains() if audit_chain_break(chain) is not None]
        if broken:
            raise CommandError(f"restored, but the audit chain is broken: {', '.join(broken)}", returncode=1)
        self.stdout.write(f"restored {path}; audit chain intact")
