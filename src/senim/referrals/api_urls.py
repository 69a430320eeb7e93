"""API routes of the referral workflow, mounted under /api/v1/ (names prefixed `referrals-`)."""

from django.urls import path

from senim.referrals import api

CASE = "assistance-cases/<uuid:case_id>"

urlpatterns = [
    path("referral-profiles/", api.ProfileListApi.as_view(), name="referrals-profiles"),
    path("referral-profiles/<uuid:organization_id>/", api.ProfileDetailApi.as_view(), name="referrals-profile"),
    path(
        "referral-profiles/<uuid:organization_id>/occupancy/",
        api.OccupancyApi.as_view(),
        name="referrals-profile-occupancy",
    ),
    path("shelters/available/", api.ShelterSearchApi.as_view(), name="referrals-shelter-search"),
    path(f"{CASE}/consents/", api.ConsentListApi.as_view(), name="referrals-case-consents"),
    path("consents/<uuid:consent_id>/withdraw/", api.ConsentWithdrawApi.as_view(), name="referrals-consent-withdraw"),
    path("referrals/", api.ReferralListApi.as_view(), name="referrals-list"),
    path("referrals/<uuid:referral_id>/", api.ReferralDetailApi.as_view(), name="referrals-detail"),
    path("referrals/<uuid:referral_id>/transition/", api.ReferralTransitionApi.as_view(), name="referrals-transition"),
    path("notifications/", api.NotificationListApi.as_view(), name="referrals-notifications"),
    path(
        "notifications/<uuid:notification_id>/read/",
        api.NotificationReadApi.as_view(),
        name="referrals-notification-read",
    ),
    path(f"{CASE}/protection-measures/", api.MeasureListApi.as_view(), name="referrals-case-measures"),
    path(
        "protection-measures/<uuid:measure_id>/decide/", api.MeasureDecideApi.as_view(), name="referrals-measure-decide"
    ),
    path("protection-measures/<uuid:measure_id>/end/", api.MeasureEndApi.as_view(), name="referrals-measure-end"),
    path(
        "protection-measures/<uuid:measure_id>/lift/<str:step>/",
        api.HoldLiftApi.as_view(),
        name="referrals-hold-lift",
    ),
    path("migration/holds/", api.HoldRegisterApi.as_view(), name="referrals-hold-register"),
    path("migration-cases/", api.MigrationCaseListApi.as_view(), name="referrals-migration-cases"),
    path(
        "migration-cases/<uuid:migration_case_id>/transition/",
        api.MigrationCaseTransitionApi.as_view(),
        name="referrals-migration-case-transition",
    ),
    path(f"{CASE}/procedural-protections/", api.ProceduralListApi.as_view(), name="referrals-case-procedural"),
    path(
        "procedural-protections/<uuid:protection_id>/decide/",
        api.ProceduralDecideApi.as_view(),
        name="referrals-procedural-decide",
    ),
    path(f"{CASE}/assessments/", api.AssessmentListApi.as_view(), name="referrals-case-assessments"),
    path("tasks/", api.TaskListApi.as_view(), name="referrals-tasks"),
    path("tasks/<uuid:task_id>/complete/", api.TaskCompleteApi.as_view(), name="referrals-task-complete"),
    path(f"{CASE}/services/", api.ServiceListApi.as_view(), name="referrals-case-services"),
    path(f"{CASE}/plan/", api.PlanListApi.as_view(), name="referrals-case-plan"),
    path("plan-items/<uuid:item_id>/status/", api.PlanItemStatusApi.as_view(), name="referrals-plan-item-status"),
    path("follow-ups/", api.FollowUpListApi.as_view(), name="referrals-follow-ups"),
    path("follow-ups/<uuid:follow_up_id>/record/", api.FollowUpRecordApi.as_view(), name="referrals-follow-up-record"),
    path(f"{CASE}/returns/", api.ReturnListApi.as_view(), name="referrals-case-returns"),
    path("returns/<uuid:return_id>/transition/", api.ReturnTransitionApi.as_view(), name="referrals-return-transition"),
    path("criminal-cases/<uuid:case_id>/hearings/", api.HearingListApi.as_view(), name="referrals-hearings"),
    path(f"{CASE}/compensation-claims/", api.CompensationListApi.as_view(), name="referrals-case-compensation"),
    path(
        "compensation-claims/<uuid:claim_id>/decide/",
        api.CompensationDecideApi.as_view(),
        name="referrals-compensation-decide",
    ),
    path(f"{CASE}/journey/", api.JourneyApi.as_view(), name="referrals-case-journey"),
    path(f"{CASE}/data-scope/", api.DataScopeApi.as_view(), name="referrals-case-data-scope"),
    path("referral-reports/<str:name>/", api.ReportApi.as_view(), name="referrals-report"),
]
