"""Approvals API: list what awaits me and what I asked, request a step, approve, reject, withdraw."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.core.access import has_permission
from senim.core.apitools import Pagination, extend_list_schema
from senim.core.approvals import registry, selectors, services
from senim.core.approvals.models import ApprovalRequest, ApprovalStatus
from senim.core.approvals.selectors import approval_summary


class ApprovalOutput(serializers.Serializer):
    id = serializers.UUIDField()
    action = serializers.CharField()
    action_label = serializers.CharField()
    target_type = serializers.CharField()
    target_id = serializers.UUIDField()
    summary = serializers.CharField()
    params = serializers.DictField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=ApprovalStatus.choices)
    requested_by = serializers.CharField()
    requested_role = serializers.CharField()
    requested_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    usable_until = serializers.DateTimeField(allow_null=True)
    uses = serializers.IntegerField()
    is_mine = serializers.BooleanField()
    can_decide = serializers.BooleanField()


def _out(request: Request, approval: ApprovalRequest) -> dict[str, Any]:
    return dict(ApprovalOutput(approval_summary(request.user, approval)).data)


class ApprovalListApi(APIView):
    class ApprovalFilterSerializer(serializers.Serializer):
        box = serializers.ChoiceField(
            choices=[("awaiting", "awaiting"), ("mine", "mine")],
            required=False,
            default="awaiting",
            help_text="`awaiting`: others' requests you may decide; `mine`: your own requests.",
        )

    class ApprovalRequestInput(serializers.Serializer):
        action = serializers.ChoiceField(choices=[])
        target = serializers.UUIDField()
        reason = serializers.CharField(max_length=services.REASON_MAX_LENGTH)
        params = serializers.DictField(required=False, default=dict)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields["action"].choices = sorted(registry.actions())  # type: ignore[attr-defined]

    @extend_list_schema(ApprovalOutput, parameters=[ApprovalFilterSerializer])
    def get(self, request: Request) -> Response:
        filters = self.ApprovalFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        user: Any = request.user
        if filters.validated_data["box"] == "mine":
            queryset = selectors.approval_mine(user)
        else:
            queryset = selectors.approval_awaiting(user)
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response([_out(request, a) for a in page or []])

    @extend_schema(request=ApprovalRequestInput, responses={201: ApprovalOutput})
    def post(self, request: Request) -> Response:
        """Ask a second person to approve a sensitive step. `params` by action: `cases.criminal_close`
        `{"to_status": "closed"|"terminated"}`; `cases.charge_downgrade` `{"article": "aoc.517"}`;
        `cases.charge_administrative_penalty` `{"sentence": "...", "decided_on": "YYYY-MM-DD"}`;
        `people.export_person` `{"format": "csv"|"json"}`; `cases.assistance_not_victim` none."""
        data = self.ApprovalRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        values = data.validated_data
        action = registry.get(values["action"])
        assert action is not None  # the choice field only lets registered actions through
        if not has_permission(user, action.permission):
            raise PermissionDenied
        target = action.scope(user).filter(pk=values["target"]).first()
        if target is None:
            raise Http404
        approval = services.approval_request(
            actor=user, action=action.key, target=target, reason=values["reason"], params=values["params"]
        )
        return Response(_out(request, approval), status=201)


class ApprovalDetailApi(APIView):
    @extend_schema(responses=ApprovalOutput)
    def get(self, request: Request, approval_id: str) -> Response:
        return Response(_out(request, selectors.approval_get(request.user, approval_id)))  # type: ignore[arg-type]


class ApprovalDecisionInput(serializers.Serializer):
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=services.REASON_MAX_LENGTH)


class ApprovalApproveApi(APIView):
    @extend_schema(request=ApprovalDecisionInput, responses=ApprovalOutput)
    def post(self, request: Request, approval_id: str) -> Response:
        """Approve someone else's request: the step is performed now."""
        data = ApprovalDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        approval = selectors.approval_get(request.user, approval_id)  # type: ignore[arg-type]
        approval = services.approval_approve(actor=request.user, approval=approval, **data.validated_data)  # type: ignore[arg-type]
        return Response(_out(request, approval))


class ApprovalRejectApi(APIView):
    @extend_schema(request=ApprovalDecisionInput, responses=ApprovalOutput)
    def post(self, request: Request, approval_id: str) -> Response:
        """Reject someone else's request; the note (required) tells the requester why."""
        data = ApprovalDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        approval = selectors.approval_get(request.user, approval_id)  # type: ignore[arg-type]
        approval = services.approval_reject(actor=request.user, approval=approval, **data.validated_data)  # type: ignore[arg-type]
        return Response(_out(request, approval))


class ApprovalWithdrawApi(APIView):
    @extend_schema(request=ApprovalDecisionInput, responses=ApprovalOutput)
    def post(self, request: Request, approval_id: str) -> Response:
        """Withdraw your own pending request."""
        data = ApprovalDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        approval = selectors.approval_get(request.user, approval_id)  # type: ignore[arg-type]
        approval = services.approval_withdraw(actor=request.user, approval=approval, **data.validated_data)  # type: ignore[arg-type]
        return Response(_out(request, approval))


def download_response(found: registry.DownloadFile) -> HttpResponse:
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    response["Cache-Control"] = "no-store"
    return response


class ApprovalDownloadApi(APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The file is CSV or JSON whatever the client accepts; errors fall back to JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The file, as CSV."),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="The file, as JSON."),
        },
    )
    def get(self, request: Request, approval_id: str) -> HttpResponse:
        """The requester downloads what an approved request grants (a person export, action
        `people.export_person`): within its window, a limited number of times, each download audited."""
        user: Any = request.user
        approval = selectors.approval_get(user, approval_id)
        action = registry.get(approval.action)
        # The file exists for its requester only: to anyone else (the approver included) it is not found.
        if action is None or action.download is None or approval.requested_by_id != user.pk:
            raise Http404
        return download_response(action.download(user, approval))
