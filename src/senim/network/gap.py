"""The accountability gap: who in each network was charged, under what, and with what outcome.

Pure (no Django import); the selectors feed it `GapPerson` rows built from participants, charges and the
stored analysis. Articles are classified with `senim.cases.articles` (Kazakh Criminal Code 128/135/116 are
trafficking articles; the Administrative Offences Code is administrative).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from senim.cases.articles import ARTICLES, TRAFFICKING_ARTICLES

EXECUTOR_ROLES = frozenset({"recruiter", "transporter", "harbourer", "exploiter"})
ORGANIZER_ROLES = frozenset({"organizer"})
CHARGE_CLASSES = ("trafficking", "other_criminal", "administrative", "none")
OUTCOMES = ("convicted", "acquitted", "pending", "")
CRIMINAL_CLASSES = frozenset({"trafficking", "other_criminal"})


@dataclass(frozen=True)
class GapPerson:
    person_id: str
    network: int | None
    region: str
    year: int | None
    recorded_role: str = ""
    suggested_role: str = ""
    charges: tuple[tuple[str, str], ...] = ()  # (article key, outcome)
    organizer_score: float | None = None

    @property
    def role(self) -> str:
        return self.recorded_role or self.suggested_role or "other"

    @property
    def role_source(self) -> str:
        if self.recorded_role:
            return "recorded"
        return "suggested" if self.suggested_role else ""

    @property
    def charge_class(self) -> str:
        keys = [key for key, _outcome in self.charges if key in ARTICLES]
        if any(key in TRAFFICKING_ARTICLES for key in keys):
            return "trafficking"
        if any(ARTICLES[key].is_criminal for key in keys):
            return "other_criminal"
        return "administrative" if keys else "none"

    @property
    def outcome(self) -> str:
        """Outcome of the charges of the person's most serious class: convicted (or penalised) if any was,
        else acquitted if all ended so (acquitted or dismissed), else pending; empty when not charged."""
        charge_class = self.charge_class
        if charge_class == "none":
            return ""
        criminal = charge_class in CRIMINAL_CLASSES
        outcomes = [
            outcome for key, outcome in self.charges if key in ARTICLES and ARTICLES[key].is_criminal == criminal
        ]
        if any(o in ("convicted", "administrative_penalty") for o in outcomes):
            return "convicted"
        if outcomes and all(o in ("acquitted", "dismissed") for o in outcomes):
            return "acquitted"
        return "pending"

    @property
    def criminally_charged(self) -> bool:
        return self.charge_class in CRIMINAL_CLASSES

    @property
    def is_organizer(self) -> bool:
        return self.role in ORGANIZER_ROLES

    @property
    def is_executor(self) -> bool:
        return self.role in EXECUTOR_ROLES


@dataclass
class Shares:
    organizers: int = 0
    organizers_charged: int = 0
    executors: int = 0
    executors_charged: int = 0

    @property
    def organizer_share(self) -> float | None:
        return self.organizers_charged / self.organizers if self.organizers else None

    @property
    def executor_share(self) -> float | None:
        return self.executors_charged / self.executors if self.executors else None


@dataclass
class FlaggedNetwork:
    """Executors convicted while a likely organizer has no criminal charge: the list to read tomorrow."""

    network: int
    region: str
    year: int | None
    executors_convicted: int
    organizers_uncharged: list[GapPerson] = field(default_factory=list)


def shares(persons: Iterable[GapPerson]) -> Shares:
    result = Shares()
    for person in persons:
        if person.is_organizer:
            result.organizers += 1
            result.organizers_charged += person.criminally_charged
        elif person.is_executor:
            result.executors += 1
            result.executors_charged += person.criminally_charged
    return result


def group_key(person: GapPerson, by: str) -> str:
    if by == "network":
        return str(person.network) if person.network is not None else ""
    if by == "region":
        return person.region
    if by == "year":
        return str(person.year) if person.year is not None else ""
    raise ValueError(f"unknown grouping {by!r}")


def breakdown(persons: Iterable[GapPerson], by: str) -> list[tuple[str, str, str, str, int]]:
    """(group, role, charge class, outcome, persons) counts, sorted."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for person in persons:
        counts[(group_key(person, by), person.role, person.charge_class, person.outcome)] += 1
    return sorted((*key, count) for key, count in counts.items())


def shares_by(persons: Sequence[GapPerson], by: str) -> list[tuple[str, Shares]]:
    groups: dict[str, list[GapPerson]] = defaultdict(list)
    for person in persons:
        groups[group_key(person, by)].append(person)
    return [(key, shares(group)) for key, group in sorted(groups.items())]


def flagged_networks(persons: Iterable[GapPerson]) -> list[FlaggedNetwork]:
    by_network: dict[int, list[GapPerson]] = defaultdict(list)
    for person in persons:
        if person.network is not None:
            by_network[person.network].append(person)
    flagged = []
    for network, members in sorted(by_network.items()):
        convicted = [p for p in members if p.is_executor and p.criminally_charged and p.outcome == "convicted"]
        uncharged = [p for p in members if p.is_organizer and not p.criminally_charged]
        if convicted and uncharged:
            regions = Counter(p.region for p in members if p.region)
            years = [p.year for p in members if p.year is not None]
            uncharged.sort(key=lambda p: -(p.organizer_score or 0.0))
            flagged.append(
                FlaggedNetwork(
                    network=network,
                    region=regions.most_common(1)[0][0] if regions else "",
                    year=min(years) if years else None,
                    executors_convicted=len(convicted),
                    organizers_uncharged=uncharged,
                )
            )
    return flagged
