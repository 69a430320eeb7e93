"""A small cross-script record simulator with ground truth, for linkage tests and benchmarks.

No Django import and no real personal data: names are common given names and surnames of the region.
Each simulated person gets 1-5 records written the way different agencies write them (native Kazakh /
Uzbek / Kyrgyz / Tajik Cyrillic, Russified Cyrillic, ICAO passport Latin, Kazakh Latin 2021, Uzbek Latin,
French-style MVD, GOST 7.79, BGN/PCGN), with typos, swapped name order, missing patronymics, partial or
wrong birth dates and phones in many formats. Hard negatives are built in: households share a surname
(in its gender form), a phone and an address; siblings share a patronymic; some persons are namesakes of
others with another birth date. (The Senim synthetic world generator in ``senim.synth`` is the richer
source; this one exists so that the library can be tested alone.)
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass

import iuliia

POOLS: dict[str, dict[str, list[str]]] = {
    "kz": {
        "m": [
            "Нұрлан",
            "Ерлан",
            "Серік",
            "Қайрат",
            "Бақытжан",
            "Асхат",
            "Дәурен",
            "Жандос",
            "Ерболат",
            "Талғат",
            "Нұрсұлтан",
            "Әлихан",
            "Мұрат",
            "Бауыржан",
            "Ғалым",
            "Санжар",
            "Арман",
            "Дәулет",
            "Ержан",
            "Айдос",
            "Ерасыл",
            "Мирас",
            "Темірлан",
            "Даулет",
            "Азамат",
            "Болат",
            "Ербол",
            "Қанат",
            "Марат",
            "Нұржан",
        ],
        "f": [
            "Айгерім",
            "Жанар",
            "Әлия",
            "Гүлнар",
            "Динара",
            "Мадина",
            "Аружан",
            "Ақмарал",
            "Салтанат",
            "Жұлдыз",
            "Айжан",
            "Гүлмира",
            "Мөлдір",
            "Ботагөз",
            "Әсел",
            "Дана",
            "Назерке",
            "Гүлжан",
            "Ләззат",
            "Сәуле",
            "Айнұр",
            "Балжан",
            "Перизат",
            "Жансая",
            "Томирис",
        ],
        "s": [
            "Ахметов",
            "Сейітов",
            "Нұрланов",
            "Оспанов",
            "Жұмабаев",
            "Қасымов",
            "Әбдірахманов",
            "Төлеуов",
            "Серікбаев",
            "Мұхамеджанов",
            "Бекмұхамедов",
            "Ермеков",
            "Сәрсенбаев",
            "Құдайбергенов",
            "Ибраев",
            "Абенов",
            "Исаев",
            "Омаров",
            "Садықов",
            "Жақсылықов",
            "Тоқтаров",
            "Байжанов",
            "Есенов",
            "Мамыров",
            "Нұрмағамбетов",
            "Әлиев",
            "Қожахметов",
            "Шәкенов",
            "Әміров",
            "Бейсенов",
        ],
    },
    "ru": {
        "m": [
            "Александр",
            "Дмитрий",
            "Сергей",
            "Андрей",
            "Алексей",
            "Евгений",
            "Игорь",
            "Владимир",
            "Николай",
            "Михаил",
            "Юрий",
            "Виктор",
            "Павел",
            "Константин",
            "Роман",
            "Максим",
            "Артём",
            "Денис",
            "Олег",
            "Вадим",
        ],
        "f": [
            "Елена",
            "Наталья",
            "Татьяна",
            "Ольга",
            "Екатерина",
            "Мария",
            "Анастасия",
            "Юлия",
            "Светлана",
            "Ирина",
            "Галина",
            "Людмила",
            "Ксения",
            "Дарья",
            "Валентина",
            "Надежда",
        ],
        "s": [
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Соколов",
            "Лебедев",
            "Козлов",
            "Новиков",
            "Морозов",
            "Петров",
            "Волков",
            "Соловьёв",
            "Щербаков",
            "Фёдоров",
            "Григорьев",
            "Яковлев",
            "Зуев",
            "Медведев",
            "Журавлёв",
            "Ковалёв",
            "Белов",
            "Тарасов",
        ],
    },
    "uz": {
        "m": [
            "Алишер",
            "Жамшид",
            "Шуҳрат",
            "Рустам",
            "Баҳтиёр",
            "Фарҳод",
            "Отабек",
            "Улуғбек",
            "Санжар",
            "Дилшод",
            "Азиз",
            "Ҳасан",
            "Ботир",
            "Равшан",
            "Шерзод",
            "Ойбек",
            "Жасур",
            "Нодир",
            "Бекзод",
            "Сардор",
        ],
        "f": [
            "Гулнора",
            "Дилноза",
            "Нилуфар",
            "Шаҳноза",
            "Моҳира",
            "Зарина",
            "Феруза",
            "Мадина",
            "Ўғилой",
            "Дилдора",
            "Нигора",
            "Сабина",
            "Малика",
            "Лола",
            "Гулчеҳра",
        ],
        "s": [
            "Абдуллаев",
            "Каримов",
            "Юсупов",
            "Раҳимов",
            "Исмоилов",
            "Турсунов",
            "Ҳасанов",
            "Эргашев",
            "Носиров",
            "Ҳолматов",
            "Мирзаев",
            "Аҳмедов",
            "Усмонов",
            "Тошматов",
            "Саидов",
            "Жўраев",
            "Қодиров",
            "Маҳмудов",
            "Йўлдошев",
            "Шарипов",
        ],
    },
    "kg": {
        "m": [
            "Азамат",
            "Бакыт",
            "Нурбек",
            "Эрлан",
            "Өмүрбек",
            "Талант",
            "Улан",
            "Бектур",
            "Жоомарт",
            "Мирлан",
            "Нурлан",
            "Канат",
            "Айбек",
        ],
        "f": ["Айпери", "Жылдыз", "Гүлзат", "Нурзат", "Айзада", "Бегимай", "Чолпон", "Айгүл", "Назира", "Бермет"],
        "s": [
            "Токтогулов",
            "Садыров",
            "Жээнбеков",
            "Асанов",
            "Мамытов",
            "Сыдыков",
            "Бакиев",
            "Осмонов",
            "Абдыкадыров",
            "Турдубаев",
            "Кадыров",
            "Шаршеев",
        ],
    },
    "tj": {
        "m": [
            "Фаррух",
            "Ҷамшед",
            "Далер",
            "Суҳроб",
            "Баҳром",
            "Шероз",
            "Рустам",
            "Фирдавс",
            "Манучеҳр",
            "Ҷахонгир",
            "Парвиз",
            "Умед",
        ],
        "f": ["Меҳрубон", "Нигина", "Парвина", "Ситора", "Таҳмина", "Фарзона", "Мадина", "Зарина", "Шабнам"],
        "s": [
            "Раҳмонов",
            "Назаров",
            "Қурбонов",
            "Шарипов",
            "Саидов",
            "Ашуров",
            "Раҳимов",
            "Давлатов",
            "Юсуфов",
            "Мирзоев",
            "Ҳайдаров",
            "Сафаров",
        ],
    },
}
# Real surname distributions have long tails: most Central Asian surnames are a man's given name plus a
# suffix (Нурланов, Серикбаев, Рахмонзода), so add those to the listed common ones.
_SURNAME_SUFFIXES = {"kz": ["ов", "баев", "беков"], "ru": [], "uz": ["ов", "жонов"], "kg": ["ов", "беков"],
                     "tj": ["ов", "зода"]}  # fmt: skip
for _ethnic, _suffixes in _SURNAME_SUFFIXES.items():
    for _root in POOLS[_ethnic]["m"]:
        for _suffix in _suffixes:
            _surname = _root + _suffix
            if _surname not in POOLS[_ethnic]["s"]:
                POOLS[_ethnic]["s"].append(_surname)

ETHNIC_WEIGHTS = {"kz": 0.45, "ru": 0.15, "uz": 0.2, "kg": 0.1, "tj": 0.1}
CITIZENSHIP = {"kz": "KZ", "ru": "KZ", "uz": "UZ", "kg": "KG", "tj": "TJ"}
CALLING = {"KZ": ("7", ["701", "702", "705", "707", "747", "771", "777", "778"]),
           "UZ": ("998", ["90", "91", "93", "94", "97"]),
           "KG": ("996", ["555", "700", "770", "550"]), "TJ": ("992", ["93", "92", "98", "90"])}  # fmt: skip
SEX_SPELLINGS = {"m": ["M", "м", "male"], "f": ["F", "ж", "female"]}
STREETS = [
    "Абая",
    "Сейфуллина",
    "Назарбаева",
    "Толе",
    "би",
    "Гагарина",
    "Тимирязева",
    "Жандосова",
    "Момышулы",
    "Ауэзова",
    "Рыскулова",
]
CITIES = ["Алматы", "Астана", "Шымкент", "Тараз", "Туркестан", "Актобе", "Ташкент", "Бишкек", "Душанбе", "Ош"]
DIMINUTIVE = {"Александр": "Саша", "Дмитрий": "Дима", "Николай": "Коля", "Сергей": "Серёжа", "Михаил": "Миша",
              "Владимир": "Вова", "Алексей": "Лёша", "Евгений": "Женя", "Юрий": "Юра", "Наталья": "Наташа",
              "Татьяна": "Таня", "Ольга": "Оля", "Екатерина": "Катя", "Мария": "Маша", "Анастасия": "Настя",
              "Елена": "Лена", "Павел": "Паша", "Светлана": "Света", "Ирина": "Ира"}  # fmt: skip

# Kazakh (and Kyrgyz, Uzbek, Tajik) letters written with the nearest Russian letter.
RUSSIFY = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
                         "ў": "у", "ҳ": "х", "ӣ": "и", "ӯ": "у", "ҷ": "дж", "Ә": "А", "Ғ": "Г", "Қ": "К", "Ң": "Н",
                         "Ө": "О", "Ұ": "У", "Ү": "У", "Һ": "Х", "І": "И", "Ў": "У", "Ҳ": "Х", "Ҷ": "Дж"})  # fmt: skip
KZ_LATIN_2021 = {"а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j",
                 "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
                 "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h",
                 "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
                 "ю": "iu", "я": "ia"}  # fmt: skip


def kazakh_latin(text: str) -> str:
    out = []
    for ch in text:
        lat = KZ_LATIN_2021.get(ch.lower(), ch)
        out.append(lat.capitalize() if ch.isupper() else lat)
    return "".join(out)


def _russian_scheme(schema: iuliia.Schema) -> Callable[[str], str]:
    return lambda text: schema.translate(text.translate(RUSSIFY))


SCRIPTS = {
    "native": lambda t: t,
    "russified": lambda t: t.translate(RUSSIFY),
    "icao": _russian_scheme(iuliia.ICAO_DOC_9303),
    "kz_latin": kazakh_latin,
    "mvd_fr": _russian_scheme(iuliia.MVD_310_FR),
    "gost": _russian_scheme(iuliia.GOST_779_ALT),
    "bgn": _russian_scheme(iuliia.BGN_PCGN),
    "uz_latin": lambda t: iuliia.UZ.translate(t.replace("Ҷ", "Ж").replace("ҷ", "ж")),
}
SCRIPT_WEIGHTS: dict[str, dict[str, float]] = {
    "kz": {"native": 3, "russified": 3, "icao": 2, "kz_latin": 2, "mvd_fr": 0.5, "gost": 0.5, "bgn": 1},
    "ru": {"native": 5, "icao": 2, "mvd_fr": 1, "gost": 1, "bgn": 1},
    "uz": {"native": 2, "russified": 3, "icao": 2, "uz_latin": 3, "mvd_fr": 0.5, "bgn": 1},
    "kg": {"native": 3, "russified": 3, "icao": 2, "bgn": 1, "mvd_fr": 0.5},
    "tj": {"native": 2, "russified": 3, "icao": 2, "bgn": 1, "mvd_fr": 0.5},
}


@dataclass
class Person:
    pid: int
    ethnic: str
    sex: str
    given: str
    family: str  # in the person's gender form
    father: str
    birth: tuple[int, int, int]
    phone: str | None
    document: str | None
    address: str | None


def feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def patronymic(father: str, sex: str, ethnic: str, rng: random.Random) -> str:
    if ethnic in ("kz", "kg") and rng.random() < 0.5:
        particle = {"kz": ("ұлы", "қызы"), "kg": (" уулу", " кызы")}[ethnic][0 if sex == "m" else 1]
        return father + particle
    if ethnic == "uz" and rng.random() < 0.3:
        return father + (" ўғли" if sex == "m" else " қизи")
    stem = father[:-1] + "е" if father.endswith("й") else father + "о"
    return stem + ("вич" if sex == "m" else "вна")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def _phone_format(e164: str, rng: random.Random) -> str:
    cc = next(c for c in ("998", "996", "992", "7") if e164[1:].startswith(c))
    national = e164[1 + len(cc) :]
    style = rng.randrange(5)
    if style == 0:
        return e164
    if style == 1:
        return f"+{cc} ({national[:3]}) {national[3:6]}-{national[6:8]}-{national[8:]}"
    if style == 2 and cc == "7":
        return "8" + national
    if style == 3:
        return cc + national
    return f"{national[:3]} {national[3:6]} {national[6:]}" if cc != "7" else f"8 ({national[:3]}) {national[3:]}"


class World:
    def __init__(self, n_persons: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.persons: list[Person] = []
        self._make_persons(n_persons)

    def _make_persons(self, n: int) -> None:
        rng = self.rng
        ethnics = list(ETHNIC_WEIGHTS)
        weights = list(ETHNIC_WEIGHTS.values())
        pid = 0
        while pid < n:
            ethnic = rng.choices(ethnics, weights)[0]
            pool = POOLS[ethnic]
            surname = rng.choice(pool["s"])
            father = rng.choice(pool["m"])
            country = CITIZENSHIP[ethnic]
            cc, prefixes = CALLING[country]
            home_phone = f"+{cc}{rng.choice(prefixes)}{rng.randrange(10**6, 10**7)}"
            address = f"{rng.choice(CITIES)}, ул. {rng.choice(STREETS)}, {rng.randrange(1, 200)}"
            size = rng.choice([1, 1, 1, 2, 2, 3, 4])  # a household: siblings sharing surname, phone, address
            base_year = rng.randrange(1960, 2008)
            used: set[str] = set()
            namesake = size == 1 and self.persons and rng.random() < 0.05
            for _ in range(min(size, n - pid)):
                sex = rng.choice("mf")
                given = rng.choice([g for g in pool[sex] if g not in used])
                family = surname if sex == "m" else feminine(surname)
                year = base_year + rng.randrange(-6, 7)
                if namesake:  # someone else's name, another family, another birth date
                    other = rng.choice(self.persons)
                    ethnic, given, sex, family = other.ethnic, other.given, other.sex, other.family
                    year = other.birth[0] + rng.choice([-1, 1]) * rng.randrange(3, 15)
                used.add(given)
                own_phone = f"+{cc}{rng.choice(prefixes)}{rng.randrange(10**6, 10**7)}"
                self.persons.append(
                    Person(
                        pid=pid,
                        ethnic=ethnic,
                        sex=sex,
                        given=given,
                        family=family,
                        father=father,
                        birth=(year, rng.randrange(1, 13), rng.randrange(1, 29)),
                        phone=home_phone if rng.random() < 0.4 else own_phone,
                        document=f"N{rng.randrange(10**7, 10**8)}" if rng.random() < 0.8 else None,
                        address=address if rng.random() < 0.8 else None,
                    )
                )
                pid += 1

    def record(self, person: Person, rid: str) -> dict[str, str]:
        rng = self.rng
        scripts = SCRIPT_WEIGHTS[person.ethnic]
        script = rng.choices(list(scripts), list(scripts.values()))[0]
        write = SCRIPTS[script]
        given = person.given
        if given in DIMINUTIVE and rng.random() < 0.15:
            given = DIMINUTIVE[given]
        family = person.family
        pat = patronymic(person.father, person.sex, person.ethnic, rng) if rng.random() < 0.6 else ""
        if rng.random() < 0.12:
            if rng.random() < 0.5:
                given = _typo(given, rng)
            else:
                family = _typo(family, rng)
        given, family, pat = write(given), write(family), write(pat)
        if script in ("icao", "gost") and rng.random() < 0.5:
            given, family, pat = given.upper(), family.upper(), pat.upper()
        row = dict.fromkeys(("given_name", "family_name", "patronymic", "full_name"), "")
        layout = rng.random()
        if layout < 0.55:
            row.update(given_name=given, family_name=family, patronymic=pat)
        elif layout < 0.8:
            row["full_name"] = " ".join(p for p in (family, given, pat) if p)
        elif layout < 0.9:
            row["full_name"] = f"{given} {family}"
        else:  # swapped columns
            row.update(given_name=family, family_name=given, patronymic=pat)
        y, m, d = person.birth
        r = rng.random()
        if r < 0.06:  # wrong date: transposed day/month or a one-digit slip
            if d <= 12 and rng.random() < 0.5:
                m, d = d, m
            else:
                y += rng.choice([-1, 1])
        r = rng.random()
        if r < 0.65:
            birth = f"{y:04d}-{m:02d}-{d:02d}"
        elif r < 0.78:
            birth = f"{y:04d}-{m:02d}"
        elif r < 0.92:
            birth = f"{y:04d}"
        else:
            birth = ""
        country = CITIZENSHIP[person.ethnic]
        return {
            "record_id": rid,
            **row,
            "sex": rng.choice(SEX_SPELLINGS[person.sex]) if rng.random() < 0.7 else "",
            "birth_date": birth,
            "citizenship": country if rng.random() < 0.7 else "",
            "document_number": (person.document or "") if rng.random() < 0.5 else "",
            "phone": _phone_format(person.phone, rng) if person.phone and rng.random() < 0.6 else "",
            "address": write(person.address) if person.address and rng.random() < 0.4 else "",
        }

    def records(self, mean_records: float = 2.5) -> tuple[list[dict[str, str]], dict[str, int]]:
        """Records (in shuffled order) and the true person id of each record id."""
        rng = self.rng
        rows: list[dict[str, str]] = []
        truth: dict[str, int] = {}
        p_more = 1 - 1 / mean_records
        for person in self.persons:
            count = 1
            while count < 5 and rng.random() < p_more:
                count += 1
            for _ in range(count):
                rid = f"r{len(rows) + 1:07d}"
                rows.append(self.record(person, rid))
                truth[rid] = person.pid
        rng.shuffle(rows)
        return rows, truth


def write_csv(path: str, rows: list[dict[str, str]]) -> None:
    columns = ["record_id", "given_name", "family_name", "patronymic", "full_name", "sex", "birth_date",
               "citizenship", "document_number", "phone", "address"]  # fmt: skip
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
