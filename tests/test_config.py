"""Configuration and the database set-up."""

import threading

import pytest
from sqlalchemy import text

from config import ProductionConfig, get_config
from forum import create_app
from forum.database import write_transaction
from models import Category, db


def test_production_refuses_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        get_config("production")


def test_production_accepts_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    assert get_config("production") is ProductionConfig


def test_unknown_config_name_is_refused():
    with pytest.raises(RuntimeError, match="Unknown FORUM_CONFIG"):
        get_config("staging-ish")


def test_sqlite_in_instance_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app("development", SQLALCHEMY_DATABASE_URI=None)
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.instance_path in app.config["SQLALCHEMY_DATABASE_URI"]


def test_sqlite_runs_wal_with_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only")
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 10000


def test_concurrent_writers_never_see_locked(app):
    """Eight threads that read then write at once all succeed (BEGIN IMMEDIATE waits for the lock)."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        with app.app_context():
            try:
                for i in range(5):
                    with write_transaction():
                        db.session.scalar(db.select(db.func.count(Category.id)))
                        db.session.add(Category(slug=f"c-{n}-{i}", name="x"))
            except BaseException as err:  # noqa: BLE001 - collected for the assertion
                errors.append(err)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert db.session.scalar(db.select(db.func.count()).where(Category.slug.like("c-%"))) == 40
