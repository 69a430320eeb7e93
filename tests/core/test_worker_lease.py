"""A worker that dies mid-job: the job's writes are all-or-nothing and another worker takes the job over."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from senim.core.models import Job, JobStatus
from senim.core.services import job_enqueue
from senim.core.worker import MAX_ATTEMPTS, claim_next

ROWS = 8000


@pytest.mark.django_db
def test_a_running_job_with_a_stale_heartbeat_is_claimed_again(settings):
    settings.SENIM_JOB_LEASE_SECONDS = 60
    job = job_enqueue(actor=None, kind="test.lease")
    assert claim_next(["test.lease"]).pk == job.pk
    assert claim_next(["test.lease"]) is None  # alive: its heartbeat is fresh
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=61))
    again = claim_next(["test.lease"])
    assert again.pk == job.pk and again.attempts == 2 and again.status == JobStatus.RUNNING


@pytest.mark.django_db
def test_a_job_that_keeps_losing_its_worker_is_given_up(settings):
    settings.SENIM_JOB_LEASE_SECONDS = 60
    job = job_enqueue(actor=None, kind="test.lease")
    stale = timezone.now() - timedelta(seconds=120)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=MAX_ATTEMPTS, heartbeat_at=stale)
    later = job_enqueue(actor=None, kind="test.lease")
    assert claim_next(["test.lease"]).pk == later.pk  # the abandoned one is skipped, the queue goes on
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "lost 3 times" in job.error


# --- the real thing: a `senim worker` process killed with SIGKILL in the middle of an import ------------


class Database:
    """A database of its own for the worker processes (the test database lives inside this process's
    transaction), read with plain SQL."""

    def __init__(self, tmp_path: Path) -> None:
        default = settings.DATABASES["default"]
        self.vendor = "postgresql" if "postgresql" in default["ENGINE"] else "sqlite"
        if self.vendor == "sqlite":
            self.path = tmp_path / "worker-kill.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            import psycopg

            self.name = f"senim_kill_{uuid.uuid4().hex[:10]}"
            self.params = {
                "host": default["HOST"] or "127.0.0.1",
                "port": default["PORT"] or 5432,
                "user": default["USER"] or "postgres",
                "password": default["PASSWORD"] or "",
            }
            with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')
            auth = self.params["user"] + (f":{self.params['password']}" if self.params["password"] else "")
            self.url = f"postgres://{auth}@{self.params['host']}:{self.params['port']}/{self.name}"

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path, timeout=30) as conn:
                return conn.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(dbname=self.name, autocommit=True, **self.params) as conn:
            return conn.execute(sql).fetchall()

    def drop(self) -> None:
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def own_database(tmp_path):
    database = Database(tmp_path)
    yield database
    database.drop()


def _senim(database: Database, *args: str, lease: int = 300, **popen) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database.url, "SENIM_JOB_LEASE_SECONDS": str(lease)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen([sys.executable, "-m", "senim", *args], env=env, **popen)


def _run(database: Database, *args: str) -> str:
    process = _senim(database, *args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


SETUP = """
from senim.core.testing.factories import make_user
from senim.people.services import person_import_create
officer = make_user("migration_officer", username="officer")
rows = ["record_id,family_name,given_name,birth_date,citizenship,phone"]
rows += [f"R{i},Абдуллаева{i},Гульнара,1990-{i % 12 + 1:02d},UZ,+99890{i:07d}" for i in range({rows})]
person_import_create(actor=officer, file_name="big.csv", raw="\\n".join(rows).encode(), source="raid")
"""


def _wait_for(database: Database, sql: str, predicate, timeout: float) -> tuple:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = database.query(sql)
        if rows and predicate(rows[0]):
            return rows[0]
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting on {sql}: {database.query(sql)}")


JOB = "SELECT status, progress_total, attempts FROM core_job WHERE kind = 'people.import'"
RECORDS = "SELECT count(*) FROM people_personrecord"
IMPORT = "SELECT status, imported_count FROM people_personimport"


@pytest.mark.slow
def test_killing_the_worker_mid_import_leaves_the_database_unchanged_and_the_job_is_taken_over(own_database):
    _run(own_database, "migrate", "--no-input", "-v", "0")
    _run(own_database, "shell", "-c", SETUP.replace("{rows}", str(ROWS)))
    assert own_database.query(RECORDS) == [(0,)]

    worker = _senim(own_database, "worker", "--kind", "people.import", "--poll", "0.1", stdout=subprocess.DEVNULL)
    try:
        # progress_total is set once every row is validated, just before the write transaction opens.
        _wait_for(own_database, JOB, lambda row: row[0] == "running" and row[1] == ROWS, timeout=120)
        killed_after = 0.5
        time.sleep(killed_after)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL

    assert own_database.query(RECORDS) == [(0,)]  # nothing half-written
    assert own_database.query(IMPORT) == [("queued", 0)]
    assert own_database.query(JOB) == [("running", ROWS, 1)]  # its worker is gone; the job says so only later

    # A new worker with a short lease sees the heartbeat is stale and runs the import again, whole.
    successor = _senim(
        own_database, "worker", "--kind", "people.import", "--poll", "0.1", lease=1, stdout=subprocess.DEVNULL
    )
    try:
        _wait_for(own_database, JOB, lambda row: row[0] == "done", timeout=300)
    finally:
        successor.send_signal(signal.SIGTERM)
        successor.wait(timeout=30)
    assert own_database.query(JOB) == [("done", ROWS, 2)]
    assert own_database.query(RECORDS) == [(ROWS,)]
    assert own_database.query(IMPORT) == [("imported", ROWS)]
    # The kill landed inside the write: writing all rows takes longer than the moment we waited.
    started, finished = own_database.query("SELECT started_at, finished_at FROM core_job WHERE kind = 'people.import'")[
        0
    ]
    if isinstance(started, str):
        from datetime import datetime

        started, finished = datetime.fromisoformat(started), datetime.fromisoformat(finished)
    assert (finished - started).total_seconds() > killed_after
