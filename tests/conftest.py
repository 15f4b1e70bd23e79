"""Shared fixtures: app on a temporary database, clients, factories, login helper."""

from __future__ import annotations

import contextvars
import fcntl
import functools
import hashlib
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import URL, create_engine, delete, inspect, make_url, text, update
from sqlalchemy.sql import Executable
from werkzeug.security import generate_password_hash

from forum import create_app
from forum.demo import default_settings, seed_catalogue
from forum.lookalike import name_key, skeleton
from forum.services.accounts import handle_key
from models import Category, Group, Membership, User, db

PASSWORD = "correct horse battery staple"
# The test members' hash: scrypt like the app's, at a 32nd of its work (~3 ms a login rather than ~100 ms; the
# suite logs in hundreds of times). Checking reads the cost from the hash itself, so logins run the same code;
# sign-up and password changes still hash at the app's own cost (hash_password), and their tests check those.
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")


def _xdist_worker() -> str | None:
    """This process's pytest-xdist worker name ("gw0", ...), or None when the tests run in one process."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def _session_dir(tmp_path_factory) -> Path:
    """The temporary folder of the whole run: under pytest-xdist, the one every worker's own folder is in."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if _xdist_worker() else base


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` for the block: other xdist workers wait for it."""
    with open(lock_path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


@pytest.fixture(scope="session", autouse=True)
def moderation_model(tmp_path_factory, pytestconfig) -> str:
    """The real classifier, trained on the shipped corpus, used by every test app: trained once per test session,
    or taken from pytest's cache when an earlier run trained it from the same inputs (see _model_inputs_key).

    Under pytest-xdist the first worker to get here trains it and the others wait and share it: training takes
    both cores for a while, so two workers training at once would take twice as long to start.
    """
    from config import TestingConfig

    shared = _session_dir(tmp_path_factory)
    path = shared / "moderation-model.joblib"
    with _exclusive(shared / "moderation-model.lock"):
        if not path.exists():
            _train_or_reuse(path, getattr(pytestconfig, "cache", None))  # none with -p no:cacheprovider
    TestingConfig.MODERATION_MODEL_PATH = str(path)
    return str(path)


@pytest.fixture(scope="session", autouse=True)
def choices_set_late_are_checked() -> Iterator[None]:
    """WTForms 3.3 warns of tuple or dict choices given to a field's constructor, not of those a view assigns later
    (`form.field.choices = ...`, per request). The setter gets the constructor's check for the session, so the
    warning, an error by pyproject's filterwarnings, fails any test whose view assigns the old shapes."""
    from wtforms import SelectField

    original = SelectField.choices
    check = getattr(SelectField, "_warn_legacy_choices", None)
    if check is None:  # a WTForms without the old shapes: nothing to warn of
        yield
        return

    def checked(field: SelectField, value: object) -> None:
        if value is not None and not callable(value):
            check(value)  # warns with stacklevel=3: the view's line
        original.fset(field, value)

    SelectField.choices = property(original.fget, checked, doc=original.__doc__)
    try:
        yield
    finally:
        SelectField.choices = original


def _train_or_reuse(path: Path, cache: pytest.Cache | None) -> None:
    """Write the trained model to `path`: a copy of the one an earlier run trained from exactly the same inputs,
    kept in pytest's cache folder, or a new one (then kept there for the next run)."""
    from forum.moderation import model_file, training

    kept = cache.mkdir("moderation-model") / f"{_model_inputs_key()}.joblib" if cache is not None else None
    if kept is not None and kept.exists():
        shutil.copyfile(kept, path)  # a copy: no test can change the kept one
        return
    model_file.save(training.train(progress=None), path)
    if kept is not None:
        for old in kept.parent.glob("*.joblib"):  # made from other inputs: never used again
            old.unlink(missing_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(path, partial)
        os.replace(partial, kept)  # whole or absent, for a run that starts meanwhile


def _model_inputs_key() -> str:
    """A hash of everything the trained model depends on: the moderation package (its code, corpus and lexicon),
    the libraries that fit it, and Python's version. Any change to one of them means a new training."""
    import joblib
    import numpy
    import scipy
    import sklearn

    from forum import moderation

    root = Path(moderation.__file__).parent
    digest = hashlib.sha256(sys.version.encode())
    for lib in (sklearn, numpy, scipy, joblib):
        digest.update(f"{lib.__name__} {lib.__version__}".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def as_on_a_server(call, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    """Run a request or socket event in a fresh context (its own app context, `g` and database session), then end
    the test's own read transaction (a snapshot on SQLite) so its objects reload what the call wrote."""
    try:
        return contextvars.Context().run(call, *args, **kwargs)
    finally:
        db.session.rollback()


def run_at_once(app: Flask, action: Callable[[], object], times: int = 2) -> list[object]:
    """Run `action` in `times` threads released together by a barrier, each in its own app context (so its own
    session and database connection, as two requests on a server); return what each returned or raised."""
    barrier = threading.Barrier(times)
    outcomes: list[object] = [None] * times

    def run(i: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                outcomes[i] = action()
            except Exception as err:  # noqa: BLE001 - handed back for the test to judge
                outcomes[i] = err
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a racing thread never finished"
    db.session.rollback()  # end the test's own read transaction, so it sees what the threads committed
    return outcomes


def commit_before_the_write(monkeypatch, module: ModuleType, statement: Executable) -> None:  # noqa: ANN001
    """Commit `statement` on another connection just before `module`'s next write_transaction() begins.

    As another request would: a moderator's ban, a co-leader's demotion landing after the view and the service
    checked permission, while the service screened text or queued for the write lock.
    """
    real = module.write_transaction
    pending = [statement]

    @contextmanager
    def write_after_it() -> Iterator[None]:
        if pending:
            with db.engine.begin() as conn:
                conn.execute(pending.pop())
        with real():
            yield

    monkeypatch.setattr(module, "write_transaction", write_after_it)


def membership_change(user: User, group: Group, **values: object) -> Executable:
    """The statement that changes `user`'s membership row in `group` (for commit_before_the_write)."""
    return (
        update(Membership)
        .where(Membership.user_id == user.id, Membership.group_id == group.id)
        .values(**values)
    )


def lose_role(how: str, user: User, group: Group) -> Executable:
    """The statement by which `user` loses their role in `group`: "demoted", "banned", or gone from the room."""
    if how == "demoted":
        return membership_change(user, group, role="member")
    if how == "banned":
        return membership_change(user, group, role="member", state="banned")
    return delete(Membership).where(Membership.user_id == user.id, Membership.group_id == group.id)


class IsolatedClient(FlaskClient):
    """A test client whose every request runs as on a server: its own app context, `g` and database session.

    The `app` fixture keeps an app context open for the test's own queries; without this, Flask would reuse it for
    each request, so `g` and the session's identity map would carry over from one request to the next.
    """

    _depth = 0  # redirects followed call open() again, inside the request's context

    def open(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        if self._depth:
            return super().open(*args, **kwargs)
        self._depth += 1
        try:
            return as_on_a_server(super().open, *args, **kwargs)
        finally:
            self._depth -= 1


@functools.cache
def shared_database_url() -> str | None:
    """TEST_DATABASE_URL (a server database that tests share, one at a time), or None for a SQLite file each.

    Under pytest-xdist each worker has a database of its own beside it (made anew for the session), so that the
    workers' tests never see, empty or lock each other's tables.
    """
    url = os.environ.get("TEST_DATABASE_URL")
    worker = _xdist_worker()
    if not url or not worker:
        return url
    return _fresh_database(make_url(url), worker)


def _fresh_database(url: URL, worker: str) -> str:
    """Create `worker`'s empty database on the server of `url` (the role needs CREATEDB); return its URL."""
    own = url.set(database=f"{url.database}_{worker}")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")  # CREATE DATABASE can't run in a transaction
    try:
        with engine.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote(own.database)
            conn.execute(text(f"DROP DATABASE IF EXISTS {quoted}"))  # left by an earlier run
            conn.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        engine.dispose()
    return own.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file holding the empty schema, made once: each test copies it rather than running the DDL again."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    with app.app_context():
        db.create_all()
        db.session.remove()
        db.engine.dispose()  # the last connection to close checkpoints the WAL into the file, so a copy is whole
    return path


_SCHEMA_BUILT: set[str] = set()  # server databases whose tables this session has created


def empty_shared_database() -> None:
    """Leave the app's server database with every table empty and every id counter back at 1.

    The tables are built once per session (and again if a test dropped them: the migration tests do); after that
    a DELETE per table is hundreds of times cheaper on PostgreSQL than dropping and creating them for each test.
    """
    uri = str(db.engine.url)
    if uri not in _SCHEMA_BUILT or not _all_tables_present():
        db.drop_all()
        db.create_all()
        _SCHEMA_BUILT.add(uri)
        return
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):  # children before the rows they point to
            conn.execute(table.delete())
        # Sequences owned by this schema's serial columns: ids start at 1 again, as in freshly created tables.
        conn.execute(text("SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false) "
                          "FROM pg_sequences WHERE schemaname = current_schema()"))  # fmt: skip


def _all_tables_present() -> bool:
    """Whether every model's table exists in the app's database (a test may have dropped them)."""
    names = [t.name for t in db.metadata.sorted_tables]
    found = inspect(db.engine).get_table_names()
    return set(names) <= set(found)


@pytest.fixture
def app(tmp_path, sqlite_template: Path) -> Iterator[Flask]:
    """A fresh app on an empty database (a copy of the SQLite template, or TEST_DATABASE_URL when set)."""
    uri = shared_database_url()
    if uri is None:
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(sqlite_template, path)
        uri = f"sqlite:///{path}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=uri)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if shared_database_url() is not None:
            empty_shared_database()
        seed_catalogue()
        yield app
        db.session.remove()
        db.engine.dispose()  # each test's app has its own pool: close it, or PostgreSQL runs out of slots


@pytest.fixture
def limited_app(app: Flask) -> Flask:
    """The same database with rate limits switched on (memory storage, fresh counters)."""
    limited = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")  # fmt: skip
    limited.test_client_class = IsolatedClient
    from forum.extensions import limiter

    with limited.app_context():
        limiter.reset()
    yield limited
    limiter.enabled = False
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like test client."""
    return app.test_client()


@pytest.fixture
def make_user(app: Flask):
    """Factory: make_user("handle", is_admin=True, ...) -> User (password: PASSWORD)."""

    def _make(handle: str, **fields) -> User:
        user = User(handle=handle, handle_key=handle_key(handle), handle_skeleton=skeleton(handle),
                    password_hash=_PASSWORD_HASH, **fields)  # fmt: skip
        db.session.add(user)
        db.session.commit()
        return user

    return _make


@pytest.fixture
def make_group(app: Flask):
    """Factory: make_group("slug", visibility=..., joining=..., category="mental-health") -> Group."""

    def _make(
        slug: str, visibility: str = "public", joining: str = "open", category: str = "mental-health"
    ) -> Group:
        cat = db.session.scalar(db.select(Category).where(Category.slug == category))
        name = slug.replace("-", " ").title()
        group = Group(slug=slug, name=name, name_key=name_key(name), description=f"About {slug}",
                      category=cat, visibility=visibility, joining=joining, settings=default_settings(cat.topic))  # fmt: skip
        db.session.add(group)
        db.session.commit()
        return group

    return _make


@pytest.fixture
def add_member(app: Flask):
    """Factory: add_member(user, group, role="member", state="active") -> Membership."""

    def _add(user: User, group: Group, role: str = "member", state: str = "active", **fields) -> Membership:
        m = Membership(user_id=user.id, group_id=group.id, role=role, state=state, **fields)
        db.session.add(m)
        db.session.commit()
        return m

    return _add


class Auth:
    """Log a test client in and out through the real forms."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, handle: str, password: str = PASSWORD, remember: bool = False):  # noqa: ANN201
        data = {"handle": handle, "password": password}
        if remember:
            data["remember"] = "y"
        return self.client.post("/auth/login", data=data)

    def logout(self):  # noqa: ANN201
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    """Login helper bound to `client`."""
    return Auth(client)


@pytest.fixture
def room(make_user, make_group, add_member):
    """A public room with a leader, a moderator, a member and an outsider."""
    group = make_group("test-room")
    people = {name: make_user(name) for name in ("leader1", "mod1", "member1", "outsider")}
    add_member(people["leader1"], group, "leader")
    add_member(people["mod1"], group, "moderator")
    add_member(people["member1"], group, "member")
    return group, people
