"""Every parser of outside input, fed hostile input: it answers with a value or with its own documented
error (which the CLI turns into exit 2 and the API into a 4xx), never with anything else.

The people CSV import has its own, richer properties in tests/people/test_import.py; the screening
interview and the tips receipt code in their apps' tests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from senim.core.audit_chain import Anchor, parse_anchors
from senim.linkage import batch as linkage_batch
from senim.linkage import normalise
from senim.network import batch as network_batch
from senim.network.graph import GraphInputError
from senim.people.services import normalise_identifier, validate_partial_date
from senim.screening import batch as screening_batch
from senim.tips import receipt

SETTINGS = hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Text that looks like what arrives: CSV punctuation, digits, Cyrillic and Latin letters, odd whitespace.
CSVISH = st.text(
    alphabet=st.sampled_from(list(',;"\n\r\t -.+:/0123456789АаӘәҒғЖжЖжҚқҢңӨөҰұҮүҺһІі abcxyzIOU\ufeff\x00'))
)
ANY_TEXT = st.one_of(st.text(max_size=200), CSVISH)


@given(raw=st.one_of(st.binary(max_size=400), ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@SETTINGS
def test_senim_link_input_reader(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("link") / "in.csv"
    path.write_bytes(b"record_id,given_name,family_name,birth_date,phone\n" + raw)
    try:
        rows = linkage_batch.read_records(str(path))
    except linkage_batch.BatchInputError as error:
        assert "\n" not in str(error)  # one line, as the CLI prints it
    else:
        ids = [row["record_id"] for row in rows]
        assert all(ids) and len(ids) == len(set(ids))


@given(text=ANY_TEXT)
@SETTINGS
def test_network_csv_readers(text):
    for reader, header in ((network_batch.read_nodes, "id,type\n"), (network_batch.read_edges, "source,target,kind\n")):
        for content in (text, header + text):
            try:
                items = reader(content)
            except GraphInputError as error:
                assert str(error)
            else:
                assert isinstance(items, list)


@given(text=ANY_TEXT)
@SETTINGS
def test_screening_batch_documents(text):
    try:
        items, was_list = screening_batch.parse_documents(text)
    except screening_batch.BatchInputError as error:
        assert str(error)
    else:
        assert isinstance(items, list) and isinstance(was_list, bool)


@given(value=ANY_TEXT)
@SETTINGS
def test_partial_birth_dates(value):
    try:
        parsed = normalise.parse_birth_date(value)
    except ValueError:
        pass
    else:
        assert parsed.year is None or 1850 <= parsed.year <= 2200
    try:
        kept = validate_partial_date(value)
    except ValidationError as error:
        assert "birth_date" in error.message_dict
    else:
        assert kept == "" or kept[:4].isdigit()


@given(value=ANY_TEXT, country=st.sampled_from([None, "KZ", "UZ", "KG", "TJ", "RU", "XX", ""]))
@SETTINGS
def test_phone_and_document_normalisation(value, country):
    phone = normalise.normalise_phone(value, country)
    assert phone == "" or (phone.startswith("+") and phone[1:].isdigit())
    assert " " not in normalise.normalise_document(value)
    for kind in ("phone", "document", "address"):
        try:
            normalised = normalise_identifier(kind, value)
        except ValidationError as error:
            assert "value" in error.message_dict
        else:
            assert isinstance(normalised, str)


@given(value=ANY_TEXT)
@SETTINGS
def test_names_in_any_script(value):
    parsed = normalise.split_full_name(value)
    for part in (parsed.given, parsed.family, parsed.patronymic):
        assert part is None or isinstance(part, str)
    assert normalise.name_key(value).isascii()


@given(value=ANY_TEXT)
@SETTINGS
def test_tip_receipt_codes(value):
    code = receipt.normalise(value)
    assert code is None or (code and code == receipt.normalise(code))


@given(query=ANY_TEXT)
@SETTINGS
def test_person_search_query(query):
    from senim.linkage.selectors import parse_search_query

    parsed = parse_search_query(query)
    assert all(isinstance(digest, str) and digest for digest in parsed.digests())


ANCHORS = st.builds(
    Anchor,
    chain=st.text(max_size=20),
    sequence=st.integers(min_value=1, max_value=2**62),
    hash=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    taken_at=st.text(max_size=30),
)


@given(text=st.one_of(ANY_TEXT, st.lists(ANCHORS, max_size=3).map(lambda a: "".join(x.to_line() + "\n" for x in a))))
@SETTINGS
def test_audit_anchor_files(text):
    try:
        anchors = parse_anchors(text.splitlines())
    except ValueError as error:
        assert str(error).startswith("line ") and "\n" not in str(error)
    else:
        assert all(anchor.sequence >= 1 and len(anchor.hash) == 64 for anchor in anchors)


@given(anchors=st.lists(ANCHORS, max_size=5))
@SETTINGS
def test_audit_anchors_round_trip(anchors):
    assert parse_anchors(anchor.to_line() for anchor in anchors) == anchors
