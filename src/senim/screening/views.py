"""Screening pages (thin): list, start, the interview one question at a time, result and decision, paper
form for places without a connection, coordinator statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from senim.cases.models import AssistanceStatus
from senim.cases.selectors import assistance_case_get, assistance_case_list
from senim.core.access import has_permission
from senim.screening import interview, labels, selectors, services
from senim.screening.engine import DIMENSIONS, load_catalogue
from senim.screening.models import Screening, ScreeningDecision, ScreeningLanguage, ScreeningStatus
from senim.screening.permissions import ScreeningPermission


def _staff_language() -> str:
    language = (get_language() or "ru").split("-")[0]
    return language if language in interview.LANGUAGES else "en"


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(str(m) for values in exc.message_dict.values() for m in values)
    return " ".join(str(m) for m in exc.messages)


def _question_view(screening: Screening, question: interview.Question) -> dict[str, Any]:
    """Everything a template needs to show one question in the person's language (and the staff one)."""
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    person, staff = screening.language, _staff_language()
    view: dict[str, Any] = {
        "question": question,
        "text": bank.question_text(question.id, person),
        "staff_text": bank.question_text(question.id, staff) if staff != person else "",
        "stage_label": labels.STAGE_LABELS[question.stage],
        # "refused" and "unknown" are the interviewer's marks: shown in the staff language
        "special": [(a, bank.answer_text(a, staff)) for a in interview.SPECIAL_ANSWERS],
        "current": screening.answers.get(question.id),
    }
    current = view["current"]
    view["number_value"] = current if isinstance(current, int) and not isinstance(current, bool) else ""
    view["selected"] = current if isinstance(current, list) else []
    if question.kind == "yes_no":
        view["choices"] = [(a, bank.answer_text(a, person)) for a in ("yes", "no")]
    elif question.kind == "choice":
        view["choices"] = [(c, bank.choice_text(c, person)) for c in question.choices]
    elif question.kind == "multi":
        options = interview.follow_up_options(bank, catalogue, question, screening.answers)
        view["options"] = [(o.id, bank.indicator_text(o.id, person)) for o in options]
        view["none_text"] = bank.answer_text("none", person)
    return view


def _answer_from_post(question: interview.Question, data: Any) -> object:
    special = data.get("special", "")
    if special in interview.SPECIAL_ANSWERS:
        return special
    if question.kind == "number":
        return data.get("number", "").strip()
    if question.kind == "multi":
        return data.getlist("option")
    return data.get("value", "")


@login_required
def screening_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.VIEW):
        raise PermissionDenied
    status = request.GET.get("status", "")
    filters = selectors.ScreeningFilters(status=status if status in ScreeningStatus.values else "")
    screenings = selectors.screening_list(user, filters)[:200]
    return render(
        request,
        "screening/list.html",
        {
            "screenings": screenings,
            "statuses": ScreeningStatus.choices,
            "status": filters.status,
            "can_conduct": has_permission(user, ScreeningPermission.CONDUCT),
            "can_see_statistics": has_permission(user, ScreeningPermission.VIEW_STATISTICS),
            "recommendations": labels.RECOMMENDATION_LABELS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def screening_start(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.CONDUCT):
        raise PermissionDenied
    if request.method == "POST":
        case = assistance_case_get(user, request.POST.get("case", ""), audit=False)
        language = request.POST.get("language", "ru")
        try:
            screening = services.screening_start(actor=user, case=case, language=language)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("screening:start")
        if request.POST.get("paper"):
            return redirect("screening:paper", screening_id=screening.pk)
        return redirect("screening:interview", screening_id=screening.pk)
    open_statuses = [AssistanceStatus.REPORTED, AssistanceStatus.SCREENING, AssistanceStatus.NOT_VICTIM]
    cases = assistance_case_list(user).filter(status__in=open_statuses)[:200]
    return render(
        request,
        "screening/start.html",
        {
            "cases": cases,
            "interview_languages": ScreeningLanguage.choices,
            "selected_case": request.GET.get("case", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def screening_interview(request: HttpRequest, screening_id: str) -> HttpResponse:
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.CONDUCT):
        raise PermissionDenied
    screening = selectors.screening_get(user, screening_id, audit=request.method == "GET")
    if screening.status == ScreeningStatus.DECIDED:
        return redirect("screening:detail", screening_id=screening.pk)
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    if request.method == "POST":
        try:
            posted = bank.question(request.POST.get("question", ""))
            services.screening_answer(
                actor=user,
                screening=screening,
                question_id=posted.id,
                value=_answer_from_post(posted, request.POST),
            )
        except (ValidationError, interview.InterviewError) as exc:
            message = _errors(exc) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, message)
        return redirect("screening:interview", screening_id=screening.pk)
    answers = screening.answers
    asked = request.GET.get("question", "")
    planned = interview.plan(bank, catalogue, answers)
    shown: interview.Question | None = next((q for q in planned if q.id == asked), None)
    question = shown or interview.next_question(bank, catalogue, answers)
    if question is None:
        return redirect("screening:detail", screening_id=screening.pk)
    done, total = interview.progress(bank, catalogue, answers)
    answered = [(q.id, bank.question_text(q.id, _staff_language())) for q in planned if q.id in answers]
    return render(
        request,
        "screening/interview.html",
        {
            "screening": screening,
            "q": _question_view(screening, question),
            "done": done,
            "total": total,
            "answered": answered,
            "language_name": ScreeningLanguage(screening.language).label,
        },
    )


def _explanation(screening: Screening) -> dict[str, Any] | None:
    result = services.screening_assessment(screening)
    if result is None:
        return None
    bank = interview.load_bank(screening.bank_version)
    staff = _staff_language()
    dimensions = []
    for code in DIMENSIONS:
        dim = result.dimensions[code]
        dimensions.append(
            {
                "code": code,
                "label": labels.DIMENSION_LABELS[code],
                "positive": dim.positive,
                "rule": labels.RULE_LABELS.get(dim.rule or "", ""),
                "indicators": [(c, bank.indicator_text(c, staff), labels.STRENGTH_LABELS[s]) for c, s in dim.present],
                "counts": (dim.strong, dim.medium, dim.weak),
                "unknown": len(dim.unknown),
                "could_become_positive": dim.could_become_positive,
            }
        )
    return {
        "result": result,
        "dimensions": dimensions,
        "set_label": labels.SET_LABELS[result.set_code],
        "rule": labels.CHILD_RULE if result.is_child else labels.ADULT_RULE,
        "negative_rule": labels.NEGATIVE_RULE,
        "recommendation": labels.RECOMMENDATION_LABELS[result.recommendation],
        "flags": [labels.FLAG_LABELS[f] for f in result.urgent],
        "means": [labels.MEANS_LABELS[m] for m in result.palermo.means_evidence],
        "palermo": result.palermo,
    }


@login_required
@require_http_methods(["GET", "POST"])
def screening_detail(request: HttpRequest, screening_id: str) -> HttpResponse:
    user: Any = request.user
    screening = selectors.screening_get(user, screening_id, audit=request.method == "GET")
    if request.method == "POST":
        try:
            services.screening_decide(
                actor=user,
                screening=screening,
                decision=request.POST.get("decision", ""),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Decision recorded."))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        return redirect("screening:detail", screening_id=screening.pk)
    bank = interview.load_bank(screening.bank_version)
    catalogue = load_catalogue(screening.catalogue_version)
    staff = _staff_language()
    answers = screening.answers
    answered = []
    for question in interview.plan(bank, catalogue, answers):
        if question.id not in answers:
            continue
        value = answers[question.id]
        if isinstance(value, list):
            shown = ", ".join(bank.indicator_text(v, staff) for v in value) or bank.answer_text("none", staff)
        elif question.kind == "choice" and value in question.choices:
            shown = bank.choice_text(str(value), staff)
        elif isinstance(value, str):
            shown = bank.answer_text(value, staff)
        else:
            shown = str(value)
        answered.append((question.id, bank.question_text(question.id, staff), shown))
    return render(
        request,
        "screening/detail.html",
        {
            "screening": screening,
            "explanation": _explanation(screening),
            "answered": answered,
            "decisions": ScreeningDecision.choices,
            "can_decide": has_permission(user, ScreeningPermission.DECIDE)
            and screening.status != ScreeningStatus.DECIDED,
            "can_continue": has_permission(user, ScreeningPermission.CONDUCT)
            and screening.status == ScreeningStatus.IN_PROGRESS,
        },
    )


def _form_questions(language: str) -> list[dict[str, Any]]:
    """Every question of the bank, for the printable and the paper-entry form."""
    bank = interview.load_bank()
    rows = []
    for question in bank.questions:
        row: dict[str, Any] = {
            "question": question,
            "text": bank.question_text(question.id, language),
            "stage_label": labels.STAGE_LABELS[question.stage],
        }
        if question.kind == "yes_no":
            row["choices"] = [(a, bank.answer_text(a, language)) for a in ("yes", "no")]
        elif question.kind == "choice":
            row["choices"] = [(c, bank.choice_text(c, language)) for c in question.choices]
        elif question.kind == "multi":
            row["options"] = [(o.id, bank.indicator_text(o.id, language)) for o in question.options]
        row["special"] = [(a, bank.answer_text(a, language)) for a in interview.SPECIAL_ANSWERS]
        if question.sets:
            row["only_for"] = [labels.SET_LABELS[s] for s in question.sets]
        rows.append(row)
    return rows


@login_required
def screening_print(request: HttpRequest) -> HttpResponse:
    """A print-friendly blank form in one language, for places without a connection."""
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.CONDUCT):
        raise PermissionDenied
    language = request.GET.get("language", "ru")
    if language not in interview.LANGUAGES:
        language = "ru"
    return render(
        request,
        "screening/print.html",
        {
            "rows": _form_questions(language),
            "language": language,
            "interview_languages": ScreeningLanguage.choices,
            "dimension_labels": labels.DIMENSION_LABELS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def screening_paper(request: HttpRequest, screening_id: str) -> HttpResponse:
    """Enter the answers of a printed form in one go."""
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.CONDUCT):
        raise PermissionDenied
    screening = selectors.screening_get(user, screening_id, audit=request.method == "GET")
    if request.method == "POST":
        bank = interview.load_bank(screening.bank_version)
        answers: dict[str, object] = {}
        for question in bank.questions:
            field = f"q-{question.id}"
            special = request.POST.get(f"{field}-special", "")
            if special in interview.SPECIAL_ANSWERS:
                answers[question.id] = special
            elif question.kind == "multi":
                if request.POST.getlist(field) or request.POST.get(f"{field}-none"):
                    answers[question.id] = request.POST.getlist(field)
            elif request.POST.get(field, "").strip():
                answers[question.id] = request.POST[field].strip()
        try:
            services.screening_enter_paper(actor=user, screening=screening, answers=answers)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("screening:paper", screening_id=screening.pk)
        return redirect("screening:detail", screening_id=screening.pk)
    return render(
        request,
        "screening/paper.html",
        {"screening": screening, "rows": _form_questions(_staff_language()), "answers": screening.answers},
    )


@login_required
def screening_statistics(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not has_permission(user, ScreeningPermission.VIEW_STATISTICS):
        raise PermissionDenied
    by = request.GET.get("by", "region")
    if by not in selectors.GROUPINGS:
        by = "region"
    rows = selectors.screening_statistics(user, by=by)
    if by == "region":
        from senim.core.regions import Region

        names = dict(Region.choices)
        rows = [r.__class__(**{**r.__dict__, "label": str(names.get(r.key, r.key or "—"))}) for r in rows]
    groupings = [("region", _("Region")), ("agency", _("Agency")), ("month", _("Month"))]
    return render(request, "screening/statistics.html", {"rows": rows, "by": by, "groupings": groupings})
