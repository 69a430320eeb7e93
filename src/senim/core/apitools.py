"""One error shape for the whole API: {"message": ..., "extra": {"fields": {...}}} with a 4xx status; one
pagination (limit/offset) and the helper that documents it in the OpenAPI schema."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, pagination, serializers
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from senim.core.pipeline import InvalidTransitionError


class Pagination(pagination.LimitOffsetPagination):
    default_limit = 50
    max_limit = 500


_F = TypeVar("_F", bound=Callable[..., Any])


def extend_list_schema(
    output: type[serializers.BaseSerializer], *, parameters: Sequence[Any] = (), **kwargs: Any
) -> Callable[[_F], _F]:
    """`extend_schema` for the GET of a list view that answers through `Pagination`.

    drf-spectacular documents pagination only for views with a `pagination_class` (generic views); our list
    views are plain `APIView`s that call `Pagination` themselves. This gives the operation's schema that
    paginator, so the document shows what the view answers: the `Paginated<Output>List` envelope
    {count, next, previous, results} and the `limit`/`offset` query parameters, next to `parameters`."""

    def decorate(method: _F) -> _F:
        method = extend_schema(parameters=list(parameters), responses=output(many=True), **kwargs)(method)
        schema_class = method.kwargs["schema"]  # type: ignore[attr-defined]  # where extend_schema puts it

        class PaginatedListSchema(schema_class):  # type: ignore[misc,valid-type]
            def _get_paginator(self) -> Pagination:
                return Pagination()

        method.kwargs["schema"] = PaginatedListSchema  # type: ignore[attr-defined]
        return method

    return decorate


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, InvalidTransitionError):
        exc = exceptions.ValidationError({"status": [str(exc)]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        response.data = {"message": _("Validation error"), "extra": {"fields": fields}}
    else:
        response.data = {"message": str(getattr(exc, "detail", exc)), "extra": {}}
    return response
