"""The `senim seed` hook: NGOs and police units become recipients; demo tips wait in the demo NGO's queue."""

import pytest

from senim.core.models import OrganizationKind
from senim.core.roles import Role
from senim.core.testing.factories import make_organization, make_user
from senim.tips import selectors
from senim.tips.models import Tip, TipRecipient
from senim.tips.synth_seed import seed_world

pytestmark = pytest.mark.django_db


def test_seed_registers_recipients_and_demo_tips():
    ngo = make_organization(kind=OrganizationKind.NGO)
    police = make_organization(kind=OrganizationKind.POLICE)
    shelter = make_organization(kind=OrganizationKind.SHELTER)
    worker = make_user(Role.NGO_CASEWORKER, organization=ngo)
    investigator = make_user(Role.INVESTIGATOR, organization=police)
    organizations = {"ngo": ngo, "police": police, "shelter": shelter}
    seed_world(
        world=None,
        result=None,
        organizations=organizations,
        staff={"ngo_caseworker": worker, "investigator": investigator},
    )
    assert set(TipRecipient.objects.values_list("organization__kind", flat=True)) == {"ngo", "police"}
    assert TipRecipient.objects.filter(accepts_unaddressed=True).count() == 2
    assert selectors.tip_queue(worker).count() == 3
    assert selectors.tip_queue(worker).first().immediate_danger
    seed_world(world=None, result=None, organizations=organizations, staff={"ngo_caseworker": worker})
    assert Tip.objects.count() == 3  # idempotent
