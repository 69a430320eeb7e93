from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("senim.api_urls", namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("report/", include("senim.tips.public_urls")),
    path("tips/", include("senim.tips.urls")),
    path("referrals/", include("senim.referrals.urls")),
    path("screening/", include("senim.screening.urls")),
    path("linkage/", include("senim.linkage.urls")),
    path("network/", include("senim.network.urls")),
    path("people/", include("senim.people.urls")),
    path("audit/", include("senim.core.urls")),
    path("approvals/", include("senim.core.approvals.urls")),
    path("account/", include("senim.core.account_urls")),
    path("", include("senim.web.urls")),
]
