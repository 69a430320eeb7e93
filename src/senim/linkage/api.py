"""Thin API views: review queue, decisions, linkage runs and person search."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.core.apitools import Pagination, extend_list_schema
from senim.linkage import selectors, services


class EvidenceOutput(serializers.Serializer):
    comparison = serializers.CharField()
    level = serializers.CharField()
    weight = serializers.FloatField()


class CandidateOutput(serializers.Serializer):
    id = serializers.UUIDField()
    record_a = serializers.UUIDField(source="record_a_id")
    record_b = serializers.UUIDField(source="record_b_id")
    person_a = serializers.UUIDField(source="record_a.person_id")
    person_b = serializers.UUIDField(source="record_b.person_id")
    match_probability = serializers.FloatField()
    match_weight = serializers.FloatField()
    veto = serializers.CharField()
    status = serializers.CharField()
    evidence = EvidenceOutput(many=True)
    created_at = serializers.DateTimeField()


class SideBySideOutput(serializers.Serializer):
    field = serializers.CharField()
    a = serializers.CharField()
    b = serializers.CharField()


class CandidateListApi(APIView):
    @extend_list_schema(
        CandidateOutput,
        parameters=[OpenApiParameter("status", str, description="open (default), pending, merged, rejected…")],
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.candidate_list(request.user, status=request.query_params.get("status", "open"))  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(CandidateOutput(page, many=True).data)


class CandidateDetailApi(APIView):
    class DetailOutput(CandidateOutput):
        records = SideBySideOutput(many=True)

    @extend_schema(responses=DetailOutput)
    def get(self, request: Request, candidate_id: str) -> Response:
        pair = selectors.candidate_get(request.user, candidate_id)  # type: ignore[arg-type]
        pair.records = selectors.candidate_side_by_side(pair)  # type: ignore[attr-defined]
        return Response(self.DetailOutput(pair).data)


class CandidateDecideApi(APIView):
    class CandidateDecideInput(serializers.Serializer):
        step = serializers.ChoiceField(choices=["merge", "approve", "reject"])
        reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)

    @extend_schema(request=CandidateDecideInput, responses=CandidateOutput)
    def post(self, request: Request, candidate_id: str) -> Response:
        user = request.user
        pair = selectors.candidate_get(user, candidate_id)  # type: ignore[arg-type]
        payload = self.CandidateDecideInput(data=request.data)
        payload.is_valid(raise_exception=True)
        step, reason = payload.validated_data["step"], payload.validated_data["reason"]
        if step == "merge":
            services.match_merge_request(actor=user, candidate=pair, reason=reason)  # type: ignore[arg-type]
        elif step == "approve":
            services.match_merge_approve(actor=user, candidate=pair)  # type: ignore[arg-type]
        else:
            services.match_reject(actor=user, candidate=pair, reason=reason)  # type: ignore[arg-type]
        pair.refresh_from_db()
        return Response(CandidateOutput(pair).data)


class LinkageRunApi(APIView):
    class RunOutput(serializers.Serializer):
        job = serializers.UUIDField(source="pk")
        status = serializers.CharField()

    @extend_schema(request=None, responses={202: RunOutput})
    def post(self, request: Request) -> Response:
        job = services.linkage_enqueue(actor=request.user)  # type: ignore[arg-type]
        return Response(self.RunOutput(job).data, status=202)


class PersonSearchApi(APIView):
    class HitOutput(serializers.Serializer):
        person = serializers.UUIDField(source="person.pk")
        label = serializers.CharField(source="person.label")  # type: ignore[assignment]
        score = serializers.FloatField()
        records = serializers.IntegerField()

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="name in any script, phone or document")],
        responses=inline_serializer("PersonSearchOutput", fields={"results": HitOutput(many=True)}),
    )
    def get(self, request: Request) -> Response:
        hits = selectors.person_search(request.user, request.query_params.get("q", ""))  # type: ignore[arg-type]
        return Response({"results": self.HitOutput(hits, many=True).data})
