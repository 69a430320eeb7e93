from typing import Any

from django.core.management.base import BaseCommand, CommandError

from senim.core.selectors import audit_chain_break, audit_chains


class Command(BaseCommand):
    help = "Audit log tools. `senim audit verify` walks every hash chain and reports the first broken link."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        broken = False
        for chain in audit_chains():
            found = audit_chain_break(chain)
            if found is None:
                self.stdout.write(f"chain {chain}: intact")
            else:
                broken = True
                self.stdout.write(f"chain {chain}: BROKEN at event {found.sequence}: {found.reason}")
        if broken:
            raise CommandError("audit log has been tampered with", returncode=1)
