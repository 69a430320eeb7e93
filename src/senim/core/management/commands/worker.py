from typing import Any

from django.core.management.base import BaseCommand

from senim.core.worker import registered_kinds, run_forever, run_pending


class Command(BaseCommand):
    help = "Run background jobs (linkage, network analysis, imports)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="run queued jobs, then exit")
        parser.add_argument("--kind", action="append", dest="kinds", help="only jobs of this kind")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between polls when idle")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            count = run_pending(kinds=options["kinds"])
            self.stdout.write(f"ran {count} job(s)")
            return
        self.stdout.write("worker ready for: " + ", ".join(registered_kinds()))
        run_forever(poll_seconds=options["poll"], kinds=options["kinds"])
