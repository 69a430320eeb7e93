"""`senim link INPUT.csv -o OUTPUT.csv [--threshold P] [--engine duckdb|spark]` (issue 6, docs/linkage.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senim.linkage import model
from senim.linkage.batch import ENGINES, BatchInputError, ProgressBar, run


class Command(BaseCommand):
    help = (
        "Link person records written in any script into clusters of one person each. Input: UTF-8 CSV with "
        "record_id and optional given_name, family_name, patronymic, full_name, sex, birth_date, citizenship, "
        "document_number, phone, address. Output: record_id,cluster_id for every input record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="UTF-8 CSV file with a header and a record_id column")
        parser.add_argument("-o", "--output", required=True, help="where to write record_id,cluster_id")
        parser.add_argument(
            "--threshold",
            type=float,
            default=model.DEFAULT_THRESHOLD,
            help=f"pairwise match probability to join two records (default {model.DEFAULT_THRESHOLD})",
        )
        parser.add_argument("--engine", choices=ENGINES, default="duckdb", help="Splink backend (default duckdb)")
        parser.add_argument("--quiet", action="store_true", help="no progress bar on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = run(
                options["input"],
                options["output"],
                threshold=options["threshold"],
                engine=options["engine"],
                progress=ProgressBar(self.stderr._out, enabled=not options["quiet"]),  # type: ignore[arg-type]
            )
        except BatchInputError as exc:
            raise CommandError(str(exc).splitlines()[0], returncode=2)
        self.stderr.write(f"{counts['records']} records in {counts['clusters']} clusters")
