"""Sign-in and sign-out pages (Django's views; the security module adds the second factor and lock-out)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


@method_decorator(require_POST, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """Sign-out by POST only: a link or an image tag elsewhere cannot sign anyone out."""
