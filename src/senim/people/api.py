from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.core.access import require
from senim.core.apitools import Pagination, extend_list_schema
from senim.people import selectors, services
from senim.people.models import IdentifierKind, Sex
from senim.people.permissions import PeoplePermission


class IdentifierOutput(serializers.Serializer):
    kind = serializers.CharField(source="identifier.kind")
    value = serializers.CharField(source="identifier.value")
    source = serializers.CharField()  # type: ignore[assignment]
    case_reference = serializers.CharField()
    observed_on = serializers.DateField(allow_null=True)


class PersonRecordOutput(serializers.Serializer):
    id = serializers.UUIDField()
    person = serializers.UUIDField(source="person_id")
    source_organization = serializers.CharField(source="source_organization.name")
    source = serializers.CharField()  # type: ignore[assignment]
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    patronymic = serializers.CharField()
    full_name = serializers.CharField()
    script = serializers.CharField()
    birth_date = serializers.CharField()
    sex = serializers.CharField()
    citizenship = serializers.CharField()
    identifiers = IdentifierOutput(source="identifier_links.all", many=True)
    created_at = serializers.DateTimeField()


class PersonOutput(serializers.Serializer):
    id = serializers.UUIDField()
    label = serializers.CharField()  # type: ignore[assignment]
    created_at = serializers.DateTimeField()


class PersonListApi(APIView):
    @extend_list_schema(PersonOutput)
    def get(self, request: Request) -> Response:
        queryset = selectors.person_scope(request.user).order_by("-created_at")  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(PersonOutput(page, many=True).data)


class PersonDetailApi(APIView):
    class PersonDetailOutput(PersonOutput):
        records = PersonRecordOutput(many=True)

    @extend_schema(responses=PersonDetailOutput)
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(request.user, person_id)  # type: ignore[arg-type]
        records = selectors.person_record_list(request.user, person)  # type: ignore[arg-type]
        data = {"id": person.pk, "label": person.label, "created_at": person.created_at, "records": records}
        return Response(self.PersonDetailOutput(data).data)


class PersonRecordCreateApi(APIView):
    class PersonRecordIdentifierInput(serializers.Serializer):
        kind = serializers.ChoiceField(choices=IdentifierKind.choices)
        value = serializers.CharField(max_length=300)
        source = serializers.CharField(max_length=120, required=False, default="")  # type: ignore[assignment]
        case_reference = serializers.CharField(max_length=60, required=False, default="")
        observed_on = serializers.DateField(required=False, allow_null=True, default=None)

    class PersonRecordCreateInput(serializers.Serializer):
        person = serializers.UUIDField(required=False, allow_null=True, default=None)
        given_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        family_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        patronymic = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        full_name = serializers.CharField(max_length=400, required=False, default="", allow_blank=True)
        birth_date = serializers.CharField(max_length=10, required=False, default="", allow_blank=True)
        sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
        citizenship = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, default="", allow_blank=True)
        source = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)  # type: ignore[assignment]
        notes = serializers.CharField(required=False, default="", allow_blank=True, max_length=10000)
        identifiers = serializers.ListField(child=serializers.DictField(), required=False, default=list)

        def validate_identifiers(self, value: list[dict]) -> list[services.IdentifierInput]:
            items = []
            for raw in value:
                item = PersonRecordCreateApi.PersonRecordIdentifierInput(data=raw)
                item.is_valid(raise_exception=True)
                items.append(services.IdentifierInput(**item.validated_data))
            return items

    @extend_schema(request=PersonRecordCreateInput, responses={201: PersonRecordOutput})
    def post(self, request: Request) -> Response:
        data = self.PersonRecordCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person_id = values.pop("person")
        person = selectors.person_get(request.user, person_id, audit=False) if person_id else None  # type: ignore[arg-type]
        record = services.person_record_create(actor=request.user, person=person, **values)  # type: ignore[arg-type]
        return Response(PersonRecordOutput(record).data, status=201)


class PersonRecordDetailApi(APIView):
    @extend_schema(responses=PersonRecordOutput)
    def get(self, request: Request, record_id: str) -> Response:
        record = selectors.person_record_get(request.user, record_id)  # type: ignore[arg-type]
        return Response(PersonRecordOutput(record).data)


class PersonImportOutput(serializers.Serializer):
    class RowErrorOutput(serializers.Serializer):
        line = serializers.IntegerField()
        column = serializers.CharField()
        message = serializers.CharField()

    id = serializers.UUIDField()
    file_name = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    status = serializers.CharField()
    row_count = serializers.IntegerField()
    imported_count = serializers.IntegerField()
    errors = RowErrorOutput(many=True)  # type: ignore[assignment]
    ignored_columns = serializers.ListField(child=serializers.CharField())
    uploaded_by = serializers.CharField(source="uploaded_by.username")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class PersonImportListApi(APIView):
    """Upload a CSV list of persons (multipart: `file`, `source`); every row is checked at once, and the
    worker imports the whole file or nothing."""

    parser_classes = [MultiPartParser]

    class PersonImportInput(serializers.Serializer):
        file = serializers.FileField()
        source = serializers.CharField(max_length=80)  # type: ignore[assignment]

    @extend_list_schema(PersonImportOutput)
    def get(self, request: Request) -> Response:
        queryset = selectors.person_import_scope(request.user)  # type: ignore[arg-type]
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(PersonImportOutput(page, many=True).data)

    @extend_schema(request={"multipart/form-data": PersonImportInput}, responses={201: PersonImportOutput})
    def post(self, request: Request) -> Response:
        require(request.user, PeoplePermission.IMPORT_RECORDS)
        data = self.PersonImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > settings.SENIM_IMPORT_MAX_BYTES:  # before reading it into memory
            raise ValidationError({"file": [_("The file is too large: split it.")]})
        person_import = services.person_import_create(
            actor=request.user,  # type: ignore[arg-type]
            file_name=upload.name or "upload.csv",
            raw=upload.read(),
            source=data.validated_data["source"],
        )
        return Response(PersonImportOutput(person_import).data, status=201)


class PersonImportDetailApi(APIView):
    @extend_schema(responses=PersonImportOutput)
    def get(self, request: Request, import_id: str) -> Response:
        person_import = selectors.person_import_get(request.user, import_id)  # type: ignore[arg-type]
        return Response(PersonImportOutput(person_import).data)
