from django.urls import path

from senim.core.approvals import views

app_name = "approvals"

urlpatterns = [
    path("", views.approval_list, name="list"),
    path("<uuid:approval_id>/decide/", views.approval_decide, name="decide"),
    path("<uuid:approval_id>/download/", views.approval_download, name="download"),
    path("request/<str:action_key>/<uuid:target_id>/", views.approval_create, name="request"),
]
