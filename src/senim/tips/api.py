"""Staff API for tips (thin: input serializer → one service or selector → output serializer). There is no
public API: reporters use the /report/ pages, which carry the proof of work."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.core.access import require
from senim.core.apitools import Pagination, extend_list_schema
from senim.core.models import Organization
from senim.tips import selectors, services
from senim.tips.models import Author, Routing, TipStatus
from senim.tips.permissions import TipsPermission


class TipOutput(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=TipStatus.choices)
    routing = serializers.ChoiceField(choices=Routing.choices)
    recipient = serializers.UUIDField(source="recipient_id")
    language = serializers.CharField()
    region = serializers.CharField()
    involves_child = serializers.BooleanField()
    immediate_danger = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    last_reporter_activity_at = serializers.DateTimeField(allow_null=True)
    last_staff_activity_at = serializers.DateTimeField(allow_null=True)


class MessageOutput(serializers.Serializer):
    id = serializers.UUIDField()
    author = serializers.ChoiceField(choices=Author.choices)
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_by_reporter_at = serializers.DateTimeField(allow_null=True)
    forward_request = serializers.UUIDField(source="forward_request_id", allow_null=True)


class TipDetailOutput(TipOutput):
    what_happened = serializers.CharField()
    where = serializers.CharField()
    when = serializers.CharField()
    who_at_risk = serializers.CharField()
    details = serializers.CharField()
    staff_note = serializers.CharField()
    attachments = serializers.ListField(child=serializers.DictField())
    messages = MessageOutput(many=True)
    assistance_cases = serializers.ListField(child=serializers.UUIDField())
    criminal_cases = serializers.ListField(child=serializers.UUIDField())
    persons = serializers.ListField(child=serializers.UUIDField())


def _detail(user: Any, tip: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(TipOutput(tip).data)
    data.update(
        {
            "what_happened": tip.what_happened,
            "where": tip.where,
            "when": tip.when,
            "who_at_risk": tip.who_at_risk,
            "details": tip.details,
            "staff_note": tip.staff_note,
            "attachments": [
                {"id": str(a.pk), "content_type": a.content_type, "size": a.size} for a in tip.attachments.all()
            ],
            "messages": MessageOutput(selectors.tip_messages(user, tip), many=True).data,
            "assistance_cases": [str(pk) for pk in tip.assistance_cases.values_list("pk", flat=True)],
            "criminal_cases": [str(pk) for pk in tip.criminal_cases.values_list("pk", flat=True)],
            "persons": [str(pk) for pk in tip.persons.values_list("pk", flat=True)],
        }
    )
    return data


class TipListApi(APIView):
    class FilterInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=["", "all", *TipStatus.values], required=False, default="")
        urgent = serializers.BooleanField(required=False, default=False)

    @extend_list_schema(TipOutput, parameters=[FilterInput])
    def get(self, request: Request) -> Response:
        require(request.user, TipsPermission.HANDLE_TIPS)
        filters = self.FilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.tip_queue(request.user, selectors.TipFilters(**filters.validated_data))  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(TipOutput(page, many=True).data)


class TipDetailApi(APIView):
    @extend_schema(responses=TipDetailOutput)
    def get(self, request: Request, tip_id: str) -> Response:
        require(request.user, TipsPermission.HANDLE_TIPS)
        tip = selectors.tip_get(request.user, tip_id)  # type: ignore[arg-type]
        return Response(_detail(request.user, tip))


class TipMessageApi(APIView):
    class MessageInput(serializers.Serializer):
        body = serializers.CharField(max_length=10_000)

    @extend_schema(request=MessageInput, responses={201: MessageOutput})
    def post(self, request: Request, tip_id: str) -> Response:
        require(request.user, TipsPermission.HANDLE_TIPS)
        tip = selectors.tip_get(request.user, tip_id, audit=False)  # type: ignore[arg-type]
        payload = self.MessageInput(data=request.data)
        payload.is_valid(raise_exception=True)
        message = services.tip_message_send(actor=request.user, tip=tip, body=payload.validated_data["body"])  # type: ignore[arg-type]
        return Response(MessageOutput(message).data, status=status.HTTP_201_CREATED)


class TipStatusApi(APIView):
    class TipStatusInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=TipStatus.choices)

    @extend_schema(request=TipStatusInput, responses=TipOutput)
    def post(self, request: Request, tip_id: str) -> Response:
        require(request.user, TipsPermission.HANDLE_TIPS)
        tip = selectors.tip_get(request.user, tip_id, audit=False)  # type: ignore[arg-type]
        payload = self.TipStatusInput(data=request.data)
        payload.is_valid(raise_exception=True)
        tip = services.tip_status_set(actor=request.user, tip=tip, status=payload.validated_data["status"])  # type: ignore[arg-type]
        return Response(TipOutput(tip).data)


class TipFlagsApi(APIView):
    class FlagsInput(serializers.Serializer):
        involves_child = serializers.BooleanField()
        immediate_danger = serializers.BooleanField()

    @extend_schema(request=FlagsInput, responses=TipOutput)
    def post(self, request: Request, tip_id: str) -> Response:
        require(request.user, TipsPermission.HANDLE_TIPS)
        tip = selectors.tip_get(request.user, tip_id, audit=False)  # type: ignore[arg-type]
        payload = self.FlagsInput(data=request.data)
        payload.is_valid(raise_exception=True)
        tip = services.tip_flags_set(actor=request.user, tip=tip, **payload.validated_data)  # type: ignore[arg-type]
        return Response(TipOutput(tip).data)


class RecipientOutput(serializers.Serializer):
    id = serializers.UUIDField()
    organization = serializers.UUIDField(source="organization_id")
    name = serializers.CharField(source="display_name")
    kind = serializers.CharField(source="organization.kind")
    accepts_unaddressed = serializers.BooleanField()
    is_active = serializers.BooleanField()


class TipRecipientListApi(APIView):
    class RegisterInput(serializers.Serializer):
        organization = serializers.UUIDField()
        public_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        description = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
        accepts_unaddressed = serializers.BooleanField(required=False, default=False)
        is_active = serializers.BooleanField(required=False, default=True)

    @extend_list_schema(RecipientOutput)
    def get(self, request: Request) -> Response:
        if not selectors.has_recipient_access(request.user):  # type: ignore[arg-type]
            raise PermissionDenied
        queryset = selectors.recipient_list(request.user)  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(RecipientOutput(page, many=True).data)

    @extend_schema(request=RegisterInput, responses={201: RecipientOutput})
    def post(self, request: Request) -> Response:
        require(request.user, TipsPermission.MANAGE_RECIPIENTS)
        payload = self.RegisterInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organization = get_object_or_404(Organization, pk=data.pop("organization"))
        recipient = services.tip_recipient_register(actor=request.user, organization=organization, **data)  # type: ignore[arg-type]
        return Response(RecipientOutput(recipient).data, status=status.HTTP_201_CREATED)
