import csv

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from senim.cases.models import AssistanceCase, Charge, CriminalCase, Participant
from senim.cases.selectors import assistance_case_scope, criminal_case_scope
from senim.core.models import AuditEvent, Organization, User
from senim.core.roles import Role
from senim.people.models import IdentifierLink, Person, PersonRecord
from senim.people.selectors import person_scope
from senim.synth import generate_world
from senim.synth.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from senim.synth.load import load_organizations, load_world, person_keys

pytestmark = pytest.mark.django_db


def _snapshot():
    """What the database holds, independent of primary keys and of the path that wrote it."""
    return {
        "records": sorted(
            (
                r.source_organization.name,
                r.given_name,
                r.family_name,
                r.patronymic,
                r.full_name,
                r.birth_date,
                r.sex,
                r.citizenship,
                r.script,
            )
            for r in PersonRecord.objects.select_related("source_organization")
        ),
        "links": sorted(
            (link.identifier.kind, link.identifier.value, link.record.family_name, link.case_reference)
            for link in IdentifierLink.objects.select_related("identifier", "record")
        ),
        "criminal": sorted(
            (
                c.registry_number,
                c.status,
                tuple(c.articles),
                c.opened_on,
                [(h.from_status, h.to_status, h.changed_at) for h in c.status_changes.all()],
            )
            for c in CriminalCase.objects.all()
        ),
        "participants": sorted(
            (p.case.registry_number, p.procedural_role, p.chain_role, p.record.family_name)
            for p in Participant.objects.select_related("case", "record")
        ),
        "charges": sorted(
            (c.participant.case.registry_number, c.article, c.outcome, c.sentence, c.decided_on)
            for c in Charge.objects.select_related("participant__case")
        ),
        "assistance": sorted(
            (
                a.region,
                a.status,
                a.exploitation_type,
                a.is_minor,
                a.reported_on,
                a.closed_on,
                a.intake_record.family_name,
                [(h.from_status, h.to_status, h.changed_at) for h in a.status_changes.all()],
                sorted(a.criminal_cases.values_list("registry_number", flat=True)),
            )
            for a in AssistanceCase.objects.select_related("intake_record")
        ),
        "persons": Person.objects.count(),
    }


def test_services_path_writes_the_world_with_audit_and_encryption():
    world = generate_world("small", 3, networks=2)
    result = load_world(world, method="services")
    assert PersonRecord.objects.count() == len(world.records)
    assert CriminalCase.objects.count() == len(world.criminal_cases)
    assert AssistanceCase.objects.count() == len(world.assistance_cases)
    assert Organization.objects.count() == len(world.organizations)
    assert Participant.objects.count() == sum(len(c.participants) for c in world.criminal_cases)
    assert Person.objects.count() == len(set(person_keys(world, "cases").values()))
    assert AuditEvent.objects.filter(action="person_record.create").count() == len(world.records)
    assert AuditEvent.objects.filter(action="charge.add").exists()
    # Names are encrypted at rest.
    record = next(r for r in world.records if r.family_name)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT family_name FROM people_personrecord WHERE id = %s",
            [result.records[record.id].hex if connection.vendor == "sqlite" else result.records[record.id]],
        )
        raw = cursor.fetchone()[0]
    assert raw and record.family_name not in raw
    assert PersonRecord.objects.get(pk=result.records[record.id]).family_name == record.family_name
    # Statuses reached through the pipelines, with their histories.
    for item in world.criminal_cases:
        case = CriminalCase.objects.get(registry_number=item.id)
        assert case.status == item.status
        assert [h.to_status for h in case.status_changes.all()] == item.status_path


def test_bulk_path_writes_the_same_rows_as_the_services():
    world = generate_world("small", 8, networks=2)
    with transaction.atomic():
        load_world(world, method="services")
        by_services = _snapshot()
        transaction.set_rollback(True)
    assert not PersonRecord.objects.exists()
    load_world(world, method="bulk")
    assert _snapshot() == by_services
    assert AuditEvent.objects.filter(action="synth.bulk_load").exists()


@pytest.mark.parametrize(("link", "expected"), [("truth", "persons"), ("none", "records")])
def test_link_modes(link, expected):
    world = generate_world("small", 2, networks=1)
    load_world(world, method="bulk", link=link)
    assert Person.objects.count() == len(getattr(world, expected))


def test_seed_command_creates_demo_accounts_that_see_data(tmp_path, capsys):
    call_command("seed", "--size", "small", "--seed", "5", "--networks", "2", "--truth-dir", str(tmp_path))
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert {u.username for u in User.objects.all()} == {a.username for a in DEMO_ACCOUNTS}
    for account in DEMO_ACCOUNTS:
        user = authenticate(username=account.username, password=DEMO_PASSWORD)
        assert user is not None and user.roles == {account.role}
        assert account.username in out
    investigator = User.objects.get(username="investigator")
    assert criminal_case_scope(investigator).exists()
    assert CriminalCase.objects.filter(investigator=investigator).exists()
    assert assistance_case_scope(User.objects.get(username="ngo_caseworker")).exists()
    assert criminal_case_scope(User.objects.get(username="prosecutor")).exists()
    assert person_scope(User.objects.get(username="coordinator")).count() == Person.objects.count()
    assert not criminal_case_scope(User.objects.get(username="auditor")).exists()
    assert AssistanceCase.objects.filter(caseworker__username="ngo_caseworker").exists()
    for name in ("records.csv", "records_truth.csv", "nodes.csv", "edges.csv", "nodes_truth.csv", "db_ids.csv"):
        assert (tmp_path / name).exists()
    with (tmp_path / "db_ids.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "record"]
    assert len(rows) == PersonRecord.objects.count()
    assert {r["person_db_id"] for r in rows} == {str(pk) for pk in Person.objects.values_list("pk", flat=True)}


def test_seed_refuses_to_seed_twice_without_flush():
    world = generate_world("small", 1, networks=1)
    organizations = load_organizations(world, method="bulk")
    load_world(world, method="bulk", organizations=organizations)
    with pytest.raises(CommandError) as error:
        call_command("seed", "--size", "small", "--seed", "1", "--networks", "1", "--no-accounts", verbosity=0)
    assert error.value.returncode == 2


@pytest.mark.django_db(transaction=True)
def test_seed_flush_replaces_the_world():
    call_command("seed", "--networks", "1", "--seed", "1", verbosity=0)
    call_command("seed", "--networks", "1", "--seed", "1", "--flush", "--method", "bulk", verbosity=0)
    assert User.objects.filter(username="coordinator").count() == 1
    assert User.objects.get(username="admin").roles == {Role.ADMIN}
    assert CriminalCase.objects.count() == len(generate_world("small", 1, networks=1).criminal_cases)


def test_seed_rejects_a_weak_password():
    with pytest.raises(CommandError) as error:
        call_command("seed", "--networks", "1", "--password", "12345", verbosity=0)
    assert error.value.returncode == 2


def test_a_failing_seed_hook_is_rolled_back_and_reported(monkeypatch):
    from types import SimpleNamespace

    from senim.synth.management.commands import seed as seed_command

    def broken(**context):
        Organization.objects.create(name="half-written", kind="ngo")
        raise RuntimeError("boom")

    monkeypatch.setattr(seed_command, "find_spec", lambda name: name == "senim.people.synth_seed" or None)
    monkeypatch.setattr(seed_command, "import_module", lambda name: SimpleNamespace(seed_world=broken))
    lines = []
    assert seed_command.run_seed_hooks(warn=lines.append, world=None) == []
    assert len(lines) == 1 and "people" in lines[0] and "boom" in lines[0]
    assert not Organization.objects.filter(name="half-written").exists()
    with pytest.raises(RuntimeError):
        seed_command.run_seed_hooks(world=None)
