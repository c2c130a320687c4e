"""Levelfield's settings, all read from the environment.

SQLite and DEBUG-off are the defaults; `make run` turns DEBUG on for local use and
production sets DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS. See README.md.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url

from levelfield.lib.env import env_bool, env_int, env_list, env_str, local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# Test mode relaxes what only matters for real deployments (secure cookies, HSTS, SSL
# redirect, rate limits, slow password hashing). It comes only from this explicit
# setting, which levelfield/settings_test.py (the test suite's settings) turns on:
# importing pytest, or anything else, never changes production settings.
TESTING = env_bool("LEVELFIELD_TESTING", default=False)

# Tests use a throwaway key; development (`make run`) makes its own random key once,
# kept in the git-ignored file .secret-key; production must set SECRET_KEY.
if TESTING:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-test-key-not-for-production-use-0123456789")
elif DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "") or local_secret_key(
        Path(env_str("SECRET_KEY_FILE", str(BASE_DIR / ".secret-key")))
    )
else:
    SECRET_KEY = env_str("SECRET_KEY")

# The address people reach Levelfield at, for links in emails sent outside a request
# (reminders from the background worker).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG or TESTING else None).rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "levelfield.people",
    "levelfield.collectives",
    "levelfield.projects",
    "levelfield.places",
    "levelfield.history",
    "levelfield.ratelimits",
    "levelfield.periodic",
    "levelfield.sealing",
    "levelfield.decisions",
    "levelfield.notifications",
    # translations: members' translations of what people write (below the apps using it)
    "levelfield.translations",
    "levelfield.easyread",  # easyread: easy-read versions of pages (found through manifests)
    "levelfield.invitations",
    "levelfield.deliberation",
    "levelfield.reflection",
    "levelfield.payments",
    "levelfield.resources",
    "levelfield.learning",  # learning
    "levelfield.reviews",  # reviews
    # documents
    "levelfield.documents",
    "levelfield.events",
    "levelfield.priorities",  # priorities
    "levelfield.stories",  # stories
    "levelfield.reports",  # reports
    "levelfield.outputs",
    "levelfield.impact",  # impact
    "levelfield.analysis",
    "levelfield.tasks",  # tasks
    "levelfield.threads",
    "levelfield.opportunities",  # opportunities
    "levelfield.partners",  # partners
    "levelfield.home",  # above every other app: reads their manifests
    "levelfield.jobs",  # jobs: background work a person asked for (ground layer)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in person's own choice of language wins.
    "levelfield.people.language.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "levelfield.home.header.ForgetNeedsCountAfterChanges",
    # Last, so that it sees the outcome of authentication attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "levelfield.urls"
WSGI_APPLICATION = "levelfield.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "levelfield" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "levelfield.home.header.needs_count",
            ],
            "builtins": ["levelfield.templatetags.levelfield"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock rather than failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out person before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing is deliberately slow; tests hash hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: email addresses are the log-in; every address is verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Levelfield: "
# Our subclasses only reword allauth's forms in plain English.
ACCOUNT_FORMS = {
    "signup": "levelfield.people.forms.SignupForm",
    "login": "levelfield.people.forms.LoginForm",
    "reset_password": "levelfield.people.forms.ResetPasswordForm",
    "reset_password_from_key": "levelfield.people.forms.ResetPasswordKeyForm",
    "change_password": "levelfield.people.forms.ChangePasswordForm",
    "add_email": "levelfield.people.forms.AddEmailForm",
    "reauthenticate": "levelfield.people.forms.ReauthenticateForm",
}
ACCOUNT_ADAPTER = "levelfield.people.adapters.AccountAdapter"
# Failed sign-ins are slowed per account AND address together (axes, below), never per
# account alone: allauth's default "5/5m/key" let anyone pause the owner's sign-in from
# every address. allauth keeps a per-address limit on failures across all accounts
# (password spraying). Tests turn allauth's limits off (False; an empty dict would keep
# allauth's defaults) and turn these on where they test them.
ACCOUNT_RATE_LIMITS_IN_USE = {"login_failed": "10/m/ip"}
ACCOUNT_RATE_LIMITS = False if TESTING else ACCOUNT_RATE_LIMITS_IN_USE
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Levelfield"
# Accept the code from one 30-second step either side: people typing slowly (or with
# assistive technology) and clocks that drift should not be locked out.
MFA_TOTP_TOLERANCE = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# Slow down, never lock: after AXES_FAILURE_LIMIT wrong passwords for one account from
# one address, that pair waits a few minutes; the owner elsewhere is not affected, and a
# password reset (a link to the owner's inbox) clears the account's failures at once.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 5))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "levelfield.people.security.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_CLIENT_IP_CALLABLE = "levelfield.ratelimits.client_address"
# How long every sign-in's address, browser and email (axes' logs) are kept before
# `python manage.py delete_expired_records` (daily from cron) deletes them.
SIGN_IN_RECORD_DAYS = env_int("SIGN_IN_RECORD_DAYS", 30)

# How many reverse proxies (load balancer, nginx...) stand in front of the app and
# append to X-Forwarded-For. 0 (the default) uses the connection's own address; behind
# proxies set it, or every sender looks like the proxy. One setting for the rate
# limits, axes and allauth.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# The one rate limiter's rules (levelfield/ratelimits): each limit reads
# "<count> per <minute|hour|day> per <account|email|address|collective>".
RATE_LIMITS = {
    # Someone asks to get involved: coordinators are emailed for each message.
    "get_involved": [
        "3 per day per email",
        "3 per day per account",
        "5 per hour per address",
        "12 per hour per collective",
    ],
    # Asking to join a listed collective (the directory): its coordinators are emailed.
    "join_request": ["5 per day per account", "20 per hour per collective"],
    "story_comment": ["10 per hour per account", "30 per hour per address"],
    # A family or a ward computer may answer several times; a script answers hundreds.
    "priorities_survey": ["20 per hour per address"],
    "priorities_interim": ["20 per hour per address"],
    # Expressing interest in an opportunity: its organisers are emailed for each one.
    "opportunity_interest": [
        "5 per day per email",
        "5 per day per account",
        "10 per hour per address",
    ],
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Levelfield <hello@levelfield.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# One cache shared by every server when REDIS_URL is set (Django's own Redis backend);
# otherwise each process keeps its own in memory, which is enough for one server.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    # Django's default of 300 entries is too few once pages keep rows (a thread's posts,
    # a list's rows, each person's home lists): they would push each other out.
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

# The interface's languages. English is the source; every other language has a catalogue
# (locale/<code>/LC_MESSAGES/django.po, compiled to django.mo) in each app and, for the
# shared layout, in levelfield/locale: `make messages` updates them all. A person's choice
# is kept on their profile; a visitor's in the language cookie, else the browser's wish.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "levelfield" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "levelfield" / "static",
    # GOV.UK Frontend comes from the npm registry as ready-made files.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
# Uploads (receipts, review documents, resource files, pictures) go through Django's
# storage API: to S3-compatible object storage when STORAGE_BUCKET is set, so every server
# sees the same files; to MEDIA_ROOT on this machine otherwise. Files stay private: views
# that check access stream them, and the bucket needs no public access.
STORAGE_BUCKET = env_str("STORAGE_BUCKET", "")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env_str("STORAGE_ENDPOINT_URL", "") or None,
            "region_name": env_str("STORAGE_REGION", "") or None,
            "access_key": env_str("STORAGE_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("STORAGE_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("STORAGE_PREFIX", ""),
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    if STORAGE_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "media"
# Without `collectstatic` (development, tests) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# "You have a place", "Your answer is saved": a success message rides in a signed cookie
# (Secure, HttpOnly, as the session's) to the page after the redirect, and in the session
# only when too long for one. Kept in the session, every write and the page after it each
# wrote the session row again (three statements and a transaction a request).
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"
# Sessions live in PostgreSQL (shared by every server, ended there on signing out);
# this store only reads them with a fixed SQL statement (see levelfield/lib/sessions.py).
SESSION_ENGINE = "levelfield.lib.sessions"

# Security. Production runs behind a TLS-terminating proxy (see README).
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
LANGUAGE_COOKIE_SECURE = not (DEBUG or TESTING)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers check /health/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG or TESTING else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere: every script is a file under /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Anonymous results (check-ins, who-has-voted) appear only at this group size.
MINIMUM_ANONYMOUS_GROUP = 5
# Invitation links expire unless the person who made one chose otherwise.
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)

# Every form field renders GOV.UK Frontend markup (label, hint, error by the field).
FORM_RENDERER = "levelfield.lib.forms.GovukFormRenderer"
CSRF_FAILURE_VIEW = "levelfield.lib.views.csrf_failure"
