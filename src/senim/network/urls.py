from django.urls import path

from senim.network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("build/", views.build, name="build"),
    path("gap/", views.gap_report, name="gap"),
    path("gap.csv", views.gap_csv, name="gap-csv"),
    path("scores.csv", views.scores_csv, name="scores-csv"),
    path("person/<uuid:person_id>/", views.person_chart, name="person"),
    path("person/<uuid:person_id>/data.json", views.person_data, name="person-data"),
    path("case/<uuid:case_id>/", views.case_chart, name="case"),
    path("case/<uuid:case_id>/data.json", views.case_data, name="case-data"),
    path("node/<uuid:node_id>/data.json", views.node_data, name="node-data"),
]
