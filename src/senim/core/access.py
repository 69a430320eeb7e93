"""Role → permission grants. Default deny: a permission nobody granted is held by nobody.

Each app declares its permissions as a TextChoices enum in `<app>/permissions.py` and grants them to
roles there; the app's `ready()` imports that module. A user holds the permissions of the role they are
acting in now (`user.acting_role`), not the union of all their roles: an investigator who is also an
analyst sees analyst data only while acting as analyst.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

_GRANTS: dict[str, set[str]] = defaultdict(set)


def grant(role: str, permissions: Iterable[str]) -> None:
    _GRANTS[str(role)].update(str(p) for p in permissions)


def permissions_of(role: str | None) -> frozenset[str]:
    return frozenset(_GRANTS.get(str(role), ())) if role else frozenset()


def has_permission(user: Any, permission: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return str(permission) in permissions_of(user.acting_role)


def require(user: Any, permission: str) -> None:
    if not has_permission(user, permission):
        raise PermissionDenied(str(permission))


def roles_with(permission: str) -> frozenset[str]:
    return frozenset(role for role, perms in _GRANTS.items() if str(permission) in perms)
