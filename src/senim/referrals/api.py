"""Thin API views: input serializer → one service or selector → output serializer. Choice values are
validated by the services (one error shape), so inputs take plain strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.cases.models import CriminalCase
from senim.cases.selectors import assistance_case_get, criminal_case_get
from senim.core.apitools import Pagination, extend_list_schema
from senim.people.selectors import person_get
from senim.referrals import models, reports, selectors, services
from senim.referrals.scope import case_data_scope


class _PlainChoice(serializers.CharField):
    """Choice values shown as plain strings (one enum per model field would collide in the schema)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("choices", None)
        super().__init__(**kwargs)


class _Out(serializers.ModelSerializer):
    serializer_choice_field = _PlainChoice


def _out(model: Any, fields: list[str] | str, **extra: Any) -> type[serializers.ModelSerializer]:
    meta = type("Meta", (), {"model": model, "fields": fields, "read_only_fields": fields})
    return type(f"{model.__name__}Output", (_Out,), {"Meta": meta, **extra})


STRINGS = serializers.ListField(child=serializers.CharField(), read_only=True)


class ProfileOutput(_Out):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    organization_kind = serializers.CharField(source="organization.kind", read_only=True)
    region = serializers.CharField(source="organization.region", read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), source="organization.languages", read_only=True)
    services = STRINGS
    regions_served = STRINGS
    free_beds = serializers.IntegerField(read_only=True)

    class Meta:
        model = models.OrganizationProfile
        fields = [
            "organization",
            "organization_name",
            "organization_kind",
            "region",
            "languages",
            "services",
            "regions_served",
            "bed_capacity",
            "beds_occupied",
            "free_beds",
            "accepts_men",
            "accepts_women",
            "accepts_children",
            "accepts_families",
            "min_age",
            "max_age",
            "admits_at_night",
            "contact_phone",
            "notes",
            "occupancy_updated_at",
        ]


ConsentOutput = _out(
    models.Consent,
    [
        "id",
        "case",
        "recipient",
        "data_categories",
        "purpose",
        "explained_in",
        "interpreter_used",
        "given_by",
        "guardian_relation",
        "given_at",
        "withdrawn_at",
    ],
    data_categories=STRINGS,
)
StatusChangeOutput = _out(models.ReferralStatusChange, ["from_status", "to_status", "changed_at", "reason"])


class ReferralOutput(_Out):
    case_number = serializers.CharField(source="case.number", read_only=True)
    services = STRINGS
    shared_data = STRINGS

    class Meta:
        model = models.Referral
        fields = [
            "id",
            "case",
            "case_number",
            "from_organization",
            "to_organization",
            "services",
            "shared_data",
            "status",
            "consent",
            "consent_override",
            "is_urgent",
            "note",
            "decline_reason",
            "sent_at",
            "responded_at",
            "closed_at",
        ]


class ReferralDetailOutput(ReferralOutput):
    history = StatusChangeOutput(source="status_changes.all", many=True, read_only=True)

    class Meta(ReferralOutput.Meta):
        fields = [*ReferralOutput.Meta.fields, "history"]


NotificationOutput = _out(models.Notification, ["id", "kind", "case", "referral", "params", "created_at", "read_at"])
MeasureOutput = _out(
    models.ProtectionMeasure,
    [
        "id",
        "case",
        "person",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "decision_reference",
        "work_permitted",
        "automatic",
        "lift_requested_by",
        "lift_requested_at",
        "lifted_by",
        "lifted_at",
    ],
)
MigrationCaseOutput = _out(
    models.MigrationCase, ["id", "person", "number", "article", "region", "organization", "status", "opened_on"]
)
ProceduralOutput = _out(
    models.ProceduralProtection,
    ["id", "case", "criminal_case", "kind", "status", "requested_at", "decided_at", "reason"],
)
AssessmentOutput = _out(
    models.Assessment,
    [
        "id",
        "case",
        "stage",
        "risk_level",
        "family_risk_level",
        "risk_factors",
        "needs",
        "notes",
        "assessed_at",
        "organization",
    ],
    risk_factors=STRINGS,
    needs=STRINGS,
)
TaskOutput = _out(
    models.Task, ["id", "case", "organization", "kind", "title", "due_on", "status", "assessment", "completed_at"]
)
ServiceOutput = _out(
    models.ServiceDelivery,
    ["id", "case", "kind", "provider", "referral", "delivered_on", "ended_on", "cost", "currency", "description"],
)
PlanItemOutput = _out(models.CasePlanItem, ["id", "case", "goal", "service_kind", "responsible", "target_on", "status"])
FollowUpOutput = _out(
    models.FollowUp, ["id", "case", "months_after", "due_on", "status", "wellbeing", "notes", "done_on"]
)
ReturnOutput = _out(
    models.ReturnPlan,
    ["id", "case", "country", "receiving_organization", "status", "planned_on", "returned_on", "voluntary", "notes"],
)
HearingOutput = _out(models.Hearing, ["id", "criminal_case", "kind", "scheduled_at", "place", "victim_must_attend"])
CompensationOutput = _out(
    models.CompensationClaim,
    [
        "id",
        "case",
        "criminal_case",
        "kind",
        "amount_claimed",
        "amount_awarded",
        "amount_paid",
        "currency",
        "status",
        "filed_on",
        "decided_on",
    ],
)


def _page(request: Request, view: APIView, queryset: Any, output: type[serializers.BaseSerializer]) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(output(page, many=True).data)


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _case(request: Request, case_id: Any) -> Any:
    return assistance_case_get(request.user, case_id, audit=False)  # type: ignore[arg-type]


def _organization(request: Request, organization_id: Any) -> Any:
    return selectors.organization_of_profile(request.user, organization_id)  # type: ignore[arg-type]


# --- profiles and the shelter finder ------------------------------------------------------------------


class ProfileListApi(APIView):
    class ProfileFilter(serializers.Serializer):
        kind = serializers.CharField(required=False, default="")
        region = serializers.CharField(required=False, default="")
        service = serializers.CharField(required=False, default="")

    @extend_list_schema(ProfileOutput, parameters=[ProfileFilter])
    def get(self, request: Request) -> Response:
        filters = _valid(self.ProfileFilter, request.query_params)
        return _page(request, self, selectors.profile_list(request.user, **filters), ProfileOutput)  # type: ignore[arg-type]


class ProfileInput(serializers.Serializer):
    services = serializers.ListField(child=serializers.CharField(), required=False)
    regions_served = serializers.ListField(child=serializers.CharField(), required=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    bed_capacity = serializers.IntegerField(min_value=0, max_value=10000, required=False)
    beds_occupied = serializers.IntegerField(min_value=0, max_value=10000, required=False)
    accepts_men = serializers.BooleanField(required=False)
    accepts_women = serializers.BooleanField(required=False)
    accepts_children = serializers.BooleanField(required=False)
    accepts_families = serializers.BooleanField(required=False)
    min_age = serializers.IntegerField(min_value=0, max_value=120, required=False)
    max_age = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True)
    admits_at_night = serializers.BooleanField(required=False)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ProfileDetailApi(APIView):
    @extend_schema(responses=ProfileOutput)
    def get(self, request: Request, organization_id: str) -> Response:
        return Response(ProfileOutput(selectors.profile_get(request.user, organization_id)).data)  # type: ignore[arg-type]

    @extend_schema(request=ProfileInput, responses=ProfileOutput)
    def put(self, request: Request, organization_id: str) -> Response:
        organization = _organization(request, organization_id)
        values = _valid(ProfileInput, request.data)
        profile = services.profile_set(actor=request.user, organization=organization, **values)  # type: ignore[arg-type]
        return Response(ProfileOutput(profile).data)


class OccupancyApi(APIView):
    class OccupancyInput(serializers.Serializer):
        beds_occupied = serializers.IntegerField(min_value=0, max_value=10000)
        bed_capacity = serializers.IntegerField(min_value=0, max_value=10000, required=False, allow_null=True)

    @extend_schema(request=OccupancyInput, responses=ProfileOutput)
    def post(self, request: Request, organization_id: str) -> Response:
        organization = _organization(request, organization_id)
        values = _valid(self.OccupancyInput, request.data)
        profile = services.occupancy_report(actor=request.user, organization=organization, **values)  # type: ignore[arg-type]
        return Response(ProfileOutput(profile).data)


class ShelterSearchApi(APIView):
    class ShelterQueryInput(serializers.Serializer):
        region = serializers.CharField(required=False, default="")
        age = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True, default=None)
        sex = serializers.ChoiceField(choices=["f", "m", ""], required=False, default="")
        language = serializers.CharField(required=False, default="", max_length=8)
        with_family = serializers.BooleanField(required=False, default=False)
        service = serializers.CharField(required=False, default="shelter")
        tonight = serializers.BooleanField(required=False, default=True)

    class ShelterMatchOutput(serializers.Serializer):
        profile = ProfileOutput()
        in_region = serializers.BooleanField()
        speaks_language = serializers.BooleanField()

    @extend_schema(parameters=[ShelterQueryInput], responses=ShelterMatchOutput(many=True))
    def get(self, request: Request) -> Response:
        query = selectors.ShelterQuery(**_valid(self.ShelterQueryInput, request.query_params))
        matches = selectors.shelter_search(request.user, query)  # type: ignore[arg-type]
        return Response(self.ShelterMatchOutput(matches, many=True).data)


# --- consent, referrals, notifications ----------------------------------------------------------------


class ConsentListApi(APIView):
    class ConsentInput(serializers.Serializer):
        recipient = serializers.UUIDField()
        data_categories = serializers.ListField(child=serializers.CharField(), min_length=1)
        explained_in = serializers.CharField(max_length=8)
        given_by = serializers.CharField(required=False, default="person")
        guardian_name = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
        guardian_relation = serializers.CharField(required=False, default="", allow_blank=True, max_length=60)
        purpose = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
        interpreter_used = serializers.BooleanField(required=False, default=False)

    @extend_schema(responses=ConsentOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(ConsentOutput(selectors.consent_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=ConsentInput, responses={201: ConsentOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.ConsentInput, request.data)
        values["recipient"] = _organization(request, values["recipient"])
        consent = services.consent_record(actor=request.user, case=case, **values)  # type: ignore[arg-type]
        return Response(ConsentOutput(consent).data, status=201)


class ReferralsReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class ConsentWithdrawApi(APIView):
    @extend_schema(request=ReferralsReasonInput, responses=ConsentOutput)
    def post(self, request: Request, consent_id: str) -> Response:
        values = _valid(ReferralsReasonInput, request.data)
        consent = models.Consent.objects.select_related("case").filter(pk=consent_id).first()
        if consent is None or not selectors.consent_list(request.user, consent.case).filter(pk=consent.pk).exists():  # type: ignore[arg-type]
            raise Http404
        consent = services.consent_withdraw(actor=request.user, consent=consent, **values)  # type: ignore[arg-type]
        return Response(ConsentOutput(consent).data)


class ReferralListApi(APIView):
    class ReferralFilter(serializers.Serializer):
        direction = serializers.ChoiceField(choices=["incoming", "outgoing", ""], required=False, default="")
        status = serializers.CharField(required=False, default="")

    class ReferralInput(serializers.Serializer):
        case = serializers.UUIDField()
        to_organization = serializers.UUIDField()
        services = serializers.ListField(child=serializers.CharField(), min_length=1)
        shared_data = serializers.ListField(child=serializers.CharField(), required=False, default=["identity"])
        consent = serializers.UUIDField(required=False, allow_null=True, default=None)
        override_reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
        note = serializers.CharField(required=False, default="", allow_blank=True, max_length=4000)
        is_urgent = serializers.BooleanField(required=False, default=False)

    @extend_list_schema(ReferralOutput, parameters=[ReferralFilter])
    def get(self, request: Request) -> Response:
        filters = _valid(self.ReferralFilter, request.query_params)
        return _page(request, self, selectors.referral_list(request.user, **filters), ReferralOutput)  # type: ignore[arg-type]

    @extend_schema(request=ReferralInput, responses={201: ReferralOutput})
    def post(self, request: Request) -> Response:
        values = _valid(self.ReferralInput, request.data)
        case = _case(request, values.pop("case"))
        values["to_organization"] = _organization(request, values["to_organization"])
        consent_id = values.pop("consent")
        consent = None
        if consent_id:
            consent = selectors.consent_list(request.user, case).filter(pk=consent_id).first()  # type: ignore[arg-type]
            if consent is None:
                raise Http404
        referral = services.referral_send(actor=request.user, case=case, consent=consent, **values)  # type: ignore[arg-type]
        return Response(ReferralOutput(referral).data, status=201)


class ReferralDetailApi(APIView):
    @extend_schema(responses=ReferralDetailOutput)
    def get(self, request: Request, referral_id: str) -> Response:
        return Response(ReferralDetailOutput(selectors.referral_get(request.user, referral_id)).data)  # type: ignore[arg-type]


class ReferralsTransitionInput(serializers.Serializer):
    to_status = serializers.CharField(max_length=24)
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class ReferralTransitionApi(APIView):
    @extend_schema(request=ReferralsTransitionInput, responses=ReferralOutput)
    def post(self, request: Request, referral_id: str) -> Response:
        values = _valid(ReferralsTransitionInput, request.data)
        referral = selectors.referral_get(request.user, referral_id)  # type: ignore[arg-type]
        referral = services.referral_transition(actor=request.user, referral=referral, **values)  # type: ignore[arg-type]
        return Response(ReferralOutput(referral).data)


class NotificationListApi(APIView):
    @extend_list_schema(NotificationOutput, parameters=[OpenApiParameter("unread", bool, required=False)])
    def get(self, request: Request) -> Response:
        unread = request.query_params.get("unread", "").lower() in ("1", "true", "yes")
        queryset = selectors.notification_list(request.user, unread_only=unread)  # type: ignore[arg-type]
        return _page(request, self, queryset, NotificationOutput)


class NotificationReadApi(APIView):
    @extend_schema(request=None, responses=NotificationOutput)
    def post(self, request: Request, notification_id: str) -> Response:
        notification = selectors.notification_get(request.user, notification_id)  # type: ignore[arg-type]
        notification = services.notification_mark_read(actor=request.user, notification=notification)  # type: ignore[arg-type]
        return Response(NotificationOutput(notification).data)


# --- protection ---------------------------------------------------------------------------------------


class MeasureListApi(APIView):
    class MeasureInput(serializers.Serializer):
        kind = serializers.CharField()
        starts_on = serializers.DateField(required=False, allow_null=True, default=None)
        ends_on = serializers.DateField(required=False, allow_null=True, default=None)
        requested = serializers.BooleanField(required=False, default=False)
        decision_reference = serializers.CharField(required=False, default="", allow_blank=True, max_length=80)
        work_permitted = serializers.BooleanField(required=False, default=False)

    @extend_schema(responses=MeasureOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(MeasureOutput(selectors.measure_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=MeasureInput, responses={201: MeasureOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.MeasureInput, request.data)
        measure = services.measure_create(actor=request.user, case=case, **values)  # type: ignore[arg-type]
        return Response(MeasureOutput(measure).data, status=201)


class MeasureDecideApi(APIView):
    class DecideInput(serializers.Serializer):
        grant = serializers.BooleanField()
        starts_on = serializers.DateField(required=False, allow_null=True, default=None)
        ends_on = serializers.DateField(required=False, allow_null=True, default=None)
        decision_reference = serializers.CharField(required=False, default="", allow_blank=True, max_length=80)
        work_permitted = serializers.BooleanField(required=False, allow_null=True, default=None)

    @extend_schema(request=DecideInput, responses=MeasureOutput)
    def post(self, request: Request, measure_id: str) -> Response:
        values = _valid(self.DecideInput, request.data)
        measure = selectors.measure_get(request.user, measure_id)  # type: ignore[arg-type]
        measure = services.measure_decide(actor=request.user, measure=measure, **values)  # type: ignore[arg-type]
        return Response(MeasureOutput(measure).data)


class MeasureEndApi(APIView):
    @extend_schema(request=None, responses=MeasureOutput)
    def post(self, request: Request, measure_id: str) -> Response:
        measure = selectors.measure_get(request.user, measure_id)  # type: ignore[arg-type]
        return Response(MeasureOutput(services.measure_end(actor=request.user, measure=measure)).data)  # type: ignore[arg-type]


class HoldLiftApi(APIView):
    """step: request (first person, with reason), approve (a second person), reject."""

    @extend_schema(request=ReferralsReasonInput, responses=MeasureOutput)
    def post(self, request: Request, measure_id: str, step: str) -> Response:
        values = _valid(ReferralsReasonInput, request.data)
        measure = selectors.measure_get(request.user, measure_id)  # type: ignore[arg-type]
        user: Any = request.user
        if step == "request":
            measure = services.hold_lift_request(actor=user, measure=measure, reason=values["reason"])
        elif step == "approve":
            measure = services.hold_lift_approve(actor=user, measure=measure)
        elif step == "reject":
            measure = services.hold_lift_reject(actor=user, measure=measure, reason=values["reason"])
        else:
            raise Http404
        return Response(MeasureOutput(measure).data)


class HoldRegisterApi(APIView):
    class HoldRowOutput(serializers.Serializer):
        case = serializers.UUIDField(source="case.pk")
        person = serializers.UUIDField(source="case.person_id")
        case_number = serializers.CharField(source="case.number")
        region = serializers.CharField(source="case.region")
        case_status = serializers.CharField(source="case.status")
        name = serializers.CharField()
        birth_date = serializers.CharField()
        citizenship = serializers.CharField()
        hold = MeasureOutput(allow_null=True)
        residence = MeasureOutput(allow_null=True)
        migration_cases = MigrationCaseOutput(many=True)
        pending_charges = serializers.SerializerMethodField()

        def get_pending_charges(self, row: selectors.HoldRow) -> list[str]:
            return [str(charge.pk) for charge in row.pending_charges]

    @extend_schema(
        parameters=[
            OpenApiParameter("pending_only", bool, required=False),
            OpenApiParameter("region", str, required=False),
        ],
        responses=HoldRowOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        pending_only = request.query_params.get("pending_only", "").lower() in ("1", "true", "yes")
        rows = selectors.hold_register(
            request.user,  # type: ignore[arg-type]
            pending_only=pending_only,
            region=request.query_params.get("region", ""),
        )
        return Response(self.HoldRowOutput(rows, many=True).data)


class MigrationCaseListApi(APIView):
    class MigrationCaseInput(serializers.Serializer):
        person = serializers.UUIDField()
        number = serializers.CharField(max_length=40)
        region = serializers.CharField(max_length=20)
        opened_on = serializers.DateField(required=False, allow_null=True, default=None)
        article = serializers.CharField(required=False, default="aoc.517")

    @extend_list_schema(MigrationCaseOutput)
    def get(self, request: Request) -> Response:
        return _page(request, self, selectors.migration_case_list(request.user), MigrationCaseOutput)  # type: ignore[arg-type]

    @extend_schema(request=MigrationCaseInput, responses={201: MigrationCaseOutput})
    def post(self, request: Request) -> Response:
        values = _valid(self.MigrationCaseInput, request.data)
        values["person"] = person_get(request.user, values["person"], audit=False)  # type: ignore[arg-type]
        migration_case = services.migration_case_open(actor=request.user, **values)  # type: ignore[arg-type]
        return Response(MigrationCaseOutput(migration_case).data, status=201)


class MigrationCaseTransitionApi(APIView):
    @extend_schema(request=ReferralsTransitionInput, responses=MigrationCaseOutput)
    def post(self, request: Request, migration_case_id: str) -> Response:
        values = _valid(ReferralsTransitionInput, request.data)
        migration_case = selectors.migration_case_get(request.user, migration_case_id)  # type: ignore[arg-type]
        migration_case = services.migration_case_transition(
            actor=request.user,  # type: ignore[arg-type]
            migration_case=migration_case,
            to_status=values["to_status"],
        )
        return Response(MigrationCaseOutput(migration_case).data)


class ProceduralListApi(APIView):
    class ProceduralInput(serializers.Serializer):
        criminal_case = serializers.UUIDField()
        kind = serializers.CharField()
        reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)

    @extend_schema(responses=ProceduralOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        queryset = selectors.procedural_protection_list(request.user, case)  # type: ignore[arg-type]
        return Response(ProceduralOutput(queryset, many=True).data)

    @extend_schema(request=ProceduralInput, responses={201: ProceduralOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.ProceduralInput, request.data)
        criminal = CriminalCase.objects.filter(pk=values.pop("criminal_case"), assistance_cases=case).first()
        if criminal is None:
            raise Http404
        protection = services.procedural_protection_request(
            actor=request.user,  # type: ignore[arg-type]
            case=case,
            criminal_case=criminal,
            **values,
        )
        return Response(ProceduralOutput(protection).data, status=201)


class ProceduralDecideApi(APIView):
    @extend_schema(request=ReferralsTransitionInput, responses=ProceduralOutput)
    def post(self, request: Request, protection_id: str) -> Response:
        values = _valid(ReferralsTransitionInput, request.data)
        protection = selectors.procedural_protection_get(request.user, protection_id)  # type: ignore[arg-type]
        protection = services.procedural_protection_decide(actor=request.user, protection=protection, **values)  # type: ignore[arg-type]
        return Response(ProceduralOutput(protection).data)


# --- assessments, tasks, services, plan, follow-ups, returns ------------------------------------------


class AssessmentListApi(APIView):
    class AssessmentInput(serializers.Serializer):
        stage = serializers.CharField()
        risk_level = serializers.CharField()
        family_risk_level = serializers.CharField()
        needs = serializers.ListField(child=serializers.CharField(), required=False, default=list)
        risk_factors = serializers.ListField(
            child=serializers.CharField(max_length=80), required=False, default=list, max_length=50
        )
        notes = serializers.CharField(required=False, default="", allow_blank=True, max_length=20000)

    @extend_schema(responses=AssessmentOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(AssessmentOutput(selectors.assessment_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=AssessmentInput, responses={201: AssessmentOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.AssessmentInput, request.data)
        assessment = services.assessment_record(actor=request.user, case=case, **values)  # type: ignore[arg-type]
        return Response(AssessmentOutput(assessment).data, status=201)


class TaskListApi(APIView):
    @extend_list_schema(TaskOutput, parameters=[OpenApiParameter("status", str, required=False)])
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status", "open")
        return _page(request, self, selectors.task_list(request.user, status=status), TaskOutput)  # type: ignore[arg-type]


class TaskCompleteApi(APIView):
    class CompleteInput(serializers.Serializer):
        cancel = serializers.BooleanField(required=False, default=False)

    @extend_schema(request=CompleteInput, responses=TaskOutput)
    def post(self, request: Request, task_id: str) -> Response:
        values = _valid(self.CompleteInput, request.data)
        task = selectors.task_get(request.user, task_id)  # type: ignore[arg-type]
        return Response(TaskOutput(services.task_complete(actor=request.user, task=task, **values)).data)  # type: ignore[arg-type]


class ServiceListApi(APIView):
    class ServiceInput(serializers.Serializer):
        kind = serializers.CharField()
        delivered_on = serializers.DateField()
        ended_on = serializers.DateField(required=False, allow_null=True, default=None)
        cost = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=Decimal(0), required=False, default=Decimal(0)
        )
        currency = serializers.CharField(required=False, default="KZT", max_length=3)
        description = serializers.CharField(required=False, default="", allow_blank=True, max_length=4000)
        referral = serializers.UUIDField(required=False, allow_null=True, default=None)

    @extend_schema(responses=ServiceOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(ServiceOutput(selectors.service_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=ServiceInput, responses={201: ServiceOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.ServiceInput, request.data)
        referral_id = values.pop("referral")
        referral = selectors.referral_get(request.user, referral_id) if referral_id else None  # type: ignore[arg-type]
        delivery = services.service_record(actor=request.user, case=case, referral=referral, **values)  # type: ignore[arg-type]
        return Response(ServiceOutput(delivery).data, status=201)


class PlanListApi(APIView):
    class PlanInput(serializers.Serializer):
        goal = serializers.CharField(max_length=2000)
        service_kind = serializers.CharField(required=False, default="", allow_blank=True)
        target_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(responses=PlanItemOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(PlanItemOutput(selectors.plan_item_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=PlanInput, responses={201: PlanItemOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.PlanInput, request.data)
        item = services.plan_item_add(actor=request.user, case=case, **values)  # type: ignore[arg-type]
        return Response(PlanItemOutput(item).data, status=201)


class PlanItemStatusApi(APIView):
    class StatusInput(serializers.Serializer):
        status = serializers.CharField()

    @extend_schema(request=StatusInput, responses=PlanItemOutput)
    def post(self, request: Request, item_id: str) -> Response:
        values = _valid(self.StatusInput, request.data)
        item = selectors.plan_item_get(request.user, item_id)  # type: ignore[arg-type]
        item = services.plan_item_set_status(actor=request.user, item=item, **values)  # type: ignore[arg-type]
        return Response(PlanItemOutput(item).data)


class FollowUpListApi(APIView):
    class FollowUpFilter(serializers.Serializer):
        due_before = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_list_schema(FollowUpOutput, parameters=[FollowUpFilter])
    def get(self, request: Request) -> Response:
        filters = _valid(self.FollowUpFilter, request.query_params)
        queryset = selectors.follow_up_list(request.user, **filters)  # type: ignore[arg-type]
        return _page(request, self, queryset, FollowUpOutput)


class FollowUpRecordApi(APIView):
    class FollowUpInput(serializers.Serializer):
        status = serializers.CharField()
        wellbeing = serializers.CharField(required=False, default="", allow_blank=True)
        notes = serializers.CharField(required=False, default="", allow_blank=True, max_length=4000)
        done_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=FollowUpInput, responses=FollowUpOutput)
    def post(self, request: Request, follow_up_id: str) -> Response:
        values = _valid(self.FollowUpInput, request.data)
        follow_up = selectors.follow_up_get(request.user, follow_up_id)  # type: ignore[arg-type]
        follow_up = services.follow_up_record(actor=request.user, follow_up=follow_up, **values)  # type: ignore[arg-type]
        return Response(FollowUpOutput(follow_up).data)


class ReturnListApi(APIView):
    class ReturnInput(serializers.Serializer):
        country = serializers.CharField(max_length=2)
        receiving_organization = serializers.UUIDField()
        planned_on = serializers.DateField(required=False, allow_null=True, default=None)
        notes = serializers.CharField(required=False, default="", allow_blank=True, max_length=4000)

    @extend_schema(responses=ReturnOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(ReturnOutput(selectors.return_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=ReturnInput, responses={201: ReturnOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.ReturnInput, request.data)
        values["receiving_organization"] = _organization(request, values["receiving_organization"])
        plan = services.return_plan_create(actor=request.user, case=case, **values)  # type: ignore[arg-type]
        return Response(ReturnOutput(plan).data, status=201)


class ReturnTransitionApi(APIView):
    class ReturnTransitionInput(serializers.Serializer):
        to_status = serializers.CharField()
        on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=ReturnTransitionInput, responses=ReturnOutput)
    def post(self, request: Request, return_id: str) -> Response:
        values = _valid(self.ReturnTransitionInput, request.data)
        plan = selectors.return_get(request.user, return_id)  # type: ignore[arg-type]
        return Response(ReturnOutput(services.return_transition(actor=request.user, plan=plan, **values)).data)  # type: ignore[arg-type]


# --- the criminal process: hearings, compensation, journey --------------------------------------------


class HearingListApi(APIView):
    class HearingInput(serializers.Serializer):
        kind = serializers.CharField()
        scheduled_at = serializers.DateTimeField()
        place = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
        victim_must_attend = serializers.BooleanField(required=False, default=False)

    @extend_schema(responses=HearingOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        criminal = criminal_case_get(request.user, case_id, audit=False)  # type: ignore[arg-type]
        return Response(HearingOutput(selectors.hearing_list(request.user, criminal), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=HearingInput, responses={201: HearingOutput})
    def post(self, request: Request, case_id: str) -> Response:
        criminal = criminal_case_get(request.user, case_id, audit=False)  # type: ignore[arg-type]
        values = _valid(self.HearingInput, request.data)
        hearing = services.hearing_schedule(actor=request.user, criminal_case=criminal, **values)  # type: ignore[arg-type]
        return Response(HearingOutput(hearing).data, status=201)


class CompensationListApi(APIView):
    class CompensationInput(serializers.Serializer):
        kind = serializers.CharField()
        amount_claimed = serializers.DecimalField(max_digits=14, decimal_places=2)
        filed_on = serializers.DateField(required=False, allow_null=True, default=None)
        criminal_case = serializers.UUIDField(required=False, allow_null=True, default=None)
        currency = serializers.CharField(required=False, default="KZT", max_length=3)

    @extend_schema(responses=CompensationOutput(many=True))
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        return Response(CompensationOutput(selectors.compensation_list(request.user, case), many=True).data)  # type: ignore[arg-type]

    @extend_schema(request=CompensationInput, responses={201: CompensationOutput})
    def post(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        values = _valid(self.CompensationInput, request.data)
        criminal_id = values.pop("criminal_case")
        criminal = None
        if criminal_id:
            criminal = CriminalCase.objects.filter(pk=criminal_id, assistance_cases=case).first()
            if criminal is None:
                raise Http404
        claim = services.compensation_file(actor=request.user, case=case, criminal_case=criminal, **values)  # type: ignore[arg-type]
        return Response(CompensationOutput(claim).data, status=201)


class CompensationDecideApi(APIView):
    class CompensationDecideInput(serializers.Serializer):
        to_status = serializers.CharField()
        amount_awarded = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
        amount_paid = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
        decided_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=CompensationDecideInput, responses=CompensationOutput)
    def post(self, request: Request, claim_id: str) -> Response:
        values = _valid(self.CompensationDecideInput, request.data)
        claim = selectors.compensation_get(request.user, claim_id)  # type: ignore[arg-type]
        claim = services.compensation_decide(actor=request.user, claim=claim, **values)  # type: ignore[arg-type]
        return Response(CompensationOutput(claim).data)


class JourneyApi(APIView):
    class JourneyOutput(serializers.Serializer):
        stage = serializers.CharField()
        criminal_cases = serializers.ListField(child=serializers.DictField())
        procedural_roles = serializers.ListField(child=serializers.CharField())
        upcoming_hearings = HearingOutput(many=True)
        legal_aid = serializers.BooleanField()
        interpretation = serializers.BooleanField()
        compensation_claims = CompensationOutput(many=True)
        procedural_protections = ProceduralOutput(many=True)

    @extend_schema(responses=JourneyOutput)
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        journey = selectors.case_journey(request.user, case)  # type: ignore[arg-type]
        if journey is None:
            raise Http404
        return Response(self.JourneyOutput(journey).data)


class DataScopeApi(APIView):
    class DataScopeOutput(serializers.Serializer):
        full = serializers.BooleanField()
        categories = serializers.ListField(child=serializers.CharField())

    @extend_schema(responses=DataScopeOutput)
    def get(self, request: Request, case_id: str) -> Response:
        case = _case(request, case_id)
        scope = case_data_scope(request.user, case)  # type: ignore[arg-type]
        return Response(self.DataScopeOutput({"full": scope.full, "categories": sorted(scope.categories)}).data)


class ReportApi(APIView):
    class ReportOutput(serializers.Serializer):
        name = serializers.CharField()
        columns = serializers.ListField(child=serializers.CharField())
        rows = serializers.ListField(child=serializers.ListField())
        detail_columns = serializers.ListField(child=serializers.CharField())
        detail = serializers.ListField(child=serializers.ListField())

    @extend_schema(
        parameters=[OpenApiParameter("export", str, enum=["csv", "detail_csv"], required=False)],
        responses=ReportOutput,
    )
    def get(self, request: Request, name: str) -> Response | HttpResponse:
        function = reports.REPORTS.get(name)
        if function is None:
            raise Http404
        report = function(request.user)  # type: ignore[arg-type]
        export = request.query_params.get("export", "")
        if export in ("csv", "detail_csv"):
            response = HttpResponse(report.csv(detail=export == "detail_csv"), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        return Response(self.ReportOutput(report).data)
