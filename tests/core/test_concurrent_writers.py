"""Rows every writer locks: the audit chain heads (sharded with SENIM_AUDIT_CHAINS > 1: concurrent writers
append to different chains, each intact and verifiable, one transaction's events never straddling two)
and the case-number sequences. A head or sequence that does not exist yet must not let two first writers
both start it."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from senim.core.models import AuditEvent
from senim.core.selectors import audit_chain_break, audit_chains
from senim.core.services import DEFAULT_CHAIN, audit_chain_for_this_connection, audit_record


def test_one_chain_unless_configured(settings):
    settings.SENIM_AUDIT_CHAINS = 1
    assert audit_chain_for_this_connection() == DEFAULT_CHAIN


def test_each_thread_keeps_its_chain_and_threads_spread_over_chains(settings):
    settings.SENIM_AUDIT_CHAINS = 8
    seen: dict[int, set[str]] = {}
    all_alive = threading.Barrier(32)  # thread ids are reused once a thread ends: keep them all alive

    def pick(index: int) -> None:
        all_alive.wait()
        seen[index] = {audit_chain_for_this_connection() for _ in range(3)}

    threads = [threading.Thread(target=pick, args=(i,)) for i in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(len(chains) == 1 for chains in seen.values())  # stable within a thread
    chosen = set().union(*seen.values())
    assert len(chosen) >= 3 and chosen <= {DEFAULT_CHAIN} | {f"{DEFAULT_CHAIN}-{i}" for i in range(1, 8)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; sharding is for PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_several_chains_leave_every_chain_intact(settings):
    settings.SENIM_AUDIT_CHAINS = 4
    writers, events_each = 8, 15
    errors: list[BaseException] = []
    chains_of_transaction: list[set[str]] = []

    def write(index: int) -> None:
        try:
            for n in range(events_each // 3):
                with transaction.atomic():
                    made = [
                        audit_record(actor=None, action="test.shard", target=("test.thing", f"{index}-{n}-{k}"))
                        for k in range(3)
                    ]
                    chains_of_transaction.append({event.chain for event in made})
        except BaseException as error:  # reported below: a thread's exception would vanish otherwise
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action="test.shard").count() == writers * events_each
    assert all(len(chains) == 1 for chains in chains_of_transaction)
    chains = audit_chains()
    assert len(chains) >= 2
    assert all(audit_chain_break(chain) is None for chain in chains)
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert sorted(out.getvalue().split("\n")[:-1]) == sorted(f"chain {chain}: intact" for chain in chains)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_the_first_numbers_of_a_new_year_are_given_once_each_under_concurrency():
    from senim.core.services import next_number

    got: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def take() -> None:
        try:
            start.wait()
            for _ in range(5):
                got.append(next_number("ZZ", year=2031))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(got) == [f"ZZ-2031-{n:06d}" for n in range(1, 31)]
