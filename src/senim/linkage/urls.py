from django.urls import path

from senim.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("run/", views.run, name="run"),
    path("pairs/<uuid:candidate_id>/", views.candidate, name="candidate"),
    path("pairs/<uuid:candidate_id>/decide/", views.decide, name="decide"),
    path("search/", views.search, name="search"),
]
