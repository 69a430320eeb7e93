from django.urls import include, path

from senim.web import auth_views, views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("role/", views.switch_role, name="switch-role"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<uuid:case_id>/", views.case_detail, name="case_detail"),
    path("criminal/", views.criminal_case_list, name="criminal_case_list"),
    path("criminal/new/", views.criminal_case_create, name="criminal_case_create"),
    path("criminal/<uuid:case_id>/", views.criminal_case_detail, name="criminal_case_detail"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<uuid:person_id>/", views.person_detail, name="person_detail"),
]
