"""Sensitive actions, declared by the apps that own them.

An app declares its actions in an optional `<app>/approvals.py` as `SENSITIVE_ACTIONS`, a list of
`SensitiveAction` (read here the first time the registry is used, like `navigation.py`), so core never
imports the apps that use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from django import forms
from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from senim.core.approvals.models import ApprovalRequest
    from senim.core.models import User


@dataclass(frozen=True)
class DownloadFile:
    content: bytes
    content_type: str
    filename: str
    rows: int = 0


@dataclass(frozen=True)
class SensitiveAction:
    """A step one person may not take alone.

    - `permission`: needed to request it; `approve_permission` (default: the same) to approve it.
    - `scope(user)`: the targets this user may act on (a queryset of `model`); both the requester and the
      approver must see the target.
    - `clean(actor, target, params)`: checks the step is possible now and returns the params to store (no
      personal data in them), raising `ValidationError` with field messages otherwise.
    - `perform(approval, target)`: does the step, called inside the approving transaction; it calls the
      owning app's service with `approval=` so that service lets it through.
    - `grant_for`: for steps the requester uses afterwards (an export to download), how long after the
      approval it may be used; `None` for steps done at once. `download(user, approval)` then builds the
      file (checking the user, the window and the uses, and auditing the download).
    - `param_fields(target)`: the params a request page asks for, as form fields by param name (their
      cleaned values must be JSON: strings, numbers, dates as `YYYY-MM-DD`); `clean` checks them again.
    """

    key: str
    label: Any  # a lazy translation
    model: type[models.Model]
    permission: str
    scope: Callable[[User], models.QuerySet[Any]]
    perform: Callable[[ApprovalRequest, Any], Any]
    clean: Callable[[User, Any, Mapping[str, Any]], dict[str, Any]] = lambda actor, target, params: dict(params)
    approve_permission: str | None = None
    describe: Callable[[Any, Mapping[str, Any]], str] = lambda target, params: str(target)
    target_url: Callable[[Any], str] | None = None
    expires_after: timedelta = timedelta(days=7)
    grant_for: timedelta | None = None
    download: Callable[[User, ApprovalRequest], DownloadFile] | None = None
    param_fields: Callable[[Any], dict[str, forms.Field]] = lambda target: {}

    @property
    def approver_permission(self) -> str:
        return self.approve_permission or self.permission

    def in_scope(self, user: User, target: Any) -> bool:
        return bool(target is not None and self.scope(user).filter(pk=target.pk).exists())


_EXTRA: dict[str, SensitiveAction] = {}


def register(action: SensitiveAction) -> None:
    """Register an action from code (tests, or an app that prefers to); `approvals.py` is the usual way."""
    _EXTRA[action.key] = action


@cache
def _declared() -> dict[str, SensitiveAction]:
    found: dict[str, SensitiveAction] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.approvals"
        if config.name.startswith("senim.") and config.name != "senim.core" and find_spec(name) is not None:
            for action in getattr(import_module(name), "SENSITIVE_ACTIONS", []):
                found[action.key] = action
    return found


def actions() -> dict[str, SensitiveAction]:
    return {**_declared(), **_EXTRA}


def get(key: str) -> SensitiveAction | None:
    return actions().get(key)
