from django.urls import path

from senim.people import views

app_name = "people"

urlpatterns = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/<uuid:import_id>/", views.import_detail, name="import_detail"),
]
