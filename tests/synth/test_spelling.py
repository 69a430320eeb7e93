import random
from datetime import date

import phonenumbers
import pytest

from senim.synth.spelling import (
    Style,
    birth_date_as_recorded,
    new_phone,
    phone_format,
    render,
    russify,
    typo,
)


@pytest.mark.parametrize(
    ("native", "style", "written"),
    [
        ("Қайрат", Style.RUSSIFIED_CYRILLIC, "Кайрат"),
        ("Сейітов", Style.RUSSIFIED_CYRILLIC, "Сейитов"),
        ("Қайрат", Style.ICAO, "KAIRAT"),
        ("Жұмабаев", Style.ICAO, "ZHUMABAEV"),
        ("Қайрат", Style.KAZAKH_LATIN, "Qairat"),
        ("Шәкенов", Style.KAZAKH_LATIN, "Şäkenov"),
        ("Ўғилой", Style.UZBEK_LATIN, "Oʻgʻiloy"),
        ("Ҳасанов", Style.UZBEK_LATIN, "Hasanov"),
        ("Эргашев", Style.UZBEK_LATIN, "Ergashev"),
        ("Ерлан", Style.BGN, "Yerlan"),
        ("Шукуров", Style.FRENCH_MVD, "Choukourov"),
        ("Ҷамшед", Style.RUSSIFIED_CYRILLIC, "Джамшед"),
        ("Ҷамшед", Style.ICAO, "DZHAMSHED"),
        ("Өмүрбек", Style.NATIVE_CYRILLIC, "Өмүрбек"),
    ],
)
def test_render_writes_a_name_the_way_each_source_does(native, style, written):
    assert render(native, style) == written


def test_russify_leaves_russian_letters_alone():
    assert russify("Соловьёв") == "Соловьёв"


def test_typo_changes_at_most_a_little_and_never_the_first_letter():
    rng = random.Random(3)
    for _ in range(200):
        out = typo("Абдуллаев", rng)
        assert out[0] == "А"
        assert abs(len(out) - len("Абдуллаев")) <= 1


@pytest.mark.parametrize("country", ["KZ", "UZ", "KG", "TJ"])
def test_every_phone_format_still_names_the_same_number(country):
    rng = random.Random(7)
    for _ in range(100):
        e164 = new_phone(country, rng)
        parsed = phonenumbers.parse(e164)
        assert phonenumbers.is_valid_number(parsed), e164
        written = phone_format(e164, rng)
        digits = "".join(c for c in written if c.isdigit())
        assert digits.endswith(str(parsed.national_number)), (e164, written)


def test_recorded_birth_dates_are_partial_iso_dates():
    rng = random.Random(1)
    true = date(1990, 3, 7)
    seen = {
        birth_date_as_recorded(true, rng, precision=p, error_rate=0.5)
        for p in ("day", "month", "year")
        for _ in range(50)
    }
    for value in seen:
        assert len(value) in (4, 7, 10)
        date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10] if len(value) == 4 else value + "-01")
    assert "1990-03-07" in seen and "1990" in seen and "1990-03" in seen
    assert len(seen) > 3  # some wrong ones too
