"""`senim synth export --size S --seed N --out DIR`: write a synthetic world and its ground truth as files.

The files are the inputs of `senim link` and `senim network analyze` plus their truth; see docs/synth.md.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from senim.synth import NETWORKS_PER_SIZE, export_world, generate_world


class Command(BaseCommand):
    help = "Synthetic world tools. `synth export` writes a world with its ground truth as CSV files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write records, network and truth files into a directory")
        export.add_argument("--size", choices=sorted(NETWORKS_PER_SIZE), default="small")
        export.add_argument("--seed", type=int, default=1)
        export.add_argument("--networks", type=int, default=None, help="override the number of networks")
        export.add_argument("--out", required=True, help="directory to write (created if missing)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "export":
            raise CommandError(f"unknown action {options['action']!r}", returncode=2)
        networks = options["networks"]
        if networks is not None and networks < 1:
            raise CommandError("--networks must be at least 1", returncode=2)
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a directory", returncode=2)
        started = time.perf_counter()
        world = generate_world(options["size"], options["seed"], networks=networks)
        try:
            written = export_world(world, out)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error.strerror or error}", returncode=2) from None
        elapsed = time.perf_counter() - started
        for name, rows in written.items():
            self.stdout.write(f"{out / name}: {rows} rows")
        self.stdout.write(
            f"world {options['size']} seed {options['seed']}: {len(world.persons)} persons, "
            f"{len(world.records)} records in {elapsed:.1f} s"
        )
