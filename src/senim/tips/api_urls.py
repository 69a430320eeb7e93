"""Tips routes under /api/v1/ (staff only; names prefixed with the app, e.g. api:tips-list)."""

from django.urls import path

from senim.tips import api

urlpatterns = [
    path("tips/", api.TipListApi.as_view(), name="tips-list"),
    path("tips/recipients/", api.TipRecipientListApi.as_view(), name="tips-recipients"),
    path("tips/<uuid:tip_id>/", api.TipDetailApi.as_view(), name="tips-detail"),
    path("tips/<uuid:tip_id>/messages/", api.TipMessageApi.as_view(), name="tips-messages"),
    path("tips/<uuid:tip_id>/status/", api.TipStatusApi.as_view(), name="tips-status"),
    path("tips/<uuid:tip_id>/flags/", api.TipFlagsApi.as_view(), name="tips-flags"),
]
