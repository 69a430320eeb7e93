"""generate_world(size, seed): trafficking networks of the region, the people around them, and the records
agencies made of them, with the truth kept alongside. Pure (no Django import) and deterministic for a seed.

How a world is built (see docs/synth.md for the numbers):

1. Networks. Each has an organizer in a Kazakh destination city (sometimes a financier), recruiters in the
   origin countries (UZ, KG, TJ) or Kazakh provinces, transporters, harbourers and exploiters at the
   destination, and victims of sexual or labour exploitation (adults and children, foreign and domestic).
   The organizer talks to everybody and receives the money, but rarely touches a victim.
2. Around them: lawful migrants (not victims) with lawful employers, relatives (same surname, shared phone
   and address) and namesakes (same name, another person): the hard negatives.
3. Detection. Most networks reach a criminal case that captures only part of it: exploiters charged (often
   under a lesser article), foreign recruiters out of reach, organizers with an administrative article or
   nothing, foreign labour victims fined under Art. 517 AOC. Victims get assistance cases at NGOs; some
   migrants are screened and found not to be victims.
4. Records. Every appearance in a source becomes a record written in that source's way (police Russian
   Cyrillic, NGO native Cyrillic, migration passport Latin, Uzbek partner's Uzbek Latin...), with typos,
   swapped order, missing patronymics, partial or wrong birth dates and phones in many formats.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, TypeVar

from senim.synth import names as N
from senim.synth.spelling import (
    Style,
    birth_date_as_recorded,
    document_format,
    new_account,
    new_card,
    new_document,
    new_online_account,
    new_phone,
    new_vehicle,
    phone_format,
    render,
    russify,
    script_of,
    typo,
)
from senim.synth.world import (
    AssistanceCase,
    Charge,
    CriminalCase,
    Holding,
    Identifier,
    Interaction,
    Network,
    Organization,
    Participant,
    Person,
    Record,
    Role,
    World,
)

Size = Literal["small", "medium", "large"]
NETWORKS_PER_SIZE: dict[str, int] = {"small": 8, "medium": 80, "large": 800}
T = TypeVar("T")

REGION_RU = {
    "almaty_city": "г. Алматы",
    "astana": "г. Астана",
    "shymkent": "г. Шымкент",
    "almaty": "Алматинской области",
    "turkistan": "Туркестанской области",
    "atyrau": "Атырауской области",
    "mangystau": "Мангистауской области",
    "karaganda": "Карагандинской области",
    "aktobe": "Актюбинской области",
    "jambyl": "Жамбылской области",
    "kyzylorda": "Кызылординской области",
    "east_kazakhstan": "Восточно-Казахстанской области",
    "north_kazakhstan": "Северо-Казахстанской области",
    "kostanay": "Костанайской области",
}
REGION_CODE = {
    "almaty_city": "75",
    "astana": "71",
    "shymkent": "79",
    "almaty": "19",
    "turkistan": "61",
    "atyrau": "23",
    "mangystau": "47",
    "karaganda": "35",
    "aktobe": "15",
    "jambyl": "31",
    "kyzylorda": "43",
    "east_kazakhstan": "63",
    "north_kazakhstan": "59",
    "kostanay": "39",
}
SHELTER_REGIONS = ("almaty_city", "astana", "shymkent", "karaganda")
EPOCH = date(2019, 1, 1)


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _pick(rng: random.Random, items: Sequence[T], weights: Sequence[float] | None = None) -> T:
    if weights is None:
        return items[rng.randrange(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def _days(rng: random.Random, start: date, end: date) -> date:
    span = max(0, (end - start).days)
    return start + timedelta(days=rng.randint(0, span))


def _feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


@dataclass
class _Place:
    region: str  # Kazakh region code, "" abroad
    town: str
    country: str


class _Builder:
    def __init__(self, size: str, seed: int, networks: int) -> None:
        self.rng = random.Random(f"senim-synth:{size}:{seed}")
        self.world = World(size=size, seed=seed)
        self.n_networks = networks
        self._counters: dict[str, int] = {}
        self._persons: dict[str, Person] = {}
        self._held: dict[tuple[str, str], list[str]] = {}  # (person, relation) -> identifier ids
        self._ident: dict[str, Identifier] = {}
        self._by_value: dict[tuple[str, str], str] = {}
        self._known: set[str] = set()  # persons some agency put in a case
        self._recorded: set[str] = set()  # persons with at least one record
        self._father: dict[str, str] = {}  # person -> father's given name (native), for siblings
        self._registry_serial = 0
        self.orgs: dict[str, Organization] = {}

    # --- ids --------------------------------------------------------------------------------------------

    def _next(self, prefix: str, width: int) -> str:
        self._counters[prefix] = self._counters.get(prefix, 0) + 1
        return f"{prefix}{self._counters[prefix]:0{width}d}"

    # --- organizations ----------------------------------------------------------------------------------

    def build_organizations(self) -> None:
        def add(key: str, name: str, kind: str, region: str, country: str = "KZ", langs: tuple[str, ...] = ()) -> None:
            self.orgs[key] = Organization(key, name, kind, region, country, langs or ("ru", "kk"))

        regions = [r for r, _c, _p in N.DESTINATIONS] + sorted(
            {r for r, _t in N.ORIGINS["KZ"]} - {r for r, _c, _p in N.DESTINATIONS}
        )
        add(
            "coordination:national",
            "Межведомственная рабочая группа по противодействию торговле людьми",
            "coordination",
            "astana",
        )
        for region in regions:
            where = REGION_RU[region]
            add(
                f"police:{region}", f"Департамент полиции {where}, отдел по борьбе с торговлей людьми", "police", region
            )
            add(f"prosecutor:{region}", f"Прокуратура {where}", "prosecutor", region)
            add(f"migration:{region}", f"Управление миграционной службы {where}", "migration", region)
            add(f"labour:{region}", f"Инспекция труда {where}", "labour", region)
        for region, city, _plate in N.DESTINATIONS:
            add(
                f"ngo:{region}",
                f"ОФ «Қамқор-{russify(city)}», кризисный центр",
                "ngo",
                region,
                langs=("ru", "kk", "uz", "ky", "tg"),
            )
        for region in SHELTER_REGIONS:
            add(
                f"shelter:{region}",
                f"Приют для пострадавших от торговли людьми, {REGION_RU[region]}",
                "shelter",
                region,
            )
        add("embassy:UZ", "Посольство Республики Узбекистан", "foreign_partner", "astana", "UZ", ("uz", "ru"))
        add("embassy:KG", "Посольство Кыргызской Республики", "foreign_partner", "astana", "KG", ("ky", "ru"))
        add("embassy:TJ", "Посольство Республики Таджикистан", "foreign_partner", "astana", "TJ", ("tg", "ru"))
        add(
            "international:iom",
            "Международная организация по миграции, офис в Астане",
            "international",
            "astana",
            "KZ",
            ("en", "ru"),
        )
        self.world.organizations = list(self.orgs.values())

    # --- persons ----------------------------------------------------------------------------------------

    def new_person(
        self,
        role: Role,
        *,
        ethnicity: str,
        citizenship: str,
        sex: str,
        age: tuple[int, int],
        at: date,
        place: _Place,
        network_id: str = "",
        family_name: str = "",
        father: str = "",
    ) -> Person:
        rng = self.rng
        pool = N.GIVEN[ethnicity]
        years = rng.randint(age[0], age[1])
        birth = at - timedelta(days=years * 365 + rng.randint(0, 364))
        given = _pick(rng, pool[sex])
        surname = family_name or _pick(rng, pool["s"])
        if sex == "f" and not family_name:
            surname = _feminine(surname)
        father = father or _pick(rng, [n for n in pool["m"] if n[-1] not in "аяй"] or pool["m"])
        native, russian = self._patronymic(ethnicity, father, sex)
        person = Person(
            id=self._next("P", 6),
            role=role,
            ethnicity=ethnicity,
            citizenship=citizenship,
            sex=sex,
            birth_date=birth,
            given_name=given,
            family_name=surname,
            patronymic=native,
            patronymic_russian=russian,
            home_region=place.region,
            home_town=place.town,
            network_id=network_id,
            is_minor=years < 18,
        )
        self.world.persons.append(person)
        self._persons[person.id] = person
        self._father[person.id] = father
        return person

    @staticmethod
    def _patronymic(ethnicity: str, father: str, sex: str) -> tuple[str, str]:
        if ethnicity == "ru":
            stem = N.RUSSIAN_PATRONYMIC_STEM.get(father, father + "ов")
            russian = stem + ("ич" if sex == "m" else "на")
            return russian, russian
        base = russify(father)
        stem = base[:-1] + "ев" if base.endswith("й") else base + ("ов" if base[-1] not in "аеиоуыэюя" else "ев")
        russian = stem + ("ич" if sex == "m" else "на")
        if ethnicity == "kz":
            return father + ("ұлы" if sex == "m" else "қызы"), russian
        if ethnicity == "kg":
            return father + (" уулу" if sex == "m" else " кызы"), russian
        return russian, russian

    def relative_of(self, anchor: Person, relation: str, *, at: date) -> Person:
        """Spouse, sibling or child of `anchor`: same surname (in its gender form), often same address."""
        rng = self.rng
        place = _Place(anchor.home_region, anchor.home_town, anchor.citizenship)
        base_surname = (
            anchor.family_name[:-1] if anchor.sex == "f" and anchor.family_name.endswith("а") else (anchor.family_name)
        )
        if relation == "spouse":
            sex = "f" if anchor.sex == "m" else "m"
            age = (max(18, anchor_age(anchor, at) - 6), anchor_age(anchor, at) + 3)
            father = ""
        elif relation == "sibling":
            sex = _pick(rng, ["m", "f"])
            age = (max(14, anchor_age(anchor, at) - 8), anchor_age(anchor, at) + 8)
            father = self._father.get(anchor.id, "")
        elif relation == "parent":
            sex = _pick(rng, ["m", "f"])
            age = (anchor_age(anchor, at) + 18, anchor_age(anchor, at) + 35)
            father = ""
        else:  # child
            sex = _pick(rng, ["m", "f"])
            age = (max(1, anchor_age(anchor, at) - 35), max(2, anchor_age(anchor, at) - 18))
            father = anchor.given_name if anchor.sex == "m" else ""
        surname = _feminine(base_surname) if sex == "f" else base_surname
        person = self.new_person(
            Role.RELATIVE,
            ethnicity=anchor.ethnicity,
            citizenship=anchor.citizenship,
            sex=sex,
            age=age,
            at=at,
            place=place,
            family_name=surname,
            father=father,
        )
        person.related_to = anchor.id
        person.relation = relation
        return person

    def namesake_of(self, anchor: Person, *, at: date) -> Person:
        rng = self.rng
        region, city, _plate = _pick(rng, N.DESTINATIONS)
        person = self.new_person(
            Role.NAMESAKE,
            ethnicity=anchor.ethnicity,
            citizenship=anchor.citizenship if _chance(rng, 0.7) else "KZ",
            sex=anchor.sex,
            age=(18, 60),
            at=at,
            place=_Place(region, city, "KZ"),
            family_name=anchor.family_name,
        )
        person.given_name = anchor.given_name
        person.related_to = anchor.id
        person.relation = "namesake"
        return person

    # --- identifiers ------------------------------------------------------------------------------------

    def identifier(self, kind: str, value: str) -> str:
        key = (kind, value)
        found = self._by_value.get(key)
        if found is not None:
            return found
        ident = Identifier(self._next("I", 6), kind, value)
        self.world.identifiers.append(ident)
        self._ident[ident.id] = ident
        self._by_value[key] = ident.id
        return ident.id

    def hold(self, person: Person, identifier_id: str, relation: str) -> None:
        bucket = self._held.setdefault((person.id, relation), [])
        if identifier_id in bucket:
            return
        bucket.append(identifier_id)
        self.world.holdings.append(Holding(person.id, identifier_id, relation))

    def held(self, person: Person, relation: str, kind: str | None = None) -> list[str]:
        ids = self._held.get((person.id, relation), [])
        if kind is None:
            return list(ids)
        return [i for i in ids if self._ident[i].kind == kind]

    def give_phone(self, person: Person, country: str | None = None) -> str:
        ident = self.identifier("phone", new_phone(country or person.citizenship, self.rng))
        self.hold(person, ident, "owns")
        return ident

    def new_address(self, town: str, country: str) -> str:
        rng = self.rng
        street = _pick(rng, N.STREETS)
        value = f"{town}, {street}, {rng.randint(1, 180)}" + (f", {rng.randint(1, 120)}" if _chance(rng, 0.7) else "")
        if country != "KZ":
            value = f"{value} ({country})"
        return self.identifier("address", value)

    def give_home(self, person: Person, address_id: str | None = None) -> str:
        address_id = address_id or self.new_address(
            person.home_town, person.citizenship if not person.home_region else "KZ"
        )
        self.hold(person, address_id, "lives_at")
        return address_id

    def give_document(self, person: Person) -> str:
        ident = self.identifier("document", new_document(person.citizenship, self.rng))
        self.hold(person, ident, "owns")
        return ident

    def new_company(self, city: str) -> str:
        rng = self.rng
        words = rng.sample(N.COMPANY_WORDS, 2)
        return self.identifier("company", f"ТОО «{words[0]} {words[1]}» (БИН {rng.randrange(10**11, 10**12)})")

    # --- interactions -----------------------------------------------------------------------------------

    def interact(self, source: Person, target: Person, kind: str, on: date, amount: int = 0) -> None:
        self.world.interactions.append(Interaction(source.id, target.id, kind, on, amount))

    def calls(self, a: Person, b: Person, start: date, end: date, n: int) -> None:
        for _ in range(n):
            if _chance(self.rng, 0.5):
                self.interact(a, b, "called", _days(self.rng, start, end))
            else:
                self.interact(b, a, "called", _days(self.rng, start, end))

    def payments(self, payer: Person, payee: Person, start: date, end: date, n: int, amount: tuple[int, int]) -> None:
        for _ in range(n):
            value = round(self.rng.randint(*amount), -3)
            self.interact(payer, payee, "paid", _days(self.rng, start, end), max(1000, value))

    # --- networks ---------------------------------------------------------------------------------------

    def build_network(self) -> Network:
        rng = self.rng
        net_id = self._next("N", 3)
        kind = _pick(rng, ["sexual", "labour", "mixed"], [0.45, 0.45, 0.10])
        region, city, plate = _pick(rng, N.DESTINATIONS, N.DESTINATION_WEIGHTS)
        if len(self.world.networks) < 2:
            # The first two networks of every world work in Almaty, one of each kind, and get caught: the
            # demo accounts sit in Almaty and should have something to look at even in a small world.
            kind = ("sexual", "labour")[len(self.world.networks)]
            region, city, plate = N.DESTINATIONS[0]
        if kind == "sexual":
            origin_pool, weights = ["KZ", "UZ", "KG", "TJ"], [0.40, 0.25, 0.25, 0.10]
        else:
            origin_pool, weights = ["UZ", "TJ", "KG", "KZ"], [0.40, 0.25, 0.20, 0.15]
        origins = [_pick(rng, origin_pool, weights)]
        if _chance(rng, 0.4):
            other = _pick(rng, origin_pool, weights)
            if other not in origins:
                origins.append(other)
        start = _days(rng, EPOCH, date(2024, 6, 30))
        end = min(start + timedelta(days=rng.randint(180, 720)), date(2025, 12, 31))
        dest = _Place(region, city, "KZ")

        def local(role: Role, sex: str, age: tuple[int, int] = (25, 55)) -> Person:
            ethnicity = _pick(rng, ["kz", "ru", "uz"], [0.7, 0.15, 0.15])
            return self.new_person(
                role, ethnicity=ethnicity, citizenship="KZ", sex=sex, age=age, at=start, place=dest, network_id=net_id
            )

        def abroad(role: Role, country: str, sex: str, age: tuple[int, int] = (22, 50)) -> Person:
            region_town = _pick(rng, N.ORIGINS[country])
            place = _Place(region_town[0], region_town[1], country)
            return self.new_person(
                role,
                ethnicity=N.ETHNICITY_OF_COUNTRY[country],
                citizenship=country,
                sex=sex,
                age=age,
                at=start,
                place=place,
                network_id=net_id,
            )

        sexual = kind == "sexual"
        organizer = local(Role.ORGANIZER, "f" if sexual and _chance(rng, 0.35) else "m", (32, 60))
        members: dict[str, list[str]] = {"organizer": [organizer.id]}
        financier = local(Role.FINANCIER, "m", (35, 65)) if _chance(rng, 0.3) else None
        recruiters = [
            abroad(Role.RECRUITER, _pick(rng, origins), "f" if sexual and _chance(rng, 0.5) else "m")
            for _ in range(rng.randint(2, 4))
        ]
        transporters = [
            abroad(Role.TRANSPORTER, _pick(rng, origins), "m") if _chance(rng, 0.4) else local(Role.TRANSPORTER, "m")
            for _ in range(rng.randint(1, 2))
        ]
        harbourers = [
            local(Role.HARBOURER, "f" if sexual else _pick(rng, ["m", "f"])) for _ in range(rng.randint(1, 2))
        ]
        exploiters = [
            local(Role.EXPLOITER, "m" if not sexual or _chance(rng, 0.6) else "f") for _ in range(rng.randint(1, 3))
        ]
        if financier:
            members["financier"] = [financier.id]
        members["recruiter"] = [p.id for p in recruiters]
        members["transporter"] = [p.id for p in transporters]
        members["harbourer"] = [p.id for p in harbourers]
        members["exploiter"] = [p.id for p in exploiters]

        # Identifiers of the offenders.
        for person in [organizer, *recruiters, *transporters, *harbourers, *exploiters] + (
            [financier] if financier else []
        ):
            self.give_phone(person)
            self.give_home(person)
            if _chance(rng, 0.6):
                self.give_document(person)
        work_phone = self.give_phone(organizer, "KZ")
        for deputy in [harbourers[0], *(exploiters[:1] if _chance(rng, 0.4) else [])]:
            self.hold(deputy, work_phone, "uses")  # one phone passed around the cell
        ad_account = self.identifier("online_account", new_online_account(organizer.given_name, rng))
        self.hold(organizer, ad_account, "owns")
        for recruiter in recruiters:
            if _chance(rng, 0.6):
                self.hold(recruiter, ad_account, "uses")
        company = self.new_company(city)
        self.hold(organizer if _chance(rng, 0.5) else exploiters[0], company, "owns")
        organizer_account = self.identifier("bank_account", new_account(rng))
        self.hold(organizer, organizer_account, "owns")
        for exploiter in exploiters:
            self.hold(exploiter, company, "works_at")
            self.hold(exploiter, self.identifier("card", new_card(rng)), "owns")
        site = self.new_address(city, "KZ")  # the sauna, the barracks, the workshop
        for harbourer in harbourers:
            self.hold(harbourer, site, "works_at")
        for transporter in transporters:
            self.hold(transporter, self.identifier("vehicle", new_vehicle(plate, rng)), "owns")
        # Family: the organizer's card is in a relative's name; relatives share surname, address and phone.
        spouse = self.relative_of(organizer, "spouse", at=start)
        home = self.held(organizer, "lives_at")[0]
        self.give_home(spouse, home)
        self.hold(spouse, self.held(organizer, "owns", "phone")[0], "uses")
        self.give_phone(spouse)
        front_card = self.identifier("card", new_card(rng))
        self.hold(spouse, front_card, "owns")
        self.hold(organizer, front_card, "uses")
        if _chance(rng, 0.5):
            sibling = self.relative_of(organizer, "sibling", at=start)
            self.give_phone(sibling)
            self.give_home(sibling, home if _chance(rng, 0.3) else None)
        for worker in [*recruiters, *exploiters]:
            if _chance(rng, 0.25):
                relative = self.relative_of(worker, _pick(rng, ["spouse", "sibling"]), at=start)
                self.give_home(relative, self.held(worker, "lives_at")[0])
                self.give_phone(relative)
                self.calls(worker, relative, start, end, rng.randint(1, 4))

        # Victims.
        victims: list[Person] = []
        for _ in range(rng.randint(4, 14)):
            country = _pick(rng, origins)
            exploitation = kind if kind != "mixed" else _pick(rng, ["sexual", "labour"])
            minor = _chance(rng, 0.2 if exploitation == "sexual" else 0.07)
            if exploitation == "sexual":
                sex = "f" if _chance(rng, 0.95) else "m"
            else:
                sex = "m" if _chance(rng, 0.8) else "f"
            age = (14, 17) if minor else ((18, 30) if exploitation == "sexual" else (18, 50))
            victim = abroad(Role.VICTIM, country, sex, age)
            victim.exploitation = exploitation
            victim.is_minor = minor
            victims.append(victim)
            self.give_phone(victim)
            self.give_home(victim)  # at home, in the origin town
            if country != "KZ" or _chance(rng, 0.5):
                self.give_document(victim)
            self.hold(victim, site, "lives_at")
            self.hold(victim, company, "works_at")
            if _chance(rng, 0.5):
                self.hold(victim, work_phone, "uses")  # own phone taken away; the cell's phone instead
            same_country = [r for r in recruiters if r.citizenship == country] or recruiters
            recruiter = _pick(rng, same_country)
            recruited_on = _days(rng, start, end - timedelta(days=30))
            self.interact(recruiter, victim, "recruited", recruited_on)
            self.calls(recruiter, victim, recruited_on - timedelta(days=20), recruited_on, rng.randint(1, 3))
            if _chance(rng, 0.4):
                self.payments(victim, recruiter, recruited_on, recruited_on + timedelta(days=5), 1, (20_000, 80_000))
            transporter = _pick(rng, transporters)
            self.interact(transporter, victim, "transported", recruited_on + timedelta(days=rng.randint(2, 14)))
            for harbourer in harbourers:
                if harbourer is harbourers[0] or _chance(rng, 0.5):
                    self.interact(harbourer, victim, "harboured", recruited_on + timedelta(days=rng.randint(5, 20)))
            for exploiter in exploiters:
                if exploiter is exploiters[0] or _chance(rng, 0.5):
                    self.interact(exploiter, victim, "exploited", recruited_on + timedelta(days=rng.randint(6, 30)))
            if _chance(rng, 0.08):  # the organizer met this one himself
                self.interact(organizer, victim, "exploited", recruited_on + timedelta(days=rng.randint(6, 30)))
        # Calls and money: everything flows up to the organizer.
        lieutenants = [*recruiters, *transporters, *harbourers, *exploiters]
        for lieutenant in lieutenants:
            self.calls(organizer, lieutenant, start, end, rng.randint(3, 12))
        for recruiter in recruiters:
            self.calls(recruiter, _pick(rng, transporters), start, end, rng.randint(1, 5))
            self.payments(organizer, recruiter, start, end, rng.randint(1, 4), (50_000, 300_000))
        for transporter in transporters:
            self.payments(organizer, transporter, start, end, rng.randint(1, 3), (40_000, 200_000))
        for harbourer in harbourers:
            self.calls(harbourer, _pick(rng, exploiters), start, end, rng.randint(2, 6))
            self.payments(organizer, harbourer, start, end, rng.randint(1, 4), (80_000, 250_000))
        for exploiter in exploiters:
            self.payments(exploiter, organizer, start, end, rng.randint(3, 10), (300_000, 2_500_000))
        if financier:
            self.calls(organizer, financier, start, end, rng.randint(2, 6))
            self.payments(
                financier, organizer, start, start + timedelta(days=60), rng.randint(1, 2), (2_000_000, 10_000_000)
            )
            self.payments(organizer, financier, start, end, rng.randint(2, 5), (500_000, 3_000_000))
        self.calls(organizer, spouse, start, end, rng.randint(2, 8))
        self.payments(organizer, spouse, start, end, rng.randint(1, 4), (100_000, 600_000))

        network = Network(
            id=net_id,
            kind=kind,
            destination_region=region,
            destination_city=city,
            origin_countries=origins,
            members=members,
            victim_ids=[v.id for v in victims],
            active_from=start,
            active_to=end,
        )
        self.world.networks.append(network)
        return network

    # --- lawful migration around the networks -----------------------------------------------------------

    def build_background(self) -> None:
        rng = self.rng
        employers: list[tuple[Person, str, str, _Place]] = []
        for _ in range(max(1, round(self.n_networks * 1.5))):
            region, city, _plate = _pick(rng, N.DESTINATIONS, N.DESTINATION_WEIGHTS)
            place = _Place(region, city, "KZ")
            employer = self.new_person(
                Role.EMPLOYER,
                ethnicity=_pick(rng, ["kz", "ru"], [0.8, 0.2]),
                citizenship="KZ",
                sex="m" if _chance(rng, 0.8) else "f",
                age=(30, 65),
                at=date(2022, 1, 1),
                place=place,
            )
            self.give_phone(employer)
            self.give_home(employer)
            company = self.new_company(city)
            self.hold(employer, company, "owns")
            self.hold(employer, self.identifier("bank_account", new_account(rng)), "owns")
            dormitory = self.new_address(city, "KZ")
            employers.append((employer, company, dormitory, place))
        for _ in range(self.n_networks * 15):
            employer, company, dormitory, place = _pick(rng, employers)
            country = _pick(rng, ["UZ", "KG", "TJ", "KZ"], [0.4, 0.2, 0.2, 0.2])
            town_region, town = _pick(rng, N.ORIGINS[country])
            migrant = self.new_person(
                Role.MIGRANT,
                ethnicity=N.ETHNICITY_OF_COUNTRY[country],
                citizenship=country,
                sex="m" if _chance(rng, 0.7) else "f",
                age=(18, 55),
                at=date(2023, 1, 1),
                place=_Place(town_region, town, country),
            )
            self.give_phone(migrant)
            self.give_home(migrant)
            self.give_document(migrant)
            self.hold(migrant, dormitory, "lives_at")
            self.hold(migrant, company, "works_at")
            start = _days(rng, date(2020, 1, 1), date(2025, 3, 1))
            end = start + timedelta(days=rng.randint(60, 300))
            self.payments(employer, migrant, start, end, rng.randint(1, 6), (150_000, 350_000))
            self.calls(employer, migrant, start, end, rng.randint(0, 3))
            if _chance(rng, 0.3):
                relative = self.relative_of(migrant, _pick(rng, ["spouse", "sibling", "parent"]), at=start)
                self.give_home(relative, self.held(migrant, "lives_at")[0])
                self.give_phone(relative)
                self.calls(migrant, relative, start, end, rng.randint(2, 8))
                self.payments(migrant, relative, start, end, rng.randint(1, 4), (40_000, 150_000))
        # Namesakes: same name as an offender or a victim, another person entirely.
        candidates = [
            p
            for p in self.world.persons
            if p.role in (Role.ORGANIZER, Role.RECRUITER, Role.EXPLOITER, Role.VICTIM, Role.MIGRANT)
        ]
        for anchor in rng.sample(candidates, k=max(1, len(candidates) // 20)):
            namesake = self.namesake_of(anchor, at=date(2023, 1, 1))
            self.give_phone(namesake)
            self.give_home(namesake)

    # --- cases ------------------------------------------------------------------------------------------

    def registry_number(self, region: str, opened: date) -> str:
        self._registry_serial += 1
        return f"{opened.year % 100:02d}{REGION_CODE[region]}{self.rng.randint(10, 99)}{self._registry_serial:09d}"

    def build_cases(self, network: Network) -> None:
        rng = self.rng
        persons = self._persons
        if not _chance(rng, 0.75) and network.id not in ("N001", "N002"):
            # Undetected: a few victims still reach an NGO on their own.
            for victim_id in network.victim_ids:
                if _chance(rng, 0.15):
                    self.assistance_case(persons[victim_id], network, criminal=None)
            return
        network.detected = True
        region = network.destination_region
        opened = _days(rng, network.active_from + timedelta(days=90), network.active_to + timedelta(days=60))
        victims = [persons[v] for v in network.victim_ids]
        any_minor = any(v.is_minor for v in victims)
        sexual = network.kind != "labour"
        if _chance(rng, 0.35):  # reclassified to a lesser article, as often happens
            main = "cc.309" if sexual else "cc.126"
            articles = [main]
        else:
            main = "cc.135" if any_minor else "cc.128"
            articles = [main] + (["cc.309"] if sexual and _chance(rng, 0.5) else [])
        path = _pick(
            rng,
            [
                ["registered", "investigation", "indictment", "trial", "verdict", "closed"],
                ["registered", "investigation", "indictment", "trial", "verdict", "appeal", "closed"],
                ["registered", "investigation", "indictment", "trial"],
                ["registered", "investigation"],
                ["registered", "investigation", "suspended"],
                ["registered", "investigation", "terminated"],
            ],
            [0.35, 0.1, 0.2, 0.15, 0.1, 0.1],
        )
        case = CriminalCase(
            id=self.registry_number(region, opened),
            network_id=network.id,
            region=region,
            articles=articles,
            opened_on=opened,
            status_path=path,
            unit_key=f"police:{region}",
            prosecutor_key=f"prosecutor:{region}",
        )
        decided = opened + timedelta(days=rng.randint(150, 420)) if path[-1] in ("closed", "verdict") else None

        def charge(article: str) -> Charge:
            if article.startswith("aoc."):
                return Charge(
                    article,
                    "administrative_penalty",
                    _pick(
                        rng,
                        [
                            "штраф 50 МРП",
                            "штраф 100 МРП",
                            "административный арест 10 суток",
                            "выдворение за пределы РК",
                        ],
                    ),
                    opened + timedelta(days=rng.randint(5, 60)),
                )
            if path[-1] == "terminated":
                return Charge(article, "dismissed", "", opened + timedelta(days=rng.randint(60, 200)))
            if decided is None:
                return Charge(article, "pending")
            if _chance(rng, 0.85):
                years = rng.randint(3, 15) if article in ("cc.128", "cc.135") else rng.randint(1, 6)
                return Charge(article, "convicted", f"лишение свободы {years} лет", decided)
            return Charge(article, "acquitted", "", decided)

        def add(person: Person, procedural: str, chain: str, charges: list[str]) -> None:
            record = self.record_for(person, f"police:{region}", "police interview", opened, case.id, formal=True)
            case.participants.append(Participant(person.id, record.id, procedural, chain, [charge(a) for a in charges]))
            self._known.add(person.id)

        for exploiter_id in network.members["exploiter"]:
            add(persons[exploiter_id], "accused", "exploiter", [main])
        for harbourer_id in network.members["harbourer"]:
            r = rng.random()
            if r < 0.5:
                add(persons[harbourer_id], "accused", "harbourer", ["cc.309" if sexual else main])
            elif r < 0.8:
                add(persons[harbourer_id], "witness", "", [])
        for transporter_id in network.members["transporter"]:
            transporter = persons[transporter_id]
            r = rng.random()
            if r < 0.25:
                add(transporter, "suspect", "transporter", ["cc.394"])
            elif r < 0.55:
                add(transporter, "witness", "", [])
        for recruiter_id in network.members["recruiter"]:
            recruiter = persons[recruiter_id]
            reach = 0.45 if recruiter.citizenship == "KZ" else 0.12
            if _chance(rng, reach):
                add(recruiter, "accused" if recruiter.citizenship == "KZ" else "suspect", "recruiter", [main])
        organizer = persons[network.members["organizer"][0]]
        r = rng.random()
        if r < 0.15:
            add(organizer, "accused", "organizer", [main])
        elif r < 0.40:
            add(organizer, "suspect", "", [_pick(rng, ["aoc.518", "aoc.519"]) if not sexual else "aoc.518"])
        elif r < 0.48:
            add(organizer, "witness", "", [])
        for victim in victims:
            if _chance(rng, 0.75):
                fined = victim.citizenship != "KZ" and victim.exploitation == "labour" and _chance(rng, 0.4)
                add(victim, "victim", "", ["aoc.517"] if fined else [])
                if _chance(rng, 0.8):
                    assistance = self.assistance_case(victim, network, criminal=case)
                    case.assistance_case_ids.append(assistance.id)
        # Co-offending: everyone accused or suspected in the same case.
        offenders = [p for p in case.participants if p.procedural_role in ("accused", "suspect")]
        for i, a in enumerate(offenders):
            for b in offenders[i + 1 :]:
                self.world.interactions.append(
                    Interaction(a.person_id, b.person_id, "co_offended", opened, case_id=case.id)
                )
        case.summary = (
            f"{'Сексуальная' if sexual else 'Трудовая'} эксплуатация, {network.destination_city}; "
            f"потерпевших: {sum(p.procedural_role == 'victim' for p in case.participants)}"
        )
        self.world.criminal_cases.append(case)
        # A second case elsewhere sometimes catches the transport leg (organising illegal migration).
        if _chance(rng, 0.25):
            domestic = [
                persons[t]
                for t in network.members["transporter"] + network.members["recruiter"]
                if persons[t].citizenship == "KZ"
            ]
            if domestic:
                target = _pick(rng, domestic)
                region2 = target.home_region if target.home_region in REGION_CODE else "shymkent"
                opened2 = _days(rng, opened, opened + timedelta(days=200))
                path2 = _pick(
                    rng,
                    [
                        ["registered", "investigation", "indictment", "trial", "verdict", "closed"],
                        ["registered", "investigation"],
                        ["registered", "investigation", "terminated"],
                    ],
                )
                second = CriminalCase(
                    id=self.registry_number(region2, opened2),
                    network_id=network.id,
                    region=region2,
                    articles=["cc.394"],
                    opened_on=opened2,
                    status_path=path2,
                    unit_key=f"police:{region2}",
                    prosecutor_key=f"prosecutor:{region2}",
                    summary="Организация незаконной миграции",
                )
                record = self.record_for(target, second.unit_key, "police interview", opened2, second.id, formal=True)
                outcome = {
                    "closed": Charge(
                        "cc.394", "convicted", "ограничение свободы 2 года", opened2 + timedelta(days=200)
                    ),
                    "terminated": Charge("cc.394", "dismissed", "", opened2 + timedelta(days=90)),
                }.get(path2[-1], Charge("cc.394", "pending"))
                second.participants.append(Participant(target.id, record.id, "accused", "transporter", [outcome]))
                self._known.add(target.id)
                self.world.criminal_cases.append(second)

    def assistance_case(
        self,
        person: Person,
        network: Network | None,
        *,
        criminal: CriminalCase | None,
        region: str = "",
        lead: str = "",
    ) -> AssistanceCase:
        rng = self.rng
        region = region or (network.destination_region if network else (person.home_region or "almaty_city"))
        if f"ngo:{region}" not in self.orgs:
            region = "almaty_city"
        reported = (
            criminal.opened_on + timedelta(days=rng.randint(0, 20))
            if criminal
            else (
                _days(rng, network.active_from, network.active_to)
                if network
                else _days(rng, date(2020, 1, 1), date(2025, 6, 1))
            )
        )
        ident = self._next("A", 5)
        # Most cases are opened by an NGO; some by the labour inspector who found the worker on site or the
        # migration officer who screened a foreigner instead of fining them.
        given_lead = lead
        lead, source = f"ngo:{region}", "NGO intake"
        if person.exploitation == "labour" and _chance(rng, 0.3):
            lead, source = f"labour:{region}", "labour inspection"
        elif person.citizenship != "KZ" and _chance(rng, 0.15 if person.role is Role.VICTIM else 0.5):
            lead, source = f"migration:{region}", "migration check"
        if given_lead:
            lead, source = given_lead, "labour inspection"
        record = self.record_for(person, lead, source, reported, ident, formal=not lead.startswith("ngo:"))
        if person.role is Role.VICTIM:
            path = _pick(
                rng,
                [
                    ["reported", "screening", "presumed_victim", "identified_victim", "assisted", "closed"],
                    ["reported", "screening", "presumed_victim", "identified_victim", "assisted"],
                    ["reported", "screening", "presumed_victim", "assisted"],
                    ["reported", "screening", "presumed_victim"],
                    ["reported", "screening"],
                    ["reported"],
                ],
                [0.3, 0.25, 0.15, 0.15, 0.1, 0.05],
            )
            kind = person.exploitation
        else:
            path = _pick(
                rng, [["reported", "screening", "not_victim", "closed"], ["reported", "screening", "not_victim"]]
            )
            kind = "unknown"
        shelter = ""
        if "presumed_victim" in path and _chance(rng, 0.45):
            shelter_region = region if region in SHELTER_REGIONS else "almaty_city"
            shelter = f"shelter:{shelter_region}"
            self.record_for(
                person, shelter, "shelter admission", reported + timedelta(days=rng.randint(1, 10)), ident, formal=False
            )
        case = AssistanceCase(
            id=ident,
            person_id=person.id,
            record_id=record.id,
            region=region,
            exploitation_type=kind,
            is_minor=person.is_minor,
            status_path=path,
            lead_organization_key=lead,
            reported_on=reported,
            shelter_key=shelter,
            summary="Обращение на горячую линию" if criminal is None else "Направлен полицией",
        )
        self._known.add(person.id)
        self.world.assistance_cases.append(case)
        return case

    # --- records ----------------------------------------------------------------------------------------

    def record_for(
        self,
        person: Person,
        org_key: str,
        source: str,
        on: date,
        case_id: str = "",
        *,
        formal: bool,
        style: Style | None = None,
    ) -> Record:
        """One record of `person` written by `org_key`. Formal sources (police, migration) write more."""
        rng = self.rng
        org = self.orgs[org_key]
        foreign = person.citizenship != "KZ"
        if style is None:
            style = self._style_for(org.kind, person)
        given = render(person.given_name, style)
        family = render(person.family_name, style)
        if style in (Style.NATIVE_CYRILLIC, Style.KAZAKH_LATIN, Style.UZBEK_LATIN):
            patronymic_src = person.patronymic
        else:
            patronymic_src = person.patronymic_russian
        patronymic = render(patronymic_src, style)
        if style is Style.UZBEK_LATIN and person.ethnicity == "uz" and _chance(rng, 0.4):
            father = patronymic_src[: -len("ович")] if patronymic_src.endswith("ович") else ""
            if father:
                patronymic = render(father, style) + (" oʻgʻli" if person.sex == "m" else " qizi")
        if style is Style.ICAO:
            patronymic = "" if _chance(rng, 0.7) else patronymic  # passports often omit it
        elif (not formal and _chance(rng, 0.5)) or (formal and _chance(rng, 0.1)):
            patronymic = ""
        # Typos and apostrophe variants.
        if _chance(rng, 0.1):
            given = typo(given, rng)
        if _chance(rng, 0.1):
            family = typo(family, rng)
        if patronymic and _chance(rng, 0.05):
            patronymic = typo(patronymic, rng)
        if style is Style.UZBEK_LATIN and _chance(rng, 0.5):
            mark = _pick(rng, ["'", "`", "’", ""])
            given, family, patronymic = (s.replace("ʻ", mark).replace("ʼ", mark) for s in (given, family, patronymic))
        if _chance(rng, 0.06):
            given, family = family, given  # written in the wrong boxes
        full_name = ""
        layout = rng.random()
        if org.kind == "foreign_partner" and _chance(rng, 0.5):
            full_name = f"{family} {given[:1]}." + (f"{patronymic[:1]}." if patronymic else "")
            given = family = patronymic = ""
        elif layout < 0.2:
            parts = [family, given, patronymic] if _chance(rng, 0.8) else [given, patronymic, family]
            full_name = " ".join(p for p in parts if p)
            given = family = patronymic = ""
        elif layout < 0.3:
            full_name = " ".join(p for p in (family, given, patronymic) if p)
        if style is Style.ICAO and full_name:
            full_name = full_name.upper()
        # Birth date, sex, citizenship.
        if formal:
            precision = _pick(rng, ["day", "month", "year"], [0.85, 0.05, 0.1])
            birth = birth_date_as_recorded(person.birth_date, rng, precision=precision)
        elif _chance(rng, 0.15):
            birth = ""
        else:
            precision = _pick(rng, ["day", "month", "year"], [0.45, 0.15, 0.4])
            birth = birth_date_as_recorded(person.birth_date, rng, precision=precision, error_rate=0.08)
        sex = person.sex if _chance(rng, 0.9 if formal else 0.7) else ""
        citizenship = person.citizenship if _chance(rng, 0.95 if formal or foreign else 0.6) else ""
        # Identifiers this source learned.
        mentioned: list[str] = []
        document = phone = address = ""
        documents = self.held(person, "owns", "document")
        if documents and _chance(rng, 0.9 if org.kind == "migration" else 0.6 if formal else 0.2):
            mentioned.append(documents[0])
            document = document_format(self._ident[documents[0]].value, rng)
        phones = self.held(person, "owns", "phone") + self.held(person, "uses", "phone")
        if phones and _chance(rng, 0.8 if formal else 0.65):
            chosen = _pick(rng, phones)
            mentioned.append(chosen)
            phone = phone_format(self._ident[chosen].value, rng)
            if formal and len(phones) > 1 and _chance(rng, 0.5):
                mentioned.extend(p for p in phones if p != chosen)
        homes = self.held(person, "lives_at")
        if homes and _chance(rng, 0.75 if formal else 0.35):
            chosen = homes[-1] if org.kind in ("police", "migration", "labour") else _pick(rng, homes)
            mentioned.append(chosen)
            address = self._address_format(self._ident[chosen].value)
        if formal and org.kind == "police":
            for relation in ("owns", "uses", "works_at"):
                for other in self.held(person, relation):
                    kind = self._ident[other].kind
                    if kind not in ("phone", "document") and other not in mentioned and _chance(rng, 0.6):
                        mentioned.append(other)
        record = Record(
            id=self._next("R", 6),
            person_id=person.id,
            organization_key=org_key,
            source=source,
            style=style.value,
            script=script_of(style),
            given_name=given,
            family_name=family,
            patronymic=patronymic,
            full_name=full_name,
            sex=sex,
            birth_date=birth,
            citizenship=citizenship,
            document_number=document,
            phone=phone,
            address=address,
            observed_on=on,
            case_id=case_id,
            identifier_ids=tuple(mentioned),
        )
        self.world.records.append(record)
        self._recorded.add(person.id)
        return record

    def _style_for(self, org_kind: str, person: Person) -> Style:
        rng = self.rng
        e = person.ethnicity
        if org_kind in ("police", "prosecutor", "labour"):
            return _pick(rng, [Style.RUSSIFIED_CYRILLIC, Style.NATIVE_CYRILLIC], [0.8, 0.2])
        if org_kind == "migration":
            if person.citizenship == "UZ":
                return _pick(rng, [Style.UZBEK_LATIN, Style.ICAO, Style.RUSSIFIED_CYRILLIC], [0.4, 0.4, 0.2])
            if person.citizenship in ("KG", "TJ"):
                return _pick(rng, [Style.ICAO, Style.BGN, Style.RUSSIFIED_CYRILLIC], [0.5, 0.2, 0.3])
            return _pick(rng, [Style.RUSSIFIED_CYRILLIC, Style.ICAO], [0.7, 0.3])
        if org_kind == "foreign_partner":
            return Style.UZBEK_LATIN if e == "uz" else _pick(rng, [Style.BGN, Style.FRENCH_MVD, Style.ICAO])
        # NGOs and shelters: the person's own letters, or how a volunteer hears them.
        options = [Style.NATIVE_CYRILLIC, Style.RUSSIFIED_CYRILLIC]
        weights = [0.5, 0.3]
        if e == "kz":
            options.append(Style.KAZAKH_LATIN)
            weights.append(0.2)
        elif e == "uz":
            options.append(Style.UZBEK_LATIN)
            weights.append(0.2)
        else:
            options.append(Style.BGN)
            weights.append(0.1)
        if person.ethnicity != "ru" and _chance(rng, 0.05):
            return Style.FRENCH_MVD
        return _pick(rng, options, weights)

    def _address_format(self, value: str) -> str:
        rng = self.rng
        country = ""
        if value.endswith(")"):
            value, country = value[:-5], value[-3:-1]
        parts = [p.strip() for p in value.split(",")]
        town, street, house = parts[0], parts[1], parts[2]
        flat = parts[3] if len(parts) > 3 else ""
        r = rng.random()
        if r < 0.35:
            text = f"г. {russify(town)}, ул. {russify(street)}, д. {house}" + (f", кв. {flat}" if flat else "")
        elif r < 0.55:
            text = f"{town} қ., {street} к-сі, {house}" + (f"-{flat}" if flat else "")
        elif r < 0.75:
            text = f"{render(town, Style.BGN)}, {render(street, Style.BGN)} str. {house}" + (
                f", apt {flat}" if flat else ""
            )
        elif r < 0.9:
            text = f"{russify(street)} {house}" + (f"/{flat}" if flat else "")
        else:
            text = f"{russify(town)}, {russify(street)} {house}" + (f"-{flat}" if flat else "")
        if country and _chance(rng, 0.5):
            text += f", {country}"
        return text

    # --- everyone is on paper somewhere -----------------------------------------------------------------

    def build_paper_trail(self) -> None:
        rng = self.rng
        for person in self.world.persons:
            foreign = person.citizenship != "KZ"
            in_kz_region = person.home_region or "almaty_city"
            if (foreign and person.role in (Role.VICTIM, Role.MIGRANT, Role.TRANSPORTER)) or (
                foreign and person.role is Role.NAMESAKE
            ):
                network = self.world.networks[int(person.network_id[1:]) - 1] if person.network_id else None
                region = network.destination_region if network else _pick(rng, N.DESTINATIONS)[0]
                if _chance(rng, 0.8) or person.id not in self._recorded:
                    self.record_for(
                        person,
                        f"migration:{region}",
                        "migration registration",
                        _days(rng, date(2020, 1, 1), date(2025, 6, 1)),
                        formal=True,
                    )
                if _chance(rng, 0.4):  # registration renewed a year later, by another clerk
                    self.record_for(
                        person,
                        f"migration:{region}",
                        "migration registration renewal",
                        _days(rng, date(2021, 1, 1), date(2025, 9, 1)),
                        formal=True,
                    )
            elif person.role in (Role.RELATIVE, Role.NAMESAKE, Role.EMPLOYER, Role.MIGRANT) and _chance(rng, 0.3):
                region = in_kz_region if f"police:{in_kz_region}" in self.orgs else "almaty_city"
                self.record_for(
                    person,
                    f"police:{region}",
                    "address bureau check",
                    _days(rng, date(2020, 1, 1), date(2025, 6, 1)),
                    formal=True,
                    # the population register writes Kazakh names in Kazakh letters, now also in Latin
                    style=_pick(
                        rng,
                        [Style.NATIVE_CYRILLIC, Style.RUSSIFIED_CYRILLIC, Style.KAZAKH_LATIN],
                        [0.5, 0.3, 0.2] if person.ethnicity == "kz" else [0.2, 0.8, 0.0],
                    ),
                )
            if person.role is Role.MIGRANT and _chance(rng, 0.2):
                region = _pick(rng, N.DESTINATIONS, N.DESTINATION_WEIGHTS)[0]
                if _chance(rng, 0.4):  # the inspector screens the worker: not a victim
                    self.assistance_case(person, None, criminal=None, region=region, lead=f"labour:{region}")
                else:
                    self.record_for(
                        person,
                        f"labour:{region}",
                        "labour inspection",
                        _days(rng, date(2021, 1, 1), date(2025, 6, 1)),
                        formal=False,
                    )
            if person.role is Role.MIGRANT and _chance(rng, 0.04):
                self.assistance_case(person, None, criminal=None)  # screened, not a victim
            if person.role is Role.VICTIM and person.citizenship != "KZ" and _chance(rng, 0.2):
                embassy = f"embassy:{person.citizenship}"
                if embassy in self.orgs:
                    self.record_for(
                        person,
                        embassy,
                        "search request from the country of origin",
                        _days(rng, date(2021, 1, 1), date(2025, 6, 1)),
                        formal=False,
                    )
            if person.role is Role.RECRUITER and person.citizenship in ("UZ", "KG", "TJ") and _chance(rng, 0.35):
                self.record_for(
                    person,
                    f"embassy:{person.citizenship}",
                    "mutual legal assistance reply",
                    _days(rng, date(2021, 1, 1), date(2025, 6, 1)),
                    formal=False,
                )
            if (
                person.id in self._known
                and person.role in (Role.ORGANIZER, Role.EXPLOITER, Role.HARBOURER, Role.FINANCIER)
                and _chance(rng, 0.5)
            ):
                region = in_kz_region if f"police:{in_kz_region}" in self.orgs else "almaty_city"
                self.record_for(
                    person,
                    f"police:{region}",
                    "mobile operator subscriber data",
                    _days(rng, date(2021, 1, 1), date(2025, 6, 1)),
                    formal=True,
                    style=_pick(
                        rng,
                        [
                            Style.RUSSIFIED_CYRILLIC,
                            Style.ICAO,
                            Style.KAZAKH_LATIN if person.ethnicity == "kz" else Style.BGN,
                        ],
                    ),
                )
            if person.id not in self._recorded:
                region = in_kz_region if f"police:{in_kz_region}" in self.orgs else "almaty_city"
                kind, source = _pick(
                    rng,
                    [
                        ("police", "address check"),
                        ("migration", "migration registration"),
                        ("police", "mobile operator subscriber data"),
                    ],
                )
                self.record_for(
                    person, f"{kind}:{region}", source, _days(rng, date(2020, 1, 1), date(2025, 6, 1)), formal=True
                )

    # --- what agencies know about the links ---------------------------------------------------------------

    def mark_observed(self) -> None:
        rng = self.rng
        known = self._known
        case_of: dict[str, str] = {}
        for case in self.world.criminal_cases:
            for participant in case.participants:
                case_of.setdefault(participant.person_id, case.id)
        observed: list[Interaction] = []
        for item in self.world.interactions:
            if item.kind == "co_offended":
                observed.append(item)
                continue
            touches = item.source in known or item.target in known
            if item.kind in ("recruited", "transported", "harboured", "exploited"):
                p = 0.85 if item.target in case_of else (0.4 if item.target in known else 0.05)
            else:
                p = 0.75 if touches else 0.2
            seen = _chance(rng, p)
            case_id = (case_of.get(item.target) or case_of.get(item.source) or "") if seen else ""
            observed.append(Interaction(item.source, item.target, item.kind, item.on, item.amount, case_id, seen))
        self.world.interactions = observed


def anchor_age(person: Person, at: date) -> int:
    return max(0, (at - person.birth_date).days // 365)


def generate_world(size: Size | str = "small", seed: int = 1, *, networks: int | None = None) -> World:
    """A deterministic synthetic world. `networks` overrides the size's number of trafficking networks
    (small 8, medium 80, large 800); everything else scales with it."""
    if size not in NETWORKS_PER_SIZE:
        raise ValueError(f"unknown size {size!r}: use small, medium or large")
    count = networks if networks is not None else NETWORKS_PER_SIZE[size]
    if count < 1:
        raise ValueError("a world needs at least one network")
    builder = _Builder(size, seed, count)
    builder.build_organizations()
    built = [builder.build_network() for _ in range(count)]
    builder.build_background()
    for network in built:
        builder.build_cases(network)
    builder.build_paper_trail()
    builder.mark_observed()
    return builder.world
