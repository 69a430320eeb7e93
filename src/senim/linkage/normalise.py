"""Name, date, phone and document normalisation across scripts (no Django import).

One person is written in Kazakh Cyrillic, Russified Cyrillic, passport Latin (ICAO 9303), GOST 7.79,
BGN/PCGN, the Russian MVD schemes (including the French-style spellings of older passports), the 2021
Kazakh Latin alphabet, the 2017 apostrophe alphabet, Uzbek Latin and Kyrgyz/Tajik Cyrillic. Every spelling
is folded to one *canonical key* (a lossy ASCII skeleton: ``Жанар``, ``Zhanar`` and ``Janar`` are all
``janar``) and a coarser *phonetic key* (consonant skeleton: ``Abdullaev``, ``Abdulloev`` → ``abdlv``).

Keys are for comparison only and are never shown to a user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from anyascii import anyascii

# --- Cyrillic → Latin (one map for Russian, Kazakh, Uzbek, Kyrgyz and Tajik letters) -------------------

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    # Uzbek
    "ў": "o", "ҳ": "h",
    # Tajik
    "ӣ": "i", "ӯ": "u", "ҷ": "j",
    # Ukrainian / Belarusian letters occasionally seen in records
    "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip

# Latin letters with diacritics used by the Kazakh 2021 / Uzbek / Turkish-style alphabets.
_LATIN_SPECIAL = {
    "ä": "a", "ö": "o", "ü": "u", "ū": "u", "ğ": "g", "ş": "sh", "ç": "ch", "ñ": "n", "ı": "i",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "ó": "o", "ô": "o", "ú": "u",
    "ù": "u", "û": "u", "í": "i", "ì": "i", "î": "i", "ï": "i", "ý": "y", "ž": "zh", "š": "sh",
    "č": "ch", "ŝ": "sh", "ĉ": "ch", "ẑ": "zh", "ǧ": "g", "ǩ": "k", "ǵ": "g", "ń": "n",
    "ā": "a", "ē": "e", "ī": "i", "ō": "o",
}  # fmt: skip

_APOSTROPHES = "'’‘ʻʼ`´ʹ\u02bb\u02bc"

# Kazakh 2017 apostrophe alphabet (s' = ш, c' = ч, g' = ғ, a' = ә ...), Uzbek o'/g'.
_APOSTROPHE_DIGRAPHS = {"s": "sh", "c": "ch", "g": "g", "n": "n", "a": "a", "o": "o", "u": "u", "i": "i"}

# Ordered rewrites applied to Latin text; each pair unifies the spellings of one sound.
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"x(?=and)|(?<=le)x|^x(?=en)", "ks"),  # French-style MVD: Alexandr, Alexei, Xenia (elsewhere x = Uzbek х)
    (r"shch|shtsh|sch|shh", "sh"),
    (r"tsch|tch", "ch"),
    (r"dzh|dsh|dj|zh", "j"),
    (r"kh|x", "h"),
    (r"ph", "f"),
    (r"ck|q", "k"),
    (r"cz|tz|c(?!h)", "ts"),
    (r"gue", "ge"),  # French: Evgueni
    (r"gui", "gi"),
    (r"ou", "u"),  # French: Iouri, Youssoupov
    (r"w", "v"),
    # ISO 9 / scientific: Viktorija, Ksenija, Ilja, Ljudmila. Not "lj" + vowel inside a word: that is лж in
    # the Kazakh Latin alphabet or after zh → j (Baljan, Elzhas), far more common in our records.
    (r"ij(?=[aeuo])|(?<=l)j(?=[aeuo]$)|(?<=l)j(?=u)", "i"),
    (r"(?<=[aeiouy])j(?![aeiouy])", "i"),  # GOST/ISO й written j: Sergej, Nikolaj
    (r"(?<=[^aeiouy])yo", "e"),  # Fyodor / Fedor
    (r"(?<=[^aeiouy])io", "e"),  # ICAO Fiodor / Fedor
    (r"\bye|(?<=[aeiou])ye", "e"),  # Yerlan / Erlan; Aliyev / Aliev
    (r"y", "i"),
    (r"ie", "e"),  # ICAO ъе = ie, Aliev / Aliyev after the y→i step
    (r"(.)\1+", r"\1"),  # doubled letters: Abdullaev / Abdulaev, Dmitrii / Dmitri
)
_REWRITES_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in _REWRITES)

_NON_ALPHA = re.compile(r"[^a-z]+")
_TOKEN_SPLIT = re.compile(r"[\s\-.,;/_()]+")


def _to_latin(text: str) -> str:
    """Lower-case Latin text from any script (diacritics folded, apostrophe digraphs resolved)."""
    text = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        elif ch in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[ch])
        elif ch in _APOSTROPHES:
            # s' (Kazakh 2017) = sh, c' = ch; o', g' (Uzbek) = o, g; elsewhere a soft sign / separator
            prev = text[i - 1] if i else ""
            if prev in ("s", "c") and out and out[-1] == prev:
                out[-1] = _APOSTROPHE_DIGRAPHS[prev]
        elif "a" <= ch <= "z":
            out.append(ch)
        elif ch.isalpha():
            out.append(anyascii(ch).lower())
        else:
            out.append(" ")
    return "".join(out)


@lru_cache(maxsize=200_000)
def canonical_token(token: str) -> str:
    """Canonical key of one word: ``Жанар``, ``Zhanar``, ``Janar`` → ``janar``."""
    latin = _NON_ALPHA.sub("", _to_latin(token))
    for pattern, repl in _REWRITES_COMPILED:
        latin = pattern.sub(repl, latin)
    return latin


_PHONETIC_MAP = str.maketrans({"z": "s", "p": "b", "f": "v", "q": "k", "g": "k", "d": "t", "w": "v"})


@lru_cache(maxsize=200_000)
def phonetic_token(canonical: str) -> str:
    """Coarse consonant skeleton of a canonical token (first letter kept, vowels dropped).

    Merges the vowel shifts between Russian, Kazakh and Uzbek forms (Abdullaev / Abdulloev,
    Akhmedzhan / Ahmadjon) and voicing (g/k, d/t). Never used alone to decide a match.
    """
    if not canonical:
        return ""
    s = canonical.replace("ts", "s").replace("sh", "x").replace("ch", "x")
    head, tail = s[0], s[1:]
    if head in "aeiou":
        head = "a"
    tail = re.sub(r"[aeiouh]", "", tail)
    s = (head + tail).translate(_PHONETIC_MAP)
    return re.sub(r"(.)\1+", r"\1", s)


def tokens(text: str | None) -> list[str]:
    """Canonical tokens of a multi-word name, in order, empty tokens dropped."""
    if not text:
        return []
    out = []
    for raw in _TOKEN_SPLIT.split(text):
        tok = canonical_token(raw)
        if tok:
            out.append(tok)
    return out


def spelling_tokens(text: str | None) -> list[str]:
    """Words of a name exactly as written (lower case, letters only, script kept): "Толеуов", "TOLEUOV" and
    "Toleuov" give two spellings, one canonical key."""
    if not text:
        return []
    words = (unicodedata.normalize("NFC", w).lower() for w in _TOKEN_SPLIT.split(text))
    return [s for s in ("".join(ch for ch in w if ch.isalpha()) for w in words) if s]


def name_key(text: str | None) -> str:
    """Canonical key of a (possibly multi-word) name: tokens joined by one space."""
    return " ".join(tokens(text))


def phonetic_key(text: str | None) -> str:
    return " ".join(phonetic_token(t) for t in tokens(text))


# --- Diminutives ---------------------------------------------------------------------------------------

# Familiar form → full form, all as canonical keys. Russian diminutives plus common Central Asian
# short forms. Ambiguous short forms (Zhenya, Sasha, Valya) map to the masculine form; the sex comparison
# separates them.
_DIMINUTIVES_RAW = {
    "Саша": "Александр", "Шура": "Александр", "Алекс": "Александр", "Санек": "Александр",
    "Дима": "Дмитрий", "Митя": "Дмитрий", "Коля": "Николай", "Серёжа": "Сергей", "Сережа": "Сергей",
    "Миша": "Михаил", "Володя": "Владимир", "Вова": "Владимир", "Вадик": "Вадим", "Лёша": "Алексей",
    "Леша": "Алексей", "Алёша": "Алексей", "Андрюша": "Андрей", "Ваня": "Иван", "Петя": "Пётр",
    "Паша": "Павел", "Женя": "Евгений", "Юра": "Юрий", "Витя": "Виктор", "Толя": "Анатолий",
    "Слава": "Вячеслав", "Костя": "Константин", "Гена": "Геннадий", "Боря": "Борис", "Гриша": "Григорий",
    "Стас": "Станислав", "Макс": "Максим", "Рома": "Роман", "Тёма": "Артём", "Артем": "Артём",
    "Лена": "Елена", "Наташа": "Наталья", "Таня": "Татьяна", "Оля": "Ольга", "Катя": "Екатерина",
    "Маша": "Мария", "Настя": "Анастасия", "Света": "Светлана", "Галя": "Галина", "Люда": "Людмила",
    "Ира": "Ирина", "Юля": "Юлия", "Аня": "Анна", "Надя": "Надежда", "Вера": "Вера", "Люба": "Любовь",
    "Валя": "Валентина", "Даша": "Дарья", "Ксюша": "Ксения", "Лиза": "Елизавета", "Соня": "Софья",
    "Софья": "София", "Наталия": "Наталья", "Мариям": "Мария", "Марьям": "Мария",
    # Central Asian short and variant forms
    "Нурик": "Нурлан", "Ержан": "Ержан", "Серик": "Серик", "Бека": "Бекзат", "Жека": "Евгений",
    "Мухамед": "Мухаммед", "Мухаммад": "Мухаммед", "Магомед": "Мухаммед", "Мамед": "Мухаммед",
    "Мухамбет": "Мухаммед", "Ахмад": "Ахмед", "Ахмет": "Ахмед", "Рустам": "Рустем", "Фарход": "Фархад",
    "Алишер": "Алишер", "Шер": "Алишер", "Азиз": "Азиз", "Дилик": "Дильшод", "Санжик": "Санжар",
    "Юсуф": "Юсуп", "Юсиф": "Юсуп", "Ибрагим": "Ибрахим", "Ибрайым": "Ибрахим", "Абдулло": "Абдулла",
    "Камол": "Камал", "Жамол": "Жамал", "Гульнора": "Гульнара", "Гулнора": "Гульнара",
    "Ойгул": "Айгуль", "Айгүл": "Айгуль", "Мадина": "Мадина", "Дина": "Динара",
}  # fmt: skip


@lru_cache(maxsize=1)
def diminutives() -> dict[str, str]:
    """Canonical diminutive → canonical full form."""
    return {canonical_token(k): canonical_token(v) for k, v in _DIMINUTIVES_RAW.items()}


def given_root(canonical: str) -> str:
    """Full form of a given name (canonical key): ``sasha`` → ``aleksandr``."""
    return diminutives().get(canonical, canonical)


# --- Surnames and patronymics -------------------------------------------------------------------------

# (feminine ending, masculine ending) on canonical keys, longest first.
_SURNAME_FEMININE = (
    ("skaia", "ski"), ("tskaia", "tski"), ("kaia", "ki"), ("aia", "ii"), ("ova", "ov"), ("eva", "ev"),
    ("ina", "in"), ("ena", "en"), ("kizi", "uli"),
)  # fmt: skip
_SURNAME_MASCULINE = ("ski", "tski", "ov", "ev", "in", "en", "uli", "ulu", "ii", "oi", "ko", "uk", "iuk")
_FEMININE_GIVEN_EXCEPTIONS = frozenset({"marina", "karina", "alina", "dina", "madina", "irina", "nina", "polina"})


@dataclass(frozen=True)
class Surname:
    canonical: str
    stem: str  # masculine form: ivanova → ivanov; kovalskaia → kovalski
    gender: str  # "M", "F" or ""


@lru_cache(maxsize=200_000)
def surname_form(canonical: str) -> Surname:
    """Reduce a canonical surname to its masculine stem and say which form it was.

    ``ivanova`` and ``ivanov`` share the stem ``ivanov`` but are not equal: a wife, sister or mother
    shares the stem, so the model weighs "same stem, other form" below "same surname".
    """
    for fem, masc in _SURNAME_FEMININE:
        if canonical.endswith(fem) and len(canonical) > len(fem) + 1 and canonical not in _FEMININE_GIVEN_EXCEPTIONS:
            return Surname(canonical, canonical[: -len(fem)] + masc, "F")
    for masc in _SURNAME_MASCULINE:
        if canonical.endswith(masc) and len(canonical) > len(masc) + 1:
            return Surname(canonical, canonical, "M")
    return Surname(canonical, canonical, "")


# Patronymic endings on canonical keys → sex. Russian -ovich/-ovna, Kazakh -uly/-kyzy, Kyrgyz -uulu,
# Uzbek o'g'li/qizi, Tajik -zoda is a surname and not listed.
_PATRONYMIC_ENDINGS = (
    ("ovich", "M"), ("evich", "M"), ("ich", "M"), ("ovna", "F"), ("evna", "F"), ("inichna", "F"),
    ("ichna", "F"), ("uli", "M"), ("ulu", "M"), ("ogli", "M"), ("kizi", "F"),
)  # fmt: skip
_PATRONYMIC_PARTICLES = {"uli": "M", "ulu": "M", "ogli": "M", "kizi": "F", "ibn": "M", "bint": "F"}


@dataclass(frozen=True)
class Patronymic:
    canonical: str
    root: str  # the father's given name as far as it can be recovered: nurlanovich, nurlanuli → nurlan
    gender: str


@lru_cache(maxsize=200_000)
def patronymic_form(canonical: str) -> Patronymic:
    """Root and sex of a canonical patronymic; the particle may be attached or a separate word."""
    parts = canonical.split()
    if len(parts) >= 2 and parts[-1] in _PATRONYMIC_PARTICLES:
        return Patronymic(canonical, "".join(parts[:-1]), _PATRONYMIC_PARTICLES[parts[-1]])
    word = "".join(parts)
    for ending, sex in _PATRONYMIC_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return Patronymic(canonical, word[: -len(ending)], sex)
    return Patronymic(canonical, word, "")


def is_patronymic(canonical: str) -> bool:
    return bool(patronymic_form(canonical).gender) and canonical not in _PATRONYMIC_PARTICLES


_SURNAME_SUFFIXES = ("ov", "ova", "ev", "eva", "in", "ina", "ski", "skaia", "enko", "uk", "zoda", "zade", "bekov",
                     "baev", "baeva", "uli", "kizi", "ian")  # fmt: skip


def _looks_like_surname(canonical: str) -> bool:
    if canonical in _FEMININE_GIVEN_EXCEPTIONS or canonical in diminutives():
        return False
    return any(canonical.endswith(s) and len(canonical) > len(s) + 1 for s in _SURNAME_SUFFIXES)


@dataclass(frozen=True)
class ParsedName:
    given: str
    family: str
    patronymic: str


def split_full_name(full_name: str | None) -> ParsedName:
    """Split a free-form full name into canonical (given, family, patronymic).

    Handles "FAMILY Given Patronymic" (CIS documents), "Given Family" (Latin sources), detached Kazakh /
    Uzbek patronymic particles ("Nurlan uly") and initials. Where the order cannot be told, the first
    word is taken as the family name; the model also compares names crosswise, so a wrong guess costs
    little.
    """
    toks = tokens(full_name)
    if not toks:
        return ParsedName("", "", "")
    initials = written_initials(full_name)

    def is_initial(canonical: str) -> bool:
        return canonical in initials

    # attach detached particles to the preceding word: "nurlan uli" → patronymic "nurlanuli"
    merged: list[str] = []
    for tok in toks:
        if tok in _PATRONYMIC_PARTICLES and merged:
            merged[-1] = merged[-1] + tok
        else:
            merged.append(tok)
    patronymic = ""
    # Russian -ovich/-ovna words are always patronymics; Kazakh -uly/-kyzy words are patronymics when
    # another word already looks like the surname (otherwise they are the new-style surname itself).
    strict = [t for t in merged if is_patronymic(t) and not _looks_like_surname(t)]
    loose = [t for t in merged if is_patronymic(t) and _looks_like_surname(t)]
    plain_surnames = [t for t in merged if _looks_like_surname(t) and not is_patronymic(t)]
    if strict and len(merged) > 1:
        patronymic = strict[0]
    elif loose and len(merged) > 2 and (plain_surnames or len(loose) > 1):
        patronymic = loose[-1]
    rest = list(merged)
    if patronymic:
        rest.remove(patronymic)
    if not rest:
        return ParsedName("", "", patronymic)
    if len(rest) == 1:
        return ParsedName(rest[0], "", patronymic)
    surname_like = [t for t in rest if _looks_like_surname(t) and not is_initial(t)]
    if len(surname_like) == 1:
        family = surname_like[0]
        others = [t for t in rest if t != family]
    else:  # "FAMILY Given" unless the first word is an initial ("A. Kim")
        family = next((t for t in rest if not is_initial(t)), rest[0])
        others = list(rest)
        others.remove(family)
    # "Abdullaev A.B.": the second initial is the patronymic's
    if not patronymic and len(others) >= 2 and is_initial(others[0]) and is_initial(others[1]):
        patronymic = others[1]
    return ParsedName(others[0], family, patronymic)


_INITIAL_RE = re.compile(r"(?<!\w)(?:\w(?!\w)|\w\w?\.)")


def written_initials(text: str | None) -> set[str]:
    """Canonical keys of the words written as initials: "A.", "Zh.", "Yu." or a lone letter → a, j, iu.

    Two-letter words without a dot are names (Ли, Ан, Пак are surnames), not initials.
    """
    return {canonical_token(m.group()) for m in _INITIAL_RE.finditer(text or "")} - {""}


# --- Dates -------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_DOTTED_RE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


@dataclass(frozen=True)
class PartialDate:
    year: int | None
    month: int | None
    day: int | None

    @property
    def text(self) -> str:
        if self.year is None:
            return ""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_birth_date(value: str | None) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also ``DD.MM.YYYY``); raise ValueError otherwise."""
    if value is None or not value.strip():
        return PartialDate(None, None, None)
    m = _DATE_RE.match(value)
    if m:
        year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    else:
        d = _DOTTED_RE.match(value)
        if not d:
            raise ValueError(f"not a date: {value!r}")
        year, month, day = int(d[3]), int(d[2]), int(d[1])
    if (
        not 1850 <= year <= 2200
        or (month is not None and not 1 <= month <= 12)
        or (day is not None and not 1 <= day <= 31)
    ):
        raise ValueError(f"not a date: {value!r}")
    return PartialDate(year, month, day)


# --- Phones and documents ------------------------------------------------------------------------------

PHONE_REGIONS = ("KZ", "UZ", "KG", "TJ", "RU")
_CALLING_CODES = {"7": "KZ", "998": "UZ", "996": "KG", "992": "TJ"}


@lru_cache(maxsize=200_000)
def normalise_phone(raw: str | None, country: str | None = None) -> str:
    """E.164 form of a phone number written in any local or international format, or "".

    ``country`` (ISO alpha-2, e.g. the person's citizenship) is the region for national formats; numbers
    of Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan and Russia are recognised without it too.
    """
    if not raw:
        return ""
    digits = re.sub(r"[^\d+]", "", raw)
    if not digits.strip("+"):
        return ""
    candidates: list[tuple[str, str | None]] = []
    if digits.startswith("+"):
        candidates.append((digits, None))
    elif digits.startswith("00"):
        candidates.append(("+" + digits[2:], None))
    else:
        region = (country or "").upper()
        if region in PHONE_REGIONS:
            candidates.append((digits, region))
        for code in ("998", "996", "992"):
            if digits.startswith(code) and len(digits) == len(code) + 9:
                candidates.append(("+" + digits, None))
        if digits.startswith("7") and len(digits) == 11:
            candidates.append(("+" + digits, None))
        candidates.extend((digits, r) for r in PHONE_REGIONS if r != region)
    for number, parse_region in candidates:
        try:
            parsed = phonenumbers.parse(number, parse_region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return ""


# Cyrillic letters that look like Latin ones in document series (passport N, ID card letters).
_DOC_LOOKALIKE = str.maketrans({"А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
                                "С": "C", "Т": "T", "Х": "X", "У": "Y", "№": ""})  # fmt: skip


def normalise_document(raw: str | None) -> str:
    """Upper-case alphanumeric document number, look-alike Cyrillic letters folded to Latin."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw.replace("№", "")).upper().translate(_DOC_LOOKALIKE)
    return re.sub(r"[^0-9A-Z]", "", anyascii(text).upper())


def normalise_address(raw: str | None) -> str:
    """Canonical tokens of an address with house numbers kept."""
    if not raw:
        return ""
    out = []
    for part in _TOKEN_SPLIT.split(raw):
        if part.isdigit():
            out.append(part)
        else:
            tok = canonical_token(part)
            if tok:
                out.append(tok)
    return " ".join(out)


# --- Whole records ---------------------------------------------------------------------------------------

RECORD_COLUMNS = ("given_name", "family_name", "patronymic", "full_name", "sex", "birth_date", "citizenship",
                  "document_number", "phone", "address")  # fmt: skip

_SEX = {"m": "M", "male": "M", "м": "M", "муж": "M", "мужской": "M", "f": "F", "female": "F", "ж": "F",
        "жен": "F", "женский": "F", "w": "F", "ер": "M", "әйел": "F"}  # fmt: skip


def normalise_sex(raw: str | None) -> str:
    return _SEX.get((raw or "").strip().lower(), "")


def normalise_record(row: dict[str, str | None]) -> dict[str, object]:
    """Derived comparison columns of one record (all strings ``None`` when unknown; date parts ints)."""
    given = tokens(row.get("given_name"))
    family = tokens(row.get("family_name"))
    patronymic = name_key(row.get("patronymic"))
    if row.get("full_name") and not (given and family):
        parsed = split_full_name(row.get("full_name"))
        given = given or ([parsed.given] if parsed.given else [])
        family = family or ([parsed.family] if parsed.family else [])
        patronymic = patronymic or parsed.patronymic
    # A second given word may be the patronymic written in the given-name column.
    if len(given) > 1 and not patronymic and is_patronymic(given[-1]):
        patronymic = given.pop()
    given_c = given[0] if given else ""
    family_c = "".join(family)
    sur = surname_form(family_c)
    pat = patronymic_form(patronymic.replace(" ", "")) if patronymic else Patronymic("", "", "")
    sex = normalise_sex(row.get("sex")) or pat.gender or sur.gender
    date = parse_birth_date(row.get("birth_date"))
    citizenship = (row.get("citizenship") or "").strip().upper()[:2]
    root = given_root(given_c)

    def nz(value: str) -> str | None:
        return value or None

    # Order-free forms of (given, family): sorted by phonetic key, so that a swapped name order with a typo
    # still compares and blocks on the same column.
    pair = sorted(((phonetic_token(given_c), given_c), (phonetic_token(family_c), family_c)))
    pair = [p for p in pair if p[1]]
    return {
        "given_c": nz(given_c),
        "given_ph": nz(phonetic_token(given_c)),
        "given_root": nz(root),
        "family_c": nz(family_c),
        "family_ph": nz(phonetic_token(family_c)),
        "family_stem": nz(sur.stem),
        "patronymic_root": nz(pat.root),
        "patronymic_ph": nz(phonetic_token(pat.root)),
        "sex": nz(sex),
        "birth_date": nz(date.text),
        "birth_year": date.year,
        "birth_month": date.month,
        "birth_day": date.day,
        "citizenship": nz(citizenship),
        "document": nz(normalise_document(row.get("document_number"))),
        "phone": nz(normalise_phone(row.get("phone"), citizenship or None)),
        "address": nz(normalise_address(row.get("address"))),
        "name_a": nz(pair[0][1]) if len(pair) > 1 else None,
        "name_b": nz(pair[1][1]) if len(pair) > 1 else None,
        "name_ph_a": nz(pair[0][0]) if pair else None,
        "name_ph_b": nz(pair[-1][0]) if len(pair) > 1 else None,
    }
