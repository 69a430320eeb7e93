"""Person search latency and quality on the `large` senim.synth world loaded into a fresh database.

    .venv/bin/python bench/linkage_search.py [--size large] [--queries 300]
    SENIM_SEARCH_BENCH_DB=/path/db.sqlite3 ... reuses a database loaded by an earlier run.

Loads the world with the bulk path (records of one true person on one Person: the state after linkage),
builds the blind search index, then searches for sampled persons (with two or more records) using the
name as written in one of their records (the person's records are in several scripts and spellings) and
reports latency (p50/p95/max, including the audit write) and whether the person is ranked first / in the
top 5. Queries: the name; the name and the record's birth year; the name with that record held out of
the index (only the person's other records, in other spellings, can match). As a coordinator (whole
database) and as an investigator (scoped to cases and own unit).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

DB = Path(
    os.environ.get("SENIM_SEARCH_BENCH_DB") or Path(tempfile.mkdtemp(prefix="senim-search-bench-")) / "db.sqlite3"
)
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402

from senim.core.roles import Role  # noqa: E402
from senim.core.testing.factories import make_user  # noqa: E402
from senim.linkage import selectors, services  # noqa: E402
from senim.linkage.models import SearchKey  # noqa: E402
from senim.people.models import PersonRecord  # noqa: E402
from senim.synth.generator import generate_world  # noqa: E402
from senim.synth.load import load_world  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not PersonRecord.objects.exists():
        start = time.perf_counter()
        world = generate_world(args.size, seed=3)
        load_world(world, method="bulk", link="truth")
        print(f"world '{args.size}': {len(world.records)} records loaded in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    if not SearchKey.objects.exists():
        ids = list(PersonRecord.objects.values_list("pk", flat=True))
        for i in range(0, len(ids), 200):
            chunk = PersonRecord.objects.filter(pk__in=ids[i : i + 200]).prefetch_related(
                "identifier_links__identifier"
            )
            services.search_index_records(chunk)
    print(
        f"search index: {SearchKey.objects.count()} keys for {PersonRecord.objects.count()} records "
        f"({time.perf_counter() - start:.0f} s); database {DB}"
    )
    multi = list(
        PersonRecord.objects.values("person").annotate(n=Count("pk")).filter(n__gt=1).values_list("person", flat=True)
    )
    rng = random.Random(5)
    sample = []
    for person_id in rng.sample(multi, min(args.queries, len(multi))):
        recs = list(PersonRecord.objects.filter(person_id=person_id).order_by("created_at")[:2])
        sample.append((recs[1], person_id))
    stamp = time.time_ns()
    coordinator = make_user(Role.COORDINATOR, username=f"bench-coordinator-{stamp}")
    investigator = make_user(Role.INVESTIGATOR, username=f"bench-investigator-{stamp}")

    def name_of(rec: PersonRecord) -> str:
        return rec.full_name or f"{rec.family_name} {rec.given_name}"

    def year_of(rec: PersonRecord) -> str:
        return (rec.birth_date or "")[:4]

    runs = [
        ("coordinator", coordinator, "name", False),
        ("coordinator", coordinator, "name + year", False),
        ("coordinator", coordinator, "name, held out", True),
        ("investigator", investigator, "name", False),
    ]
    for label, user, kind, held_out in runs:
        latencies, first, top5, tied, asked = [], 0, 0, 0, 0
        for query_rec, expected in sample:
            query = name_of(query_rec)
            if kind == "name + year":
                if not year_of(query_rec):
                    continue
                query = f"{query} {year_of(query_rec)}"
            if held_out:  # the query's own record is not in the index: only the person's other spellings are
                SearchKey.objects.filter(record=query_rec).delete()
            t = time.perf_counter()
            hits = selectors.person_search(user, query)
            latencies.append((time.perf_counter() - t) * 1000)
            if held_out:
                services.search_index_records(
                    services.records_with_identifiers(PersonRecord.objects.filter(pk=query_rec.pk))
                )
            found = [h.person.pk for h in hits]
            asked += 1
            first += bool(found) and found[0] == expected
            top5 += expected in found[:5]
            # the person has the best score, shared with namesakes the query cannot tell apart
            tied += bool(found) and expected in found and hits[found.index(expected)].score == hits[0].score
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"{label:12s} {kind:15s}: {asked} queries, latency p50 {statistics.median(latencies):.0f} ms, "
            f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms; person ranked first {first / asked:.1%}, "
            f"in top 5 {top5 / asked:.1%}, best score (maybe tied with namesakes) {tied / asked:.1%}",
            flush=True,
        )
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
