"""The demo hook on the synthetic world, and the coordinator views on it."""

import pytest

from senim.cases.models import AssistanceCase
from senim.core.roles import Role
from senim.core.testing.factories import make_user
from senim.referrals import reports
from senim.referrals.models import OrganizationProfile, ProtectionMeasure, Referral, ServiceDelivery
from senim.referrals.synth_seed import seed_world
from senim.synth import generate_world
from senim.synth.load import load_organizations, load_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["services", "bulk"])
def test_seed_hook_fills_the_workflow_and_the_coordinator_views(method):
    world = generate_world("small", 3, networks=2)
    organizations = load_organizations(world, method=method)
    result = load_world(world, method=method, organizations=organizations)
    seed_world(world=world, result=result, organizations=organizations, staff={})
    assert OrganizationProfile.objects.filter(organization__kind="shelter").count() == 4
    referrals = Referral.objects.count()
    assert referrals > 0 and ServiceDelivery.objects.exists()
    assert all(r.consent_id for r in Referral.objects.all())
    foreign_victims = AssistanceCase.objects.filter(
        status__in=("presumed_victim", "identified_victim", "assisted")
    ).exclude(intake_record__citizenship__in=("", "KZ"))
    for case in foreign_victims:
        assert ProtectionMeasure.objects.filter(person=case.person, kind="expulsion_hold").exists()
    seed_world(world=world, result=result, organizations=organizations, staff={})
    assert Referral.objects.count() == referrals  # idempotent

    coordinator = make_user(Role.COORDINATOR)
    timing = reports.time_to_first_service(coordinator)
    assert timing.rows and all(row[2] >= row[3] for row in timing.rows)
    assert reports.shelters_over_capacity(coordinator).columns == ("region", "month", "shelters")
    assert reports.foreign_victims_by_status(coordinator).rows or not foreign_victims.exists()
    assert reports.presumed_without_referral(coordinator).csv().startswith("region,month,cases")
