"""Case routes added beside the ones in `senim.api_urls` (mounted under /api/v1/)."""

from django.urls import path

from senim.cases import charge_api

urlpatterns = [
    path("charges/<uuid:charge_id>/reclassify/", charge_api.ChargeReclassifyApi.as_view(), name="charge-reclassify"),
    path("charges/<uuid:charge_id>/outcome/", charge_api.ChargeOutcomeApi.as_view(), name="charge-outcome"),
]
