"""Demo accounts: one per role, in the organization where that role has data to see."""

from __future__ import annotations

from dataclasses import dataclass

from senim.core import services as core_services
from senim.core.models import Organization, User
from senim.core.roles import Role

# A fixed password for demo-only data on a local machine (documented in README and docs/synth.md).
# `senim seed --password ...` sets another.
DEMO_PASSWORD = "senim-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    organization_key: str
    first_name: str
    last_name: str
    sees: str  # what the account has to look at in a seeded world


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        Role.COORDINATOR,
        "coordinator",
        "coordination:national",
        "Айгерім",
        "Сапарова",
        "every case, person and statistic",
    ),
    DemoAccount(
        Role.INVESTIGATOR,
        "investigator",
        "police:almaty_city",
        "Ерлан",
        "Бекқожин",
        "the criminal cases of the Almaty anti-trafficking unit and a few assigned elsewhere",
    ),
    DemoAccount(
        Role.PROSECUTOR,
        "prosecutor",
        "prosecutor:almaty_city",
        "Дина",
        "Мұратова",
        "the criminal cases the Almaty prosecutor's office supervises",
    ),
    DemoAccount(
        Role.MIGRATION_OFFICER,
        "migration_officer",
        "migration:almaty_city",
        "Тимур",
        "Әлиев",
        "foreigners screened by the Almaty migration service and their records",
    ),
    DemoAccount(
        Role.LABOUR_INSPECTOR,
        "labour_inspector",
        "labour:almaty_city",
        "Гүлнар",
        "Исаева",
        "workers found by the Almaty labour inspectorate",
    ),
    DemoAccount(
        Role.NGO_CASEWORKER,
        "ngo_caseworker",
        "ngo:almaty_city",
        "Сәуле",
        "Оспанова",
        "the assistance cases the Almaty crisis centre leads",
    ),
    DemoAccount(
        Role.SHELTER_STAFF,
        "shelter_staff",
        "shelter:almaty_city",
        "Мадина",
        "Жүсіпова",
        "residents admitted to the Almaty shelter (and cases referred to it)",
    ),
    DemoAccount(
        Role.ANALYST,
        "analyst",
        "coordination:national",
        "Арман",
        "Төлеуов",
        "all criminal cases, networks and statistics",
    ),
    DemoAccount(Role.AUDITOR, "auditor", "coordination:national", "Ләззат", "Қасымова", "the audit log"),
    DemoAccount(Role.ADMIN, "admin", "coordination:national", "Нұрлан", "Ахметов", "organizations and users"),
)


def create_demo_accounts(organizations: dict[str, Organization], *, password: str = DEMO_PASSWORD) -> dict[str, User]:
    """Create the ten demo users; returns role -> user."""
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        users[account.role] = core_services.user_create(
            actor=None,
            username=account.username,
            password=password,
            organization=organizations[account.organization_key],
            roles=[account.role],
            first_name=account.first_name,
            last_name=account.last_name,
            check_password=password != DEMO_PASSWORD,
        )
    return users
