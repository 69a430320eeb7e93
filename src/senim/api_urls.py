"""Every API route under /api/v1/. Apps contribute their own `api_urls.urlpatterns`."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from senim.cases import api as cases_api
from senim.core import api as core_api
from senim.people import api as people_api

app_name = "api"


@extend_schema(responses={200: dict[str, str]})
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def api_root(request: Request) -> Response:
    return Response(
        {
            name: reverse(f"api:{name}", request=request)
            for name in ("me", "organizations", "persons", "assistance-cases", "criminal-cases")
        }
    )


urlpatterns = [
    path("", api_root, name="root"),
    path("me/", core_api.MeApi.as_view(), name="me"),
    path("organizations/", core_api.OrganizationListApi.as_view(), name="organizations"),
    path("persons/", people_api.PersonListApi.as_view(), name="persons"),
    path("persons/<uuid:person_id>/", people_api.PersonDetailApi.as_view(), name="person"),
    path("person-records/", people_api.PersonRecordCreateApi.as_view(), name="person-records"),
    path("person-records/<uuid:record_id>/", people_api.PersonRecordDetailApi.as_view(), name="person-record"),
    path("person-imports/", people_api.PersonImportListApi.as_view(), name="person-imports"),
    path("person-imports/<uuid:import_id>/", people_api.PersonImportDetailApi.as_view(), name="person-import"),
    path("assistance-cases/", cases_api.AssistanceCaseListApi.as_view(), name="assistance-cases"),
    path("assistance-cases/<uuid:case_id>/", cases_api.AssistanceCaseDetailApi.as_view(), name="assistance-case"),
    path(
        "assistance-cases/<uuid:case_id>/transition/",
        cases_api.AssistanceCaseTransitionApi.as_view(),
        name="assistance-case-transition",
    ),
    path("criminal-cases/", cases_api.CriminalCaseListApi.as_view(), name="criminal-cases"),
    path("criminal-cases/<uuid:case_id>/", cases_api.CriminalCaseDetailApi.as_view(), name="criminal-case"),
    path(
        "criminal-cases/<uuid:case_id>/transition/",
        cases_api.CriminalCaseTransitionApi.as_view(),
        name="criminal-case-transition",
    ),
    path(
        "criminal-cases/<uuid:case_id>/participants/",
        cases_api.ParticipantCreateApi.as_view(),
        name="criminal-case-participants",
    ),
    path(
        "criminal-cases/<uuid:case_id>/participants/<uuid:participant_id>/charges/",
        cases_api.ChargeCreateApi.as_view(),
        name="participant-charges",
    ),
    # Each app contributes its own routes; names stay unique across apps (prefix them with the app).
    path("", include("senim.referrals.api_urls")),
    path("", include("senim.screening.api_urls")),
    path("", include("senim.linkage.api_urls")),
    path("", include("senim.network.api_urls")),
    path("", include("senim.tips.api_urls")),
    path("", include("senim.core.approvals.api_urls")),
    path("", include("senim.cases.api_urls")),
]
