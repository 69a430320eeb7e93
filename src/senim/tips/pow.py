"""Proof of work without a third party (pure, no Django import).

Hashcash-style: the server hands out a random challenge string and a difficulty `bits`; the browser
(static/tips/pow.js) searches a counter such that SHA-256("<challenge>:<counter>") starts with `bits`
zero bits. Expected work is 2**bits hashes; checking is one hash.
"""

from __future__ import annotations

import hashlib
import itertools
import time


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def check(challenge: str, counter: str, bits: int) -> bool:
    if not counter.isdigit() or len(counter) > 12:
        return False
    digest = hashlib.sha256(f"{challenge}:{counter}".encode()).digest()
    return leading_zero_bits(digest) >= bits


def solve(challenge: str, bits: int) -> tuple[int, int, float]:
    """Reference solver (tests, benchmark): returns (counter, hashes tried, seconds)."""
    start = time.perf_counter()
    for counter in itertools.count():
        digest = hashlib.sha256(f"{challenge}:{counter}".encode()).digest()
        if leading_zero_bits(digest) >= bits:
            return counter, counter + 1, time.perf_counter() - start
    raise AssertionError("unreachable")
