"""The synthetic world as plain dataclasses: the truth, and the records agencies made of it.

Pure module (no Django import). Ids are stable strings, so exports, the database loader and tests can refer
to the same thing: persons ``P000001``, records ``R000001``, identifiers ``I000001``, networks ``N001``,
assistance cases ``A00001``; criminal cases carry a 15-digit registry number like the real register (ERDR).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """The true role of a person in the world (ground truth, never loaded as such into the database)."""

    ORGANIZER = "organizer"
    FINANCIER = "financier"
    RECRUITER = "recruiter"
    TRANSPORTER = "transporter"
    HARBOURER = "harbourer"
    EXPLOITER = "exploiter"
    VICTIM = "victim"
    MIGRANT = "migrant"  # an ordinary labour migrant: not a victim
    EMPLOYER = "employer"  # a lawful employer of migrants: many workers, pays many people
    RELATIVE = "relative"  # family of someone else in the world: shares surname, phone, address
    NAMESAKE = "namesake"  # same name as someone else, another person


OFFENDER_ROLES = frozenset(
    {Role.ORGANIZER, Role.FINANCIER, Role.RECRUITER, Role.TRANSPORTER, Role.HARBOURER, Role.EXPLOITER}
)


@dataclass(frozen=True)
class Organization:
    key: str  # e.g. "police:almaty_city"
    name: str
    kind: str  # senim.core.models.OrganizationKind value
    region: str
    country: str = "KZ"
    languages: tuple[str, ...] = ("ru", "kk")


@dataclass
class Person:
    id: str
    role: Role
    ethnicity: str  # kz ru uz kg tj
    citizenship: str  # ISO alpha-2
    sex: str  # "m" or "f"
    birth_date: date
    given_name: str  # native Cyrillic
    family_name: str
    patronymic: str  # native form (Kazakh -ұлы/-қызы, Kyrgyz уулу/кызы, else -ович/-овна)
    patronymic_russian: str  # the Russian form a police form writes
    home_region: str = ""  # Kazakh region code where they live, "" abroad
    home_town: str = ""
    network_id: str = ""
    exploitation: str = ""  # victims: "sexual" or "labour"
    is_minor: bool = False
    related_to: str = ""  # relatives and namesakes: the person they are a hard negative for
    relation: str = ""  # spouse, sibling, child, parent, namesake


@dataclass(frozen=True)
class Identifier:
    id: str
    kind: str  # senim.people.models.IdentifierKind value: phone document address bank_account card vehicle ...
    value: str  # canonical form (E.164 phones, upper-case documents...)


@dataclass(frozen=True)
class Holding:
    person_id: str
    identifier_id: str
    relation: str  # owns, uses, lives_at, works_at


@dataclass
class Record:
    """One person as one agency wrote them down."""

    id: str
    person_id: str
    organization_key: str
    source: str  # what kind of paper: "police interview", "migration registration", ...
    style: str  # senim.synth.spelling.Style value
    script: str  # cyrillic | latin
    given_name: str
    family_name: str
    patronymic: str
    full_name: str
    sex: str  # "m", "f" or "" (not written)
    birth_date: str  # "", YYYY, YYYY-MM or YYYY-MM-DD
    citizenship: str
    document_number: str
    phone: str
    address: str
    observed_on: date
    case_id: str = ""  # criminal-case registry number or assistance-case key it was made for
    identifier_ids: tuple[str, ...] = ()  # every identifier this record mentions (provenance)


@dataclass(frozen=True)
class Interaction:
    source: str  # person id
    target: str
    kind: str  # recruited transported harboured exploited called paid co_offended
    on: date
    amount: int = 0  # KZT, for paid
    case_id: str = ""
    observed: bool = True  # known to some agency (appears in the exports)


@dataclass(frozen=True)
class Charge:
    article: str  # key of senim.cases.articles.ARTICLES, e.g. "cc.128"
    outcome: str  # pending convicted acquitted administrative_penalty dismissed
    sentence: str = ""
    decided_on: date | None = None


@dataclass
class Participant:
    person_id: str
    record_id: str
    procedural_role: str  # suspect accused victim witness
    chain_role: str = ""  # as recorded by the investigator (may differ from the truth)
    charges: list[Charge] = field(default_factory=list)


@dataclass
class CriminalCase:
    id: str  # registry number
    network_id: str
    region: str
    articles: list[str]
    opened_on: date
    status_path: list[str]  # from "registered" to the current status
    unit_key: str
    prosecutor_key: str
    participants: list[Participant] = field(default_factory=list)
    assistance_case_ids: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def status(self) -> str:
        return self.status_path[-1]


@dataclass
class AssistanceCase:
    id: str
    person_id: str
    record_id: str
    region: str
    exploitation_type: str  # labour sexual unknown
    is_minor: bool
    status_path: list[str]
    lead_organization_key: str
    reported_on: date
    shelter_key: str = ""  # where the person stayed, if anywhere
    summary: str = ""

    @property
    def status(self) -> str:
        return self.status_path[-1]


@dataclass
class Network:
    id: str
    kind: str  # sexual labour mixed
    destination_region: str
    destination_city: str
    origin_countries: list[str]
    members: dict[str, list[str]]  # role -> person ids (offenders)
    victim_ids: list[str]
    active_from: date
    active_to: date
    detected: bool = False


@dataclass
class World:
    size: str
    seed: int
    organizations: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    criminal_cases: list[CriminalCase] = field(default_factory=list)
    assistance_cases: list[AssistanceCase] = field(default_factory=list)

    def person_index(self) -> dict[str, Person]:
        return {p.id: p for p in self.persons}

    def identifier_index(self) -> dict[str, Identifier]:
        return {i.id: i for i in self.identifiers}

    def records_of(self, person_id: str) -> Iterator[Record]:
        return (r for r in self.records if r.person_id == person_id)

    def counts(self) -> dict[str, int]:
        roles: dict[str, int] = {}
        for person in self.persons:
            roles[person.role.value] = roles.get(person.role.value, 0) + 1
        return {
            "organizations": len(self.organizations),
            "persons": len(self.persons),
            "records": len(self.records),
            "identifiers": len(self.identifiers),
            "holdings": len(self.holdings),
            "interactions": len(self.interactions),
            "networks": len(self.networks),
            "criminal_cases": len(self.criminal_cases),
            "assistance_cases": len(self.assistance_cases),
            **{f"role.{k}": v for k, v in sorted(roles.items())},
        }
