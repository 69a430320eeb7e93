"""Template helpers for the page chrome (menu, roles, languages), so `web/base.html` needs no settings."""

from __future__ import annotations

from typing import Any

from django import template

from senim.core.roles import Role
from senim.web.navigation import menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def senim_chrome(context: template.Context) -> dict[str, Any]:
    """Menu and role switcher for the signed-in user of this request (empty for anonymous visitors)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "roles": [], "acting_role": None, "acting_role_label": ""}
    path = request.path if request is not None else ""
    menu: list[dict[str, Any]] = [
        {**item, "current": path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))}
        for item in menu_for(user)
    ]
    return {
        "menu": menu,
        "roles": [(role, Role(role).label) for role in sorted(user.roles)],
        "acting_role": user.acting_role,
        "acting_role_label": Role(user.acting_role).label if user.acting_role else "",
    }


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced (pagination links keep the filters)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else None
    if params is None:
        return ""
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
