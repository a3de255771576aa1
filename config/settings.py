"""DocAnswers settings: one module, every knob an environment variable.

Development (`make run`) sets DEBUG=1 and needs nothing else. Production leaves DEBUG unset
and must provide SECRET_KEY and ALLOWED_HOSTS; the README lists every variable.
"""

from datetime import timedelta
from pathlib import Path

from django.contrib.messages import constants as messages
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import database_from_url, env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random SECRET_KEY environment "
            "variable (python -c 'import secrets; print(secrets.token_urlsafe(50))'); "
            "for local development set DEBUG=1 instead."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the site's host names, comma-separated "
        "(ALLOWED_HOSTS=docanswers.example,www.docanswers.example)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Where the site lives, for links in emails sent from background tasks.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "moderation.apps.ModerationAdminConfig",  # django.contrib.admin, as the moderators' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "django.contrib.postgres",  # full-text search fields and lookups (idle on SQLite)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",  # "where you are logged in", and logging out everywhere
    "django_tasks_db",
    "taggit",
    "django_htmx",
    "accounts",
    "treatments",
    "doctors",
    "forum",
    "consultations",  # patients' private consultation requests to doctors
    "gallery",  # doctors' before-and-after photo pairs
    "moderation",
    "privacy",  # on top: account deletion and data export reach every app
    "pages",  # About, Privacy, Terms, Contact
    "pagecache",
    "web",  # template tags shared by the pages of several apps
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, compressed ahead of time
    # Pages compressed, cached ones too, except where BREACH could guess a secret.
    "web.compression.CompressionMiddleware",
    # Before sessions and authentication: a visitor's cached page costs no database query.
    "pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.csp.ContentSecurityPolicyMiddleware",  # Django's, the policy built once
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.BannedUserMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite file by default, PostgreSQL through psycopg 3 in production.
DATABASES = {
    "default": database_from_url(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The test database is a file, not memory: the browser tests' live server answers on
    # several threads at once, and threads must not share one in-memory connection; and
    # --reuse-db (the suite's default) keeps it from one run to the next (git-ignored).
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: allauth keeps its rate limits and used TOTP codes here, so every web worker must
# share it in production: REDIS_URL. Without it, each process has its own (fine for one).
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": {"BACKEND": "web.cache.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Whole pages for anonymous visitors, kept until a write changes what pages show (pagecache/).
# Every web worker must see the same cache for a write in one to reach the others, so it is
# on with REDIS_URL and off with the per-process cache, unless PAGE_CACHE_SECONDS says otherwise.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0)
# Writes that no public page shows leave the cached pages as they are: whole apps by label, or
# models as "app_label.Model" (their tables are looked up at startup, so db_table may change).
PAGE_CACHE_IGNORED_MODELS = [
    "sessions",
    "admin",  # the admin's log of changes
    "django_tasks_database",  # the task queue
    "account",  # allauth: email addresses and confirmations
    "mfa",
    "usersessions",
    "accounts.DataExport",
    "accounts.Notification",  # a member's own list, never cached (signed-in pages)
    "doctors.VerificationDecision",
    "forum.QuestionFollow",
    "treatments.TreatmentFollow",  # a member's own choice: visitors' pages never show it
    "forum.AnswerVote",  # the counts that pages show are stored on the answer
    "moderation.Report",
    "moderation.ModerationAction",
    "consultations",  # private threads: no visitor's page shows any of them
]
# Fields whose update on its own changes no page: logging in stamps the user's row, whose
# display name and role pages do show. An answer's helpful count shows on its question's page
# alone: the votes move that page's own generation on (forum.models.page_scope).
PAGE_CACHE_IGNORED_FIELDS = ["accounts.User.last_login", "accounts.User.unread_notifications"]
PAGE_CACHE_IGNORED_FIELDS += ["forum.Answer.helpful_count"]
# Sessions in the database, read through the shared cache: a member's request costs a Redis
# GET instead of a query. Only a cache every worker shares may hold them (a logout or "log out
# everywhere" in one worker must reach the others), so without REDIS_URL they are read from
# the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
if PAGE_CACHE_REDIS_URL := env("PAGE_CACHE_REDIS_URL"):
    # Pages in a Redis of their own (maxmemory with allkeys-lru): however many URLs are
    # visited, they never push allauth's rate limits and used codes out of the default one.
    CACHES["pages"] = {
        "BACKEND": "web.cache.RedisCache",
        "LOCATION": PAGE_CACHE_REDIS_URL,
    }

# Background work: django.tasks, stored in the database and run by `manage.py db_worker`.
# Development runs tasks in the request instead, so no worker is needed for `make run`.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DocAnswers] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# A borrowed session is not enough to take an account over: changing the email address or the
# password, setting up two-factor, deleting the account and downloading its data all ask for
# the password (or a code) again, once per 5 minutes (privacy/views.py for the last two).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# The old address is told when the email changes, and members when the password changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's rate limits (sign-up, log-in failures, password resets, email confirmations) are
# on by default; the defaults are spelled out here so that they are not switched off by accident.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Sessions are recorded at login. Tracking each one's last activity would write to the
# database on every signed-in page view, so it stays off.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_TOTP_ISSUER = "DocAnswers"

# Email: printed to the console in development, SMTP from the environment in production.
EMAIL_BACKEND_PATH = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "DocAnswers <no-reply@docanswers.example>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = env_list("ADMINS")
# The team's inbox: the contact page shows it, and its form sends messages there.
CONTACT_EMAIL = env("CONTACT_EMAIL", "support@docanswers.example")

# Static files: hashed and compressed by whitenoise; media (patients' photos) stays private.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded photos: a folder on this server, or, with S3_BUCKET set, a private bucket of S3 or
# any S3-compatible store (S3_ENDPOINT_URL), which every app server behind a load balancer
# shares. Files are read back only through the site's photo views, never linked to directly.
S3_BUCKET = env("S3_BUCKET")
DEFAULT_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "location": env("S3_PREFIX"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security. HTTPS is assumed unless DEBUG is on; HTTPS=0 serves production settings over
# plain HTTP on a private address (as `make serve` does on 127.0.0.1).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is hard to undo, so it is a deliberate choice: HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
if env_bool("BEHIND_PROXY", False):
    # One proxy in front (nginx, a load balancer) terminates TLS and says so in this header,
    # and appends the visitor's address to X-Forwarded-For: allauth's per-IP rate limits must
    # count the visitor, not the proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ALLAUTH_TRUSTED_PROXY_COUNT = 1
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms (and htmx) send the token in a field
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# No inline script or style anywhere: scripts that must be inline carry the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],  # blob: previews photos before they are sent
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

MESSAGE_TAGS = {messages.ERROR: "error"}

# Treatments are django-taggit tags: "Botox" and "botox" are one treatment.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "treatments.tagging.treatments_from_string"
TAGGIT_STRING_FROM_TAGS = "treatments.tagging.treatments_to_string"

# Photos are served by a view that checks who may see them. Behind nginx, set this to an
# `internal` location that maps to MEDIA_ROOT, and the view hands the file over to nginx
# with X-Accel-Redirect instead of streaming it through Python (README: Production).
PHOTO_ACCEL_REDIRECT_PREFIX = env("PHOTO_ACCEL_REDIRECT_PREFIX")
if PHOTO_ACCEL_REDIRECT_PREFIX and S3_BUCKET:
    raise ImproperlyConfigured(
        "PHOTO_ACCEL_REDIRECT_PREFIX hands photo files to nginx from MEDIA_ROOT, but S3_BUCKET "
        "keeps them in a bucket: set one or the other."
    )

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Moderation: how many different members' open reports hide an item until a moderator looks,
# and how many questions, answers, reviews and reports an account may post per hour
# (established accounts, accounts younger than NEW_ACCOUNT_AGE).
MODERATION_AUTO_HIDE_REPORTERS = env_int("MODERATION_AUTO_HIDE_REPORTERS", 3)
NEW_ACCOUNT_AGE = timedelta(hours=24)
POSTING_LIMITS = {
    "question": (10, 3),
    "answer": (30, 10),
    "review": (10, 3),
    "report": (30, 10),
    "update": (20, 5),
    "pair": (10, 3),  # doctors' before-and-after photos
    "consultation": (5, 2),  # patients' requests to doctors
    "message": (60, 20),  # messages in consultations
}
