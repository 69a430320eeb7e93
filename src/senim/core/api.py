from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.core import selectors, services
from senim.core.access import permissions_of
from senim.core.apitools import Pagination, extend_list_schema
from senim.core.models import OrganizationKind
from senim.core.regions import Region


class OrganizationOutput(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    kind = serializers.CharField()
    region = serializers.CharField()
    country = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())


class OrganizationListApi(APIView):
    class OrganizationFilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=OrganizationKind.choices, required=False)
        region = serializers.ChoiceField(choices=Region.choices, required=False)

    class OrganizationCreateInput(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        kind = serializers.ChoiceField(choices=OrganizationKind.choices)
        region = serializers.ChoiceField(choices=Region.choices, required=False, default="")
        country = serializers.CharField(max_length=2, required=False, default="KZ")
        languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False, default=list)

    @extend_list_schema(OrganizationOutput, parameters=[OrganizationFilterSerializer])
    def get(self, request: Request) -> Response:
        filters = self.OrganizationFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.organization_list(request.user, **filters.validated_data)  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(OrganizationOutput(page, many=True).data)

    @extend_schema(request=OrganizationCreateInput, responses={201: OrganizationOutput})
    def post(self, request: Request) -> Response:
        data = self.OrganizationCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        organization = services.organization_create(actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(OrganizationOutput(organization).data, status=201)


class MeApi(APIView):
    class MeOutput(serializers.Serializer):
        id = serializers.UUIDField()
        username = serializers.CharField()
        organization = serializers.UUIDField(source="organization_id", allow_null=True)
        roles = serializers.ListField(child=serializers.CharField())
        acting_role = serializers.CharField(allow_null=True)
        permissions = serializers.ListField(child=serializers.CharField())

    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        user: Any = request.user
        data = {
            "id": user.pk,
            "username": user.username,
            "organization_id": user.organization_id,
            "roles": sorted(user.roles),
            "acting_role": user.acting_role,
            "permissions": sorted(permissions_of(user.acting_role)),
        }
        return Response(self.MeOutput(data).data)
