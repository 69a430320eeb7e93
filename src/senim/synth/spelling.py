"""How agencies write one name, one phone, one date: the variation the synthetic world plants.

Pure module (no Django import), deliberately independent of ``senim.linkage.normalise`` so that the world
is not written by the very tables that are supposed to undo it. Canonical names are held in the person's
native Cyrillic (Kazakh, Uzbek, Kyrgyz, Tajik or Russian letters); each ``Style`` renders them the way one
kind of source does.
"""

from __future__ import annotations

import random
from datetime import date
from enum import StrEnum


class Style(StrEnum):
    NATIVE_CYRILLIC = "native_cyrillic"  # Қайрат Сейітов, Ўғилой, Ҷамшед: the person's own letters
    RUSSIFIED_CYRILLIC = "russified_cyrillic"  # Кайрат Сеитов: national letters folded to Russian ones
    ICAO = "icao"  # KAIRAT SEITOV: passport machine-readable Latin (ICAO 9303)
    KAZAKH_LATIN = "kazakh_latin"  # Qaırat Seıtov: the 2021 Kazakh Latin alphabet
    UZBEK_LATIN = "uzbek_latin"  # Gʻayrat Yoʻldoshev: Uzbek Latin with its apostrophes
    FRENCH_MVD = "french_mvd"  # Choukourov: the French-style spelling of older Soviet passports
    BGN = "bgn"  # Yuldashev, Yerlan: BGN/PCGN, common in English-language paperwork


LATIN_STYLES = frozenset({Style.ICAO, Style.KAZAKH_LATIN, Style.UZBEK_LATIN, Style.FRENCH_MVD, Style.BGN})

# National letters folded to the nearest Russian letter, as a Russian-language form writes them.
RUSSIFY = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",  # Kazakh
    "ў": "у",
    "ҳ": "х",  # Uzbek
    "ҷ": "дж",
    "ӣ": "и",
    "ӯ": "у",  # Tajik
}

ICAO = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

BGN = {**ICAO, "ё": "ë", "й": "y", "ю": "yu", "я": "ya", "ъ": "", "ь": ""}

FRENCH = {**ICAO, "ж": "j", "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch", "ю": "iou", "ё": "io", "ъ": ""}

# Kazakh Latin as approved in 2021 (Decree 637 version): ı for і, i for и/й, ş, ç, j, q, ğ, ñ, ū, ü, ä, ö.
KAZAKH_LATIN = {
    **ICAO,
    "ә": "ä",
    "ғ": "ğ",
    "қ": "q",
    "ң": "ñ",
    "ө": "ö",
    "ұ": "ū",
    "ү": "ü",
    "һ": "h",
    "і": "ı",
    "и": "i",
    "й": "i",
    "ж": "j",
    "х": "h",
    "ш": "ş",
    "ч": "ç",
    "щ": "şş",
    "ы": "y",
    "ю": "iu",
    "я": "ia",
    "ё": "io",
}

UZBEK_LATIN = {
    **ICAO,
    "ў": "oʻ",
    "қ": "q",
    "ғ": "gʻ",
    "ҳ": "h",
    "х": "x",
    "ж": "j",
    "й": "y",
    "ё": "yo",
    "ю": "yu",
    "я": "ya",
    "ц": "s",
    "щ": "sh",
    "ъ": "ʼ",
    "ы": "i",
}

_VOWELS = set("аеёиоуыэюяәөұүіўӣӯ")


def _translit(text: str, table: dict[str, str], *, initial_ye: bool = False) -> str:
    out: list[str] = []
    previous = ""
    for ch in text:
        low = ch.lower()
        if low in RUSSIFY and low not in table:
            low = RUSSIFY[low]
        if initial_ye and low == "е" and (not previous or previous in _VOWELS or not previous.isalpha()):
            piece = "ye"
        else:
            piece = "".join(table.get(c, c) for c in low) if len(low) > 1 else table.get(low, low)
        if ch.isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        previous = low
    return "".join(out)


def russify(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if low in RUSSIFY:
            piece = RUSSIFY[low]
            out.append(piece[0].upper() + piece[1:] if ch.isupper() else piece)
        else:
            out.append(ch)
    return "".join(out)


def render(text: str, style: Style) -> str:
    """Render one name written in native Cyrillic in a style. Case follows the input (title case)."""
    if not text:
        return ""
    if style is Style.NATIVE_CYRILLIC:
        return text
    if style is Style.RUSSIFIED_CYRILLIC:
        return russify(text)
    if style is Style.ICAO:
        return _translit(russify(text), ICAO).upper()
    if style is Style.KAZAKH_LATIN:
        return _translit(text, KAZAKH_LATIN)
    if style is Style.UZBEK_LATIN:
        return _translit(text, UZBEK_LATIN, initial_ye=True)
    if style is Style.FRENCH_MVD:
        return _translit(russify(text), FRENCH)
    if style is Style.BGN:
        return _translit(russify(text), BGN, initial_ye=True)
    raise ValueError(f"unknown style {style!r}")


def script_of(style: Style) -> str:
    return "latin" if style in LATIN_STYLES else "cyrillic"


# --- typos -----------------------------------------------------------------------------------------------

_CONFUSABLE = {
    "е": "э",
    "э": "е",
    "и": "ы",
    "ы": "и",
    "а": "о",
    "о": "а",
    "й": "и",
    "ш": "щ",
    "с": "з",
    "к": "х",
    "i": "y",
    "y": "i",
    "e": "a",
    "a": "e",
    "k": "q",
    "q": "k",
    "u": "o",
    "o": "u",
    "s": "z",
    "j": "zh",
}


def typo(text: str, rng: random.Random) -> str:
    """One keyboard or hearing error: drop, double, swap or confuse a letter (never the first)."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    operation = rng.random()
    if operation < 0.25:
        return text[:i] + text[i + 1 :]
    if operation < 0.45:
        return text[:i] + text[i] + text[i:]
    if operation < 0.7:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    low = text[i].lower()
    if low in _CONFUSABLE:
        repl = _CONFUSABLE[low]
        return text[:i] + (repl.upper() if text[i].isupper() else repl) + text[i + 1 :]
    return text[:i] + text[i + 1 :]


# --- phones ----------------------------------------------------------------------------------------------

PHONE_PREFIXES = {
    "KZ": ("7", ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]),
    "UZ": ("998", ["90", "91", "93", "94", "95", "97", "98", "99", "33", "88"]),
    "KG": ("996", ["550", "555", "700", "701", "707", "770", "772", "777", "220", "500"]),
    "TJ": ("992", ["90", "91", "92", "93", "98", "50", "55", "88"]),
    "RU": ("7", ["903", "905", "912", "916", "925", "926", "960", "985"]),
}


def new_phone(country: str, rng: random.Random) -> str:
    """A canonical E.164 number of a mobile operator of the country."""
    code, prefixes = PHONE_PREFIXES[country if country in PHONE_PREFIXES else "KZ"]
    prefix = rng.choice(prefixes)
    rest = 9 - len(prefix) if code in ("998", "996", "992") else 10 - len(prefix)
    return f"+{code}{prefix}{rng.randrange(10 ** (rest - 1), 10**rest)}"


def _country_of(e164: str) -> str:
    for country, (code, _prefixes) in PHONE_PREFIXES.items():
        if code != "7" and e164.startswith("+" + code):
            return country
    return "KZ"


def phone_format(e164: str, rng: random.Random) -> str:
    """The number as some agency wrote it: with or without country code, trunk 8, spaces, brackets."""
    country = _country_of(e164)
    if country == "KZ":
        n = e164[2:]  # ten digits
        forms = [
            e164,
            f"8{n}",
            f"8 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}",
            f"+7 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}",
            f"+7({n[:3]}){n[3:]}",
            f"7{n}",
            f"8-{n[:3]}-{n[3:6]}-{n[6:]}",
        ]
        return rng.choice(forms)
    code = {"UZ": "998", "KG": "996", "TJ": "992"}[country]
    n = e164[1 + len(code) :]
    forms = [
        e164,
        f"{code}{n}",
        f"+{code} {n[:2]} {n[2:5]}-{n[5:7]}-{n[7:]}",
        f"+{code} ({n[:3]}) {n[3:]}",
        f"8 10 {code} {n}",
        f"00{code}{n}",
    ]
    if country == "KG":
        forms.append(f"0{n[:3]} {n[3:6]} {n[6:]}")
    return rng.choice(forms)


# --- birth dates -----------------------------------------------------------------------------------------


def birth_date_as_recorded(true: date, rng: random.Random, *, precision: str = "day", error_rate: float = 0.05) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD; sometimes wrong the way forms get it wrong."""
    value = true
    if rng.random() < error_rate:
        kind = rng.random()
        if kind < 0.35 and true.day <= 12 and true.day != true.month:
            value = date(true.year, true.day, true.month)  # day and month swapped
        elif kind < 0.6:
            value = date(true.year + rng.choice((-1, 1)), true.month, min(true.day, 28))
        elif kind < 0.8:
            value = date(true.year, true.month, min(28, max(1, true.day + rng.choice((-1, 1, -10, 10)))))
        else:
            value = date(true.year, 1, 1)  # "01.01" placeholder for an unknown day
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


# --- documents -------------------------------------------------------------------------------------------

_LETTERS = "ABCDEFGHJKLMNPRSTUVXYZ"


def new_document(country: str, rng: random.Random) -> str:
    if country == "KZ":
        if rng.random() < 0.6:
            return f"{rng.randrange(10**8):09d}"  # identity card
        return f"N{rng.randrange(10**7, 10**8)}"  # passport
    if country == "UZ":
        return f"{rng.choice(('AA', 'AB', 'AC', 'AD', 'FA'))}{rng.randrange(10**6, 10**7)}"
    if country == "KG":
        return f"{rng.choice(('AC', 'AN', 'ID'))}{rng.randrange(10**6, 10**7)}"
    if country == "TJ":
        return f"{rng.choice(('400', '401', '402'))}{rng.randrange(10**5, 10**6)}"
    return f"{rng.randrange(10, 99)}{rng.randrange(10, 99)}{rng.randrange(10**5, 10**6)}"


def document_format(value: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.6:
        return value
    if r < 0.75 and len(value) > 4:
        return f"{value[:2]} {value[2:]}"
    if r < 0.85:
        return value.lower()
    if r < 0.95 and value[-1].isdigit():
        i = rng.randrange(len(value) - 4, len(value))
        if value[i].isdigit():
            return value[:i] + str((int(value[i]) + 1) % 10) + value[i + 1 :]
    return value


# --- bank, vehicles, companies, online accounts ----------------------------------------------------------


def new_account(rng: random.Random) -> str:
    bank = rng.choice(("722", "601", "998", "125", "914", "070"))
    return f"KZ{rng.randrange(10, 99)}{bank}{rng.randrange(10**12, 10**13)}"


def new_card(rng: random.Random) -> str:
    return f"{rng.choice(('4400', '5169', '4405', '5522', '4149'))}{rng.randrange(10**11, 10**12)}"


def new_vehicle(region_code: str, rng: random.Random) -> str:
    letters = "".join(rng.choice(_LETTERS) for _ in range(3))
    return f"{rng.randrange(100, 1000)}{letters}{region_code}"


def new_online_account(given: str, rng: random.Random) -> str:
    handle = render(given, Style.BGN).lower().replace("ʼ", "").replace("ë", "e")
    service = rng.choice(("telegram", "instagram", "whatsapp", "vk"))
    return f"{service}:@{handle}{rng.randrange(10, 9999)}"
