"""Kazakhstan articles that matter to trafficking cases (see shared/reference/identification.md).
No Django import: the network analysis and the accountability-gap report classify charges with it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    CRIMINAL = "cc"  # Criminal Code 2014
    ADMINISTRATIVE = "aoc"  # Administrative Offences Code 2014


@dataclass(frozen=True)
class Article:
    key: str
    code: Code
    number: str
    title: str
    trafficking: bool = False

    @property
    def is_criminal(self) -> bool:
        return self.code is Code.CRIMINAL


ARTICLES: dict[str, Article] = {
    a.key: a
    for a in (
        Article("cc.128", Code.CRIMINAL, "128", "Trafficking in persons", trafficking=True),
        Article("cc.135", Code.CRIMINAL, "135", "Trafficking in minors", trafficking=True),
        Article("cc.116", Code.CRIMINAL, "116", "Coercion to remove organs or tissue", trafficking=True),
        Article("cc.125", Code.CRIMINAL, "125", "Kidnapping"),
        Article("cc.126", Code.CRIMINAL, "126", "Unlawful deprivation of liberty"),
        Article("cc.134", Code.CRIMINAL, "134", "Involving minors in prostitution"),
        Article("cc.308", Code.CRIMINAL, "308", "Involvement in prostitution"),
        Article("cc.309", Code.CRIMINAL, "309", "Organising or maintaining brothels and pimping"),
        Article("cc.394", Code.CRIMINAL, "394", "Organising illegal migration"),
        Article("aoc.517", Code.ADMINISTRATIVE, "517", "Foreigner violating migration law"),
        Article("aoc.518", Code.ADMINISTRATIVE, "518", "Host violating migration law"),
        Article("aoc.519", Code.ADMINISTRATIVE, "519", "Employing foreign labour unlawfully"),
        Article("aoc.449", Code.ADMINISTRATIVE, "449", "Prostitution-related administrative offence"),
    )
}
ARTICLE_KEYS = tuple(ARTICLES)
TRAFFICKING_ARTICLES = frozenset(k for k, a in ARTICLES.items() if a.trafficking)


class UnknownArticleError(ValueError):
    pass


def article(key: str) -> Article:
    try:
        return ARTICLES[key]
    except KeyError:
        raise UnknownArticleError(f"unknown article {key!r}") from None


def article_choices() -> list[tuple[str, str]]:
    return [(a.key, f"{a.code.value.upper()} {a.number} — {a.title}") for a in ARTICLES.values()]
