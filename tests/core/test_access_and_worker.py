import pytest
from django.core.exceptions import PermissionDenied

from senim.cases.pipelines import ASSISTANCE, CRIMINAL
from senim.core.access import has_permission, permissions_of, require
from senim.core.models import Job, JobStatus
from senim.core.pipeline import InvalidTransitionError
from senim.core.roles import Role
from senim.core.services import job_enqueue, next_number
from senim.core.testing.factories import make_user
from senim.core.worker import job_handler, job_progress, run_pending


def test_unknown_role_holds_no_permission():
    assert permissions_of("nobody") == frozenset()
    assert permissions_of(None) == frozenset()


def test_auditor_sees_only_the_audit_log():
    assert permissions_of(Role.AUDITOR) == {"core.view_audit_log"}


@pytest.mark.django_db
def test_permissions_follow_the_acting_role_not_the_union():
    user = make_user([Role.INVESTIGATOR, Role.AUDITOR])
    user.act_as(Role.AUDITOR)
    assert has_permission(user, "core.view_audit_log")
    assert not has_permission(user, "cases.view_criminal_cases")
    user.act_as(Role.INVESTIGATOR)
    assert has_permission(user, "cases.view_criminal_cases")
    assert not has_permission(user, "core.view_audit_log")
    user.act_as("coordinator")  # a role the user does not hold falls back to a held one
    assert user.acting_role in user.roles
    with pytest.raises(PermissionDenied):
        require(make_user(Role.SHELTER_STAFF), "core.view_audit_log")


@pytest.mark.django_db
def test_inactive_users_hold_nothing():
    user = make_user(Role.COORDINATOR)
    user.is_active = False
    assert not has_permission(user, "cases.view_assistance_cases")


def test_pipelines_reject_skipped_steps():
    ASSISTANCE.check("reported", "screening")
    with pytest.raises(InvalidTransitionError):
        ASSISTANCE.check("reported", "assisted")
    with pytest.raises(InvalidTransitionError):
        CRIMINAL.check("registered", "verdict")
    assert CRIMINAL.final_states == {"closed", "terminated"}


@job_handler("test.count")
def _count_job(job):
    total = int(job.params["n"])
    for i in range(total):
        job_progress(job, i + 1, total)
    return {"counted": total}


@job_handler("test.fail")
def _failing_job(job):
    raise RuntimeError("boom")


@pytest.mark.django_db
def test_worker_runs_jobs_records_progress_and_survives_failures():
    ok = job_enqueue(actor=None, kind="test.count", params={"n": 3})
    bad = job_enqueue(actor=None, kind="test.fail")
    unknown = job_enqueue(actor=None, kind="test.nobody-handles-this")
    assert run_pending() == 3
    ok.refresh_from_db()
    bad.refresh_from_db()
    unknown.refresh_from_db()
    assert (ok.status, ok.result, ok.progress_done, ok.progress_total) == (JobStatus.DONE, {"counted": 3}, 3, 3)
    assert bad.status == JobStatus.FAILED and "boom" in bad.error
    assert unknown.status == JobStatus.FAILED
    assert run_pending() == 0
    assert Job.objects.filter(status=JobStatus.QUEUED).count() == 0


@pytest.mark.django_db
def test_case_numbers_are_sequential_per_year():
    assert next_number("AC", year=2026) == "AC-2026-000001"
    assert next_number("AC", year=2026) == "AC-2026-000002"
    assert next_number("AC", year=2027) == "AC-2027-000001"


@pytest.mark.django_db
def test_periodic_housekeeping_is_queued_once_per_interval():
    from datetime import timedelta

    from django.utils import timezone

    from senim.core.worker import enqueue_due_periodic

    now = timezone.now()
    first = enqueue_due_periodic(now)
    assert {"referrals.expire_measures", "tips.purge"} <= set(first)
    assert enqueue_due_periodic(now + timedelta(hours=1)) == []
    assert set(enqueue_due_periodic(now + timedelta(days=1, minutes=1))) == set(first)
    assert Job.objects.filter(kind="tips.purge").count() == 2
