"""Senim settings: one env-driven module. See docs/architecture.md and docs/security.md."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from senim.core.secrets import load_secrets

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SENIM_VAR_DIR", PROJECT_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_flag("SENIM_PRODUCTION")
_secrets = load_secrets(VAR_DIR, production=PRODUCTION)
SECRET_KEY = _secrets["SENIM_SECRET_KEY"]
SENIM_FIELD_KEYS = _secrets["SENIM_FIELD_KEYS"]
SENIM_BLIND_INDEX_KEY = _secrets["SENIM_BLIND_INDEX_KEY"]

DEBUG = env_flag("SENIM_DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("SENIM_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SENIM_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "senim.core",
    "senim.people",
    "senim.cases",
    "senim.referrals",
    "senim.screening",
    "senim.linkage",
    "senim.network",
    "senim.tips",
    "senim.synth",
    "senim.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "senim.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "senim.core.middleware.SessionCookieShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "senim.core.csrf.FetchMetadataCsrfViewMiddleware",  # Django's, under no-referrer: core/csrf.py
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "senim.core.sessions.SessionExpiryMiddleware",
    "senim.core.twofactor.RequireTwoFactorMiddleware",
    "senim.core.middleware.ActingRoleMiddleware",
    "senim.core.middleware.DisplayTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "senim.urls"
WSGI_APPLICATION = "senim.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'senim.sqlite3'}",
        conn_max_age=int(os.environ.get("SENIM_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 30, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"
AUTHENTICATION_BACKENDS = ["senim.core.lockout.LockoutBackend"]  # ModelBackend with throttling and lock-out
SENIM_REQUIRE_2FA = env_flag("SENIM_REQUIRE_2FA", True)  # TOTP for every staff session (docs/security.md)
SENIM_LOGIN_MAX_FAILURES = 5
SENIM_LOGIN_LOCK_SECONDS = 15 * 60
SENIM_AUDIT_CHAINS = int(os.environ.get("SENIM_AUDIT_CHAINS", "1"))  # >1 shards the audit chain: core.services
SENIM_JOB_LEASE_SECONDS = int(os.environ.get("SENIM_JOB_LEASE_SECONDS", "300"))  # docs/architecture.md, Worker
SENIM_IMPORT_MAX_BYTES = int(os.environ.get("SENIM_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
SENIM_IMPORT_MAX_ROWS = int(os.environ.get("SENIM_IMPORT_MAX_ROWS", "100000"))
SENIM_SESSION_IDLE_SECONDS = int(os.environ.get("SENIM_SESSION_IDLE_SECONDS", str(30 * 60)))
OTP_TOTP_ISSUER = "Senim"
OTP_TOTP_THROTTLE_FACTOR = 1
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))]
# The public reporting page also speaks the languages of the countries of origin.
PUBLIC_LANGUAGES = [*LANGUAGES, ("uz", _("Uzbek")), ("ky", _("Kyrgyz")), ("tg", _("Tajik"))]
# No project-level LOCALE_PATHS: every catalogue lives in its app (src/senim/<app>/locale), and
# `makemessages` run in an app without a locale folder stops instead of writing somewhere shared.
TIME_ZONE = "UTC"
DISPLAY_TIME_ZONE = os.environ.get("SENIM_DISPLAY_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_AGE = int(os.environ.get("SENIM_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
# URLs carry case and person ids: no page tells any site, ours included, where the user came from.
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("SENIM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REDIS_URL = os.environ.get("SENIM_REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "senim.core.csrf.SessionAuthentication",
        "senim.core.authentication.RoleTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "senim.core.apitools.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "senim.core.apitools.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Senim API",
    "DESCRIPTION": "National Referral Mechanism against trafficking in persons.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AssistanceStatusEnum": "senim.cases.models.AssistanceStatus",
        "CriminalStatusEnum": "senim.cases.models.CriminalStatus",
        "ArticleEnum": "senim.cases.articles.ARTICLE_KEYS",
        "ScreeningStatusEnum": "senim.screening.models.ScreeningStatus",
        "TipStatusEnum": "senim.tips.models.TipStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SENIM_LOG_LEVEL", "WARNING")},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
