"""Hostile input: schemathesis generates requests from the OpenAPI document (every operation, bounded number
of examples each) and sends them as authenticated users. No 5xx, and every documented response matches
its schema. Bounded for CI: SENIM_FUZZ_EXAMPLES (default 5) examples per operation."""

from __future__ import annotations

import functools
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from senim.core.services import api_token_create
from senim.core.testing.factories import make_assistance_case, make_criminal_case, make_user

EXAMPLES = int(os.environ.get("SENIM_FUZZ_EXAMPLES", "5"))


class _DrawMore:
    """hypothesis-jsonschema still calls the old `many(...).more()` protocol, which the installed Hypothesis
    replaced by a context manager; this is the old protocol on top of the same choice primitives."""

    def __init__(self, data, min_size, max_size, average_size):
        from hypothesis.internal.conjecture.utils import _calc_p_continue

        self.data, self.min_size, self.max_size = data, min_size, max_size
        self.p_continue = _calc_p_continue(average_size - min_size, max_size - min_size)
        self.count = self.rejections = 0
        self.force_stop = False

    def more(self) -> bool:
        if self.min_size == self.max_size:
            should = self.count < self.min_size
        elif self.force_stop or self.count >= self.max_size:
            should = False
        elif self.count < self.min_size:
            should = True
        else:
            should = self.data.draw_boolean(self.p_continue)
        if should:
            self.count += 1
        return should

    def reject(self, why=None) -> None:
        self.count -= 1
        self.rejections += 1
        if self.rejections > max(3, 2 * self.count):
            if self.count < self.min_size:
                self.data.mark_invalid()
            self.force_stop = True


def _patch_hypothesis_jsonschema() -> None:
    import types

    from hypothesis.internal.conjecture import utils as cu
    from hypothesis_jsonschema import _from_schema

    if not hasattr(cu.many, "more"):
        _from_schema.cu = types.SimpleNamespace(many=_DrawMore)


_patch_hypothesis_jsonschema()


@functools.cache
def _document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def api_schema(db):
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: requests must not close the test's database connection (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    document = _document()
    yield schemathesis.from_dict(document, app=get_wsgi_application(), base_url="/", force_schema_version="30")
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("api_schema")


def _token(role: str) -> str:
    user = make_user(role)
    make_assistance_case(lead_organization=user.organization)
    make_criminal_case(unit=user.organization)
    _, key = api_token_create(actor=user, user=user, name="fuzz")
    return key


@pytest.fixture
def coordinator_token(db):
    return _token("coordinator")


@pytest.fixture
def caseworker_token(db):
    return _token("ngo_caseworker")


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


CHECKS = (not_a_server_error, response_schema_conformance)


@schema.parametrize()
@FUZZ
def test_api_survives_generated_input_as_coordinator(case, coordinator_token):
    response = case.call_wsgi(headers={"Authorization": f"Token {coordinator_token}"})
    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_api_survives_generated_input_as_ngo_caseworker(case, caseworker_token):
    response = case.call_wsgi(headers={"Authorization": f"Token {caseworker_token}"})
    case.validate_response(response, checks=CHECKS)
