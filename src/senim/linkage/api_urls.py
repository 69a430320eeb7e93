from django.urls import path

from senim.linkage import api

urlpatterns = [
    path("linkage/candidates/", api.CandidateListApi.as_view(), name="linkage-candidates"),
    path("linkage/candidates/<uuid:candidate_id>/", api.CandidateDetailApi.as_view(), name="linkage-candidate"),
    path(
        "linkage/candidates/<uuid:candidate_id>/decide/",
        api.CandidateDecideApi.as_view(),
        name="linkage-candidate-decide",
    ),
    path("linkage/runs/", api.LinkageRunApi.as_view(), name="linkage-runs"),
    path("linkage/search/", api.PersonSearchApi.as_view(), name="linkage-search"),
]
