"""One settings module, read from the environment (see README and docs/deploy.md)."""

import hashlib
import hmac
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DJANGO_DEBUG mati.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "template_partials",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "pgtrigger",
    "django_tasks",
    "django_tasks_db",
    "wksbm",
    "registry",
    "finance",
    "distribution",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before SessionTimeoutMiddleware, which leaves a message when it ends a session.
    "django.contrib.messages.middleware.MessageMiddleware",
    "wksbm.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the login check: second factor and forced password change (registry.akun).
    "registry.akun.middleware.MasukAmanMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wksbm.urls"
WSGI_APPLICATION = "wksbm.wsgi.application"

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
                "registry.context_processors.peran",
            ],
            "builtins": ["wksbm.templatetags.indo"],
        },
    }
]

# Databases: SQLite by default (embedded), PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Without WAL, IMMEDIATE transactions and a busy timeout, concurrent writes fail
    # with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: lock a username+IP pair for 15 minutes after 5 failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
# Behind a reverse proxy every request comes from the proxy's address: read the client's
# from X-Forwarded-For instead (PROXY_COUNT trusted proxies; 1 with BEHIND_PROXY).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1" if env_bool("BEHIND_PROXY") else "0"))
AXES_CLIENT_IP_CALLABLE = "wksbm.security.client_ip"

# Two-factor sign-in (TOTP, django-otp): required for the roles in registry.access.wajib_dua_faktor.
# After each wrong code the next try waits 1, 2, 4, 8 ... seconds (per device, in the database).
OTP_TOTP_ISSUER = "WKSBM Admin"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# An export with NIK/No. KK asks for the password or a code again after this many seconds.
REAUTH_MAX_AGE = 10 * 60

# Sessions: 30 minutes idle, 12 hours in all (wksbm.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: stored under generated names, never routed by a URL, and
# downloaded only through views that apply the owning record's scoping.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/berkas-tidak-publik/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

FILTERS_EMPTY_CHOICE_LABEL = "Semua"
FILTERS_NULL_CHOICE_LABEL = "(kosong)"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Long exports run as background tasks (wksbm.ekspor; worker: `manage.py db_worker`): a book
# PDF over EKSPOR_LATAR_PDF_BARIS rows or over a chosen period of EKSPOR_LATAR_HARI days or
# more (a whole year), an Excel file (streamed in constant memory) over EKSPOR_LATAR_XLSX_BARIS.
EKSPOR_LATAR_PDF_BARIS = int(os.environ.get("EKSPOR_LATAR_PDF_BARIS", "500"))
EKSPOR_LATAR_XLSX_BARIS = int(os.environ.get("EKSPOR_LATAR_XLSX_BARIS", "20000"))
EKSPOR_LATAR_HARI = int(os.environ.get("EKSPOR_LATAR_HARI", "365"))
# A big PDF is rendered in chunks of EKSPOR_PDF_BAGIAN_BARIS rows by EKSPOR_PDF_PROSES
# parallel processes and merged (WeasyPrint takes about 0.33 MB per row of Data PPKS: 400 rows
# peak at 262 MB a process, 500 at 299 MB, in the same time: bench/ekspor.py); finished files
# are kept EKSPOR_MASA_SIMPAN_HARI days.
EKSPOR_PDF_BAGIAN_BARIS = int(os.environ.get("EKSPOR_PDF_BAGIAN_BARIS", "400"))
EKSPOR_PDF_PROSES = int(os.environ.get("EKSPOR_PDF_PROSES", "2"))
EKSPOR_MASA_SIMPAN_HARI = int(os.environ.get("EKSPOR_MASA_SIMPAN_HARI", "7"))
# UU PDP: a PPKS no longer served (tertangani/meninggal/pindah) with no aid or referral for
# more than PPKS_RETENSI_TAHUN years is anonymised by `manage.py purge_ppks` (docs/deploy.md).
PPKS_RETENSI_TAHUN = int(os.environ.get("PPKS_RETENSI_TAHUN", "5"))

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True
# Mask the middle of NIK/No. KK in history, not only the head (see wksbm.formatting.samarkan).
AUDITLOG_MASK_CALLABLE = "wksbm.formatting.samarkan"

# Key of the journal's HMAC chain (finance.ledger). Keep it out of the database and its
# backups; without it a tampered entry can't be given a valid hash. Defaults to a key
# derived from SECRET_KEY.
LEDGER_KEY = (
    os.environ.get("LEDGER_KEY")
    or hmac.new(SECRET_KEY.encode(), b"wksbm-ledger", hashlib.sha256).hexdigest()
)

# Key of the keyed NIK hashes (HMAC-SHA256) that let WKSBMs of one kabupaten warn of double
# aid without sharing NIKs (distribution.services.hash_nik). Derived from SECRET_KEY unless set.
NIK_HASH_KEY = (
    os.environ.get("NIK_HASH_KEY")
    or hmac.new(SECRET_KEY.encode(), b"wksbm-nik-hash", hashlib.sha256).hexdigest()
)

# WKSBM domain settings (domain.md §9: configurable until users confirm).
MASA_BAKTI_TAHUN = int(os.environ.get("MASA_BAKTI_TAHUN", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
