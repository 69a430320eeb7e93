"""Charge changes after the charge was recorded: its article (reclassify) and its outcome. A downgrade
answers 400 with the field to request approval for (`POST /api/v1/approvals/`)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.cases import selectors, services
from senim.cases.api import ChargeOutput
from senim.cases.articles import ARTICLE_KEYS
from senim.cases.models import ChargeOutcome


class ChargeReclassifyApi(APIView):
    class ChargeReclassifyInput(serializers.Serializer):
        article = serializers.ChoiceField(choices=ARTICLE_KEYS)

    @extend_schema(request=ChargeReclassifyInput, responses=ChargeOutput)
    def post(self, request: Request, charge_id: str) -> Response:
        """Change the charge's article. Criminal → administrative is a downgrade: request it through
        `POST /api/v1/approvals/` with action `cases.charge_downgrade`."""
        user: Any = request.user
        data = self.ChargeReclassifyInput(data=request.data)
        data.is_valid(raise_exception=True)
        charge = selectors.charge_get(user, charge_id)
        charge = services.charge_reclassify(actor=user, charge=charge, article_key=data.validated_data["article"])
        return Response(ChargeOutput(charge).data)


class ChargeOutcomeApi(APIView):
    class ChargeOutcomeInput(serializers.Serializer):
        outcome = serializers.ChoiceField(choices=ChargeOutcome.choices)
        sentence = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
        decided_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=ChargeOutcomeInput, responses=ChargeOutput)
    def post(self, request: Request, charge_id: str) -> Response:
        """Record the charge's outcome. An administrative penalty on a criminal-article charge needs approval
        (action `cases.charge_administrative_penalty`)."""
        user: Any = request.user
        data = self.ChargeOutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        charge = selectors.charge_get(user, charge_id)
        charge = services.charge_set_outcome(actor=user, charge=charge, **data.validated_data)
        return Response(ChargeOutput(charge).data)
