"""Hearth: the application factory."""

from __future__ import annotations

import logging
import os

from flask import Flask

from config import get_config
from models import db

from . import security
from .database import configure_sqlite
from .extensions import csrf, limiter, login_manager, migrate


def create_app(config_name: str | None = None, **overrides: object) -> Flask:
    """Build the app: config, extensions, blueprints, errors, CLI."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(get_config(config_name))
    app.config.update(overrides)
    _prepare_instance(app)
    _register_extensions(app)
    _register_blueprints(app)
    _register_errors(app)
    _register_cli(app)
    _register_template_helpers(app)
    _load_moderation_model(app)
    return app


def _load_moderation_model(app: Flask) -> None:
    # Loaded once per process (cached by path); a missing or corrupt file logs a line and the lexicon carries on.
    from .moderation import model_file, pipeline

    pipeline.use_model(model_file.configured_path(app.config, app.instance_path))


def _prepare_instance(app: Flask) -> None:
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        path = os.path.join(app.instance_path, "hearth.sqlite3")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    logging.getLogger("forum").setLevel(logging.INFO)


def _register_extensions(app: Flask) -> None:
    db.init_app(app)
    configure_sqlite(app)
    # Batch mode lets Alembic alter SQLite tables (it copies them).
    migrate_dir = os.path.join(os.path.dirname(app.root_path), "migrations")
    migrate.init_app(app, db, directory=migrate_dir, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    from .auth.sessions import init_login

    init_login(app)
    from .realtime import init_socketio

    init_socketio(app)


def _register_blueprints(app: Flask) -> None:
    from .admin.routes import bp as admin_bp
    from .auth.routes import bp as auth_bp
    from .groups.routes import bp as groups_bp
    from .leaders.routes import bp as leaders_bp
    from .main.routes import bp as main_bp
    from .review.routes import bp as review_bp
    from .threads.routes import bp as threads_bp

    for bp in (main_bp, auth_bp, groups_bp, threads_bp, admin_bp, leaders_bp, review_bp):
        app.register_blueprint(bp)
    from .chat import init_app as init_chat

    init_chat(app)


def _register_errors(app: Flask) -> None:
    from .errors import init_app as init_errors

    init_errors(app)


def _register_cli(app: Flask) -> None:
    from .cli import init_app as init_cli

    init_cli(app)


def _register_template_helpers(app: Flask) -> None:
    from . import permissions
    from .templating import init_app as init_templating

    init_templating(app, permissions)
