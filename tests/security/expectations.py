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
from senim.people.permissions import PeoplePermission
from senim.screening.permissions import ScreeningPermission

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
    "api:assistance-case": Rule(
        get=CasesPermission.VIEW_ASSISTANCE_CASES, objects={"case_id": "assistance_case"}
    ),
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
    "web:switch-role": Rule(post=ANY, bodies={"post": lambda w, r: {"role": r}}),
    "web:case_list": Rule(get=C.VIEW_ASSISTANCE_CASES),
    "web:case_create": Rule(get=C.MANAGE_ASSISTANCE_CASES),
    "web:case_detail": Rule(get=C.VIEW_ASSISTANCE_CASES, objects={"case_id": "assistance_case"}),
    "web:criminal_case_list": Rule(get=C.VIEW_CRIMINAL_CASES),
    "web:criminal_case_detail": Rule(get=C.VIEW_CRIMINAL_CASES, objects={"case_id": "criminal_case"}),
    "web:person_create": Rule(get=PeoplePermission.CREATE_RECORDS),
    "web:person_detail": Rule(get=PeoplePermission.VIEW_PERSONS, objects={"person_id": "person"}),
    # Auditors
    "audit:log": Rule(get=CorePermission.VIEW_AUDIT_LOG),
    "audit:verify": Rule(get=CorePermission.VIEW_AUDIT_LOG),
    "audit:misuse": Rule(get=CorePermission.VIEW_AUDIT_LOG),
    # The anonymous reporting channel (tips app): public by design.
    "report:start": Rule(get=PUBLIC, post=PUBLIC),
    "report:form": Rule(get=PUBLIC, post=PUBLIC, values={"lang": "ru"}),
    "report:safety": Rule(get=PUBLIC, values={"lang": "ru"}),
    "report:follow-up": Rule(get=PUBLIC, post=PUBLIC, values={"lang": "ru"}),
    "report:thread": Rule(post=PUBLIC, values={"lang": "ru"}),
}

# Routes whose role-by-role expectations their owners have still to declare (see docs/security.md,
# "Adding an endpoint"). They are covered meanwhile by the generic rules: anonymous callers get no 2xx and
# change nothing; for every role, a missing object id answers 403/404, never 5xx, and changes nothing.
# This set may only shrink: a route that is in neither table fails `test_every_endpoint_has_an_expectation`.
PENDING_PREFIXES = ("api:referrals-", "referrals:", "api:tips-", "tips:", "api:linkage-", "linkage:", "network:",
                    "api:network-")
