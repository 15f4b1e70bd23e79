"""Configuration classes, chosen by the FORUM_CONFIG environment variable."""

from __future__ import annotations

import os

_ENV = os.environ.get


class Config:
    """Settings shared by every environment; secrets and URLs come from the environment."""

    SECRET_KEY = _ENV("SECRET_KEY", "dev-only-not-secret")
    # None means "SQLite in the instance folder", filled in by create_app once the instance path is known.
    SQLALCHEMY_DATABASE_URI = _ENV("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SOCKETIO_MESSAGE_QUEUE = _ENV("SOCKETIO_MESSAGE_QUEUE")
    # Browser origins allowed to open a socket; the app's own origin is always allowed.
    SOCKETIO_ALLOWED_ORIGINS = [o for o in _ENV("SOCKETIO_ALLOWED_ORIGINS", "").split(",") if o]
    RATELIMIT_STORAGE_URI = _ENV("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session; a long post must not expire mid-write
    MAX_CONTENT_LENGTH = 1 * 1024 * 1024
    POSTS_PER_PAGE = 20
    THREADS_PER_PAGE = 20
    POST_MAX_CHARS = 20_000
    # Trust needed before a member may create a group (admins always may).
    GROUP_CREATE_MIN_TRUST = 2
    LOGIN_SESSION_DAYS = 30
    MODERATION_MODEL_FILE = "moderation-model.joblib"
    # A full path overrides the file in the instance folder (tests point it at a model they train).
    MODERATION_MODEL_PATH = _ENV("MODERATION_MODEL_PATH")


class DevelopmentConfig(Config):
    """Local development: debug on, SQLite by default."""

    DEBUG = True


class TestingConfig(Config):
    """Tests: no CSRF by default (a test turns it back on to check it), no rate limits unless asked."""

    TESTING = True
    SECRET_KEY = "testing"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    SQLALCHEMY_DATABASE_URI = _ENV("TEST_DATABASE_URL")


class ProductionConfig(Config):
    """Production: the secret key must come from the environment."""

    SESSION_COOKIE_SECURE = _ENV("SESSION_COOKIE_SECURE", "1") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE

    @classmethod
    def check(cls) -> None:
        """Refuse to start without a real SECRET_KEY."""
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("ProductionConfig needs SECRET_KEY in the environment")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def get_config(name: str | None = None) -> type[Config]:
    """Return the config class named by `name` or FORUM_CONFIG (default: development)."""
    key = (name or os.environ.get("FORUM_CONFIG") or "development").lower()
    if key not in CONFIGS:
        raise RuntimeError(f"Unknown FORUM_CONFIG {key!r}; choose one of {sorted(CONFIGS)}")
    cls = CONFIGS[key]
    if cls is ProductionConfig:
        ProductionConfig.check()
    return cls
