"""Batch screening of JSON documents: the pure part behind `senim screen` (no Django import).

Input: one object ``{"set": ..., "indicators": [...]}`` or a JSON list of such objects. Optional keys:
``unknown`` (indicator codes whose answer was refused or unknown), ``flags`` (urgent flags), ``age``.
Output: one result dict per input object, same order.
"""

from __future__ import annotations

import json
from typing import Any

from .engine import Catalogue, CatalogueError, assess

ALLOWED_KEYS = frozenset({"set", "indicators", "unknown", "flags", "age", "id"})


class BatchInputError(ValueError):
    """Bad batch input; the message is one line naming the problem."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parse_documents(text: str) -> tuple[list[Any], bool]:
    """Return the list of items and whether the input was a list."""
    if not text.strip():
        raise BatchInputError("empty input: expected a JSON object or a list of objects")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BatchInputError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
    if isinstance(data, list):
        return data, True
    return [data], False


def _string_list(item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key, [])
    if not isinstance(value, list):
        raise BatchInputError(f"{key!r} must be a list of codes")
    return value


def screen_item(catalogue: Catalogue, item: Any, *, full: bool = False) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise BatchInputError("expected a JSON object with 'set' and 'indicators'")
    extra = sorted(set(item) - ALLOWED_KEYS)
    if extra:
        raise BatchInputError(f"unknown key {extra[0]!r}")
    if "set" not in item:
        raise BatchInputError("missing 'set'")
    if "indicators" not in item:
        raise BatchInputError("missing 'indicators'")
    age = item.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 130):
        raise BatchInputError(f"'age' must be a whole number of years, got {age!r}")
    try:
        result = assess(
            catalogue,
            item["set"],
            _string_list(item, "indicators"),
            unknown=_string_list(item, "unknown"),
            flags=_string_list(item, "flags"),
            age=age,
        )
    except CatalogueError as exc:
        raise BatchInputError(str(exc))
    data = result.to_dict(full=full)
    if "id" in item:
        data = {"id": item["id"], **data}
    return data


def screen_text(catalogue: Catalogue, text: str, *, full: bool = False) -> list[dict[str, Any]]:
    """Screen every object in ``text``; raise BatchInputError (one line) on the first bad one."""
    items, is_list = parse_documents(text)
    results = []
    for index, item in enumerate(items, start=1):
        try:
            results.append(screen_item(catalogue, item, full=full))
        except BatchInputError as exc:
            prefix = f"item {index}: " if is_list else ""
            raise BatchInputError(_one_line(prefix + str(exc)))
    return results
