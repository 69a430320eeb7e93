"""Thin API views: the accountability gap, a person's network chart data, queueing a build."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.core.access import has_permission
from senim.core.regions import Region
from senim.core.services import job_enqueue
from senim.network import gap, selectors
from senim.network.permissions import NetworkPermission


class GapApi(APIView):
    class FilterInput(serializers.Serializer):
        region = serializers.ChoiceField(choices=Region.choices, required=False, default="")
        year = serializers.IntegerField(
            required=False,
            allow_null=True,
            default=None,
            min_value=selectors.GAP_YEARS[0],
            max_value=selectors.GAP_YEARS[1],
        )
        network = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
        by = serializers.ChoiceField(
            choices=[("network", "network"), ("region", "region"), ("year", "year")], default="network"
        )

    class SharesOutput(serializers.Serializer):
        key = serializers.CharField()
        organizers = serializers.IntegerField()
        organizers_charged = serializers.IntegerField()
        executors = serializers.IntegerField()
        executors_charged = serializers.IntegerField()

    class FlaggedOutput(serializers.Serializer):
        network = serializers.IntegerField()
        region = serializers.CharField()
        year = serializers.IntegerField(allow_null=True)
        executors_convicted = serializers.IntegerField()
        organizers_uncharged = serializers.ListField(child=serializers.CharField())

    class GapOutput(serializers.Serializer):
        totals = serializers.DictField(child=serializers.IntegerField())
        groups = serializers.ListField(child=serializers.DictField())
        flagged = serializers.ListField(child=serializers.DictField())

    @extend_schema(parameters=[FilterInput], responses=GapOutput)
    def get(self, request: Request) -> Response:
        data = self.FilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user: Any = request.user
        filters = selectors.GapFilters(region=values["region"], year=values["year"], network=values["network"])
        persons, visible = selectors.gap_persons(user, filters)
        totals = gap.shares(persons)
        groups = [
            {
                "key": key,
                "organizers": s.organizers,
                "organizers_charged": s.organizers_charged,
                "executors": s.executors,
                "executors_charged": s.executors_charged,
            }
            for key, s in gap.shares_by(persons, values["by"])
        ]
        flagged = [
            {
                "network": f.network,
                "region": f.region,
                "year": f.year,
                "executors_convicted": f.executors_convicted,
                "organizers_uncharged": [
                    p.person_id if p.person_id in visible else "restricted" for p in f.organizers_uncharged
                ],
            }
            for f in gap.flagged_networks(persons)
        ]
        return Response(
            {
                "totals": {
                    "organizers": totals.organizers,
                    "organizers_charged": totals.organizers_charged,
                    "executors": totals.executors,
                    "executors_charged": totals.executors_charged,
                },
                "groups": self.SharesOutput(groups, many=True).data,
                "flagged": self.FlaggedOutput(flagged, many=True).data,
            }
        )


class PersonGraphApi(APIView):
    class GraphOutput(serializers.Serializer):
        elements = serializers.ListField(child=serializers.DictField())
        truncated = serializers.BooleanField()
        network = serializers.IntegerField(allow_null=True)

    @extend_schema(responses=GraphOutput)
    def get(self, request: Request, person_id: str) -> Response:
        user: Any = request.user
        chart = selectors.person_chart(user, person_id)
        return Response({"elements": chart.elements, "truncated": chart.truncated, "network": chart.network})


class BuildApi(APIView):
    class BuildInput(serializers.Serializer):
        full = serializers.BooleanField(default=False)

    class JobOutput(serializers.Serializer):
        id = serializers.UUIDField()
        status = serializers.CharField()

    @extend_schema(request=BuildInput, responses={202: JobOutput})
    def post(self, request: Request) -> Response:
        user: Any = request.user
        if not has_permission(user, NetworkPermission.BUILD):
            raise PermissionDenied()
        data = self.BuildInput(data=request.data)
        data.is_valid(raise_exception=True)
        job = job_enqueue(actor=user, kind="network.build", params={"full": data.validated_data["full"]})
        return Response(self.JobOutput(job).data, status=status.HTTP_202_ACCEPTED)
