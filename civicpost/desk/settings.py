"""Django settings for the desk, read from environment variables (see the README's table).

The embedded default needs none of them: SQLite in the instance folder, a worker beside the web
server, e-mail written to files in the instance folder, the working day ending at 18:00 London time.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from civicpost.desk import env

PACKAGE = Path(__file__).resolve().parent
INSTANCE = env.instance_folder()
(INSTANCE / "static").mkdir(exist_ok=True)

SECRET_KEY = env.secret_key(INSTANCE)
DEBUG = env.flag("CIVICPOST_DEBUG", False)
ALLOWED_HOSTS = env.words("CIVICPOST_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env.words("CIVICPOST_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "civicpost.desk.pages",
    "civicpost.desk.councils",
    "civicpost.desk.accounts",
    "civicpost.desk.audit",
    "civicpost.desk.channels",
    "civicpost.desk.posts",
    "civicpost.desk.jobs",
    "civicpost.desk.personal",
    "civicpost.desk.policies",
    "civicpost.desk.people",
    "civicpost.desk.elections",
    "civicpost.desk.inbox",
    "civicpost.desk.incidents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "civicpost.desk.councils.middleware.CurrentCouncil",
    "civicpost.desk.accounts.middleware.WorkingDaySessions",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "civicpost.desk.urls"
WSGI_APPLICATION = "civicpost.desk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civicpost.desk.councils.context.council",
            ],
            # The GOV.UK form components (govuk_field, ...) are on nearly every page.
            "builtins": ["civicpost.desk.pages.templatetags.govuk"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{INSTANCE / 'civicpost.sqlite3'}"),
        conn_max_age=env.number("CIVICPOST_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing ("database is locked"); readers never wait for a writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "councils:dashboard"

# Failed sign-ins: five in fifteen minutes locks that address for that account (django-axes).
AXES_FAILURE_LIMIT = env.number("CIVICPOST_SIGN_IN_ATTEMPTS", 5, minimum=1)
AXES_COOLOFF_TIME = env.number("CIVICPOST_SIGN_IN_LOCKOUT_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "civicpost.desk.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Loughton §3: log out at the end of the working day. Sessions also end after inactivity.
CIVICPOST_WORKING_DAY_END = env.clock_time("CIVICPOST_WORKING_DAY_END", "18:00")
CIVICPOST_WORKING_DAY_START = env.clock_time("CIVICPOST_WORKING_DAY_START", "08:00")
CIVICPOST_IDLE_MINUTES = env.number("CIVICPOST_IDLE_MINUTES", 30, minimum=1)
CIVICPOST_APPROVAL_VALID_HOURS = env.number("CIVICPOST_APPROVAL_VALID_HOURS", 72, minimum=1)
CIVICPOST_JOBS = env.choice("CIVICPOST_JOBS", "database", ("database", "celery"))
CIVICPOST_REDIS_URL = env.text("CIVICPOST_REDIS_URL", "redis://localhost:6379/0")
# The desk's address as the platforms' servers reach it, e.g. https://desk.example-tc.gov.uk:
# Instagram fetches a post's images from the desk while publishing (see posts/public_media.py).
CIVICPOST_PUBLIC_URL = env.text("CIVICPOST_PUBLIC_URL", "")
# The working-day and inactivity limits are enforced (and audited) by WorkingDaySessions; the
# cookie's own age is only the outer bound.
SESSION_COOKIE_AGE = 24 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.flag("CIVICPOST_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.text("CIVICPOST_TIME_ZONE", "Europe/London")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = INSTANCE / "static"
STATICFILES_DIRS = [PACKAGE / "frontend" / "build"]
MEDIA_ROOT = INSTANCE / "uploads"
MEDIA_URL = "/uploads/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env.text("CIVICPOST_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = INSTANCE / "mail"
EMAIL_HOST = env.text("CIVICPOST_EMAIL_HOST", "localhost")
EMAIL_PORT = env.number("CIVICPOST_EMAIL_PORT", 25)
EMAIL_HOST_USER = env.text("CIVICPOST_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env.text("CIVICPOST_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env.flag("CIVICPOST_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env.text("CIVICPOST_FROM_EMAIL", "civicpost@localhost")

CSRF_FAILURE_VIEW = "civicpost.desk.pages.views.csrf_failure"

# What the dashboard shows and which banners every page carries; each app adds its own.
CIVICPOST_DASHBOARD_PANELS = [
    "civicpost.desk.councils.panels.worker_panel",
    "civicpost.desk.councils.panels.post_panels",
    "civicpost.desk.personal.views.counts_panel",
    "civicpost.desk.policies.dashboard.policy_panels",
    "civicpost.desk.channels.dashboard.channel_panel",
    "civicpost.desk.elections.dashboard.election_panel",
    "civicpost.desk.inbox.dashboard.inbox_panel",
    "civicpost.desk.incidents.dashboard.incidents_panel",
]
CIVICPOST_BANNERS: list[str] = [
    "civicpost.desk.elections.dashboard.pre_election_banner",
    "civicpost.desk.policies.dashboard.acknowledgement_banner",
    "civicpost.desk.inbox.dashboard.urgent_banner",
]
CIVICPOST_WORKER_DUTIES: list[str] = [
    "civicpost.desk.people.reminders.send_weekly_reminders",
    "civicpost.desk.inbox.fetching.fetch_channels",
]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("CIVICPOST_LOG_LEVEL", "WARNING")},
}
