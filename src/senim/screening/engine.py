"""Pure scoring engine for the ILO/EC operational indicators of trafficking.

No Django import: the engine is used by the `senim screen` command, the interview pages, the API and the
benchmark alike. The indicator catalogue is data (`catalogue/indicators-v<N>.json`); this module only
applies the combination rule to it and explains the result.

Vocabulary:

- a *set* is one of the four ILO lists (``adult_labour``, ``adult_sexual``, ``child_labour``,
  ``child_sexual``);
- a *dimension* is one of DR CR VR EX CD VD;
- each indicator has a strength per set: ``S`` (strong), ``M`` (medium) or ``W`` (weak), or is absent from
  the set.

Texts produced here are English defaults for logs and the CLI; pages translate from the structured fields
(``rule``, counts, codes), never from these texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
DEFAULT_CATALOGUE_VERSION = "1"

SETS: tuple[str, ...] = ("adult_labour", "adult_sexual", "child_labour", "child_sexual")
DIMENSIONS: tuple[str, ...] = ("DR", "CR", "VR", "EX", "CD", "VD")
RECRUITMENT_DIMENSIONS: tuple[str, ...] = ("DR", "CR", "VR")
DESTINATION_MEANS_DIMENSIONS: tuple[str, ...] = ("CD", "VD")
STRENGTHS: tuple[str, ...] = ("S", "M", "W")

# Urgent flags override the assessment: whatever the indicators say, the person needs protection now.
URGENT_FLAGS: tuple[str, ...] = ("minor", "immediate_danger", "medical_emergency", "held_now")

# Palermo means per dimension (exploitation is the purpose, recruitment dimensions also carry the act).
MEANS_OF_DIMENSION: Mapping[str, str] = {
    "DR": "deception",
    "CR": "coercion",
    "VR": "abuse_of_vulnerability",
    "CD": "coercion",
    "VD": "abuse_of_vulnerability",
}

# Rule names, in the order they are checked.
RULE_TWO_STRONG = "two_strong"
RULE_STRONG_PLUS_OTHER = "strong_plus_other"
RULE_THREE_MEDIUM = "three_medium"
RULE_TWO_MEDIUM_PLUS_WEAK = "two_medium_plus_weak"
RULE_TEXT: Mapping[str, str] = {
    RULE_TWO_STRONG: "at least two strong indicators",
    RULE_STRONG_PLUS_OTHER: "one strong indicator and at least one medium or weak indicator",
    RULE_THREE_MEDIUM: "at least three medium indicators",
    RULE_TWO_MEDIUM_PLUS_WEAK: "two medium indicators and at least one weak indicator",
}
NEGATIVE_RULE_TEXT = (
    "needs two strong; or one strong and one medium or weak; or three medium; or two medium and one weak"
)

RECOMMEND_URGENT = "urgent"
RECOMMEND_PRESUMED_VICTIM = "presumed_victim"
RECOMMEND_INCOMPLETE = "incomplete"
RECOMMEND_FOLLOW_UP = "follow_up"
RECOMMEND_NO_INDICATION = "no_indication"


class CatalogueError(ValueError):
    """Bad input against the catalogue: unknown set, unknown indicator, indicator not in the set."""


class UnknownSetError(CatalogueError):
    def __init__(self, set_code: object) -> None:
        self.set_code = set_code
        super().__init__(f"unknown set {set_code!r} (expected one of: {', '.join(SETS)})")


class UnknownIndicatorError(CatalogueError):
    def __init__(self, code: object, set_code: str | None = None, *, in_catalogue: bool = False) -> None:
        self.code = code
        self.set_code = set_code
        if in_catalogue:
            message = f"indicator {code!r} is not part of set {set_code!r}"
        else:
            message = f"unknown indicator code {code!r}"
        super().__init__(message)


class UnknownFlagError(CatalogueError):
    def __init__(self, flag: object) -> None:
        self.flag = flag
        super().__init__(f"unknown urgent flag {flag!r} (expected one of: {', '.join(URGENT_FLAGS)})")


# --------------------------------------------------------------------------------------------------------------
# Catalogue


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: str
    label: str
    strengths: Mapping[str, str | None]
    note: str = ""


@dataclass(frozen=True)
class ScreeningSet:
    code: str
    age: str  # "adult" | "child"
    exploitation: str  # "labour" | "sexual"
    label: str

    @property
    def is_child(self) -> bool:
        return self.age == "child"


@dataclass(frozen=True)
class Catalogue:
    version: str
    sets: Mapping[str, ScreeningSet]
    dimension_labels: Mapping[str, str]
    indicators: Mapping[str, Indicator]
    decisions: tuple[Mapping[str, str], ...] = ()
    by_set: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {
            s: {c: ind.strengths[s] for c, ind in self.indicators.items() if ind.strengths.get(s) is not None}
            for s in self.sets
        }
        object.__setattr__(self, "by_set", table)

    def get_set(self, set_code: object) -> ScreeningSet:
        if not isinstance(set_code, str) or set_code not in self.sets:
            raise UnknownSetError(set_code)
        return self.sets[set_code]

    def strength(self, set_code: str, code: object) -> str:
        """Strength of an indicator in a set; raises when the set or the indicator is unknown or absent."""
        table = self.by_set.get(set_code) if isinstance(set_code, str) else None
        if table is None:
            raise UnknownSetError(set_code)
        value = table.get(code) if isinstance(code, str) else None
        if value is None:
            if not isinstance(code, str) or code not in self.indicators:
                raise UnknownIndicatorError(code)
            raise UnknownIndicatorError(code, set_code, in_catalogue=True)
        return value

    def codes_in_set(self, set_code: str) -> tuple[str, ...]:
        self.get_set(set_code)
        return tuple(c for c, ind in self.indicators.items() if ind.strengths.get(set_code) is not None)

    def codes_in_dimension(self, set_code: str, dimension: str) -> tuple[str, ...]:
        return tuple(c for c in self.codes_in_set(set_code) if self.indicators[c].dimension == dimension)

    def validate(self, set_code: str, codes: Iterable[object]) -> frozenset[str]:
        """Check every code against the set; return them as a set of strings (duplicates collapse)."""
        checked: set[str] = set()
        for code in codes:
            self.strength(set_code, code)
            checked.add(str(code))
        return frozenset(checked)


def catalogue_from_dict(data: Mapping[str, Any]) -> Catalogue:
    sets = {
        s["code"]: ScreeningSet(code=s["code"], age=s["age"], exploitation=s["exploitation"], label=s["label"])
        for s in data["sets"]
    }
    if tuple(sets) != SETS:
        raise ValueError(f"catalogue sets must be {SETS}, got {tuple(sets)}")
    dimension_labels = {d["code"]: d["label"] for d in data["dimensions"]}
    if tuple(dimension_labels) != DIMENSIONS:
        raise ValueError(f"catalogue dimensions must be {DIMENSIONS}, got {tuple(dimension_labels)}")
    indicators: dict[str, Indicator] = {}
    for row in data["indicators"]:
        code = row["code"]
        dimension = row["dimension"]
        if code in indicators:
            raise ValueError(f"duplicate indicator {code}")
        if dimension not in DIMENSIONS or not code.startswith(dimension + "."):
            raise ValueError(f"indicator {code} has a bad dimension {dimension}")
        strengths = {s: row["strength"].get(s) for s in SETS}
        for s, value in strengths.items():
            if value is not None and value not in STRENGTHS:
                raise ValueError(f"indicator {code} has a bad strength {value!r} in set {s}")
        indicators[code] = Indicator(
            code=code, dimension=dimension, label=row["label"], strengths=strengths, note=row.get("note", "")
        )
    return Catalogue(
        version=str(data["version"]),
        sets=sets,
        dimension_labels=dimension_labels,
        indicators=indicators,
        decisions=tuple(data.get("decisions", ())),
    )


@lru_cache(maxsize=8)
def load_catalogue(version: str = DEFAULT_CATALOGUE_VERSION) -> Catalogue:
    path = CATALOGUE_DIR / f"indicators-v{version}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no indicator catalogue version {version!r} ({path.name})")
    with path.open(encoding="utf-8") as handle:
        return catalogue_from_dict(json.load(handle))


def choose_set(*, age: int | None, exploitation: str, maybe_minor: bool | None = None) -> str:
    """Pick the ILO set from age and exploitation type.

    Age unknown: the person is treated as a child unless the interviewer is sure they are an adult
    (presumption of minority). Exploitation ``sexual`` (or ``both``) picks the sexual set; anything else
    (labour, begging, criminal activities, unclear) the labour set.
    """
    if age is not None:
        child = age < 18
    else:
        child = maybe_minor is not False
    kind = "sexual" if exploitation in ("sexual", "both") else "labour"
    return f"{'child' if child else 'adult'}_{kind}"


# --------------------------------------------------------------------------------------------------------------
# Dimension assessment


def dimension_rule(strong: int, medium: int, weak: int) -> str | None:
    """Name of the first ILO rule that makes a dimension positive, or None."""
    if strong >= 2:
        return RULE_TWO_STRONG
    if strong >= 1 and medium + weak >= 1:
        return RULE_STRONG_PLUS_OTHER
    if medium >= 3:
        return RULE_THREE_MEDIUM
    if medium >= 2 and weak >= 1:
        return RULE_TWO_MEDIUM_PLUS_WEAK
    return None


@dataclass(frozen=True)
class DimensionAssessment:
    code: str
    positive: bool
    rule: str | None
    present: tuple[tuple[str, str], ...]  # (indicator code, strength), strongest first
    strong: int
    medium: int
    weak: int
    unknown: tuple[str, ...] = ()
    could_become_positive: bool = False

    @property
    def text(self) -> str:
        counts = f"{self.strong} strong, {self.medium} medium, {self.weak} weak"
        if self.positive and self.rule:
            return f"{self.code} positive: {counts} ({RULE_TEXT[self.rule]})"
        text = f"{self.code} not positive: {counts}; {NEGATIVE_RULE_TEXT}"
        if self.could_become_positive:
            text += f"; could become positive: {len(self.unknown)} indicator(s) unanswered"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.code,
            "positive": self.positive,
            "rule": self.rule,
            "indicators": [{"code": c, "strength": s} for c, s in self.present],
            "counts": {"S": self.strong, "M": self.medium, "W": self.weak},
            "unknown": list(self.unknown),
            "could_become_positive": self.could_become_positive,
            "text": self.text,
        }


_STRENGTH_ORDER = {"S": 0, "M": 1, "W": 2}


def assess_dimension(
    catalogue: Catalogue, set_code: str, dimension: str, present: Iterable[str], unknown: Iterable[str] = ()
) -> DimensionAssessment:
    present_set = set(present)
    rows = [(c, catalogue.strength(set_code, c)) for c in present_set if catalogue.indicators[c].dimension == dimension]
    unknown_rows = [
        (c, catalogue.strength(set_code, c))
        for c in set(unknown) - present_set
        if catalogue.indicators[c].dimension == dimension
    ]
    return _dimension_from_rows(dimension, rows, unknown_rows)


def _dimension_from_rows(
    dimension: str, rows: list[tuple[str, str]], unknown_rows: list[tuple[str, str]]
) -> DimensionAssessment:
    rows.sort(key=lambda r: (_STRENGTH_ORDER[r[1]], r[0]))
    strong = medium = weak = 0
    for _, strength in rows:
        if strength == "S":
            strong += 1
        elif strength == "M":
            medium += 1
        else:
            weak += 1
    rule = dimension_rule(strong, medium, weak)
    could = False
    if rule is None and unknown_rows:
        extra = [s for _, s in unknown_rows]
        could = (
            dimension_rule(strong + extra.count("S"), medium + extra.count("M"), weak + extra.count("W")) is not None
        )
    return DimensionAssessment(
        code=dimension,
        positive=rule is not None,
        rule=rule,
        present=tuple(rows),
        strong=strong,
        medium=medium,
        weak=weak,
        unknown=tuple(sorted(c for c, _ in unknown_rows)),
        could_become_positive=could,
    )


# --------------------------------------------------------------------------------------------------------------
# Whole assessment


@dataclass(frozen=True)
class PalermoView:
    """The Palermo Protocol reading of the dimensions: act, means, purpose.

    Act: recruitment, transport, transfer (a positive DR CR VR dimension) or harbouring/receipt under
    control (a positive CD or VD dimension). Means: deception / coercion / abuse of vulnerability from the positive
    DR CR VR CD VD dimensions. Purpose: exploitation (EX positive). For a child the means is not required.
    This is a reading aid; the ILO combination rule decides ``trafficking``.
    """

    act: bool
    act_evidence: tuple[str, ...]
    means: bool
    means_evidence: tuple[str, ...]
    means_required: bool
    purpose: bool
    purpose_kind: str
    met: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "act": self.act,
            "act_evidence": list(self.act_evidence),
            "means": self.means,
            "means_evidence": list(self.means_evidence),
            "means_required": self.means_required,
            "purpose": self.purpose,
            "purpose_kind": self.purpose_kind,
            "met": self.met,
        }


@dataclass(frozen=True)
class Assessment:
    catalogue_version: str
    set_code: str
    is_child: bool
    dimensions: Mapping[str, DimensionAssessment]
    trafficking: bool
    palermo: PalermoView
    urgent: tuple[str, ...]
    undetermined: bool
    warnings: tuple[str, ...] = field(default=())

    @property
    def recommendation(self) -> str:
        if self.urgent:
            return RECOMMEND_URGENT
        if self.trafficking:
            return RECOMMEND_PRESUMED_VICTIM
        if self.undetermined:
            return RECOMMEND_INCOMPLETE
        if any(d.positive for d in self.dimensions.values()):
            return RECOMMEND_FOLLOW_UP
        return RECOMMEND_NO_INDICATION

    @property
    def positive_dimensions(self) -> tuple[str, ...]:
        return tuple(code for code in DIMENSIONS if self.dimensions[code].positive)

    def dimension_flags(self) -> dict[str, bool]:
        return {code: self.dimensions[code].positive for code in DIMENSIONS}

    def conclusion_text(self) -> str:
        rule = CHILD_RULE_TEXT if self.is_child else ADULT_RULE_TEXT
        verdict = "met" if self.trafficking else "not met"
        positives = ", ".join(self.positive_dimensions) or "none"
        text = f"{rule}: {verdict} (positive dimensions: {positives})"
        if self.undetermined:
            text += "; result could change: answers are missing"
        return text

    def explanation(self) -> list[dict[str, Any]]:
        items = [self.dimensions[code].to_dict() for code in DIMENSIONS]
        items.append(
            {
                "dimension": None,
                "positive": self.trafficking,
                "rule": "child" if self.is_child else "adult",
                "undetermined": self.undetermined,
                "text": self.conclusion_text(),
            }
        )
        return items

    def to_dict(self, *, full: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "set": self.set_code,
            "dimensions": self.dimension_flags(),
            "trafficking": self.trafficking,
            "explanation": self.explanation(),
        }
        if full:
            data.update(
                {
                    "catalogue_version": self.catalogue_version,
                    "palermo": self.palermo.to_dict(),
                    "urgent": list(self.urgent),
                    "undetermined": self.undetermined,
                    "recommendation": self.recommendation,
                    "warnings": list(self.warnings),
                }
            )
        return data


ADULT_RULE_TEXT = "adult rule (DR or CR or VR) and EX and (CD or VD)"
CHILD_RULE_TEXT = "child rule (DR or CR or VR) and EX; no means needed"


def combine(flags: Mapping[str, bool], *, is_child: bool) -> bool:
    """The ILO combination rule over dimension results."""
    recruitment = any(flags[d] for d in RECRUITMENT_DIMENSIONS)
    if is_child:
        return recruitment and flags["EX"]
    return recruitment and flags["EX"] and any(flags[d] for d in DESTINATION_MEANS_DIMENSIONS)


def palermo_view(flags: Mapping[str, bool], *, is_child: bool, exploitation: str) -> PalermoView:
    act_evidence = tuple(d for d in DIMENSIONS if d != "EX" and flags[d])
    means_evidence = tuple(sorted({MEANS_OF_DIMENSION[d] for d in MEANS_OF_DIMENSION if flags[d]}))
    act = bool(act_evidence)
    means = bool(means_evidence)
    purpose = flags["EX"]
    return PalermoView(
        act=act,
        act_evidence=act_evidence,
        means=means,
        means_evidence=means_evidence,
        means_required=not is_child,
        purpose=purpose,
        purpose_kind=exploitation,
        met=act and purpose and (means or is_child),
    )


def assess(
    catalogue: Catalogue,
    set_code: str,
    indicators: Iterable[object],
    *,
    unknown: Iterable[object] = (),
    flags: Iterable[object] = (),
    age: int | None = None,
) -> Assessment:
    """Assess one person.

    ``indicators``: codes observed present. ``unknown``: codes whose question was refused or unanswered
    (used only to say whether the result could change). ``flags``: urgent flags from the interview.
    ``age``: if known; an age under 18 always raises the ``minor`` flag, even with an adult set (then a
    warning says the set does not fit).
    """
    screening_set = catalogue.get_set(set_code)
    present = catalogue.validate(set_code, indicators)
    unknown_codes = catalogue.validate(set_code, unknown) - present
    urgent: list[str] = []
    for flag in flags:
        if not isinstance(flag, str) or flag not in URGENT_FLAGS:
            raise UnknownFlagError(flag)
        urgent.append(flag)
    warnings: list[str] = []
    if screening_set.is_child or (age is not None and age < 18):
        urgent.append("minor")
    if age is not None and age < 18 and not screening_set.is_child:
        warnings.append("set_mismatch_minor_with_adult_set")
    if age is not None and age >= 18 and screening_set.is_child:
        warnings.append("set_mismatch_adult_with_child_set")
    urgent_sorted = tuple(f for f in URGENT_FLAGS if f in urgent)

    rows: dict[str, list[tuple[str, str]]] = {d: [] for d in DIMENSIONS}
    unknown_rows: dict[str, list[tuple[str, str]]] = {d: [] for d in DIMENSIONS}
    for code in present:
        rows[catalogue.indicators[code].dimension].append((code, catalogue.strength(set_code, code)))
    for code in unknown_codes:
        unknown_rows[catalogue.indicators[code].dimension].append((code, catalogue.strength(set_code, code)))
    dims = {d: _dimension_from_rows(d, rows[d], unknown_rows[d]) for d in DIMENSIONS}
    dim_flags = {d: dims[d].positive for d in DIMENSIONS}
    trafficking = combine(dim_flags, is_child=screening_set.is_child)
    undetermined = False
    if not trafficking and unknown_codes:
        optimistic = {d: dims[d].positive or dims[d].could_become_positive for d in DIMENSIONS}
        undetermined = combine(optimistic, is_child=screening_set.is_child)
    return Assessment(
        catalogue_version=catalogue.version,
        set_code=set_code,
        is_child=screening_set.is_child,
        dimensions=dims,
        trafficking=trafficking,
        palermo=palermo_view(dim_flags, is_child=screening_set.is_child, exploitation=screening_set.exploitation),
        urgent=urgent_sorted,
        undetermined=undetermined,
        warnings=tuple(warnings),
    )


def count_baseline(indicators: Iterable[str], threshold: int = 5) -> bool:
    """Naive baseline used by the benchmark: 'trafficked' when at least ``threshold`` indicators are present."""
    return len(set(indicators)) >= threshold
