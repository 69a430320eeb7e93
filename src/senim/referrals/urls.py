from django.urls import path

from senim.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.index, name="index"),
    path("shelters/", views.shelters, name="shelters"),
    path("organizations/<uuid:organization_id>/", views.profile, name="profile"),
    path("organizations/<uuid:organization_id>/occupancy/", views.occupancy, name="occupancy"),
    path("cases/<uuid:case_id>/", views.case_detail, name="case"),
    path("cases/<uuid:case_id>/<slug:action>/", views.case_action, name="case_action"),
    path("referral/<uuid:referral_id>/", views.referral_detail, name="referral"),
    path("notifications/<uuid:notification_id>/read/", views.notification_read, name="notification_read"),
    path("tasks/<uuid:task_id>/complete/", views.task_complete, name="task_complete"),
    path("migration/", views.holds, name="holds"),
    path("migration/holds/<uuid:measure_id>/<slug:step>/", views.hold_action, name="hold_action"),
    path("criminal-cases/<uuid:criminal_case_id>/hearings/", views.hearings, name="hearings"),
    path("coordinator/", views.coordinator, name="coordinator"),
    path("coordinator/<slug:name>.csv", views.report_csv, name="report_csv"),
]
