"""Screening routes under /api/v1/ (names prefixed with the app, e.g. api:screening-list)."""

from django.urls import path

from senim.screening import api

urlpatterns = [
    path("screenings/", api.ScreeningListApi.as_view(), name="screening-list"),
    path("screenings/statistics/", api.ScreeningStatisticsApi.as_view(), name="screening-statistics"),
    path("screenings/<uuid:screening_id>/", api.ScreeningDetailApi.as_view(), name="screening-detail"),
    path("screenings/<uuid:screening_id>/answers/", api.ScreeningAnswerApi.as_view(), name="screening-answer"),
    path("screenings/<uuid:screening_id>/paper/", api.ScreeningPaperApi.as_view(), name="screening-paper"),
    path("screenings/<uuid:screening_id>/decision/", api.ScreeningDecisionApi.as_view(), name="screening-decision"),
]
