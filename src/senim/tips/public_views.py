"""The public reporting page (/report/): no account, no cookie but CSRF's, no IP or user agent kept.

Language is part of the path (/report/uz/), so choosing it needs no cookie either. After the receipt
code, the reporter's access travels in a short-lived signed hidden field, never in a cookie or the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.tips import challenge, conf, receipt, services
from senim.tips.forms import CodeForm, ReplyForm, ReportForm
from senim.tips.models import ForwardStatus, Tip, TipStatus

View = Callable[..., HttpResponse]


def public_languages() -> dict[str, str]:
    return {code: str(name) for code, name in settings.PUBLIC_LANGUAGES}


def _local_names() -> list[tuple[str, str]]:
    return [(code, translation.get_language_info(code)["name_local"]) for code in public_languages()]


def public_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if lang not in public_languages():
            raise Http404
        with translation.override(lang):
            response = view(request, lang, *args, **kwargs)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Language"] = lang
        return response

    return wrapper


def _switch_target(request: HttpRequest) -> str:
    """Language links lead to the same page in another language (the thread, a POST, to the code page)."""
    name = request.resolver_match.url_name if request.resolver_match else "form"
    if name == "start":
        return "report:form"
    return f"report:{name if name in ('form', 'safety', 'follow-up') else 'follow-up'}"


def _render(request: HttpRequest, lang: str, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    base = {
        "lang": lang,
        "languages": _local_names(),
        "quick_exit_url": conf.get_str("SENIM_TIPS_QUICK_EXIT_URL"),
        "switch_to": _switch_target(request),
    }
    return render(request, f"tips/public/{template}", {**base, **context}, status=status)


def _challenge_context(form: Any) -> dict[str, Any]:
    issued = challenge.issue()
    form.initial["challenge"] = issued.token
    if form.is_bound:
        data: Any = form.data.copy()
        for name, value in (("challenge", issued.token), ("pow", ""), ("sum_answer", "")):
            data[name] = value
        form.data = data
    return {"challenge": issued}


CHALLENGE_MESSAGES = {
    "expired": gettext_lazy("The form has expired. Please send it again."),
    "wrong": gettext_lazy("Please answer the sum correctly (or turn on JavaScript)."),
    "busy": gettext_lazy(
        "Too many reports are arriving right now. Please try again in an hour, or turn on JavaScript."
    ),
}


def _check_challenge(form: Any) -> str | None:
    try:
        challenge.verify(
            form.cleaned_data.get("challenge", ""),
            counter=form.cleaned_data.get("pow", ""),
            answer=form.cleaned_data.get("sum_answer", ""),
        )
    except challenge.ChallengeFailed as failure:
        return str(CHALLENGE_MESSAGES[failure.reason])
    return None


def _yes(value: str) -> bool:
    return value == "yes"


def negotiated_language(request: HttpRequest) -> str:
    """The first language of the browser's Accept-Language that the public page speaks, else Russian."""
    languages = public_languages()
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in languages:
            return base
    return "ru"


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """/report/ shows the form at once (no redirect: one round trip less on a slow phone) in the browser's
    language; the form posts to /report/<lang>/, and the language links lead there too."""
    return report_form(request, negotiated_language(request))


def _files(request: HttpRequest) -> list[tuple[str, bytes]]:
    return [(f.name or "", f.read()) for f in request.FILES.getlist("upload")]


@require_http_methods(["GET", "POST"])
@public_page
def report_form(request: HttpRequest, lang: str) -> HttpResponse:
    error = ""
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            error = _check_challenge(form) or ""
            if not error and not challenge.submission_budget_ok():
                error = str(CHALLENGE_MESSAGES["busy"])
            if not error:
                data = form.cleaned_data
                try:
                    tip, code = services.tip_submit(
                        routing=data["routing"],
                        recipient=data.get("recipient"),
                        language=lang,
                        region=data.get("region", ""),
                        what_happened=data["what_happened"],
                        where=data.get("where", ""),
                        when=data.get("when", ""),
                        who_at_risk=data.get("who_at_risk", ""),
                        details=data.get("details", ""),
                        involves_child=_yes(data["involves_child"]),
                        immediate_danger=_yes(data["immediate_danger"]),
                        files=_files(request),
                    )
                except ValidationError as exc:
                    error = " ".join(exc.messages)
                else:
                    return _render(
                        request,
                        lang,
                        "receipt.html",
                        {
                            "code": receipt.format_code(code),
                            "recipient": tip.recipient.display_name,
                            "urgent": tip.immediate_danger,
                        },
                    )
    else:
        form = ReportForm()
    context = _challenge_context(form)
    return _render(request, lang, "form.html", {"form": form, "error": error, **context}, status=400 if error else 200)


@require_GET
@public_page
def safety(request: HttpRequest, lang: str) -> HttpResponse:
    return _render(request, lang, "safety.html", {})


def _thread(request: HttpRequest, lang: str, tip: Tip, *, error: str = "", notice: str = "") -> HttpResponse:
    messages = services.reporter_thread(tip)
    return _render(
        request,
        lang,
        "thread.html",
        {
            "tip": tip,
            "thread": messages,
            "access": services.reporter_access_token(tip),
            "reply_form": ReplyForm(),
            "error": error,
            "notice": notice,
            "closed": tip.status in (TipStatus.CLOSED, TipStatus.SPAM),
            "pending": ForwardStatus.PENDING,
        },
        status=400 if error else 200,
    )


THROTTLED = gettext_lazy("Too many wrong codes have been tried. Please wait 15 minutes and try again.")
WRONG_CODE = gettext_lazy("We could not find a report with this code. Check the digits and try again.")


@require_http_methods(["GET", "POST"])
@public_page
def follow_up(request: HttpRequest, lang: str) -> HttpResponse:
    error = ""
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            error = _check_challenge(form) or ""
            if not error:
                try:
                    tip = services.tip_open_with_code(raw_code=form.cleaned_data["code"])
                except services.ReceiptRejected as rejected:
                    error = str(THROTTLED if rejected.reason == "throttled" else WRONG_CODE)
                else:
                    if tip.status == TipStatus.SPAM:
                        error = str(WRONG_CODE)
                    else:
                        return _thread(request, lang, tip)
        if form.is_bound:
            data: Any = form.data.copy()  # type: ignore[attr-defined]
            data["code"] = ""  # never echo a code back into the page
            form.data = data
    else:
        form = CodeForm()
    context = _challenge_context(form)
    return _render(
        request, lang, "follow_up.html", {"form": form, "error": error, **context}, status=400 if error else 200
    )


@require_POST
@public_page
def thread_action(request: HttpRequest, lang: str) -> HttpResponse:
    tip = services.tip_from_access_token(request.POST.get("access", ""))
    if tip is None:
        form = CodeForm()
        context = _challenge_context(form)
        return _render(
            request,
            lang,
            "follow_up.html",
            {"form": form, "error": _("Your session has ended. Enter your receipt code again."), **context},
            status=400,
        )
    action = request.POST.get("action", "")
    try:
        if action == "reply":
            reply = ReplyForm(request.POST, request.FILES)
            if not reply.is_valid():
                raise ValidationError([str(e) for e in reply.errors.get("upload", [])] or _("Write a message."))
            services.tip_reporter_reply(tip=tip, body=reply.cleaned_data["body"], files=_files(request))
            return _thread(request, lang, tip, notice=_("Your message has been sent."))
        if action in ("agree", "decline"):
            services.tip_reporter_answer_forward(
                tip=tip, forward_request_id=request.POST.get("forward_request", ""), agree=action == "agree"
            )
            return _thread(request, lang, tip, notice=_("Thank you, your answer has been recorded."))
    except ValidationError as exc:
        return _thread(request, lang, tip, error=" ".join(exc.messages))
    return _thread(request, lang, tip)
