"""Approval routes under /api/v1/."""

from django.urls import path

from senim.core.approvals import api

urlpatterns = [
    path("approvals/", api.ApprovalListApi.as_view(), name="approvals"),
    path("approvals/<uuid:approval_id>/", api.ApprovalDetailApi.as_view(), name="approval"),
    path("approvals/<uuid:approval_id>/approve/", api.ApprovalApproveApi.as_view(), name="approval-approve"),
    path("approvals/<uuid:approval_id>/reject/", api.ApprovalRejectApi.as_view(), name="approval-reject"),
    path("approvals/<uuid:approval_id>/withdraw/", api.ApprovalWithdrawApi.as_view(), name="approval-withdraw"),
    path("approvals/<uuid:approval_id>/download/", api.ApprovalDownloadApi.as_view(), name="approval-download"),
]
