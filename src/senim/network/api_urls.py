"""Network routes under /api/v1/ (names prefixed with the app, e.g. api:network-gap)."""

from django.urls import path

from senim.network import api

urlpatterns = [
    path("network/gap/", api.GapApi.as_view(), name="network-gap"),
    path("network/persons/<uuid:person_id>/graph/", api.PersonGraphApi.as_view(), name="network-person-graph"),
    path("network/build/", api.BuildApi.as_view(), name="network-build"),
]
