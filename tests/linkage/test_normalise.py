"""Table and property tests of cross-script name normalisation (pure module, no database)."""

import iuliia
import pytest
from hypothesis import given
from hypothesis import strategies as st

from senim.linkage import normalise as n

SAME_PERSON_SPELLINGS = [
    ["Жанар", "Zhanar", "Janar"],  # Kazakh Cyrillic, ICAO, Kazakh Latin 2021
    ["Нұрсұлтан", "Нурсултан", "Nursultan", "Nūrsūltan"],
    ["Әлия", "Алия", "Aliya", "Aliia", "Äliä"],
    ["Дмитрий", "Dmitrii", "Dmitriy", "Dmitrij", "Dmitri"],
    ["Евгений", "Evgenii", "Yevgeniy", "Evgueni"],  # French-style MVD spelling last
    ["Сергей", "Sergei", "Sergey", "Sergej"],
    ["Хасан", "Khasan", "Hasan", "Xasan"],  # Uzbek Latin x = х
    ["Ерлан", "Yerlan", "Erlan"],
    ["Алиев", "Aliev", "Aliyev"],
    ["Юсупов", "Yusupov", "Iusupov", "Youssoupov"],
    ["Қайрат", "Кайрат", "Kairat", "Qairat"],
    ["Ўғилой", "O'g'iloy", "Oʻgʻiloy"],
    ["Шамиль", "Shamil", "S'amil"],  # Kazakh 2017 apostrophe alphabet
    ["Фёдор", "Fyodor", "Fedor", "Fiodor"],
    ["Абдуллаев", "Abdullaev", "Abdullayev"],
    ["Ахмеджан", "Akhmedzhan", "Ahmedjan", "Akhmedjan"],
    ["Щукин", "Shchukin", "Shukin", "Ŝukin"],
    ["Цой", "Tsoi", "Tsoy", "Czoj"],
    ["Ҷамшед", "Джамшед", "Jamshed", "Dzhamshed"],  # Tajik ҷ
    ["Өмүрбек", "Омурбек", "Omurbek", "Ömürbek"],  # Kyrgyz
    ["Александр", "Alexandr", "Aleksandr"],
    ["Балжан", "Balzhan", "Baljan"],  # лж: "lj" + vowel inside a word is not a soft-sign spelling
    ["Ельжас", "Elzhas", "Eljas"],
    ["Илья", "Ilia", "Ilja"],  # ... but at the end of a word it is
    ["Людмила", "Liudmila", "Ljudmila"],
]


@pytest.mark.parametrize("spellings", SAME_PERSON_SPELLINGS, ids=lambda s: s[0])
def test_spellings_of_one_name_share_the_canonical_key(spellings):
    keys = {n.canonical_token(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    "spellings",
    [["Абдуллаев", "Abdulloev"], ["Ахмеджан", "Ahmadjon"], ["Шамиль", "Chamil"], ["Хабибулла", "Xabibullo"]],
)
def test_vowel_shifts_and_french_ch_share_the_phonetic_key(spellings):
    keys = {n.phonetic_token(n.canonical_token(s)) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("a,b", [("Иван", "Ибрагим"), ("Нурлан", "Нуржан"), ("Алия", "Алина"), ("Сергей", "Серик")])
def test_different_names_keep_different_keys(a, b):
    assert n.canonical_token(a) != n.canonical_token(b)


RUSSIAN_NAMES = [
    "Александр",
    "Дмитрий",
    "Евгений",
    "Юлия",
    "Наталья",
    "Сергей",
    "Андрей",
    "Алексей",
    "Фёдор",
    "Щербаков",
    "Хабибуллина",
    "Цой",
    "Чернышёв",
    "Мухаммедов",
    "Шамиль",
    "Жуков",
    "Ерлан",
    "Айгерим",
    "Ольга",
    "Юрий",
    "Жанна",
    "Виктория",
    "Зуева",
    "Кузнецова",
    "Соловьёв",
    "Григорьев",
    "Бакытжан",
    "Абдуллаев",
    "Эльвира",
    "Ксения",
    "Шухрат",
    "Джамшид",
]


@pytest.mark.parametrize("scheme", ["ICAO_DOC_9303", "BGN_PCGN", "MVD_782", "MVD_310", "GOST_779_ALT", "GOST_52535"])
def test_russian_schemes_give_the_cyrillic_canonical_key(scheme):
    schema = getattr(iuliia, scheme)
    for name in RUSSIAN_NAMES:
        assert n.canonical_token(schema.translate(name)) == n.canonical_token(name), (scheme, name)


@pytest.mark.parametrize("scheme", ["GOST_779", "MVD_310_FR", "UZ"])
def test_lossy_schemes_give_the_cyrillic_phonetic_key(scheme):
    schema = getattr(iuliia, scheme)
    for name in RUSSIAN_NAMES:
        latin = schema.translate(name)
        assert n.phonetic_token(n.canonical_token(latin)) == n.phonetic_token(n.canonical_token(name)), (name, latin)


@given(st.text(max_size=30))
def test_canonical_key_is_plain_ascii(text):
    key = n.canonical_token(text)
    assert key == "" or (key.isascii() and key.isalpha() and key.islower())
    assert n.phonetic_token(key).isascii()


CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳӣӯҷ"


@given(st.text(alphabet=CYRILLIC, min_size=1, max_size=15))
def test_upper_and_lower_case_agree(word):
    assert n.canonical_token(word.upper()) == n.canonical_token(word)


RUSSIAN_SYLLABLES = st.builds(
    lambda c, v: c + v, st.sampled_from(list("бвгджзклмнпрстфхцчшщ")), st.sampled_from(list("аеёиоуыэюя"))
)


@given(st.lists(RUSSIAN_SYLLABLES, min_size=1, max_size=4).map("".join))
def test_icao_transliteration_of_russian_syllables_keeps_the_key(word):
    assert n.canonical_token(iuliia.ICAO_DOC_9303.translate(word)) == n.canonical_token(word)


@pytest.mark.parametrize(
    "surname,stem,gender",
    [
        ("Иванова", "ivanov", "F"),
        ("Иванов", "ivanov", "M"),
        ("Ковальская", "kovalski", "F"),
        ("Kovalskiy", "kovalski", "M"),
        ("Пушкина", "pushkin", "F"),
        ("Нурланқызы", "nurlanuli", "F"),
        ("Ким", "kim", ""),
    ],
)
def test_surname_forms_are_related_not_equal(surname, stem, gender):
    form = n.surname_form(n.canonical_token(surname))
    assert (form.stem, form.gender) == (stem, gender)


def test_feminine_and_masculine_surnames_share_stem_but_not_key():
    a, b = n.canonical_token("Ахметова"), n.canonical_token("Akhmetov")
    assert a != b
    assert n.surname_form(a).stem == n.surname_form(b).stem


@pytest.mark.parametrize(
    "patronymic,root,gender",
    [
        ("Нурланович", "nurlan", "M"),
        ("Нурланұлы", "nurlan", "M"),
        ("Nurlanuly", "nurlan", "M"),
        ("Нурлановна", "nurlan", "F"),
        ("Нурланқызы", "nurlan", "F"),
        ("Nurlan qizi", "nurlan", "F"),  # Uzbek detached particle
        ("Bahodir o'g'li", "bahodir", "M"),
        ("Асанбек уулу", "asanbek", "M"),  # Kyrgyz
        ("Петровна", "petr", "F"),
    ],
)
def test_patronymic_roots_across_languages(patronymic, root, gender):
    form = n.patronymic_form(n.name_key(patronymic))
    assert (form.root, form.gender) == (root, gender)


@pytest.mark.parametrize(
    "full,expected",
    [
        ("ИВАНОВ Иван Иванович", ("ivan", "ivanov", "ivanovich")),
        ("Aigerim Nurlankyzy Bekova", ("aigerim", "bekova", "nurlankizi")),
        ("Серик Нурлан ұлы Оспанов", ("serik", "ospanov", "nurlanuli")),
        ("Aliya Saparova", ("alia", "saparova", "")),
        ("Saparova Aliya", ("alia", "saparova", "")),
        ("Серик Нурланұлы", ("serik", "nurlanuli", "")),  # new-style Kazakh surname
        ("Ким", ("kim", "", "")),
        ("", ("", "", "")),
        # initials: the second one is the patronymic's; an initial is never taken for the surname
        ("MAMYTOVA A.O.", ("a", "mamitova", "o")),
        ("Hamidov S.", ("s", "hamidov", "")),
        ("Yu. Kim", ("iu", "kim", "")),
        ("Ж.Б. Абаев", ("j", "abaev", "b")),
        ("BALZHAN SHAKENOVA", ("baljan", "shakenova", "")),
        ("Ли Ван", ("van", "li", "")),  # a two-letter word without a dot is a name
    ],
)
def test_split_full_name(full, expected):
    parsed = n.split_full_name(full)
    assert (parsed.given, parsed.family, parsed.patronymic) == expected


@pytest.mark.parametrize(
    "short,full", [("Саша", "Александр"), ("Sasha", "Aleksandr"), ("Дима", "Дмитрий"), ("Natasha", "Natalia")]
)
def test_diminutives(short, full):
    assert n.given_root(n.canonical_token(short)) == n.canonical_token(full)


@pytest.mark.parametrize(
    "raw,country,e164",
    [
        ("8 701 234 56 78", None, "+77012345678"),
        ("+7 (701) 234-56-78", None, "+77012345678"),
        ("87012345678", "KZ", "+77012345678"),
        ("998 90 123 45 67", None, "+998901234567"),
        ("90 123 45 67", "UZ", "+998901234567"),
        ("0555 123 456", "KG", "+996555123456"),
        ("996555123456", None, "+996555123456"),
        ("+992 93 123 4567", None, "+992931234567"),
        ("00992931234567", None, "+992931234567"),
        ("8 916 123-45-67", "RU", "+79161234567"),
        ("12", None, ""),
        ("", None, ""),
        ("not a phone", None, ""),
    ],
)
def test_phones_to_e164(raw, country, e164):
    assert n.normalise_phone(raw, country) == e164


@pytest.mark.parametrize(
    "raw,expected",
    [("1990", (1990, None, None)), ("1990-05", (1990, 5, None)), ("1990-05-17", (1990, 5, 17)),
     ("17.05.1990", (1990, 5, 17)), ("", (None, None, None))],
)  # fmt: skip
def test_partial_birth_dates(raw, expected):
    d = n.parse_birth_date(raw)
    assert (d.year, d.month, d.day) == expected


@pytest.mark.parametrize("raw", ["1990-13", "90-05-17", "yesterday", "1990-05-40"])
def test_bad_birth_dates_raise(raw):
    with pytest.raises(ValueError):
        n.parse_birth_date(raw)


def test_documents_fold_cyrillic_lookalikes():
    assert n.normalise_document("№ N 123-456") == n.normalise_document("N123456")
    assert n.normalise_document("АВ 1234567") == "AB1234567"


def test_normalise_record_from_full_name_infers_sex_and_parts():
    row = {"full_name": "Иванова Мария Петровна", "birth_date": "1990-05", "phone": "8 777 123 45 67"}
    rec = n.normalise_record(row)
    assert rec["given_c"] == "maria" and rec["family_c"] == "ivanova" and rec["family_stem"] == "ivanov"
    assert rec["patronymic_root"] == "petr" and rec["sex"] == "F"
    assert (rec["birth_year"], rec["birth_month"], rec["birth_day"]) == (1990, 5, None)
    assert rec["phone"] == "+77771234567"


def test_normalise_record_patronymic_in_given_column():
    rec = n.normalise_record({"given_name": "Серик Болатович", "family_name": "Оспанов"})
    assert rec["given_c"] == "serik" and rec["patronymic_root"] == "bolat" and rec["sex"] == "M"


def test_written_initials_are_letters_with_a_dot_or_alone():
    assert n.written_initials("Abdullayeva M.B.") == {"m", "b"}
    assert n.written_initials("Zh. Kim") == {"j"}
    assert n.written_initials("Ли Ван") == set()
    assert n.written_initials(None) == set()
