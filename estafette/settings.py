"""Settings for Estafette, configured by environment variables (see README)."""

import importlib.util
from pathlib import Path

import dj_database_url
import sentry_sdk
from django.utils.translation import gettext_lazy as _

from estafette.env import env_bool, env_int, env_list, env_str, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("TESTING", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("REQUIRE_SECRET_KEY", False):
        raise RuntimeError("SECRET_KEY must be set in production")
    # The "django-insecure-" prefix makes `check --deploy` flag this key if it ever reaches production.
    SECRET_KEY = "django-insecure-dev-only-key-set-SECRET_KEY-in-production-0123456789"
# Old keys still accepted for signatures (sessions, reset links) while a new key rolls out.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "estafette.accounts.admin_config.TwoFactorAdminConfig",  # Django admin behind TOTP
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",  # the API docs use ninja's own Swagger UI files (a CDN is blocked by our CSP)
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "estafette.core",
    "estafette.accounts",
    "estafette.relay",
    "estafette.organisations",
    "estafette.activities",
    "estafette.partners",
    "estafette.agenda",
    "estafette.signups",
    "estafette.api",
    "estafette.mail",
    "estafette.pages",
    "estafette.results",
    "estafette.board",
    "estafette.figures",
    "estafette.posters",
    "estafette.knowledge",
    "estafette.demo",
    # The knowledge hub's CMS (Wagtail) and what it needs.
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "estafette.core.headers.SecurityHeadersMiddleware",  # Permissions-Policy, private pages
    "estafette.core.http.HttpMethodsMiddleware",  # HEAD and OPTIONS on every address
    "estafette.core.http.OpenDataCorsMiddleware",
    "estafette.core.staticfiles.StaticFilesMiddleware",
    "estafette.core.http.PublicGZipMiddleware",  # never on pages that vary on Cookie (BREACH)
    "django.middleware.http.ConditionalGetMiddleware",  # ETag on every GET, 304 on a match
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "estafette.accounts.middleware.RememberLanguageMiddleware",  # the language of later mails
]

ROOT_URLCONF = "estafette.urls"
WSGI_APPLICATION = "estafette.wsgi.application"
ASGI_APPLICATION = "estafette.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite by default (a laptop), PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE serialises writers instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A page's queries each read one edition: PostgreSQL's parallel workers cost more to start
    # than they save there (a ring of "near" rows: 16 ms with two workers, 4 ms without), and
    # they take the cores other requests are waiting for. DB_PARALLEL_WORKERS=2 gives them back.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env_int('DB_PARALLEL_WORKERS', 0)}"
    )
    # A bounded pool per app-server process (psycopg_pool): DB_POOL_SIZE connections at most,
    # matched to granian's --blocking-threads, so N app servers x W workers x DB_POOL_SIZE
    # stays under PostgreSQL's max_connections. A thread that waits longer than
    # DB_POOL_TIMEOUT for a connection gets the 503 page. DB_POOL_SIZE=0: no pool.
    DB_POOL_SIZE = env_int("DB_POOL_SIZE", 0 if TESTING else 8)
    if DB_POOL_SIZE:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_SIZE,
            "timeout": env_int("DB_POOL_TIMEOUT", 10),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set (several app servers), memory otherwise.
# Without Redis the site keeps serving (estafette/core/redis_cache.py); sessions live in the
# database with Redis in front, so nobody is logged out when Redis restarts.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "estafette.core.redis_cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "estafette",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# django-allauth: e-mail as the login, verified before use, no account enumeration.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Slimme Zorg Estafette] "
ACCOUNT_ADAPTER = "estafette.accounts.adapter.AccountAdapter"  # allauth's e-mails via the outbox
ACCOUNT_SIGNUP_FORM_CLASS = "estafette.accounts.forms.SignupForm"  # asks for the user's name
ACCOUNT_FORMS = {  # allauth's password forms, with their errors in our words
    "change_password": "estafette.accounts.allauth_forms.ChangePasswordForm",
    "set_password": "estafette.accounts.allauth_forms.SetPasswordForm",
    "reset_password_from_key": "estafette.accounts.allauth_forms.ResetPasswordKeyForm",
}
ACCOUNT_RATE_LIMITS = {
    # Failed log-ins count per address and per account-from-that-address (the key, see
    # AccountAdapter): a stranger cannot lock the owner out from elsewhere.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Slimme Zorg Estafette"
MFA_FORMS = {"activate_totp": "estafette.accounts.allauth_forms.ActivateTOTPForm"}

# Internationalisation: Dutch first, English complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "estafette" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# A test run never reads what `collectstatic` left in staticfiles/ (`make prod-test` makes it):
# a manifest of older sources there gave the browser tests pages without their CSS and scripts.
STATIC_ROOT = BASE_DIR / ("var/test-static" if TESTING else "staticfiles")
# Leaflet's own files come from the django-leaflet package (installed by pip, never copied in);
# only its static folder is used: the app itself would pull in GeoDjango and GDAL.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    Path(importlib.util.find_spec("leaflet").origin).parent / "static",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded and generated media: local files by default; MEDIA_STORAGE=s3 puts them on an
# S3-compatible store (django-storages) configured by the AWS_* variables in the README.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if MEDIA_STORAGE != "s3"
    else {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    },
    # Hashed names (served with a year's `immutable` caching), gzip and brotli copies made by
    # `collectstatic`; the same storage in tests. Chosen always: choosing it only when the
    # manifest existed meant `collectstatic` itself never wrote one.
    "staticfiles": {"BACKEND": "estafette.core.staticfiles.StaticFilesStorage"},
}
# Serve straight from the source folders when collectstatic has not run (a plain `runserver`).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_MANIFEST_STRICT = False

# E-mail: files in development, EMAIL_URL elsewhere; never hang a worker on SMTP.
_email = parse_email_url(env_str("EMAIL_URL", f"file://{BASE_DIR / 'var' / 'mail'}"))
EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
globals().update(_email)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Slimme Zorg Estafette <noreply@slimmezorgestafette.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers: strict by default, HTTPS-only settings when not in DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Production sets HTTPS=true (behind TLS); off by default so `runserver` works over plain HTTP.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind our own reverse proxy (nginx): trust its X-Forwarded-Proto and exactly one
# X-Forwarded-For hop (estafette.core.clients.client_ip); otherwise neither.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://service.pdok.nl"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Logs on stderr (journald keeps them); LOG_FORMAT=json gives one JSON object per line.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "estafette.core.logs.RedactSecrets"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_secrets"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Errors to Sentry (or a Sentry-compatible tracker such as GlitchTip) when SENTRY_DSN is set;
# no personal data is sent (send_default_pii off), no performance tracing unless asked.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Background tiles of the agenda's map view (PDOK BRT, WMTS in web mercator). Empty: no tiles;
# the map view then keeps the stylised map with counts per region, as it does when the tile
# server cannot be reached.
MAP_TILES_URL = env_str(
    "MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
MAP_TILES_ATTRIBUTION = env_str(
    "MAP_TILES_ATTRIBUTION", 'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>'
)

# Posters and social cards: fonts from the system (Debian's fonts-dejavu-core); own images.
POSTER_FONT_DIRS = env_list(
    "POSTER_FONT_DIRS", "/usr/share/fonts/truetype/dejavu,/usr/local/share/fonts/dejavu"
)
ACTIVITY_IMAGE_MAX_BYTES = env_int("ACTIVITY_IMAGE_MAX_BYTES", 5 * 1024 * 1024)

# Knowledge hub (Wagtail): pages in Dutch with English twins (Wagtail's own i18n), the editor at
# /redactie/ behind the site's login (allauth) and two factors.
WAGTAIL_SITE_NAME = "Slimme Zorg Estafette"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are managed by the account pages
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "xlsx", "png", "jpg", "svg", "zip", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = ACTIVITY_IMAGE_MAX_BYTES * 2
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []  # no calls to outside oEmbed services

SECURITY_CONTACT = env_str("SECURITY_CONTACT", "security@slimmezorgestafette.nl")

# Relay and privacy knobs.
SIGNUP_RETENTION_DAYS = env_int("SIGNUP_RETENTION_DAYS", 90)
SIGNUP_HOLD_MINUTES = env_int("SIGNUP_HOLD_MINUTES", 60)  # an unconfirmed sign-up keeps its places
# Abuse limits on the public sign-up form (fixed window in the cache: Redis when REDIS_URL is set).
# SIGNUP_LIMITS=false turns the rate limits and the minimum-time check off: for `make bench` only.
SIGNUP_LIMITS = env_bool("SIGNUP_LIMITS", True)
SIGNUP_MIN_SECONDS = env_int("SIGNUP_MIN_SECONDS", 3)
SIGNUP_LIMIT_PER_IP = env_int("SIGNUP_LIMIT_PER_IP", 20)  # per 10 minutes
SIGNUP_LIMIT_PER_EMAIL = env_int("SIGNUP_LIMIT_PER_EMAIL", 5)  # per hour
PARTNER_INVITATIONS_PER_HOUR = env_int("PARTNER_INVITATIONS_PER_HOUR", 10)  # per organiser
# "on_commit" tries to send right after the transaction (development, tests); "worker" leaves
# it to `manage.py send_outbox --loop`. Either way the outbox row is written first.
# Bulk import of activities: bigger files or more rows get a Dutch message, nothing is read
# past the limits (an XLSX is refused when its unpacked parts together exceed the last one).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5000)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 40 * 1024 * 1024)
# Back-off of a failed send: MAIL_RETRY_SECONDS times 2, 4, 8 ... (at most four hours).
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
MAIL_DELIVERY = env_str(
    "MAIL_DELIVERY", "worker" if EMAIL_BACKEND.endswith("smtp.EmailBackend") else "on_commit"
)
