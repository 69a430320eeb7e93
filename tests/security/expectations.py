"""Who may call what: one entry per named route. `test_every_endpoint_has_an_expectation` fails when a
route (from the URL resolver) or an operation (from the OpenAPI document) has no entry here, so a new
endpoint cannot escape the authorization matrix. See docs/security.md, "Adding an endpoint".

An entry maps each HTTP method the route offers to who may use it:
- PUBLIC: anyone, anonymous included (the short explicit list of public routes);
- ANY: every signed-in staff role;
- a permission code (e.g. `PeoplePermission.VIEW_PERSONS`): the roles granted it via `senim.core.access.grant`;
- a frozenset of roles, for the rare rule a single permission does not express.
`objects` names the kind of object each URL keyword refers to (see world.py) so the matrix can try ids inside
and outside the user's scope; `bodies` gives a valid request body per method (a function of the world and
the role), so that an allowed role really succeeds and a denied one is refused for the right reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from senim.cases.permissions import CasesPermission
from senim.core.access import roles_with
from senim.core.permissions import CorePermission
from senim.core.roles import Role
from senim.linkage.permissions import LinkagePermission
from senim.network.permissions import NetworkPermission
from senim.people.permissions import PeoplePermission
from senim.referrals.permissions import ReferralsPermission
from senim.screening.permissions import ScreeningPermission
from senim.tips.permissions import TipsPermission

C = CasesPermission

PUBLIC = "__public__"
ANY = "__any_staff__"
ALL_ROLES = frozenset(r.value for r in Role)

Who = str | frozenset[str]
Body = Callable[[Any, str], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    get: Who | None = None
    post: Who | None = None
    put: Who | None = None
    patch: Who | None = None
    delete: Who | None = None
    objects: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # fixed values for non-id URL keywords
    writes: bool = True  # an allowed request with a valid body writes something (False: session-only actions)
    names_any_record: bool = False  # the page names records by id whatever their scope (the audit log)

    def declared(self) -> dict[str, Who]:
        found = {m: getattr(self, m) for m in ("get", "post", "put", "patch", "delete")}
        return {m: who for m, who in found.items() if who is not None}

    def allowed_roles(self, method: str) -> frozenset[str]:
        who = self.declared().get(method)
        if who is None:
            return frozenset()
        if who in (PUBLIC, ANY):
            return ALL_ROLES
        if isinstance(who, frozenset):
            return frozenset(str(r) for r in who)
        return frozenset(str(r) for r in roles_with(who))

    def is_public(self, method: str) -> bool:
        return self.declared().get(method) == PUBLIC


_numbers = itertools.count(1)


def _inside(world: Any, role: str, kind: str) -> Any:
    return world.object(kind, role, inside=True)


def _id(world: Any, role: str, kind: str) -> str:
    return str(_inside(world, role, kind).pk)


def _shelter_id(world: Any) -> str:
    return str(world.object("shelter", None, inside=False).pk)


def _both(*permissions: str) -> frozenset[str]:
    """Roles holding every one of `permissions`."""
    found = frozenset(str(r) for r in roles_with(permissions[0]))
    for permission in permissions[1:]:
        found &= frozenset(str(r) for r in roles_with(permission))
    return found


def _either(*permissions: str) -> frozenset[str]:
    """Roles holding at least one of `permissions`."""
    return frozenset(str(r) for permission in permissions for r in roles_with(permission))


R = ReferralsPermission
_CASE = {"case_id": "assistance_case"}
# Parts of an assistance case (consents, measures, support...) are read by whoever may see the case, and written
# by those who also hold the part's own permission.
_CASE_READERS = C.VIEW_ASSISTANCE_CASES
_SUPPORT = _both(R.MANAGE_SUPPORT, C.VIEW_ASSISTANCE_CASES)
_PROFILE_EDITORS = _either(R.MANAGE_OWN_PROFILE, R.MANAGE_ALL_PROFILES)
_REPORT = {"name": "presumed_without_referral"}
_ASSESSMENT = {"stage": "intake", "risk_level": "low", "family_risk_level": "medium"}
_HEARING = {"kind": "testimony", "scheduled_at": "2031-03-01T10:00:00+05:00"}
_TIP = {"tip_id": "tip"}
_TIPS_READERS = _either(TipsPermission.HANDLE_TIPS, TipsPermission.MANAGE_RECIPIENTS)
_PAIR = {"candidate_id": "match_candidate"}


EXPECTATIONS: dict[str, Rule] = {
    # Public: the health probe, the API description, the anonymous reporting page, sign-in and language.
    "healthz": Rule(get=PUBLIC),
    "schema": Rule(get=PUBLIC),
    "api-docs": Rule(get=PUBLIC),
    # Core API
    "api:root": Rule(get=ANY),
    "api:me": Rule(get=ANY),
    "api:organizations": Rule(
        get=CorePermission.VIEW_ORGANIZATIONS,
        post=CorePermission.MANAGE_ORGANIZATIONS,
        bodies={"post": lambda w, r: {"name": f"Matrix org {next(_numbers)}", "kind": "ngo"}},
    ),
    # People
    "api:persons": Rule(get=PeoplePermission.VIEW_PERSONS),
    "api:person": Rule(get=PeoplePermission.VIEW_PERSONS, objects={"person_id": "person"}),
    "api:person-records": Rule(
        post=PeoplePermission.CREATE_RECORDS,
        bodies={"post": lambda w, r: {"family_name": "Матрица", "given_name": "Тест", "birth_date": "2001"}},
    ),
    "api:person-record": Rule(get=PeoplePermission.VIEW_PERSONS, objects={"record_id": "person_record"}),
    # Cases
    "api:assistance-cases": Rule(
        get=CasesPermission.VIEW_ASSISTANCE_CASES,
        post=CasesPermission.MANAGE_ASSISTANCE_CASES,
        bodies={"post": lambda w, r: {"record": str(_inside(w, r, "person_record").pk), "region": "almaty_city"}},
    ),
    "api:assistance-case": Rule(get=CasesPermission.VIEW_ASSISTANCE_CASES, objects={"case_id": "assistance_case"}),
    "api:assistance-case-transition": Rule(
        post=CasesPermission.MANAGE_ASSISTANCE_CASES,
        objects={"case_id": "assistance_case"},
        bodies={"post": lambda w, r: {"to_status": "screening"}},
    ),
    "api:criminal-cases": Rule(
        get=CasesPermission.VIEW_CRIMINAL_CASES,
        post=CasesPermission.MANAGE_CRIMINAL_CASES,
        bodies={
            "post": lambda w, r: {
                "registry_number": f"M{next(_numbers):012d}",
                "region": "almaty_city",
                "articles": ["cc.128"],
            }
        },
    ),
    "api:criminal-case": Rule(get=CasesPermission.VIEW_CRIMINAL_CASES, objects={"case_id": "criminal_case"}),
    "api:criminal-case-transition": Rule(
        post=CasesPermission.MANAGE_CRIMINAL_CASES,
        objects={"case_id": "criminal_case"},
        bodies={"post": lambda w, r: {"to_status": "investigation"}},
    ),
    "api:criminal-case-participants": Rule(
        post=CasesPermission.MANAGE_CRIMINAL_CASES,
        objects={"case_id": "criminal_case"},
        bodies={"post": lambda w, r: {"person": str(_inside(w, r, "person").pk), "procedural_role": "witness"}},
    ),
    "api:participant-charges": Rule(
        post=CasesPermission.MANAGE_CHARGES,
        objects={"case_id": "criminal_case", "participant_id": "participant"},
        bodies={"post": lambda w, r: {"article": "aoc.517"}},
    ),
    # Screening
    "api:screening-list": Rule(
        get=ScreeningPermission.VIEW,
        post=ScreeningPermission.CONDUCT,
        bodies={"post": lambda w, r: {"case": str(_inside(w, r, "assistance_case").pk)}},
    ),
    "api:screening-statistics": Rule(get=ScreeningPermission.VIEW_STATISTICS),
    "api:screening-detail": Rule(get=ScreeningPermission.VIEW, objects={"screening_id": "screening"}),
    "api:screening-answer": Rule(post=ScreeningPermission.CONDUCT, objects={"screening_id": "screening"}),
    "api:screening-paper": Rule(post=ScreeningPermission.CONDUCT, objects={"screening_id": "screening"}),
    "api:screening-decision": Rule(post=ScreeningPermission.DECIDE, objects={"screening_id": "screening"}),
    "screening:list": Rule(get=ScreeningPermission.VIEW),
    "screening:start": Rule(
        get=ScreeningPermission.CONDUCT,
        post=ScreeningPermission.CONDUCT,
        # An empty form answers 500 today (reported to the screening owner): the matrix posts a valid one.
        bodies={"post": lambda w, r: {"case": str(_inside(w, r, "assistance_case").pk), "language": "ru"}},
    ),
    "screening:print": Rule(get=ScreeningPermission.CONDUCT),
    "screening:statistics": Rule(get=ScreeningPermission.VIEW_STATISTICS),
    "screening:detail": Rule(get=ScreeningPermission.VIEW, objects={"screening_id": "screening"}),
    "screening:interview": Rule(
        get=ScreeningPermission.CONDUCT, post=ScreeningPermission.CONDUCT, objects={"screening_id": "screening"}
    ),
    "screening:paper": Rule(
        get=ScreeningPermission.CONDUCT, post=ScreeningPermission.CONDUCT, objects={"screening_id": "screening"}
    ),
    # Sign-in, second factor, language: the only public pages besides /report/.
    "web:login": Rule(get=PUBLIC, post=PUBLIC),
    "web:logout": Rule(post=ANY),
    "web:set_language": Rule(get=PUBLIC, post=PUBLIC),
    "account:otp-verify": Rule(get=ANY),
    "account:otp-setup": Rule(get=ANY),
    # Staff pages (web)
    "web:dashboard": Rule(get=ANY),
    "web:switch-role": Rule(post=ANY, bodies={"post": lambda w, r: {"role": r}}, writes=False),
    "web:case_list": Rule(get=C.VIEW_ASSISTANCE_CASES),
    "web:case_create": Rule(get=C.MANAGE_ASSISTANCE_CASES),
    "web:case_detail": Rule(get=C.VIEW_ASSISTANCE_CASES, objects={"case_id": "assistance_case"}),
    "web:criminal_case_list": Rule(get=C.VIEW_CRIMINAL_CASES),
    "web:criminal_case_create": Rule(get=C.MANAGE_CRIMINAL_CASES),
    "web:criminal_case_detail": Rule(get=C.VIEW_CRIMINAL_CASES, objects={"case_id": "criminal_case"}),
    "web:person_create": Rule(get=PeoplePermission.CREATE_RECORDS),
    "web:person_detail": Rule(get=PeoplePermission.VIEW_PERSONS, objects={"person_id": "person"}),
    # Auditors
    "audit:log": Rule(get=CorePermission.VIEW_AUDIT_LOG, names_any_record=True),
    "audit:verify": Rule(get=CorePermission.VIEW_AUDIT_LOG),
    "audit:misuse": Rule(get=CorePermission.VIEW_AUDIT_LOG),
    # The anonymous reporting channel (tips app): public by design.
    "report:start": Rule(get=PUBLIC, post=PUBLIC),
    "report:form": Rule(get=PUBLIC, post=PUBLIC, values={"lang": "ru"}),
    "report:safety": Rule(get=PUBLIC, values={"lang": "ru"}),
    "report:follow-up": Rule(get=PUBLIC, post=PUBLIC, values={"lang": "ru"}),
    "report:thread": Rule(post=PUBLIC, values={"lang": "ru"}),
    # People: lists uploaded for import, seen by the uploading organization (multipart uploads: no JSON body).
    "api:person-imports": Rule(get=PeoplePermission.IMPORT_RECORDS, post=PeoplePermission.IMPORT_RECORDS),
    "api:person-import": Rule(get=PeoplePermission.IMPORT_RECORDS, objects={"import_id": "person_import"}),
    "people:import_list": Rule(get=PeoplePermission.IMPORT_RECORDS, post=PeoplePermission.IMPORT_RECORDS),
    "people:import_detail": Rule(get=PeoplePermission.IMPORT_RECORDS, objects={"import_id": "person_import"}),
    # Referrals: profiles (a directory every staff role reads; each shelter or NGO edits its own), consent,
    # referrals, protection, support, the criminal process. Everything of a case goes through the case's scope.
    "api:referrals-profiles": Rule(get=R.VIEW_PROFILES),
    "api:referrals-profile": Rule(
        get=R.VIEW_PROFILES,
        put=_PROFILE_EDITORS,
        objects={"organization_id": "organization"},
        bodies={"put": lambda w, r: {"notes": f"matrix {next(_numbers)}", "bed_capacity": 4}},
    ),
    "api:referrals-profile-occupancy": Rule(
        post=_PROFILE_EDITORS,
        objects={"organization_id": "organization"},
        bodies={"post": lambda w, r: {"beds_occupied": 1}},
    ),
    "api:referrals-shelter-search": Rule(get=R.VIEW_PROFILES),
    "api:referrals-case-consents": Rule(
        get=_CASE_READERS,
        post=_both(R.RECORD_CONSENT, C.VIEW_ASSISTANCE_CASES),
        objects=_CASE,
        bodies={
            "post": lambda w, r: {"recipient": _shelter_id(w), "data_categories": ["identity"], "explained_in": "ru"}
        },
    ),
    "api:referrals-consent-withdraw": Rule(
        post=R.RECORD_CONSENT,
        objects={"consent_id": "consent_to_withdraw"},
        bodies={"post": lambda w, r: {"reason": "matrix test reason"}},
    ),
    "api:referrals-list": Rule(
        get=_either(R.SEND_REFERRALS, R.RESPOND_REFERRALS),
        post=R.SEND_REFERRALS,
        bodies={
            "post": lambda w, r: {
                "case": _id(w, r, "assistance_case"),
                "to_organization": _shelter_id(w),
                "services": ["medical"],
                "consent": _id(w, r, "consent"),
            }
        },
    ),
    "api:referrals-detail": Rule(
        get=_either(R.SEND_REFERRALS, R.RESPOND_REFERRALS), objects={"referral_id": "referral"}
    ),
    "api:referrals-transition": Rule(
        post=R.SEND_REFERRALS,  # the sender revokes; the receiver (RESPOND_REFERRALS) accepts or declines
        objects={"referral_id": "referral"},
        bodies={"post": lambda w, r: {"to_status": "revoked", "reason": "matrix test reason"}},
    ),
    "api:referrals-notifications": Rule(get=R.VIEW_NOTIFICATIONS),
    "api:referrals-notification-read": Rule(
        post=R.VIEW_NOTIFICATIONS, objects={"notification_id": "notification"}, bodies={"post": lambda w, r: {}}
    ),
    "api:referrals-case-measures": Rule(
        get=_CASE_READERS,
        post=_both(R.MANAGE_PROTECTION, C.VIEW_ASSISTANCE_CASES),
        objects=_CASE,
        bodies={"post": lambda w, r: {"kind": "reflection_period", "requested": True}},
    ),
    "api:referrals-measure-decide": Rule(
        post=R.MANAGE_PROTECTION, objects={"measure_id": "measure"}, bodies={"post": lambda w, r: {"grant": True}}
    ),
    "api:referrals-measure-end": Rule(
        post=R.MANAGE_PROTECTION, objects={"measure_id": "measure"}, bodies={"post": lambda w, r: {}}
    ),
    "api:referrals-hold-lift": Rule(
        post=R.LIFT_HOLDS,
        objects={"measure_id": "expulsion_hold"},
        values={"step": "request"},
        bodies={"post": lambda w, r: {"reason": "matrix test reason"}},
    ),
    "api:referrals-hold-register": Rule(get=R.VIEW_MIGRATION_HOLDS),
    "api:referrals-migration-cases": Rule(
        get=R.VIEW_MIGRATION_HOLDS,
        post=R.MANAGE_MIGRATION_CASES,
        bodies={
            "post": lambda w, r: {
                "person": _id(w, r, "person"),
                "number": f"MX-{next(_numbers)}",
                "region": "almaty_city",
            }
        },
    ),
    "api:referrals-migration-case-transition": Rule(
        post=R.MANAGE_MIGRATION_CASES,
        objects={"migration_case_id": "migration_case"},
        bodies={"post": lambda w, r: {"to_status": "suspended"}},
    ),
    "api:referrals-case-procedural": Rule(
        get=_CASE_READERS,
        post=_both(R.REQUEST_PROCEDURAL_PROTECTION, C.VIEW_ASSISTANCE_CASES),
        objects=_CASE,
        bodies={"post": lambda w, r: {"criminal_case": _id(w, r, "linked_criminal_case"), "kind": "closed_hearing"}},
    ),
    "api:referrals-procedural-decide": Rule(
        post=R.DECIDE_PROCEDURAL_PROTECTION,
        objects={"protection_id": "protection"},
        bodies={"post": lambda w, r: {"to_status": "granted"}},
    ),
    "api:referrals-case-assessments": Rule(
        get=_CASE_READERS, post=_SUPPORT, objects=_CASE, bodies={"post": lambda w, r: dict(_ASSESSMENT)}
    ),
    "api:referrals-tasks": Rule(get=ANY),  # every role, scoped: its organization's tasks on cases it may see
    "api:referrals-task-complete": Rule(
        post=R.MANAGE_SUPPORT, objects={"task_id": "task"}, bodies={"post": lambda w, r: {}}
    ),
    "api:referrals-case-services": Rule(
        get=_CASE_READERS,
        post=_SUPPORT,
        objects=_CASE,
        bodies={"post": lambda w, r: {"kind": "medical", "delivered_on": "2026-01-15"}},
    ),
    "api:referrals-case-plan": Rule(
        get=_CASE_READERS, post=_SUPPORT, objects=_CASE, bodies={"post": lambda w, r: {"goal": "Matrix goal"}}
    ),
    "api:referrals-plan-item-status": Rule(
        post=R.MANAGE_SUPPORT, objects={"item_id": "plan_item"}, bodies={"post": lambda w, r: {"status": "in_progress"}}
    ),
    "api:referrals-follow-ups": Rule(get=ANY),  # every role, scoped to the cases it may see
    "api:referrals-follow-up-record": Rule(
        post=R.MANAGE_SUPPORT, objects={"follow_up_id": "follow_up"}, bodies={"post": lambda w, r: {"status": "done"}}
    ),
    "api:referrals-case-returns": Rule(
        get=_CASE_READERS,
        post=_SUPPORT,
        objects=_CASE,
        bodies={
            "post": lambda w, r: {
                "country": "UZ",
                "receiving_organization": str(w.object("partner_abroad", None, inside=False).pk),
            }
        },
    ),
    "api:referrals-return-transition": Rule(
        post=R.MANAGE_SUPPORT,
        objects={"return_id": "return_plan"},
        bodies={"post": lambda w, r: {"to_status": "cancelled"}},
    ),
    "api:referrals-hearings": Rule(
        get=C.VIEW_CRIMINAL_CASES,
        post=R.MANAGE_HEARINGS,
        objects={"case_id": "criminal_case"},
        bodies={"post": lambda w, r: dict(_HEARING)},
    ),
    "api:referrals-case-compensation": Rule(
        get=_CASE_READERS,
        post=_both(R.MANAGE_COMPENSATION, C.VIEW_ASSISTANCE_CASES),
        objects=_CASE,
        bodies={"post": lambda w, r: {"kind": "state_fund", "amount_claimed": "1000.00"}},
    ),
    "api:referrals-compensation-decide": Rule(
        post=R.MANAGE_COMPENSATION,
        objects={"claim_id": "claim"},
        bodies={"post": lambda w, r: {"to_status": "refused"}},
    ),
    "api:referrals-case-journey": Rule(get=_CASE_READERS, objects={"case_id": "journey_case"}),
    "api:referrals-case-data-scope": Rule(get=_CASE_READERS, objects=_CASE),
    "api:referrals-report": Rule(get=R.VIEW_COORDINATOR_REPORTS, values=_REPORT),
    "referrals:index": Rule(get=ANY),
    "referrals:shelters": Rule(get=R.VIEW_PROFILES),
    "referrals:profile": Rule(
        get=R.VIEW_PROFILES,
        post=_PROFILE_EDITORS,
        objects={"organization_id": "organization"},
        bodies={"post": lambda w, r: {"bed_capacity": 5, "beds_occupied": 1, "min_age": 0, "accepts_women": "on"}},
    ),
    "referrals:occupancy": Rule(
        post=_PROFILE_EDITORS,
        objects={"organization_id": "organization"},
        bodies={"post": lambda w, r: {"beds_occupied": 2}},
    ),
    "referrals:case": Rule(get=_CASE_READERS, objects=_CASE),
    "referrals:case_action": Rule(
        post=_SUPPORT, objects=_CASE, values={"action": "assessment"}, bodies={"post": lambda w, r: dict(_ASSESSMENT)}
    ),
    "referrals:referral": Rule(
        get=_either(R.SEND_REFERRALS, R.RESPOND_REFERRALS),
        post=R.SEND_REFERRALS,
        objects={"referral_id": "page_referral"},
        bodies={"post": lambda w, r: {"to_status": "revoked", "reason": "matrix test reason"}},
    ),
    "referrals:notification_read": Rule(
        post=R.VIEW_NOTIFICATIONS, objects={"notification_id": "page_notification"}, bodies={"post": lambda w, r: {}}
    ),
    "referrals:task_complete": Rule(
        post=R.MANAGE_SUPPORT, objects={"task_id": "page_task"}, bodies={"post": lambda w, r: {}}
    ),
    "referrals:holds": Rule(get=R.VIEW_MIGRATION_HOLDS),
    "referrals:hold_action": Rule(
        post=R.LIFT_HOLDS,
        objects={"measure_id": "page_expulsion_hold"},
        values={"step": "request"},
        bodies={"post": lambda w, r: {"reason": "matrix test reason"}},
    ),
    "referrals:hearings": Rule(
        get=C.VIEW_CRIMINAL_CASES,
        post=R.MANAGE_HEARINGS,
        objects={"criminal_case_id": "criminal_case"},
        bodies={"post": lambda w, r: {"kind": "testimony", "scheduled_at": "2031-03-01 10:00"}},
    ),
    "referrals:coordinator": Rule(get=R.VIEW_COORDINATOR_REPORTS),
    "referrals:report_csv": Rule(get=R.VIEW_COORDINATOR_REPORTS, values=_REPORT),
    # Tips triage: staff of the recipient organization only (the public reporting side is above).
    "tips:queue": Rule(get=TipsPermission.HANDLE_TIPS),
    "tips:recipients": Rule(
        get=_TIPS_READERS,
        post=TipsPermission.MANAGE_RECIPIENTS,
        bodies={"post": lambda w, r: {"organization": str(w.users[r].organization_id), "is_active": "on"}},
    ),
    "tips:detail": Rule(get=TipsPermission.HANDLE_TIPS, objects=_TIP),
    "tips:message": Rule(post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"body": "?"}}),
    "tips:flags": Rule(
        post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"involves_child": "on"}}
    ),
    "tips:status": Rule(
        post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"status": "in_progress"}}
    ),
    "tips:note": Rule(post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"note": "n"}}),
    "tips:link": Rule(
        post=TipsPermission.HANDLE_TIPS,
        objects=_TIP,
        bodies={"post": lambda w, r: {"assistance_case": _id(w, r, "assistance_case")}},
    ),
    "tips:assistance-case": Rule(
        post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"region": "almaty_city"}}
    ),
    "tips:criminal-case": Rule(
        post=_both(TipsPermission.HANDLE_TIPS, CasesPermission.MANAGE_CRIMINAL_CASES),
        objects=_TIP,
        bodies={
            "post": lambda w, r: {
                "registry_number": f"27{next(_numbers):013d}",
                "articles": "cc.128",
                "region": "almaty_city",
            }
        },
    ),
    "tips:forward": Rule(
        post=TipsPermission.HANDLE_TIPS,
        objects=_TIP,
        bodies={"post": lambda w, r: {"to_recipient": str(w.object("tip_forward_target", None, inside=False).pk)}},
    ),
    "tips:attachment": Rule(
        get=TipsPermission.HANDLE_TIPS, objects={"tip_id": "tip", "attachment_id": "tip_attachment"}
    ),
    "api:tips-list": Rule(get=TipsPermission.HANDLE_TIPS),
    "api:tips-recipients": Rule(
        get=_TIPS_READERS,
        post=TipsPermission.MANAGE_RECIPIENTS,
        bodies={"post": lambda w, r: {"organization": str(w.users[r].organization_id)}},
    ),
    "api:tips-detail": Rule(get=TipsPermission.HANDLE_TIPS, objects=_TIP),
    "api:tips-messages": Rule(
        post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"body": "?"}}
    ),
    "api:tips-status": Rule(
        post=TipsPermission.HANDLE_TIPS, objects=_TIP, bodies={"post": lambda w, r: {"status": "in_progress"}}
    ),
    "api:tips-flags": Rule(
        post=TipsPermission.HANDLE_TIPS,
        objects=_TIP,
        bodies={"post": lambda w, r: {"involves_child": True, "immediate_danger": False}},
    ),
    # Linkage: the review queue (pairs of records the user may both see), runs, search.
    "api:linkage-candidates": Rule(get=LinkagePermission.REVIEW_MATCHES),
    "api:linkage-candidate": Rule(get=LinkagePermission.REVIEW_MATCHES, objects=_PAIR),
    "api:linkage-candidate-decide": Rule(
        post=LinkagePermission.REVIEW_MATCHES,
        objects=_PAIR,
        bodies={"post": lambda w, r: {"step": "reject", "reason": "matrix test reason"}},
    ),
    "api:linkage-runs": Rule(post=LinkagePermission.RUN_LINKAGE, bodies={"post": lambda w, r: {}}),
    "api:linkage-search": Rule(get=PeoplePermission.SEARCH_PERSONS),
    "linkage:queue": Rule(get=LinkagePermission.REVIEW_MATCHES),
    "linkage:run": Rule(post=LinkagePermission.RUN_LINKAGE, bodies={"post": lambda w, r: {}}),
    "linkage:candidate": Rule(get=LinkagePermission.REVIEW_MATCHES, objects=_PAIR),
    "linkage:decide": Rule(
        post=LinkagePermission.REVIEW_MATCHES,
        objects=_PAIR,
        bodies={"post": lambda w, r: {"step": "reject", "reason": "matrix test reason"}},
    ),
    "linkage:search": Rule(get=PeoplePermission.SEARCH_PERSONS),
    # Network: charts and scores within the user's case scope, the accountability gap, rebuilds.
    "network:index": Rule(get=NetworkPermission.VIEW),
    "network:build": Rule(post=NetworkPermission.BUILD, bodies={"post": lambda w, r: {}}),
    "network:gap": Rule(get=NetworkPermission.VIEW_GAP),
    "network:gap-csv": Rule(get=NetworkPermission.VIEW_GAP),
    "network:scores-csv": Rule(get=NetworkPermission.VIEW),
    "network:person": Rule(get=NetworkPermission.VIEW, objects={"person_id": "person"}),
    "network:person-data": Rule(get=NetworkPermission.VIEW, objects={"person_id": "person"}),
    "network:case": Rule(get=NetworkPermission.VIEW, objects={"case_id": "criminal_case"}),
    "network:case-data": Rule(get=NetworkPermission.VIEW, objects={"case_id": "criminal_case"}),
    "network:node-data": Rule(get=NetworkPermission.VIEW, objects={"node_id": "graph_node"}),
    "api:network-gap": Rule(get=NetworkPermission.VIEW_GAP),
    "api:network-person-graph": Rule(get=NetworkPermission.VIEW, objects={"person_id": "person"}),
    "api:network-build": Rule(post=NetworkPermission.BUILD, bodies={"post": lambda w, r: {"full": False}}),
    # Four-eyes approvals (senim.core.approvals): everyone lists their own; requesting and deciding need the
    # step's permission and the record in scope; a decision is someone else's request; a file is its requester's.
    "api:approvals": Rule(
        get=ANY,
        post=C.MANAGE_ASSISTANCE_CASES,
        bodies={
            "post": lambda w, r: {
                "action": "cases.assistance_not_victim",
                "target": str(w.object("approval_case", r, inside=True).pk),
                "reason": "matrix test reason",
            }
        },
    ),
    "api:approval": Rule(get=C.MANAGE_ASSISTANCE_CASES, objects={"approval_id": "approval"}),
    "api:approval-approve": Rule(
        post=C.MANAGE_ASSISTANCE_CASES,
        objects={"approval_id": "approval_to_approve"},
        bodies={"post": lambda w, r: {"note": "matrix"}},
    ),
    "api:approval-reject": Rule(
        post=C.MANAGE_ASSISTANCE_CASES,
        objects={"approval_id": "approval_to_reject"},
        bodies={"post": lambda w, r: {"note": "matrix test reason"}},
    ),
    "api:approval-withdraw": Rule(
        post=C.MANAGE_ASSISTANCE_CASES,
        objects={"approval_id": "approval_to_withdraw"},
        bodies={"post": lambda w, r: {}},
    ),
    "api:approval-download": Rule(get=PeoplePermission.EXPORT_PERSONS, objects={"approval_id": "approved_export"}),
    "api:charge-reclassify": Rule(
        post=C.MANAGE_CHARGES, objects={"charge_id": "charge"}, bodies={"post": lambda w, r: {"article": "cc.309"}}
    ),
    "api:charge-outcome": Rule(
        post=C.MANAGE_CHARGES, objects={"charge_id": "charge"}, bodies={"post": lambda w, r: {"outcome": "convicted"}}
    ),
    "approvals:list": Rule(get=ANY),
    "approvals:decide": Rule(
        post=C.MANAGE_ASSISTANCE_CASES,
        objects={"approval_id": "page_approval_to_approve"},
        bodies={"post": lambda w, r: {"decision": "approve"}},
    ),
    "approvals:download": Rule(get=PeoplePermission.EXPORT_PERSONS, objects={"approval_id": "page_approved_export"}),
    "approvals:request": Rule(
        get=PeoplePermission.EXPORT_PERSONS,
        post=PeoplePermission.EXPORT_PERSONS,
        objects={"target_id": "person"},
        values={"action_key": "people.export_person"},
        bodies={"post": lambda w, r: {"format": "csv", "reason": "matrix test reason"}},
    ),
}
