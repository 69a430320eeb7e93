"""`senim seed --size small|medium|large --seed N [--flush] [--truth-dir DIR]`: a synthetic world in the
database, with one demo account per role (printed with its password)."""

from __future__ import annotations

import csv
import sys
import time
from argparse import ArgumentParser
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from senim.cases.models import CriminalCase
from senim.core.models import User
from senim.synth import NETWORKS_PER_SIZE, export_world, generate_world
from senim.synth.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from senim.synth.load import LoadResult, load_organizations, load_world

# Sizes whose default path is the services one (every write validated and audited one by one).
SERVICE_SIZES = {"small"}


def run_seed_hooks(*, warn: Any = None, **context: Any) -> list[str]:
    """Let other apps add their demo data: any `senim.<app>.synth_seed.seed_world(**context)` is called
    with world, result (LoadResult), organizations (key -> Organization) and staff (role -> User).

    Each hook runs in its own transaction. With `warn` (a callable taking a line), a failing hook is rolled
    back and reported there, and the others still run: one app's demo data must not break `make demo`.
    Without it the error propagates."""
    ran = []
    for config in apps.get_app_configs():
        if not config.name.startswith("senim.") or config.name == "senim.synth":
            continue
        module_name = f"{config.name}.synth_seed"
        if find_spec(module_name) is None:
            continue
        hook = getattr(import_module(module_name), "seed_world", None)
        if not callable(hook):
            continue
        try:
            with transaction.atomic():
                hook(**context)
        except Exception as error:
            if warn is None:
                raise
            warn(f"warning: demo data of {config.label} failed and was rolled back: {type(error).__name__}: {error}")
            continue
        ran.append(config.label)
    return ran


class Command(BaseCommand):
    help = "Seed a synthetic world (networks, cases, records in many spellings) and one demo account per role."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--size", choices=sorted(NETWORKS_PER_SIZE), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--networks", type=int, default=None, help="override the number of networks")
        parser.add_argument("--flush", action="store_true", help="empty the database first")
        parser.add_argument("--truth-dir", default="", help="also write the exports and ground truth here")
        parser.add_argument(
            "--method",
            choices=["auto", "services", "bulk"],
            default="auto",
            help="services (every write audited) or bulk; auto: services for small",
        )
        parser.add_argument(
            "--link",
            choices=["cases", "truth", "none"],
            default="cases",
            help="which records start on one Person (see docs/synth.md)",
        )
        parser.add_argument("--password", default=DEMO_PASSWORD, help="password of the demo accounts")
        parser.add_argument("--no-accounts", action="store_true", help="do not create the demo accounts")
        parser.add_argument("--strict", action="store_true", help="stop if another app's demo data fails")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        size: str = options["size"]
        networks = options["networks"]
        if networks is not None and networks < 1:
            raise CommandError("--networks must be at least 1", returncode=2)
        method = options["method"]
        if method == "auto":
            method = "services" if size in SERVICE_SIZES and (networks or 0) <= NETWORKS_PER_SIZE["small"] else "bulk"
        truth_dir = Path(options["truth_dir"]) if options["truth_dir"] else None
        if truth_dir is not None and truth_dir.exists() and not truth_dir.is_dir():
            raise CommandError(f"{truth_dir} exists and is not a directory", returncode=2)
        if options["flush"]:
            call_command("flush", interactive=False, verbosity=0)

        world = generate_world(size, options["seed"], networks=networks)
        usernames = [a.username for a in DEMO_ACCOUNTS]
        already = CriminalCase.objects.filter(registry_number__in=[c.id for c in world.criminal_cases[:5]]).exists()
        if already or (not options["no_accounts"] and User.objects.filter(username__in=usernames).exists()):
            raise CommandError("the database already holds a seeded world or demo accounts: use --flush", returncode=2)
        self.stdout.write(
            f"world {size} seed {options['seed']}: {len(world.networks)} networks, {len(world.persons)} persons, "
            f"{len(world.records)} records, {len(world.criminal_cases)} criminal and "
            f"{len(world.assistance_cases)} assistance cases; loading through {method}"
        )
        organizations = load_organizations(world, method=method)
        staff: dict[str, User] = {}
        if not options["no_accounts"]:
            try:
                staff = create_demo_accounts(organizations, password=options["password"])
            except ValidationError as error:
                raise CommandError(f"bad --password: {' '.join(error.messages)}", returncode=2) from None
        result = load_world(
            world,
            method=method,
            link=options["link"],
            organizations=organizations,
            staff=staff,
            progress=self._progress if options["verbosity"] >= 1 else None,
        )
        hooks = run_seed_hooks(
            world=world,
            result=result,
            organizations=organizations,
            staff=staff,
            warn=None if options["strict"] else (lambda line: self.stderr.write(line)),
        )
        if truth_dir is not None:
            export_world(world, truth_dir)
            write_db_ids(world, result, truth_dir / "db_ids.csv")
        elapsed = time.perf_counter() - started
        if options["verbosity"] >= 1:
            sys.stderr.write("\n")
        counts = result.counts()
        self.stdout.write(
            f"seeded in {elapsed:.1f} s: {counts['records']} person records on {counts['persons']} persons, "
            f"{counts['criminal_cases']} criminal cases, {counts['assistance_cases']} assistance cases"
            + (f"; extra demo data from {', '.join(hooks)}" if hooks else "")
        )
        if truth_dir is not None:
            self.stdout.write(f"exports and ground truth in {truth_dir}")
        if staff:
            self.stdout.write(f"\nDemo accounts (password for all: {options['password']}):")
            for account in DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<18} {account.role:<18} sees {account.sees}")

    def _progress(self, phase: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r  {phase:<32} {done:>8}/{total:<8}")
        sys.stderr.flush()


def write_db_ids(world: Any, result: LoadResult, path: Path) -> None:
    """Where each synthetic id went: kind,synthetic_id,db_id (records also give the Person they start on)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("kind", "synthetic_id", "db_id", "person_db_id"))
        for key, pk in result.organizations.items():
            writer.writerow(("organization", key, pk, ""))
        for record_id, pk in result.records.items():
            writer.writerow(("record", record_id, pk, result.persons[record_id]))
        for number, pk in result.criminal_cases.items():
            writer.writerow(("criminal_case", number, pk, ""))
        for key, pk in result.assistance_cases.items():
            writer.writerow(("assistance_case", key, pk, ""))
