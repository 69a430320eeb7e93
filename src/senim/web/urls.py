from django.urls import include, path

from senim.web import auth_views, views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("role/", views.switch_role, name="switch-role"),
    path("i18n/", include("django.conf.urls.i18n")),
]
