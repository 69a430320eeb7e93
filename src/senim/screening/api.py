"""Thin API views: input serializer -> one service or selector -> output serializer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from senim.cases.selectors import assistance_case_get
from senim.core.apitools import Pagination, extend_list_schema
from senim.core.regions import Region
from senim.people.selectors import person_record_get
from senim.screening import interview, selectors, services
from senim.screening.engine import load_catalogue
from senim.screening.models import (
    Screening,
    ScreeningDecision,
    ScreeningLanguage,
    ScreeningMode,
    ScreeningStatus,
)


def question_payload(screening: Screening, question: interview.Question | None) -> dict[str, Any] | None:
    """The next question in the screening's language, with the answers the interviewer may pick."""
    if question is None:
        return None
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    language = screening.language
    payload: dict[str, Any] = {
        "id": question.id,
        "stage": question.stage,
        "kind": question.kind,
        "audience": question.audience,
        "text": bank.question_text(question.id, language),
        "special_answers": {a: bank.answer_text(a, language) for a in interview.SPECIAL_ANSWERS},
    }
    if question.kind == "yes_no":
        payload["answers"] = {a: bank.answer_text(a, language) for a in ("yes", "no")}
    elif question.kind == "choice":
        payload["choices"] = {c: bank.choice_text(c, language) for c in question.choices}
    elif question.kind == "multi":
        options = interview.follow_up_options(bank, catalogue, question, screening.answers)
        payload["options"] = {o.id: bank.indicator_text(o.id, language) for o in options}
    elif question.kind == "number":
        payload["min"], payload["max"] = question.minimum, question.maximum
    return payload


class ScreeningOutput(serializers.Serializer):
    id = serializers.UUIDField()
    case = serializers.UUIDField(source="case_id")
    record = serializers.UUIDField(source="record_id")
    organization = serializers.UUIDField(source="organization_id")
    language = serializers.ChoiceField(choices=ScreeningLanguage.choices)
    mode = serializers.ChoiceField(choices=ScreeningMode.choices)
    status = serializers.ChoiceField(choices=ScreeningStatus.choices)
    catalogue_version = serializers.CharField()
    bank_version = serializers.CharField()
    set_code = serializers.CharField()
    result_trafficking = serializers.BooleanField(allow_null=True)
    result_recommendation = serializers.CharField()
    urgent_flags = serializers.ListField(child=serializers.CharField())
    decision = serializers.CharField()
    decision_agrees = serializers.BooleanField(allow_null=True)
    created_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class ScreeningDetailOutput(ScreeningOutput):
    answers = serializers.DictField()
    decision_reason = serializers.CharField()
    progress = serializers.DictField()
    next_question = serializers.DictField(allow_null=True)
    assessment = serializers.DictField(allow_null=True)


def _detail(screening: Screening) -> dict[str, Any]:
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    answers = screening.answers
    done, total = interview.progress(bank, catalogue, answers)
    result = services.screening_assessment(screening)
    next_question = (
        None if screening.status == ScreeningStatus.DECIDED else interview.next_question(bank, catalogue, answers)
    )
    screening.progress = {"answered": done, "known_total": total}  # type: ignore[attr-defined]
    screening.next_question = question_payload(screening, next_question)  # type: ignore[attr-defined]
    screening.assessment = result.to_dict(full=True) if result else None  # type: ignore[attr-defined]
    return dict(ScreeningDetailOutput(screening).data)


class ScreeningListApi(APIView):
    class FilterInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=ScreeningStatus.choices, required=False, default="")
        region = serializers.ChoiceField(choices=Region.choices, required=False, default="")
        case = serializers.UUIDField(required=False, allow_null=True, default=None)
        since = serializers.DateField(required=False, allow_null=True, default=None)
        until = serializers.DateField(required=False, allow_null=True, default=None)

    class StartInput(serializers.Serializer):
        case = serializers.UUIDField()
        record = serializers.UUIDField(required=False, allow_null=True, default=None)
        language = serializers.ChoiceField(choices=ScreeningLanguage.choices, default=ScreeningLanguage.RUSSIAN)
        mode = serializers.ChoiceField(choices=ScreeningMode.choices, default=ScreeningMode.INTERVIEW)

    @extend_list_schema(ScreeningOutput, parameters=[FilterInput])
    def get(self, request: Request) -> Response:
        filters = self.FilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        user: Any = request.user
        queryset = selectors.screening_list(user, selectors.ScreeningFilters(**filters.validated_data))
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(ScreeningOutput(page, many=True).data)

    @extend_schema(request=StartInput, responses={201: ScreeningDetailOutput})
    def post(self, request: Request) -> Response:
        data = self.StartInput(data=request.data)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        case = assistance_case_get(user, data.validated_data["case"], audit=False)
        record_id = data.validated_data["record"]
        record = person_record_get(user, record_id, audit=False) if record_id else None
        screening = services.screening_start(
            actor=user,
            case=case,
            record=record,
            language=data.validated_data["language"],
            mode=data.validated_data["mode"],
        )
        return Response(_detail(screening), status=201)


class ScreeningDetailApi(APIView):
    @extend_schema(responses=ScreeningDetailOutput)
    def get(self, request: Request, screening_id: str) -> Response:
        user: Any = request.user
        return Response(_detail(selectors.screening_get(user, screening_id)))


class ScreeningAnswerApi(APIView):
    class AnswerInput(serializers.Serializer):
        question = serializers.CharField(max_length=40)
        value = serializers.JSONField()

    @extend_schema(request=AnswerInput, responses=ScreeningDetailOutput)
    def post(self, request: Request, screening_id: str) -> Response:
        data = self.AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        screening = selectors.screening_get(user, screening_id, audit=False)
        screening = services.screening_answer(
            actor=user,
            screening=screening,
            question_id=data.validated_data["question"],
            value=data.validated_data["value"],
        )
        return Response(_detail(screening))


class ScreeningPaperApi(APIView):
    class PaperInput(serializers.Serializer):
        answers = serializers.DictField(child=serializers.JSONField())

    @extend_schema(request=PaperInput, responses=ScreeningDetailOutput)
    def post(self, request: Request, screening_id: str) -> Response:
        data = self.PaperInput(data=request.data)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        screening = selectors.screening_get(user, screening_id, audit=False)
        screening = services.screening_enter_paper(
            actor=user, screening=screening, answers=data.validated_data["answers"]
        )
        return Response(_detail(screening))


class ScreeningDecisionApi(APIView):
    class DecisionInput(serializers.Serializer):
        decision = serializers.ChoiceField(choices=ScreeningDecision.choices)
        reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=4000)

    @extend_schema(request=DecisionInput, responses=ScreeningDetailOutput)
    def post(self, request: Request, screening_id: str) -> Response:
        data = self.DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        screening = selectors.screening_get(user, screening_id, audit=False)
        screening = services.screening_decide(actor=user, screening=screening, **data.validated_data)
        return Response(_detail(screening))


class ScreeningStatisticsApi(APIView):
    class StatisticsInput(serializers.Serializer):
        by = serializers.ChoiceField(choices=[(g, g) for g in selectors.GROUPINGS], default="region")
        since = serializers.DateField(required=False, allow_null=True, default=None)
        until = serializers.DateField(required=False, allow_null=True, default=None)

    class StatisticsRowOutput(serializers.Serializer):
        key = serializers.CharField()
        name = serializers.CharField(source="label")
        total = serializers.IntegerField()
        completed = serializers.IntegerField()
        engine_positive = serializers.IntegerField()
        presumed = serializers.IntegerField()
        disagreements = serializers.IntegerField()
        urgent = serializers.IntegerField()

    @extend_schema(parameters=[StatisticsInput], responses=StatisticsRowOutput(many=True))
    def get(self, request: Request) -> Response:
        data = self.StatisticsInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        rows = selectors.screening_statistics(user, **data.validated_data)
        return Response(self.StatisticsRowOutput(rows, many=True).data)
