from typing import Any

from django.http import HttpRequest

from senim.core.roles import Role
from senim.web.navigation import menu_for


def senim(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "senim_menu": menu_for(user),
        "senim_roles": [(role, Role(role).label) for role in sorted(user.roles)],
        "senim_acting_role": user.acting_role,
        "senim_acting_role_label": Role(user.acting_role).label if user.acting_role else "",
    }
