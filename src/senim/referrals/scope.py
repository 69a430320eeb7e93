"""Which assistance cases an organization sees because they were referred to it."""

from __future__ import annotations

from django.db.models import Q

from senim.core.models import User


def referred_case_filter(user: User) -> Q:
    """Filled in by the referrals workflow: until a referral model exists, nothing is referred."""
    return Q(pk__in=[])
