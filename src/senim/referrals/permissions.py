from django.db import models

from senim.core.access import grant
from senim.core.roles import Role


class ReferralsPermission(models.TextChoices):
    VIEW_PROFILES = "referrals.view_profiles"
    MANAGE_OWN_PROFILE = "referrals.manage_own_profile"
    MANAGE_ALL_PROFILES = "referrals.manage_all_profiles"
    SEND_REFERRALS = "referrals.send_referrals"
    RESPOND_REFERRALS = "referrals.respond_referrals"
    RECORD_CONSENT = "referrals.record_consent"
    OVERRIDE_CONSENT = "referrals.override_consent"
    VIEW_NOTIFICATIONS = "referrals.view_notifications"
    MANAGE_PROTECTION = "referrals.manage_protection"
    DECIDE_RESIDENCE = "referrals.decide_residence"
    LIFT_HOLDS = "referrals.lift_holds"
    VIEW_MIGRATION_HOLDS = "referrals.view_migration_holds"
    MANAGE_MIGRATION_CASES = "referrals.manage_migration_cases"
    REQUEST_PROCEDURAL_PROTECTION = "referrals.request_procedural_protection"
    DECIDE_PROCEDURAL_PROTECTION = "referrals.decide_procedural_protection"
    MANAGE_SUPPORT = "referrals.manage_support"
    MANAGE_HEARINGS = "referrals.manage_hearings"
    MANAGE_COMPENSATION = "referrals.manage_compensation"
    VIEW_COORDINATOR_REPORTS = "referrals.view_coordinator_reports"


_P = ReferralsPermission
_FRONTLINE = (
    Role.COORDINATOR,
    Role.INVESTIGATOR,
    Role.PROSECUTOR,
    Role.MIGRATION_OFFICER,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASEWORKER,
    Role.SHELTER_STAFF,
)
for _role in _FRONTLINE:
    grant(_role, [_P.VIEW_PROFILES, _P.SEND_REFERRALS, _P.RESPOND_REFERRALS, _P.RECORD_CONSENT, _P.VIEW_NOTIFICATIONS])
for _role in (Role.COORDINATOR, Role.NGO_CASEWORKER, Role.SHELTER_STAFF, Role.INVESTIGATOR, Role.PROSECUTOR):
    grant(_role, [_P.MANAGE_SUPPORT, _P.MANAGE_COMPENSATION, _P.REQUEST_PROCEDURAL_PROTECTION])
grant(Role.MIGRATION_OFFICER, [_P.MANAGE_SUPPORT])
grant(Role.LABOUR_INSPECTOR, [_P.MANAGE_SUPPORT])
# Sending without consent is for emergencies (a child in danger, a life at risk): those who answer for it.
for _role in (Role.COORDINATOR, Role.INVESTIGATOR, Role.PROSECUTOR, Role.NGO_CASEWORKER):
    grant(_role, [_P.OVERRIDE_CONSENT])
grant(Role.NGO_CASEWORKER, [_P.MANAGE_OWN_PROFILE])
grant(Role.SHELTER_STAFF, [_P.MANAGE_OWN_PROFILE])
grant(Role.COORDINATOR, [_P.MANAGE_ALL_PROFILES, _P.MANAGE_OWN_PROFILE, _P.VIEW_COORDINATOR_REPORTS])
grant(Role.ADMIN, [_P.VIEW_PROFILES, _P.MANAGE_ALL_PROFILES])
grant(Role.ANALYST, [_P.VIEW_PROFILES, _P.VIEW_COORDINATOR_REPORTS])
for _role in (Role.COORDINATOR, Role.MIGRATION_OFFICER, Role.INVESTIGATOR, Role.PROSECUTOR, Role.NGO_CASEWORKER):
    grant(_role, [_P.MANAGE_PROTECTION])
for _role in (Role.COORDINATOR, Role.MIGRATION_OFFICER):
    grant(_role, [_P.VIEW_MIGRATION_HOLDS, _P.LIFT_HOLDS])
grant(Role.PROSECUTOR, [_P.LIFT_HOLDS])
grant(Role.MIGRATION_OFFICER, [_P.MANAGE_MIGRATION_CASES, _P.DECIDE_RESIDENCE])
for _role in (Role.INVESTIGATOR, Role.PROSECUTOR):
    grant(_role, [_P.DECIDE_PROCEDURAL_PROTECTION, _P.MANAGE_HEARINGS])
