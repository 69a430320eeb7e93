"""The authorization matrix: every route (URL resolver) and every API operation (OpenAPI document) × every
role × anonymous, with objects inside and outside the user's scope.

Invariants checked for every cell:
- anonymous callers never get a 2xx from a non-public route, and change nothing;
- a role without the permission never gets a 2xx carrying data, and changes nothing;
- a role with the permission is not refused for an object in its scope;
- an object outside the scope answers exactly like a missing one (same status, same body: 404);
- no response to a non-national role carries the strangers' names, phones or document numbers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from senim.core.roles import Role
from tests.security import world as w
from tests.security.expectations import EXPECTATIONS, Rule
from tests.security.routes import HTTP_METHODS, Route, all_routes, openapi_operations

PRINCIPALS = [r.value for r in Role]


def _routes_with_rules() -> list[tuple[Route, Rule]]:
    return [(route, EXPECTATIONS[route.name]) for route in all_routes() if route.name in EXPECTATIONS]


def _send(client: Client, route: Route, method: str, url: str, body: dict[str, Any] | None) -> Any:
    call = getattr(client, method)
    if method == "get":
        return call(url)
    if route.is_api:
        return call(url, data=json.dumps(body or {}), content_type="application/json")
    return call(url, data=body or {})


def _fill(route: Route, rule: Rule, world: w.World | None, role: str | None, where: str) -> str:
    values: dict[str, Any] = {}
    for name, converter in route.kwargs.items():
        if name in rule.values:
            values[name] = rule.values[name]
        elif name in rule.objects and world is not None and where in ("inside", "outside"):
            values[name] = world.object(rule.objects[name], role, inside=where == "inside").pk
        elif converter == "uuid" or name in rule.objects:
            values[name] = w.random_id()
        elif converter == "int":
            values[name] = 1
        else:
            values[name] = "x"
    return route.url(values)


def _is_global(role: str, rule: Rule) -> bool:
    kinds = set(rule.objects.values())
    return bool(kinds) and kinds <= w.GLOBAL_SCOPE.get(role, frozenset())


# ---------------------------------------------------------------------------------------------- coverage


def test_every_endpoint_has_an_expectation():
    routes = all_routes()
    missing = sorted(r.name for r in routes if r.name not in EXPECTATIONS)
    assert not missing, f"routes without an entry in tests/security/expectations.py: {missing}"
    stale = sorted(set(EXPECTATIONS) - {r.name for r in routes})
    assert not stale, f"expectations for routes that no longer exist: {stale}"
    undeclared = sorted(
        f"{r.name} {m.upper()}"
        for r in routes
        if r.view_class is not None and r.name in EXPECTATIONS
        for m in r.methods
        if m not in EXPECTATIONS[r.name].declared() and m != "options"
    )
    assert not undeclared, f"methods a view implements but the matrix does not declare: {undeclared}"


def test_every_openapi_operation_is_a_route_with_an_expectation():
    by_path = {route.openapi_path(): route for route in all_routes()}
    problems = []
    for path, method in sorted(openapi_operations()):
        route = by_path.get(path)
        if route is None:
            problems.append(f"{method.upper()} {path}: no such route")
        elif method not in EXPECTATIONS.get(route.name, Rule()).declared():
            problems.append(f"{method.upper()} {path}: no expectation for {route.name}")
    assert not problems, problems
    documented = {path for path, _ in openapi_operations()}
    undocumented = sorted(r.openapi_path() for r in all_routes() if r.is_api and r.openapi_path() not in documented)
    assert not undocumented, f"API routes missing from the OpenAPI document: {undocumented}"


def test_object_ids_in_urls_are_uuids():
    """Guessable ids (1, 2, 3…) would let a caller walk the table; every *_id in a URL is a UUID."""
    offenders = [
        f"{r.name}: {name}"
        for r in all_routes()
        for name, conv in r.kwargs.items()
        if name.endswith("_id") and conv != "uuid"
    ]
    assert not offenders, offenders


def test_public_routes_are_the_short_explicit_list():
    public = sorted(name for name, rule in EXPECTATIONS.items() if any(rule.is_public(m) for m in HTTP_METHODS))
    allowed_prefixes = (
        "healthz",
        "schema",
        "api-docs",
        "web:login",
        "web:logout",
        "set_language",
        "report:",
        "tips-public:",
        "web:otp",
        "api:tips-public",
        "i18n",
        "web:set_language",
    )
    assert all(name.startswith(allowed_prefixes) for name in public), public


# ---------------------------------------------------------------------------------------------- anonymous


@pytest.mark.django_db
def test_anonymous_never_gets_2xx_on_non_public_routes_and_changes_nothing():
    world = w.World()
    client = Client()
    failures = []
    for route in all_routes():
        rule = EXPECTATIONS.get(route.name, Rule())
        for method in route.methods:
            if rule.is_public(method):
                continue
            url = _fill(route, rule, world, Role.COORDINATOR, "inside")
            body = rule.bodies[method](world, Role.COORDINATOR) if method in rule.bodies else {}
            before = w.db_fingerprint()
            response = _send(client, route, method, url, body)
            status = response.status_code
            if 200 <= status < 300 or status >= 500:
                failures.append(f"{method.upper()} {url} ({route.name}) -> {status}")
            elif status in (301, 302, 303) and not response["Location"].startswith(reverse(settings.LOGIN_URL)):
                failures.append(f"{method.upper()} {url} redirects anonymous users to {response['Location']}")
            if w.db_fingerprint() != before:
                failures.append(f"{method.upper()} {url} ({route.name}) changed the database for anonymous")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_public_routes_answer_anonymous():
    client = Client()
    for route, rule in _routes_with_rules():
        if rule.is_public("get") and not route.kwargs:
            assert client.get(route.url({})).status_code in (200, 302), route.name


# ---------------------------------------------------------------------------------------------- roles


@pytest.mark.django_db
@pytest.mark.parametrize("role", PRINCIPALS)
def test_every_route_answers_a_missing_object_with_403_or_404_for_every_role(role):
    """Generic, for every route including those still pending: ids that exist nowhere never give 2xx or
    5xx, and never change anything."""
    user = w.World.single(role)
    client = w.login(Client(), user)
    failures = []
    for route in all_routes():
        if "uuid" not in route.kwargs.values():
            continue
        rule = EXPECTATIONS.get(route.name, Rule())
        for method in route.methods:
            if rule.is_public(method):
                continue
            url = _fill(route, rule, None, role, "missing")
            before = w.db_fingerprint()
            response = _send(client, route, method, url, {})
            # 400: the body was checked before the object was looked up (empty body here), the same for an
            # existing object; whether an existing out-of-scope object answers like a missing one is checked
            # with valid bodies in test_role_matrix.
            allowed = (400, 403, 404, 405) if method != "get" else (403, 404, 405)
            if response.status_code not in allowed:
                failures.append(f"{role} {method.upper()} {url} ({route.name}) -> {response.status_code}")
            if w.db_fingerprint() != before:
                failures.append(f"{role} {method.upper()} {url} ({route.name}) changed the database")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("role", PRINCIPALS)
def test_role_matrix(role):
    world = w.World()
    world.build_everything(role)  # so that lists are checked with every kind of object present, in and out
    user = world.users[role]
    client = w.login(Client(), user)
    world_ids = world.all_ids()
    failures: list[str] = []

    def check_no_strangers(url: str, response: Any, rule: Rule) -> None:
        text = response.content.decode("utf-8", "replace")
        # Not even the id of an object outside the scope (lists included), except what the role sees nationally.
        for kind, found in list(world.outside.items()) if not rule.names_any_record else ():
            if kind in w.DIRECTORY_KINDS or kind in w.GLOBAL_SCOPE.get(role, ()) or str(found.pk) in url:
                continue  # an id the caller sent may come back (a 404 page shows the path)
            if str(found.pk) in text:
                failures.append(f"{url}: response shows the id of an out-of-scope {kind} to {role}")
        if role == Role.COORDINATOR:
            return
        for marker in (w.STRANGER_FAMILY_NAME, w.STRANGER_PHONE, w.STRANGER_DOCUMENT):
            if marker in text:
                failures.append(f"{url}: response shows {marker!r} to {role}")

    for route, rule in _routes_with_rules():
        for method in rule.declared():
            if rule.is_public(method):
                continue
            allowed = role in rule.allowed_roles(method)
            body = rule.bodies[method](world, role) if method in rule.bodies else {}
            label = f"{role} {method.upper()} {route.name}"
            if allowed:
                url = _fill(route, rule, world, role, "inside")
                before = w.db_fingerprint()
                response = _send(client, route, method, url, body)
                if route.name == "web:logout":
                    w.login(client, user)
                check_no_strangers(url, response, rule)
                if response.status_code in (401, 403, 404, 405) or response.status_code >= 500:
                    failures.append(f"{label}: allowed but got {response.status_code} {response.content[:200]!r}")
                elif method in rule.bodies and not 200 <= response.status_code < 400:
                    failures.append(f"{label}: valid request got {response.status_code} {response.content[:300]!r}")
                elif method in rule.bodies and method != "get" and rule.writes and w.db_fingerprint() == before:
                    # A page answers a refused form with a message and a redirect: the write must have happened.
                    failures.append(f"{label}: allowed with a valid body but nothing was written")
                if rule.objects and not _is_global(role, rule):
                    outside_url = _fill(route, rule, world, role, "outside")
                    missing_url = _fill(route, rule, world, role, "missing")
                    before = w.db_fingerprint()
                    outside = _send(client, route, method, outside_url, body)
                    missing = _send(client, route, method, missing_url, body)
                    check_no_strangers(outside_url, outside, rule)
                    alike = outside.status_code == missing.status_code and outside.get("Location") == missing.get(
                        "Location"
                    )
                    expected = (404,) if method == "get" or method in rule.bodies else (400, 404)
                    if outside.status_code not in expected or not alike:
                        failures.append(f"{label}: outside -> {outside.status_code}, missing -> {missing.status_code}")
                    elif route.is_api and outside.content != missing.content:  # pages carry a fresh CSRF token
                        failures.append(f"{label}: an out-of-scope object answers differently from a missing one")
                    if w.db_fingerprint() != before:
                        failures.append(f"{label}: a request on an out-of-scope object changed the database")
            else:
                url = _fill(route, rule, world, role, "inside")
                before = w.db_fingerprint()
                response = _send(client, route, method, url, body)
                check_no_strangers(url, response, rule)
                status = response.status_code
                text = response.content.decode("utf-8", "replace")
                empty_read = method == "get" and status == 200 and not any(i in text for i in world_ids)
                # A request without a declared valid body may be refused as invalid before the permission check.
                refused: tuple[int, ...] = (403, 404)
                if method != "get" and not route.is_api:
                    refused += (302,)  # a page may answer a refused form with a message and a redirect
                elif method != "get" and method not in rule.bodies:
                    refused += (400,)
                if status not in refused and not empty_read:
                    failures.append(f"{label}: denied role got {status} {response.content[:200]!r}")
                if w.db_fingerprint() != before:
                    failures.append(f"{label}: a denied request changed the database")
    assert not failures, "\n".join(failures)
