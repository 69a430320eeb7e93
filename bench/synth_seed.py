"""How long the synthetic world takes to generate, export and seed, on SQLite and PostgreSQL.

    .venv/bin/python bench/synth_seed.py [--quick] [--no-postgres] [--large]

Each seed runs in a fresh database in its own process (migrate first, untimed), timing `senim seed` alone and
reporting the process's peak memory. PostgreSQL: postgres://postgres@127.0.0.1:5432/senim_bench, dropped and
created for every run. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/senim_bench"

CHILD = r"""
import json, os, resource, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
django.setup()
from django.core.management import call_command
from senim.core.models import AuditEvent
from senim.people.models import PersonRecord
call_command("migrate", verbosity=0, interactive=False)
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
call_command("seed", *sys.argv[1:], verbosity=0)
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024,
                  "records": PersonRecord.objects.count(), "audit_events": AuditEvent.objects.count()}))
"""


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


def seed_run(backend: str, size: str, method: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            _pg("DROP DATABASE IF EXISTS senim_bench WITH (FORCE)")
            _pg("CREATE DATABASE senim_bench")
            env["DATABASE_URL"] = PG_BENCH
        args = ["--size", size, "--seed", "1", "--method", method]
        done = subprocess.run([PYTHON, "-c", CHILD, *args], env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"seed {backend} {size} {method} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def generation_runs(sizes: list[str]) -> list[tuple[str, int, int, float, float]]:
    sys.path.insert(0, str(ROOT / "src"))
    from senim.synth import export_world, generate_world

    rows = []
    for size in sizes:
        started = time.perf_counter()
        world = generate_world(size, 1)
        generated = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            export_world(world, tmp)
            exported = time.perf_counter() - started
        rows.append((size, len(world.persons), len(world.records), generated, exported))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small only")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--large", action="store_true", help="also seed large (bulk)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--no-generation", action="store_true", help="skip the generation and export timings")
    options = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}"
    )
    sizes = ["small"] if options.quick else ["small", "medium", "large"]
    if not options.no_generation:
        print("\n| world | persons | records | generate (s) | export (s) |\n|---|---:|---:|---:|---:|")
        for size, persons, records, generated, exported in generation_runs(sizes):
            print(f"| {size} | {persons} | {records} | {generated:.2f} | {exported:.2f} |")
    runs = [("small", "services"), ("small", "bulk")]
    if not options.quick:
        runs += [("medium", "services"), ("medium", "bulk")]
    if options.large:
        runs.append(("large", "bulk"))
    backends = ["sqlite"] + ([] if options.no_postgres else ["postgresql"])
    if options.only:
        backends = [options.only]
    print(
        "\n| database | world | path | seed wall (s) | seed CPU of the process (s) | load average | peak memory (MB) "
        "| records | audit events |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for backend in backends:
        for size, method in runs:
            result = seed_run(backend, size, method)
            print(
                f"| {backend} | {size} | {method} | {result['seconds']:.1f} | {result['cpu']:.1f} | "
                f"{os.getloadavg()[0]:.1f} | {result['peak_mb']:.0f} | "
                f"{result['records']} | {result['audit_events']} |",
                flush=True,
            )
    if "postgresql" in backends:
        _pg("DROP DATABASE IF EXISTS senim_bench WITH (FORCE)")


if __name__ == "__main__":
    main()
