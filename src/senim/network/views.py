"""Network pages (thin): networks list, chart of a person's or a case's network (data as JSON for the
Cytoscape.js chart in static/network/chart.js), scores CSV, accountability-gap report and its CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from senim.core.access import has_permission
from senim.core.models import Job
from senim.core.regions import Region
from senim.core.services import job_enqueue
from senim.network import gap, labels, selectors
from senim.network.models import EdgeKindChoice
from senim.network.permissions import NetworkPermission


def _user(request: HttpRequest) -> Any:
    user: Any = request.user
    if not has_permission(user, NetworkPermission.VIEW):
        raise PermissionDenied
    return user


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    networks = list(selectors.visible_networks(user)[:200])
    last_job = Job.objects.filter(kind="network.build").order_by("-created_at").first()
    return render(
        request,
        "network/index.html",
        {
            "networks": networks,
            "can_build": has_permission(user, NetworkPermission.BUILD),
            "can_see_gap": has_permission(user, NetworkPermission.VIEW_GAP),
            "last_job": last_job if has_permission(user, NetworkPermission.BUILD) else None,
        },
    )


@login_required
@require_POST
def build(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not has_permission(user, NetworkPermission.BUILD):
        raise PermissionDenied
    job_enqueue(actor=user, kind="network.build", params={"full": bool(request.POST.get("full"))})
    messages.success(request, _("The link graph will be rebuilt by the worker."))
    return redirect("network:index")


def _chart_page(request: HttpRequest, data_url: str, title: str, csv_url: str) -> HttpResponse:
    return render(
        request,
        "network/chart.html",
        {
            "title": title,
            "data_url": data_url,
            "csv_url": csv_url,
            "edge_kinds": EdgeKindChoice.choices,
            "roles": [(k, v) for k, v in labels.ROLE_LABELS.items()],
            "charges": list(labels.CHARGE_LABELS.items()),
        },
    )


@login_required
def person_chart(request: HttpRequest, person_id: str) -> HttpResponse:
    user = _user(request)
    chart = selectors.person_chart(user, person_id)  # checks scope (404) before rendering anything
    return _chart_page(
        request,
        reverse("network:person-data", args=[person_id]),
        _("Network of a person"),
        reverse("network:scores-csv") + (f"?network={chart.network}" if chart.network is not None else ""),
    )


@login_required
def case_chart(request: HttpRequest, case_id: str) -> HttpResponse:
    user = _user(request)
    chart = selectors.case_chart(user, case_id)
    return _chart_page(
        request,
        reverse("network:case-data", args=[case_id]),
        _("Network of a criminal case"),
        reverse("network:scores-csv") + (f"?network={chart.network}" if chart.network is not None else ""),
    )


def _chart_json(chart: selectors.ChartData) -> JsonResponse:
    labels_payload = {
        "roles": {k: str(v) for k, v in labels.ROLE_LABELS.items()},
        "charges": {k: str(v) for k, v in labels.CHARGE_LABELS.items()},
        "kinds": {k: str(v) for k, v in EdgeKindChoice.choices},
    }
    return JsonResponse(
        {"elements": chart.elements, "truncated": chart.truncated, "network": chart.network, "labels": labels_payload}
    )


@login_required
def person_data(request: HttpRequest, person_id: str) -> JsonResponse:
    return _chart_json(selectors.person_chart(_user(request), person_id))


@login_required
def case_data(request: HttpRequest, case_id: str) -> JsonResponse:
    return _chart_json(selectors.case_chart(_user(request), case_id))


@login_required
def node_data(request: HttpRequest, node_id: str) -> JsonResponse:
    return _chart_json(selectors.node_expand(_user(request), node_id))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def scores_csv(request: HttpRequest) -> HttpResponse:
    """Pseudonymous, like the gap CSV: person ids, never names (a file with names is a person export, which
    needs a second approver; docs/security.md)."""
    rows = selectors.score_rows(_user(request), _int(request.GET.get("network")))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network-scores.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(["id", "network_id", "organizer_score", "role", "person_id"])
    for node_id, network, score, role, person_id in rows:
        writer.writerow(
            [node_id, network if network is not None else "", "" if score is None else f"{score:.4f}", role, person_id]
        )
    return response


def _gap_filters(request: HttpRequest) -> selectors.GapFilters:
    region = request.GET.get("region", "")
    year = _int(request.GET.get("year"))
    return selectors.GapFilters(
        region=region if region in Region.values else "",
        year=year if year is not None and selectors.GAP_YEARS[0] <= year <= selectors.GAP_YEARS[1] else None,
        network=_int(request.GET.get("network")),
    )


def _gap_user(request: HttpRequest) -> Any:
    user: Any = request.user
    if not has_permission(user, NetworkPermission.VIEW_GAP):
        raise PermissionDenied
    return user


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


@login_required
def gap_report(request: HttpRequest) -> HttpResponse:
    user = _gap_user(request)
    filters = _gap_filters(request)
    by = request.GET.get("by", "network")
    by = by if by in labels.GROUPINGS else "network"
    persons, visible = selectors.gap_persons(user, filters)
    totals = gap.shares(persons)
    grouped = [
        {
            "key": key,
            "shares": s,
            "organizer_share": _share(s.organizer_share),
            "executor_share": _share(s.executor_share),
        }
        for key, s in gap.shares_by(persons, by)
    ]
    breakdown = [
        {
            "group": group,
            "role": labels.ROLE_LABELS.get(role, role),
            "charge": labels.CHARGE_LABELS.get(charge, charge),
            "outcome": labels.OUTCOME_LABELS.get(outcome, outcome),
            "count": count,
        }
        for group, role, charge, outcome, count in gap.breakdown(persons, by)
    ]
    names = selectors.person_labels(user, visible)
    flagged = [
        {
            "network": flag.network,
            "region": Region(flag.region).label if flag.region in Region.values else flag.region,
            "year": flag.year,
            "executors_convicted": flag.executors_convicted,
            "organizers": [
                {
                    "name": names.get(p.person_id, _("restricted")),
                    "url": reverse("network:person", args=[p.person_id]) if p.person_id in names else "",
                    "score": p.organizer_score,
                    "charge": labels.CHARGE_LABELS[p.charge_class],
                    "source": p.role_source,
                }
                for p in flag.organizers_uncharged
            ],
        }
        for flag in gap.flagged_networks(persons)
    ]
    return render(
        request,
        "network/gap.html",
        {
            "filters": filters,
            "by": by,
            "groupings": list(labels.GROUPINGS.items()),
            "regions": Region.choices,
            "totals": totals,
            "organizer_share": _share(totals.organizer_share),
            "executor_share": _share(totals.executor_share),
            "grouped": grouped,
            "breakdown": breakdown,
            "flagged": flagged,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def gap_csv(request: HttpRequest) -> HttpResponse:
    user = _gap_user(request)
    persons, visible = selectors.gap_persons(user, _gap_filters(request))
    flagged = {f.network for f in gap.flagged_networks(persons)}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="accountability-gap.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(
        [
            "network_id",
            "region",
            "year",
            "person_id",
            "role",
            "role_source",
            "charge",
            "outcome",
            "organizer_score",
            "network_flagged",
        ]
    )
    for p in persons:
        writer.writerow(
            [
                p.network if p.network is not None else "",
                p.region,
                p.year or "",
                p.person_id if p.person_id in visible else selectors.RESTRICTED,
                p.role,
                p.role_source,
                p.charge_class,
                p.outcome,
                "" if p.organizer_score is None else f"{p.organizer_score:.4f}",
                "yes" if p.network in flagged else "no",
            ]
        )
    return response
