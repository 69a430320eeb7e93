"""Receipt codes and proof of work: pure modules."""

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from senim.tips import pow, receipt


def test_code_is_20_random_digits_in_groups_of_four():
    code = receipt.new_code()
    assert len(code) == 20 and code.isdigit()
    assert receipt.format_code(code).count(" ") == 4
    assert len({receipt.new_code() for _ in range(200)}) == 200


def test_normalise_accepts_what_people_type():
    code = "48210937551208463391"
    assert receipt.normalise("4821 0937 5512 0846 3391") == code
    assert receipt.normalise(" 4821-0937-5512-0846-3391 ") == code
    assert receipt.normalise("4821 0937 5512 0846 339") is None
    assert receipt.normalise("4821 0937 5512 0846 339a") is None
    assert receipt.normalise("٤٨٢١٠٩٣٧٥٥١٢٠٨٤٦٣٣٩١") is None  # only ASCII digits


def test_argon2_hash_verifies_only_the_right_code():
    code = receipt.new_code()
    stored = receipt.hash_code(code)
    assert stored.startswith("$argon2id$")
    assert code not in stored
    assert receipt.verify_code(stored, code)
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert not receipt.verify_code(stored, wrong)
    assert not receipt.verify_code("garbage", code)


def test_leading_zero_bits():
    assert pow.leading_zero_bits(b"\x00\x00\xff") == 16
    assert pow.leading_zero_bits(b"\x00\x01") == 15
    assert pow.leading_zero_bits(b"\x80") == 0
    assert pow.leading_zero_bits(b"\x00\x00") == 16


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="abcdefXYZ:_-0123456789", min_size=1, max_size=40), st.integers(min_value=1, max_value=10))
def test_solve_then_check(challenge, bits):
    counter, tries, _seconds = pow.solve(challenge, bits)
    assert tries == counter + 1
    assert pow.check(challenge, str(counter), bits)
    digest = hashlib.sha256(f"{challenge}:{counter}".encode()).digest()
    assert pow.leading_zero_bits(digest) >= bits


def test_check_rejects_non_numeric_and_overlong_counters():
    assert not pow.check("c", "-1", 0)
    assert not pow.check("c", "1e5", 0)
    assert not pow.check("c", "1" * 13, 0)
