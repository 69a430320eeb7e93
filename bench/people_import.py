"""How fast a list of persons is imported, on SQLite and PostgreSQL, against the obvious alternative.

    .venv/bin/python bench/people_import.py [--rows N] [--no-postgres]

The import (`person_import_run`: every row validated, then all written in one transaction) is compared, in
the same run and the same fresh database, with what a client gets by creating the same records one by one
(`person_record_create` per row, each its own transaction: what a script calling POST /api/v1/person-records/
in a loop costs the database, without the HTTP). Each backend runs in its own process on a fresh database
(migrate untimed). PostgreSQL: postgres://postgres@127.0.0.1:5432/senim_bench_import, dropped and created.
Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/senim_bench_import"

CHILD = r"""
import json, os, resource, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from senim.core.testing.factories import make_user
from senim.people import csvimport, services
from senim.people.models import PersonRecord

rows = int(sys.argv[1])
officer = make_user("migration_officer")
given = ["Гульнара", "Bekzod", "Айжан", "Rustam", "Нодира", "Azamat"]
lines = ["record_id,family_name,given_name,patronymic,birth_date,sex,citizenship,phone,document_number"]
for i in range(rows):
    lines.append(f"R{i},Абдуллаева{i},{given[i % 6]},Рустамовна,19{60 + i % 40}-{i % 12 + 1:02d},f,UZ,"
                 f"+99890{i:07d},AB{i:07d}")
raw = "\n".join(lines).encode()

started = time.perf_counter()
person_import = services.person_import_create(actor=officer, file_name="bench.csv", raw=raw, source="bench")
checked = time.perf_counter() - started
result = services.person_import_run(person_import=person_import)
whole = time.perf_counter() - started
assert result == {"status": "imported", "imported": rows}, result

parsed = csvimport.parse(raw.replace("Абдуллаева".encode(), "Каримова".encode()), max_rows=rows)
started = time.perf_counter()
for row in parsed.rows:
    services.person_record_create(
        actor=officer, family_name=row["family_name"], given_name=row["given_name"], patronymic=row["patronymic"],
        birth_date=row["birth_date"], sex=row["sex"], citizenship=row["citizenship"], source="one by one",
        identifiers=[services.IdentifierInput("phone", row["phone"]), services.IdentifierInput("document", row["document_number"])],
    )
one_by_one = time.perf_counter() - started
assert PersonRecord.objects.count() == 2 * rows
print(json.dumps({"checked": checked, "import": whole, "one_by_one": one_by_one,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


def run(backend: str, rows: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", SENIM_IMPORT_MAX_ROWS=str(max(rows, 100_000)))
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            _pg("DROP DATABASE IF EXISTS senim_bench_import WITH (FORCE)")
            _pg("CREATE DATABASE senim_bench_import")
            env["DATABASE_URL"] = PG_BENCH
        try:
            done = subprocess.run(
                [PYTHON, "-c", CHILD, str(rows)], env=env, cwd=ROOT, capture_output=True, text=True, check=False
            )
        finally:
            if backend == "postgresql":
                _pg("DROP DATABASE IF EXISTS senim_bench_import WITH (FORCE)")
    if done.returncode != 0:
        sys.exit(f"{backend} run failed: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    backends = ["sqlite"] + ([] if args.no_postgres else ["postgresql"])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"\n{args.rows:,} rows, each with a phone and a document number\n")
    print(
        "| Database | check at upload | import (check + write, one transaction) | rows/s | one by one (a transaction per row) | rows/s | peak RSS |"
    )
    print("|---|---|---|---|---|---|---|")
    for backend in backends:
        r = run(backend, args.rows)
        print(
            f"| {backend} | {r['checked']:.2f} s | {r['import']:.1f} s | {args.rows / r['import']:,.0f} | "
            f"{r['one_by_one']:.1f} s | {args.rows / r['one_by_one']:,.0f} | {r['peak_mb']:.0f} MB |"
        )


if __name__ == "__main__":
    main()
