"""Which assistance cases an organization sees because they were referred to it, and which parts of them.

`referred_case_filter(user)` is what `senim.cases.selectors.assistance_case_scope` adds for referrals: a case
is visible to an organization while a referral to it is sent or accepted. Declined, done and revoked
referrals give no access.

`case_data_scope(user, case)` says which parts of a visible case the user may see. Staff who see the case in
their own right (coordinator, the lead organization, the case worker, the investigators and prosecutors of a
linked criminal case) see all of it; an organization that sees it only through referrals sees the data
categories those referrals share (what the consent covers, or what an audited override named).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from senim.core.models import User


def _organization_ids(user: User) -> list[Any]:
    from senim.cases.selectors import _organization_ids as ids

    return ids(user)


def referred_case_filter(user: User) -> Q:
    from senim.core.access import has_permission
    from senim.referrals.models import ACTIVE_REFERRAL_STATUSES
    from senim.referrals.permissions import ReferralsPermission

    if not has_permission(user, ReferralsPermission.RESPOND_REFERRALS):
        return Q(pk__in=[])
    organization_ids = _organization_ids(user)
    if not organization_ids:
        return Q(pk__in=[])
    from senim.referrals.models import Referral

    referred = Referral.objects.filter(
        to_organization_id__in=organization_ids, status__in=ACTIVE_REFERRAL_STATUSES
    ).values("case_id")
    return Q(pk__in=referred)


@dataclass(frozen=True)
class DataScope:
    """What of one case a user may see. `full` means everything; otherwise only `categories`."""

    visible: bool
    full: bool
    categories: frozenset[str]

    def covers(self, category: str) -> bool:
        return self.visible and (self.full or category in self.categories)

    @property
    def identity(self) -> bool:
        return self.covers("identity")

    @property
    def summary(self) -> bool:
        return self.covers("summary")

    @property
    def needs(self) -> bool:
        return self.covers("needs")

    @property
    def health(self) -> bool:
        return self.covers("health")

    @property
    def legal(self) -> bool:
        return self.covers("legal")


NO_ACCESS = DataScope(visible=False, full=False, categories=frozenset())


def case_data_scope(user: User, case: Any) -> DataScope:
    """Which parts of `case` the user may see. Pages and API hide identity (names, birth date,
    citizenship), summary, needs, health and legal parts that the scope does not cover."""
    from senim.cases.models import AssistanceCase
    from senim.cases.selectors import assistance_case_scope, own_case_filter
    from senim.referrals.models import ACTIVE_REFERRAL_STATUSES, Referral

    case_id = case.pk if isinstance(case, AssistanceCase) else case
    if not assistance_case_scope(user).filter(pk=case_id).exists():
        return NO_ACCESS
    if AssistanceCase.objects.filter(own_case_filter(user), pk=case_id).exists():
        return DataScope(visible=True, full=True, categories=frozenset())
    categories: set[str] = set()
    for shared in Referral.objects.filter(
        case_id=case_id, to_organization_id__in=_organization_ids(user), status__in=ACTIVE_REFERRAL_STATUSES
    ).values_list("shared_data", flat=True):
        categories.update(shared)
    return DataScope(visible=True, full=False, categories=frozenset(categories))


def identity_visible_cases(user: User) -> Any:
    """The assistance cases whose person's identity the user may see: those visible in the user's own right
    and those referred to the user's organization by an active referral that shares "identity".

    For `people.selectors.person_scope`: use the persons of `identity_visible_cases(user)` instead of those
    of `assistance_case_scope(user)`, or a shelter that was sent only the needs of a case
    could read the person's name and records through /api/v1/persons/<id>/."""
    from senim.cases.selectors import assistance_case_scope, own_case_filter
    from senim.referrals.models import ACTIVE_REFERRAL_STATUSES, Referral

    organization_ids = _organization_ids(user)
    shared_identity = [
        case_id
        for case_id, shared in Referral.objects.filter(
            to_organization_id__in=organization_ids, status__in=ACTIVE_REFERRAL_STATUSES
        ).values_list("case_id", "shared_data")
        if "identity" in shared
    ]
    return assistance_case_scope(user).filter(own_case_filter(user) | Q(pk__in=shared_identity)).values("pk")
