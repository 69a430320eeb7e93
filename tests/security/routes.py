"""Every route the application answers, from the URL resolver and from the OpenAPI document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, e.g. "api:persons"
    route: str  # "api/v1/persons/<uuid:person_id>/"
    callback: Any

    @property
    def kwargs(self) -> dict[str, str]:
        """URL keyword → converter name."""
        return {m["name"]: m["converter"] or "str" for m in _CONVERTER.finditer(self.route)}

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/v1/")

    @property
    def view_class(self) -> Any:
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)

    @property
    def methods(self) -> tuple[str, ...]:
        """Methods the view implements; function views are tried with GET and POST."""
        cls = self.view_class
        if cls is None:
            return ("get", "post")
        offered = getattr(cls, "http_method_names", HTTP_METHODS)
        return tuple(m for m in HTTP_METHODS if hasattr(cls, m) and m in offered)

    def openapi_path(self) -> str:
        return "/" + _CONVERTER.sub(lambda m: "{" + m["name"] + "}", self.route)

    def url(self, values: dict[str, Any]) -> str:
        def fill(match: re.Match[str]) -> str:
            return str(values[match["name"]])

        return "/" + _CONVERTER.sub(fill, self.route)


def _pattern_text(pattern: Any) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    if isinstance(pattern, RegexPattern):
        text = pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
        return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
    return str(pattern)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + _pattern_text(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + _pattern_text(pattern.pattern)
            name = f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {route}>"
            yield Route(name=name, route=route, callback=pattern.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def openapi_operations() -> set[tuple[str, str]]:
    """(path, method) for every operation in the OpenAPI document served at /api/schema/."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {(path, method) for path, ops in schema["paths"].items() for method in ops if method in HTTP_METHODS}
