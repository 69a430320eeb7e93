"""Django's CSRF check, made to work under `Referrer-Policy: no-referrer`.

With that policy a browser submits a same-origin form with `Origin: null` and no `Referer`, and Django's check
refuses it. The browser still says where the request came from in `Sec-Fetch-Site`, a header page script cannot
set; "same-origin" there is as strong a proof as a matching Origin. A sandboxed frame or another scheme is never
"same-origin", and the CSRF token is checked as before in every case.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from rest_framework import authentication, exceptions


def sent_from_our_own_pages(request: HttpRequest) -> bool:
    return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"


class FetchMetadataCsrfViewMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META["HTTP_ORIGIN"] == "null":
            return sent_from_our_own_pages(request)
        return bool(super()._origin_verified(request))  # type: ignore[misc]  # private: not in the type hints

    def _check_referer(self, request: HttpRequest) -> None:
        if "HTTP_REFERER" not in request.META and sent_from_our_own_pages(request):
            return
        super()._check_referer(request)  # type: ignore[misc]  # private: not in the type hints


class _ApiCsrfCheck(FetchMetadataCsrfViewMiddleware):
    def _reject(self, request: HttpRequest, reason: str) -> Any:
        return reason  # DRF turns it into a 403 with the reason, as its own CSRFCheck does


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication with the same CSRF check as the pages."""

    def enforce_csrf(self, request: Any) -> None:
        check = _ApiCsrfCheck(lambda request: None)  # type: ignore[arg-type,return-value]
        check.process_request(request)
        reason = check.process_view(request, None, (), {})  # type: ignore[arg-type]
        if reason:
            raise exceptions.PermissionDenied(f"CSRF Failed: {reason}")
