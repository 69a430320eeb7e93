from django.urls import path

from senim.screening import views

app_name = "screening"

urlpatterns = [
    path("", views.screening_list, name="list"),
    path("start/", views.screening_start, name="start"),
    path("form/", views.screening_print, name="print"),
    path("statistics/", views.screening_statistics, name="statistics"),
    path("<uuid:screening_id>/", views.screening_detail, name="detail"),
    path("<uuid:screening_id>/interview/", views.screening_interview, name="interview"),
    path("<uuid:screening_id>/paper/", views.screening_paper, name="paper"),
]
