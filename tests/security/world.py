"""A small world for security tests: one user per role, each with objects inside its scope, and strangers'
objects outside every non-global scope. Built through the real services (audit and encryption apply)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import connection
from django.test import Client

from senim.cases import services as case_services
from senim.core.models import OrganizationKind, User
from senim.core.roles import Role
from senim.core.testing.factories import (
    make_assistance_case,
    make_criminal_case,
    make_organization,
    make_record,
    make_user,
)

# Unique markers: a response to a principal who may not see the strangers' objects must never contain them.
STRANGER_FAMILY_NAME = "Чужакова"
STRANGER_PHONE = "+77019998877"
STRANGER_DOCUMENT = "N99887766"

# Kinds of object each role sees everywhere (its scope is national); for these, "outside" does not exist.
# Organization profiles are a directory every staff role reads (who edits which is tested separately).
_CASE_PARTS = {
    "consent", "referral", "measure", "expulsion_hold", "migration_case", "linked_criminal_case", "protection",
    "task", "plan_item", "follow_up", "return_plan", "claim", "journey_case", "consent_to_withdraw",
    "page_referral", "page_notification", "page_task", "page_expulsion_hold",
}  # fmt: skip
GLOBAL_SCOPE: dict[str, frozenset[str]] = {role: frozenset({"organization"}) for role in Role} | {
    Role.COORDINATOR: frozenset(
        {"assistance_case", "criminal_case", "participant", "person", "person_record", "screening", "organization"}
        | _CASE_PARTS
        | {"match_candidate", "graph_node", "approval_case"}
    ),
    Role.ANALYST: frozenset({"criminal_case", "participant", "linked_criminal_case", "organization"}),
    # The migration service sees every expulsion hold through its register, whoever leads the case.
    Role.MIGRATION_OFFICER: frozenset({"expulsion_hold", "page_expulsion_hold", "organization"}),
}


# Kinds of object that are a directory rather than a record (organizations, tip recipients): their ids may
# appear to anyone.
DIRECTORY_KINDS = frozenset({"organization", "shelter", "partner_abroad", "tip_forward_target"})


class World:
    def __init__(self) -> None:
        self.users: dict[str, User] = {}
        self.inside: dict[str, dict[str, Any]] = {}
        self.outside: dict[str, Any] = {}
        for role in Role:
            self.users[role] = make_user(role.value, username=f"m-{role.value}")
        for role in Role:
            organization = self.users[role].organization
            record = make_record(organization=organization, family_name=f"Своя-{role.value}")
            assistance = make_assistance_case(lead_organization=organization, record=record)
            criminal = make_criminal_case(
                unit=organization if role == Role.INVESTIGATOR else None,
                prosecutor_office=organization if role == Role.PROSECUTOR else None,
            )
            participant = case_services.participant_add(
                actor=None, case=criminal, person=record.person, procedural_role="victim", record=record
            )
            self.inside[role] = {
                "assistance_case": assistance,
                "criminal_case": criminal,
                "participant": participant,
                "person": record.person,
                "person_record": record,
            }
        ngo = make_organization(kind=OrganizationKind.NGO, name="Stranger NGO")
        police = make_organization(kind=OrganizationKind.POLICE, name="Stranger police")
        record = make_record(
            organization=ngo,
            family_name=STRANGER_FAMILY_NAME,
            identifiers=[_identifier("phone", STRANGER_PHONE), _identifier("document", STRANGER_DOCUMENT)],
        )
        suspect = make_record(organization=police, family_name="Подозреваемый")
        criminal = make_criminal_case(unit=police)
        participant = case_services.participant_add(
            actor=None, case=criminal, person=suspect.person, procedural_role="suspect", record=suspect
        )
        self.outside = {
            "assistance_case": make_assistance_case(lead_organization=ngo, record=record),
            "criminal_case": criminal,
            "participant": participant,
            "person": record.person,
            "person_record": record,
        }

    @staticmethod
    def single(role: str) -> User:
        return make_user(role, username=f"s-{role}")

    def object(self, kind: str, role: str | None, *, inside: bool) -> Any:
        found = self.inside[role] if inside and role is not None else self.outside
        if kind not in found:
            found[kind] = OBJECT_BUILDERS[kind](self, role if inside else None)
        return found[kind]

    def build_everything(self, role: str) -> None:
        """Every kind of object, outside every scope and inside `role`'s."""
        for kind in OBJECT_BUILDERS:
            self.object(kind, None, inside=False)
            self.object(kind, role, inside=True)

    def all_ids(self) -> set[str]:
        found = {str(o.pk) for objects in self.inside.values() for o in objects.values()}
        return found | {str(o.pk) for o in self.outside.values()}


def _identifier(kind: str, value: str) -> Any:
    from senim.people.services import IdentifierInput

    return IdentifierInput(kind=kind, value=value)


def _another_case(world: World, role: str | None) -> Any:
    """A further case of the same lead organization (for objects that would move the first case on)."""
    organization = world.object("assistance_case", role, inside=role is not None).lead_organization
    return make_assistance_case(lead_organization=organization, record=make_record(organization=organization))


def _screening(world: World, role: str | None) -> Any:
    from senim.screening.services import screening_start

    return screening_start(actor=None, case=_another_case(world, role))


# --- referrals: everything hangs off the assistance case inside (the role's own) or outside (the stranger's).


def _case(world: World, role: str | None) -> Any:
    case = world.object("assistance_case", role, inside=role is not None)
    case.refresh_from_db()
    return case


def _shelter(world: World, role: str | None) -> Any:
    """The shelter referrals and consents go to (a third party for every role)."""
    return make_organization(kind=OrganizationKind.SHELTER, name="Matrix shelter")


def _organization(world: World, role: str | None) -> Any:
    """The role's own organization, with a profile (profiles form a directory every staff role may read)."""
    from senim.referrals import services

    organization = world.users[role].organization if role is not None else make_organization(name="Stranger org")
    services.profile_set(actor=None, organization=organization, services=["shelter"], bed_capacity=3)
    return organization


def _journey_case(world: World, role: str | None) -> Any:
    """An assistance case linked to a criminal case: it has a journey through the criminal process."""
    world.object("linked_criminal_case", role, inside=role is not None)
    return _case(world, role)


def _consent(world: World, role: str | None) -> Any:
    from senim.referrals import services

    return services.consent_record(
        actor=None,
        case=_case(world, role),
        recipient=world.object("shelter", None, inside=False),
        data_categories=["identity", "needs"],
        explained_in="ru",
    )


def _referral(world: World, role: str | None) -> Any:
    from senim.referrals import services

    consent = world.object("consent", role, inside=role is not None)
    return services.referral_send(
        actor=None,
        case=_case(world, role),
        to_organization=consent.recipient,
        services=["shelter"],
        shared_data=["identity"],
        consent=consent,
        from_organization=_case(world, role).lead_organization,
    )


def _notification(world: World, role: str | None) -> Any:
    from senim.referrals import services

    organization = world.users[role].organization if role is not None else world.object("shelter", None, inside=False)
    return services.notify(organization=organization, kind="referral_received", case=_case(world, role))


def _measure(world: World, role: str | None) -> Any:
    from senim.referrals import services

    return services.measure_create(actor=None, case=_case(world, role), kind="reflection_period", requested=True)


def _expulsion_hold(world: World, role: str | None) -> Any:
    """On a case of its own: the migration service's register names every person under a hold, by design."""
    from senim.referrals import services

    return services.measure_create(actor=None, case=_another_case(world, role), kind="expulsion_hold")


def _page_expulsion_hold(world: World, role: str | None) -> Any:
    """An expulsion hold on a second case of the same organization (one hold per person)."""
    from senim.referrals import services

    return services.measure_create(actor=None, case=_another_case(world, role), kind="expulsion_hold")


def _migration_case(world: World, role: str | None) -> Any:
    from senim.referrals import services

    case = _case(world, role)
    return services.migration_case_open(
        actor=None,
        person=case.person,
        number=f"MC-{uuid.uuid4().hex[:8]}",
        region="almaty_city",
        organization=world.users[role].organization
        if role is not None
        else make_organization(kind=OrganizationKind.MIGRATION, name="Stranger migration service"),
    )


def _linked_criminal_case(world: World, role: str | None) -> Any:
    criminal = world.object("criminal_case", role, inside=role is not None)
    case_services.criminal_case_link_assistance(actor=None, criminal_case=criminal, assistance_case=_case(world, role))
    return criminal


def _protection(world: World, role: str | None) -> Any:
    from senim.referrals import services

    return services.procedural_protection_request(
        actor=None,
        case=_case(world, role),
        criminal_case=world.object("linked_criminal_case", role, inside=role is not None),
        kind="remote_testimony",
    )


def _task(world: World, role: str | None) -> Any:
    from senim.referrals import services

    case = _case(world, role)
    return services.task_create(
        actor=None, case=case, title="Matrix task", due_on=date.today(), organization=case.lead_organization
    )


def _plan_item(world: World, role: str | None) -> Any:
    from senim.referrals import services

    case = _case(world, role)
    return services.plan_item_add(actor=None, case=case, goal="Matrix goal", responsible=case.lead_organization)


def _follow_up(world: World, role: str | None) -> Any:
    from senim.referrals import services
    from senim.referrals.models import FollowUp

    case = _case(world, role)
    services.follow_ups_schedule(actor=None, case=case)
    return FollowUp.objects.filter(case=case).order_by("due_on").first()


def _return_plan(world: World, role: str | None) -> Any:
    from senim.referrals import services

    return services.return_plan_create(
        actor=None,
        case=_another_case(world, role),  # one open return per case: the first case is for the API's own
        country="UZ",
        receiving_organization=world.object("partner_abroad", None, inside=False),
    )


def _partner_abroad(world: World, role: str | None) -> Any:
    """The NGO in the country of origin that returns are handed over to."""
    return make_organization(kind=OrganizationKind.NGO, name="Partner in Uzbekistan", country="UZ")


def _claim(world: World, role: str | None) -> Any:
    from senim.referrals import services

    return services.compensation_file(actor=None, case=_case(world, role), kind="state_fund", amount_claimed=1000)


# --- tips


def _tip(world: World, role: str | None) -> Any:
    """A tip addressed to the role's own organization (inside), or to a stranger NGO (outside)."""
    from senim.tips import services

    if role is None:
        organization = make_organization(kind=OrganizationKind.NGO, name="Stranger tip NGO")
    else:
        world.object("tip", None, inside=False)  # the stranger's tip too, before any checked request
        organization = world.users[role].organization
    recipient = services.tip_recipient_register(actor=None, organization=organization)
    tip, _code = services.tip_submit(
        routing="named", recipient=recipient, language="ru", what_happened="Матрица", files=[("a.txt", b"matrix")]
    )
    world.object("tip_forward_target", None, inside=False)  # built now, not inside a checked request
    return tip


def _tip_attachment(world: World, role: str | None) -> Any:
    return world.object("tip", role, inside=role is not None).attachments.get()


def _tip_forward_target(world: World, role: str | None) -> Any:
    from senim.tips import services

    organization = make_organization(kind=OrganizationKind.NGO, name="Forward target NGO")
    return services.tip_recipient_register(actor=None, organization=organization)


# --- people: lists uploaded for import (seen by the uploading organization only)


def _person_import(world: World, role: str | None) -> Any:
    from senim.people import services

    organization = world.users[role].organization if role is not None else make_organization(kind="ngo")
    colleague = make_user("ngo_caseworker", organization=organization)
    raw = f"record_id,family_name,given_name\nM-{uuid.uuid4().hex[:6]},Импортова,Тест\n".encode()
    return services.person_import_create(actor=colleague, file_name="list.csv", raw=raw, source="matrix")


# --- linkage and network


def _match_candidate(world: World, role: str | None) -> Any:
    """A pair of records the linkage run would put in the review queue: both of the role's organization
    (inside) or both of the stranger NGO (outside). Made directly: only a linkage run creates them."""
    from senim.linkage.models import MatchCandidate

    first = world.object("person_record", role, inside=role is not None)
    second = make_record(organization=first.source_organization, family_name=first.family_name, given_name="Двойник")
    if role is not None:  # a witness in the role's criminal case too: analysts see persons through criminal cases
        criminal = world.object("criminal_case", role, inside=True)
        case_services.participant_add(
            actor=None, case=criminal, person=second.person, procedural_role="witness", record=second
        )
    return MatchCandidate.objects.create(
        record_a=first,
        record_b=second,
        match_probability=0.8,
        match_weight=2.0,
        evidence=[{"comparison": "family_name", "level": "Exact match", "weight": 6.0}],
    )


def _graph_node(world: World, role: str | None) -> Any:
    """The person's node in the link graph (built once, after every case and record of the world exists)."""
    from senim.network import services
    from senim.network.models import GraphNode

    person = world.object("person", role, inside=role is not None)
    if not GraphNode.objects.filter(person=person).exists():
        services.network_build(actor=None, full=True)
    return GraphNode.objects.get(person=person)


# --- approvals (senim.core.approvals): requests by the role's own user, or by a colleague for it to decide.


def _fresh_case(organization: Any) -> Any:
    return make_assistance_case(lead_organization=organization)


def _can_request(role: str | None) -> bool:
    from senim.cases.permissions import CasesPermission
    from senim.core.access import roles_with

    return role is not None and role in {str(r) for r in roles_with(CasesPermission.MANAGE_ASSISTANCE_CASES)}


def _stranger_request() -> Any:
    """Outside: a stranger investigator asks to terminate the strangers' criminal case (only its own unit and
    the supervising office could decide it)."""
    from senim.core.approvals.services import approval_request

    police = make_organization(kind=OrganizationKind.POLICE, name="Stranger police unit")
    stranger = make_user("investigator", organization=police)
    case = make_criminal_case(unit=police)
    return approval_request(
        actor=stranger, action="cases.criminal_close", target=case, reason="matrix", params={"to_status": "terminated"}
    )


def _own_approval(world: World, role: str | None) -> Any:
    """A pending "not a victim" request by the role's own user (another one's when the role cannot ask)."""
    from senim.core.approvals.services import approval_request

    if not _can_request(role):
        return _stranger_request()
    assert role is not None
    user = world.users[role]
    case = _fresh_case(user.organization)
    return approval_request(actor=user, action="cases.assistance_not_victim", target=case, reason="matrix")


def _approval_to_decide(world: World, role: str | None) -> Any:
    """A pending "not a victim" request by a colleague of the role, on a case of their organization."""
    from senim.core.approvals.services import approval_request

    if not _can_request(role):
        return _stranger_request()
    assert role is not None
    organization = world.users[role].organization
    colleague = make_user(role, organization=organization)
    case = _fresh_case(organization)
    return approval_request(actor=colleague, action="cases.assistance_not_victim", target=case, reason="matrix")


def _approved_export(world: World, role: str | None) -> Any:
    """An export of a person of the role's organization, requested by the role's user and approved by a
    colleague (for a role that may not export: someone else's, which it does not see)."""
    from senim.core.access import roles_with
    from senim.core.approvals.services import approval_approve, approval_request
    from senim.people.permissions import PeoplePermission

    exporters = {str(r) for r in roles_with(PeoplePermission.EXPORT_PERSONS)}
    requester_role = role if role in exporters else "ngo_caseworker"
    organization = world.users[role].organization if role in exporters else make_organization(kind="ngo")
    requester = world.users[role] if role in exporters else make_user("ngo_caseworker", organization=organization)
    colleague = make_user(requester_role, organization=organization)
    person = make_record(organization=organization, family_name="Выгрузка").person
    approval = approval_request(
        actor=requester, action="people.export_person", target=person, reason="matrix", params={"format": "csv"}
    )
    return approval_approve(actor=colleague, approval=approval)


def _charge(world: World, role: str | None) -> Any:
    """A criminal charge of a suspect in the role's criminal case (the strangers' case outside)."""
    case = world.object("criminal_case", role, inside=role is not None)
    organization = case.unit
    suspect = make_record(organization=organization, family_name="Обвиняемый")
    participant = case_services.participant_add(
        actor=None, case=case, person=suspect.person, procedural_role="suspect", record=suspect
    )
    return case_services.charge_add(actor=None, participant=participant, article_key="cc.128")


# Further kinds of object, built on first use: `builder(world, role)` makes an object inside `role`'s scope,
# or outside every non-national scope when `role` is None. Apps whose endpoints take object ids add a
# builder here (see docs/security.md, "Adding an endpoint").
OBJECT_BUILDERS: dict[str, Callable[[World, str | None], Any]] = {
    "screening": _screening,
    "organization": _organization,
    "shelter": _shelter,
    "partner_abroad": _partner_abroad,
    "consent": _consent,
    "referral": _referral,
    "notification": _notification,
    "measure": _measure,
    "expulsion_hold": _expulsion_hold,
    "migration_case": _migration_case,
    "linked_criminal_case": _linked_criminal_case,
    "journey_case": _journey_case,
    "protection": _protection,
    "task": _task,
    "plan_item": _plan_item,
    "follow_up": _follow_up,
    "return_plan": _return_plan,
    "claim": _claim,
    # The same kinds again, for a second route that acts on them (the first one has already moved them on).
    "consent_to_withdraw": _consent,
    "page_referral": _referral,
    "page_notification": _notification,
    "page_task": _task,
    "page_expulsion_hold": _page_expulsion_hold,
    "tip": _tip,
    "tip_attachment": _tip_attachment,
    "tip_forward_target": _tip_forward_target,
    "person_import": _person_import,
    "match_candidate": _match_candidate,
    "graph_node": _graph_node,
    "approval": _own_approval,
    "approval_case": lambda world, role: _fresh_case(
        world.users[role].organization if role is not None else make_organization(kind=OrganizationKind.NGO)
    ),
    "approval_to_withdraw": _own_approval,
    "approval_to_approve": _approval_to_decide,
    "approval_to_reject": _approval_to_decide,
    "page_approval_to_approve": _approval_to_decide,
    "approved_export": _approved_export,
    "page_approved_export": _approved_export,
    "charge": _charge,
}


def login(client: Client, user: User) -> Client:
    """A logged-in session that has passed the second factor, as after a real login."""
    from senim.core.twofactor import mark_verified_for_tests

    client.force_login(user)
    mark_verified_for_tests(client, user)
    return client


def db_fingerprint(*, exclude: tuple[str, ...] = ("django_session",)) -> dict[str, str]:
    """A digest of every row of every table (raw SQL, no decryption), to assert that a denied request
    changed nothing."""
    digest: dict[str, str] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in exclude:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digest


def random_id() -> str:
    return str(uuid.uuid4())
