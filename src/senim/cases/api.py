from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.cases import selectors, services
from senim.cases.articles import ARTICLE_KEYS
from senim.cases.models import (
    REGISTRY_NUMBER_PATTERN,
    AssistanceStatus,
    ChainRole,
    ChargeOutcome,
    CriminalStatus,
    ExploitationType,
    ProceduralRole,
)
from senim.core.apitools import Pagination, extend_list_schema
from senim.core.regions import Region
from senim.people.selectors import person_get, person_record_get
from senim.referrals.scope import case_data_scope


class FilterSerializer(serializers.Serializer):
    status = serializers.CharField(required=False, default="")
    region = serializers.ChoiceField(choices=Region.choices, required=False, default="")
    since = serializers.DateField(required=False, allow_null=True, default=None)
    until = serializers.DateField(required=False, allow_null=True, default=None)
    q = serializers.CharField(required=False, default="", max_length=64)


def _filters(request: Request) -> selectors.CaseFilters:
    data = FilterSerializer(data=request.query_params)
    data.is_valid(raise_exception=True)
    return selectors.CaseFilters(**data.validated_data)


class TransitionInput(serializers.Serializer):
    to_status = serializers.CharField(max_length=20)
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class AssistanceCaseOutput(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()
    person = serializers.UUIDField(source="person_id", allow_null=True)
    region = serializers.CharField()
    status = serializers.ChoiceField(choices=AssistanceStatus.choices)
    exploitation_type = serializers.CharField()
    is_minor = serializers.BooleanField()
    lead_organization = serializers.UUIDField(source="lead_organization_id")
    reported_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)


class AssistanceCaseListApi(APIView):
    class AssistanceCaseListInput(serializers.Serializer):
        record = serializers.UUIDField()
        region = serializers.ChoiceField(choices=Region.choices)
        exploitation_type = serializers.ChoiceField(choices=ExploitationType.choices, default="unknown")
        is_minor = serializers.BooleanField(default=False)
        summary = serializers.CharField(required=False, default="", allow_blank=True, max_length=20000)
        reported_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_list_schema(AssistanceCaseOutput, parameters=[FilterSerializer])
    def get(self, request: Request) -> Response:
        queryset = selectors.assistance_case_list(request.user, _filters(request))  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(AssistanceCaseOutput(page, many=True).data)

    @extend_schema(request=AssistanceCaseListInput, responses={201: AssistanceCaseOutput})
    def post(self, request: Request) -> Response:
        data = self.AssistanceCaseListInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        record = person_record_get(request.user, values.pop("record"), audit=False)  # type: ignore[arg-type]
        case = services.assistance_case_create(actor=request.user, record=record, **values)  # type: ignore[arg-type]
        return Response(AssistanceCaseOutput(case).data, status=201)


class TimelineOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    title = serializers.CharField()
    detail = serializers.CharField()


class AssistanceCaseDetailApi(APIView):
    class AssistanceCaseDetailOutput(AssistanceCaseOutput):
        summary = serializers.CharField()
        timeline = TimelineOutput(many=True)

    @extend_schema(responses=AssistanceCaseDetailOutput)
    def get(self, request: Request, case_id: str) -> Response:
        user: Any = request.user
        case = selectors.assistance_case_get(user, case_id)
        case.timeline = selectors.assistance_case_timeline(user, case)  # type: ignore[attr-defined]
        data = self.AssistanceCaseDetailOutput(case).data
        # An organization that sees the case through a referral sees only what the consent shares.
        scope = case_data_scope(user, case)
        if not scope.identity:
            data["person"] = None
        if not scope.summary:
            data["summary"] = ""
        return Response(data)


class AssistanceCaseTransitionApi(APIView):
    @extend_schema(request=TransitionInput, responses=AssistanceCaseOutput)
    def post(self, request: Request, case_id: str) -> Response:
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = selectors.assistance_case_get(request.user, case_id, audit=False)  # type: ignore[arg-type]
        case = services.assistance_case_transition(actor=request.user, case=case, **data.validated_data)  # type: ignore[arg-type]
        return Response(AssistanceCaseOutput(case).data)


class ChargeOutput(serializers.Serializer):
    id = serializers.UUIDField()
    article = serializers.CharField()
    outcome = serializers.ChoiceField(choices=ChargeOutcome.choices)
    sentence = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)


class ParticipantOutput(serializers.Serializer):
    id = serializers.UUIDField()
    person = serializers.UUIDField(source="person_id")
    procedural_role = serializers.ChoiceField(choices=ProceduralRole.choices)
    chain_role = serializers.CharField()
    protected_identity = serializers.BooleanField()
    charges = ChargeOutput(source="charges.all", many=True)


class CriminalCaseOutput(serializers.Serializer):
    id = serializers.UUIDField()
    registry_number = serializers.CharField()
    region = serializers.CharField()
    articles = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=CriminalStatus.choices)
    unit = serializers.UUIDField(source="unit_id")
    opened_on = serializers.DateField()


class CriminalCaseListApi(APIView):
    class CriminalCaseListInput(serializers.Serializer):
        registry_number = serializers.RegexField(REGISTRY_NUMBER_PATTERN)
        region = serializers.ChoiceField(choices=Region.choices)
        articles = serializers.ListField(child=serializers.ChoiceField(choices=ARTICLE_KEYS), min_length=1)
        opened_on = serializers.DateField(required=False, allow_null=True, default=None)
        summary = serializers.CharField(required=False, default="", allow_blank=True, max_length=20000)

    @extend_list_schema(CriminalCaseOutput, parameters=[FilterSerializer])
    def get(self, request: Request) -> Response:
        queryset = selectors.criminal_case_list(request.user, _filters(request))  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(CriminalCaseOutput(page, many=True).data)

    @extend_schema(request=CriminalCaseListInput, responses={201: CriminalCaseOutput})
    def post(self, request: Request) -> Response:
        data = self.CriminalCaseListInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.criminal_case_create(actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(CriminalCaseOutput(case).data, status=201)


class CriminalCaseDetailApi(APIView):
    class CriminalCaseDetailOutput(CriminalCaseOutput):
        participants = ParticipantOutput(many=True)

    @extend_schema(responses=CriminalCaseDetailOutput)
    def get(self, request: Request, case_id: str) -> Response:
        user: Any = request.user
        case = selectors.criminal_case_get(user, case_id)
        case.participants_visible = selectors.participant_list(user, case)  # type: ignore[attr-defined]
        data = self.CriminalCaseDetailOutput(case).data
        data["participants"] = ParticipantOutput(case.participants_visible, many=True).data  # type: ignore[attr-defined]
        return Response(data)


class CriminalCaseTransitionApi(APIView):
    @extend_schema(request=TransitionInput, responses=CriminalCaseOutput)
    def post(self, request: Request, case_id: str) -> Response:
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = selectors.criminal_case_get(request.user, case_id, audit=False)  # type: ignore[arg-type]
        case = services.criminal_case_transition(actor=request.user, case=case, **data.validated_data)  # type: ignore[arg-type]
        return Response(CriminalCaseOutput(case).data)


class ParticipantCreateApi(APIView):
    class ParticipantCreateInput(serializers.Serializer):
        person = serializers.UUIDField()
        procedural_role = serializers.ChoiceField(choices=ProceduralRole.choices)
        chain_role = serializers.ChoiceField(choices=ChainRole.choices, required=False, default="", allow_blank=True)
        protected_identity = serializers.BooleanField(default=False)

    @extend_schema(request=ParticipantCreateInput, responses={201: ParticipantOutput})
    def post(self, request: Request, case_id: str) -> Response:
        user: Any = request.user
        data = self.ParticipantCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case = selectors.criminal_case_get(user, case_id, audit=False)
        person = person_get(user, values.pop("person"), audit=False)
        participant = services.participant_add(actor=user, case=case, person=person, **values)
        return Response(ParticipantOutput(participant).data, status=201)


class ChargeCreateApi(APIView):
    class ChargeCreateInput(serializers.Serializer):
        article = serializers.ChoiceField(choices=ARTICLE_KEYS)
        outcome = serializers.ChoiceField(choices=ChargeOutcome.choices, default=ChargeOutcome.PENDING)
        sentence = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
        decided_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=ChargeCreateInput, responses={201: ChargeOutput})
    def post(self, request: Request, case_id: str, participant_id: str) -> Response:
        user: Any = request.user
        data = self.ChargeCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = selectors.criminal_case_get(user, case_id, audit=False)
        participant = selectors.participant_list(user, case).filter(pk=participant_id).first()
        if participant is None:
            from django.http import Http404

            raise Http404
        values = dict(data.validated_data)
        charge = services.charge_add(actor=user, participant=participant, article_key=values.pop("article"), **values)
        return Response(ChargeOutput(charge).data, status=201)
