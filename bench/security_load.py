# ruff: noqa: E402  (gevent must monkey-patch before the other imports)
"""Load under a mixed read/write API workload (issue 3, item 7), loopback only and bounded in time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/senim_load .venv/bin/python bench/security_load.py \
        [--users 50] [--seconds 60] [--port 8765] [--audit-chains 1,8] [--server runserver|gunicorn]

Migrates the database, creates one staff user per writing role with an API token, starts `senim runserver`
(threaded) on 127.0.0.1, then runs locust in-process: each simulated user mixes list reads, detail reads
(audited), record creation and case creation; a separate task hits /healthz as the trivial baseline.
Prints requests, failures and p50/p95/p99 per endpoint and the ratio to the baseline. Exits 1 on any error.
`--audit-chains 1,8` runs the same load once per setting of SENIM_AUDIT_CHAINS (one audit chain, the
default, against the chain sharded eight ways), one after the other in the same database. `--server
gunicorn` serves with gunicorn (`--workers` processes of 4 threads), as production does, instead of one
threaded `runserver` process whose threads share one interpreter lock.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()  # before anything imports ssl, sockets or the database driver

import argparse
import os
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import gevent
from locust import HttpUser, between, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")


def prepare(n_roles: int = 4) -> list[str]:
    import django

    django.setup()
    from django.core.management import call_command

    from senim.core.services import api_token_create
    from senim.core.testing.factories import make_assistance_case, make_user

    call_command("migrate", verbosity=0)
    keys = []
    for role in ("ngo_caseworker", "investigator", "shelter_staff", "coordinator")[:n_roles]:
        user = make_user(role)
        for _ in range(5):
            make_assistance_case(lead_organization=user.organization)
        _, key = api_token_create(actor=user, user=user, name="load")
        keys.append(key)
    return keys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--audit-chains", default="1", help="comma-separated SENIM_AUDIT_CHAINS values to compare")
    parser.add_argument("--server", choices=["runserver", "gunicorn"], default="runserver")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()
    keys = prepare()
    failed = 0
    for chains in [int(n) for n in args.audit_chains.split(",")]:
        print(f"\n=== SENIM_AUDIT_CHAINS={chains}")
        failed |= serve_and_load(args, keys, chains)
    return failed


def serve_and_load(args: argparse.Namespace, keys: list[str], chains: int) -> int:
    base = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "SENIM_REQUIRE_2FA": "1", "SENIM_AUDIT_CHAINS": str(chains)}
    if args.server == "gunicorn":
        command = [str(ROOT / ".venv/bin/gunicorn"), "senim.wsgi:application", "--bind", f"127.0.0.1:{args.port}"]
        command += ["--workers", str(args.workers), "--threads", "4", "--worker-class", "gthread"]
    else:
        command = [str(ROOT / ".venv/bin/senim"), "runserver", "--noreload", f"127.0.0.1:{args.port}"]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        failed = run_locust(base, keys, args.users, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    from senim.core.selectors import audit_chain_break, audit_chains

    chains_now = audit_chains()
    broken = [chain for chain in chains_now if audit_chain_break(chain) is not None]
    print(f"audit chains: {len(chains_now)}, broken: {', '.join(broken) or 'none'}")
    return failed or bool(broken)


def run_locust(base: str, keys: list[str], users: int, seconds: int) -> int:
    class Staff(HttpUser):
        host = base
        wait_time = between(0.05, 0.3)

        def on_start(self) -> None:
            self.client.headers["Authorization"] = f"Token {random.choice(keys)}"
            self.cases: list[str] = []

        @task(2)
        def baseline(self) -> None:
            self.client.get("/healthz", name="baseline /healthz")

        @task(4)
        def list_cases(self) -> None:
            response = self.client.get("/api/v1/assistance-cases/", name="GET assistance-cases")
            if response.ok:
                self.cases = [c["id"] for c in response.json()["results"]]

        @task(3)
        def read_case(self) -> None:
            if self.cases:
                self.client.get(f"/api/v1/assistance-cases/{random.choice(self.cases)}/", name="GET assistance-case")

        @task(1)
        def write(self) -> None:
            record = self.client.post(
                "/api/v1/person-records/",
                json={"family_name": "Нагрузкина", "given_name": "Тест", "birth_date": "1990"},
                name="POST person-records",
            )
            if record.status_code == 201:
                self.client.post(
                    "/api/v1/assistance-cases/",
                    json={"record": record.json()["id"], "region": "almaty_city"},
                    name="POST assistance-cases",
                )

    environment = Environment(user_classes=[Staff])
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(seconds)
    runner.quit()
    stats = environment.stats
    baseline = stats.get("baseline /healthz", "GET")
    print(f"{users} users, {seconds} s, database {os.environ.get('DATABASE_URL', 'sqlite')}")
    print(f"{'endpoint':<28}{'requests':>9}{'fail':>6}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'p95/base':>10}")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        ratio = entry.get_response_time_percentile(0.95) / max(baseline.get_response_time_percentile(0.95), 1)
        print(
            f"{entry.name:<28}{entry.num_requests:>9}{entry.num_failures:>6}"
            f"{entry.get_response_time_percentile(0.5):>8.0f}{entry.get_response_time_percentile(0.95):>8.0f}"
            f"{entry.get_response_time_percentile(0.99):>8.0f}{ratio:>10.1f}"
        )
    for error in stats.errors.values():
        print(f"failure: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    total = stats.total
    print(f"total {total.num_requests} requests, {total.num_failures} failures, {total.total_rps:.1f} req/s")
    return 1 if total.num_failures else 0


if __name__ == "__main__":
    sys.exit(main())
