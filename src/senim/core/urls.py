from django.urls import path

from senim.core import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
    path("verify/", views.audit_verify, name="verify"),
    path("misuse/", views.misuse_report, name="misuse"),
]
