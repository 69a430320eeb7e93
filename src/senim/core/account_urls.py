from django.urls import path

from senim.core import account_views

app_name = "account"

urlpatterns = [
    path("two-factor/", account_views.otp_verify, name="otp-verify"),
    path("two-factor/setup/", account_views.otp_setup, name="otp-setup"),
]
