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


@dataclass(frozen=True)
class Anchor:
    """A chain's head as it was at `taken_at`, kept where the database's owners cannot write (paper, a WORM
    store, a partner). A chain rewritten consistently from some event to its end passes `verify_chain`, but
    no longer holds the anchored hash at the anchored sequence."""

    chain: str
    sequence: int
    hash: str
    taken_at: str

    def to_line(self) -> str:
        fields = {"chain": self.chain, "sequence": self.sequence, "hash": self.hash, "taken_at": self.taken_at}
        return json.dumps(fields, sort_keys=True)


def parse_anchors(lines: Iterable[str]) -> list[Anchor]:
    """Anchors from JSON lines (as `Anchor.to_line` writes them); blank lines are skipped. Raises ValueError
    naming the first bad line."""
    anchors = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            anchor = Anchor(
                chain=str(fields["chain"]),
                sequence=int(fields["sequence"]),
                hash=str(fields["hash"]),
                taken_at=str(fields.get("taken_at", "")),
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(f"line {number} is not an anchor (chain, sequence, hash): {exc}") from None
        if anchor.sequence < 1 or len(anchor.hash) != 64:
            raise ValueError(f"line {number} is not an anchor: sequence must be ≥ 1 and hash 64 hex digits")
        anchors.append(anchor)
    return anchors
