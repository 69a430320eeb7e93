"""The menu and the dashboard, assembled from what each app contributes.

An app adds itself with an optional `<app>/navigation.py` defining:
- `NAV_ENTRIES`: list of `NavEntry`, shown to users whose acting role holds `permission`;
- `DASHBOARD_PANELS`: list of callables `(request) -> {"template": ..., "context": {...}} | None`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from senim.core.access import has_permission


@dataclass(frozen=True)
class NavEntry:
    label: Any  # a lazy translation
    url_name: str
    permission: str | None = None
    order: int = 100


Panel = Callable[[HttpRequest], dict[str, Any] | None]


@cache
def _modules() -> tuple[Any, ...]:
    found = []
    for config in apps.get_app_configs():
        if config.name.startswith("senim.") and find_spec(f"{config.name}.navigation") is not None:
            found.append(import_module(f"{config.name}.navigation"))
    return tuple(found)


def nav_entries() -> list[NavEntry]:
    entries = [entry for module in _modules() for entry in getattr(module, "NAV_ENTRIES", [])]
    return sorted(entries, key=lambda entry: entry.order)


def dashboard_panels() -> list[Panel]:
    return [panel for module in _modules() for panel in getattr(module, "DASHBOARD_PANELS", [])]


def menu_for(user: Any) -> list[dict[str, str]]:
    menu = []
    for entry in nav_entries():
        if entry.permission is not None and not has_permission(user, entry.permission):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        menu.append({"label": str(entry.label), "url": url, "url_name": entry.url_name})
    return menu


def panels_for(request: HttpRequest) -> list[dict[str, Any]]:
    rendered = []
    for panel in dashboard_panels():
        result = panel(request)
        if result:
            rendered.append(result)
    return rendered


def _entries() -> list[NavEntry]:
    from django.utils.translation import gettext_lazy as _

    from senim.cases.permissions import CasesPermission

    return [
        NavEntry(_("Dashboard"), "web:dashboard", None, order=0),
        NavEntry(_("Assistance cases"), "web:case_list", CasesPermission.VIEW_ASSISTANCE_CASES, order=10),
        NavEntry(_("Criminal cases"), "web:criminal_case_list", CasesPermission.VIEW_CRIMINAL_CASES, order=20),
    ]


NAV_ENTRIES = _entries()


def _own_entries() -> list[NavEntry]:
    from django.utils.translation import gettext_lazy as _

    from senim.cases.permissions import CasesPermission
    from senim.core.permissions import CorePermission
    from senim.people.permissions import PeoplePermission

    return [
        NavEntry(label=_("Dashboard"), url_name="web:dashboard", permission=None, order=0),
        NavEntry(
            label=_("Assistance cases"),
            url_name="web:case_list",
            permission=CasesPermission.VIEW_ASSISTANCE_CASES,
            order=10,
        ),
        NavEntry(
            label=_("Criminal cases"),
            url_name="web:criminal_case_list",
            permission=CasesPermission.VIEW_CRIMINAL_CASES,
            order=20,
        ),
        NavEntry(
            label=_("New person record"),
            url_name="web:person_create",
            permission=PeoplePermission.CREATE_RECORDS,
            order=30,
        ),
        NavEntry(label=_("Audit log"), url_name="audit:log", permission=CorePermission.VIEW_AUDIT_LOG, order=90),
    ]


# The web app's own pages, read by the collector like any other app's.
NAV_ENTRIES = _own_entries()
