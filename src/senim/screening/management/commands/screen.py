"""`senim screen FILE.json|-`: assess indicator sets in batch (contract in issue 4, docs/screening.md)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senim.screening.batch import BatchInputError, screen_text
from senim.screening.engine import DEFAULT_CATALOGUE_VERSION, load_catalogue


class Command(BaseCommand):
    help = (
        'Screen {"set": ..., "indicators": [...]} objects (or a JSON list of them) with the ILO/EC indicator '
        "engine; writes one JSON result per input object, one per line, in input order."
    )
    # A pure batch tool: no database, so no system checks (their warnings would break the one-line error).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="UTF-8 JSON file, or - for standard input")
        parser.add_argument(
            "--full",
            action="store_true",
            help="also write catalogue version, Palermo view, urgent flags, recommendation and warnings",
        )
        parser.add_argument("--catalogue", default=DEFAULT_CATALOGUE_VERSION, help="indicator catalogue version")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"]
        try:
            if source == "-":
                text = sys.stdin.buffer.read().decode("utf-8")
            else:
                text = Path(source).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"no such file: {source}", returncode=2)
        except UnicodeDecodeError:
            raise CommandError(f"{source} is not UTF-8", returncode=2)
        except OSError as exc:
            raise CommandError(f"cannot read {source}: {exc.strerror}", returncode=2)
        try:
            catalogue = load_catalogue(options["catalogue"])
        except FileNotFoundError as exc:
            raise CommandError(str(exc), returncode=2)
        try:
            results = screen_text(catalogue, text, full=options["full"])
        except BatchInputError as exc:
            raise CommandError(str(exc), returncode=2)
        for result in results:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
