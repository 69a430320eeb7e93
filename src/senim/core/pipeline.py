"""Status pipelines declared as data (django-oscar style). No Django import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class InvalidTransitionError(ValueError):
    def __init__(self, pipeline: str, current: str, target: str) -> None:
        super().__init__(f"{pipeline}: cannot move from {current!r} to {target!r}")
        self.current = current
        self.target = target


@dataclass(frozen=True)
class Pipeline:
    name: str
    initial: str
    transitions: Mapping[str, frozenset[str]]

    def allowed(self, current: str) -> frozenset[str]:
        return self.transitions.get(current, frozenset())

    def check(self, current: str, target: str) -> None:
        if target not in self.allowed(current):
            raise InvalidTransitionError(self.name, current, target)

    @property
    def states(self) -> frozenset[str]:
        found = set(self.transitions)
        for targets in self.transitions.values():
            found |= targets
        return frozenset(found)

    @property
    def final_states(self) -> frozenset[str]:
        return frozenset(s for s in self.states if not self.transitions.get(s))
