"""Hash chain over audit events. No Django import: the same code writes and verifies."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def event_hash(previous_hash: str, payload: Mapping[str, Any]) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{previous_hash}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def verify_chain(events: Iterable[tuple[int, str, str, Mapping[str, Any]]]) -> ChainBreak | None:
    """Walk (sequence, previous_hash, hash, payload) rows in order; return the first broken link.

    Catches an edited row (its hash no longer matches), a deleted row (a gap in the sequence or a
    previous_hash that points elsewhere) and reordered rows (sequence out of order).
    """
    expected_previous = GENESIS
    expected_sequence = 1
    for sequence, previous_hash, stored_hash, payload in events:
        if sequence != expected_sequence:
            return ChainBreak(sequence, f"expected event {expected_sequence}, found {sequence}")
        if previous_hash != expected_previous:
            return ChainBreak(sequence, "previous hash does not match the event before it")
        if event_hash(previous_hash, payload) != stored_hash:
            return ChainBreak(sequence, "event content does not match its hash")
        expected_previous = stored_hash
        expected_sequence += 1
    return None
