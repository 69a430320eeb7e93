"""Person search latency and quality on the `large` senim.synth world loaded into a fresh database.

    .venv/bin/python bench/linkage_search.py [--size large] [--queries 300]

Loads the world with the bulk path (records of one true person on one Person: the state after linkage),
builds the blind search index, then searches for sampled persons using a spelling taken from *another*
record of that person (often another script) and reports latency (p50/p95/max, including the audit
write) and whether the person is ranked first / in the top 5. As a coordinator (whole database) and as
an investigator (scoped to cases and own unit).
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

DB = Path(tempfile.mkdtemp(prefix="senim-search-bench-")) / "db.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

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
    start = time.perf_counter()
    world = generate_world(args.size, seed=3)
    result = load_world(world, method="bulk", link="truth")
    print(f"world '{args.size}': {len(world.records)} records loaded in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    records = PersonRecord.objects.prefetch_related("identifier_links__identifier")
    batch: list[PersonRecord] = []
    for record in records.iterator(chunk_size=2000):
        batch.append(record)
        if len(batch) == 2000:
            services.search_index_records(batch)
            batch = []
    services.search_index_records(batch)
    print(f"search index: {SearchKey.objects.count()} keys in {time.perf_counter() - start:.0f} s")

    by_person: dict[str, list] = {}
    for rec in world.records:
        by_person.setdefault(rec.person_id, []).append(rec)
    multi = [recs for recs in by_person.values() if len(recs) > 1]
    rng = random.Random(5)
    sample = rng.sample(multi, min(args.queries, len(multi)))
    coordinator = make_user(Role.COORDINATOR)
    investigator = make_user(Role.INVESTIGATOR)
    for label, user in (("coordinator", coordinator), ("investigator", investigator)):
        latencies, first, top5, asked = [], 0, 0, 0
        for recs in sample:
            query_rec, target_rec = recs[0], recs[1]
            query = query_rec.full_name or f"{query_rec.family_name} {query_rec.given_name}"
            expected = result.persons[target_rec.id]
            t = time.perf_counter()
            hits = selectors.person_search(user, query)
            latencies.append((time.perf_counter() - t) * 1000)
            found = [h.person.pk for h in hits]
            asked += 1
            first += bool(found) and found[0] == expected
            top5 += expected in found[:5]
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"{label:12s}: {asked} name queries, latency p50 {statistics.median(latencies):.0f} ms, "
            f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms; person ranked first {first / asked:.1%}, "
            f"in top 5 {top5 / asked:.1%}"
        )


if __name__ == "__main__":
    main()
