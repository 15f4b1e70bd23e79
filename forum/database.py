"""Database engine tuning and the write-transaction helper every service uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from models import db

_IMMEDIATE = "hearth_immediate"
# How long a writer waits for the one before it, on either database; then the request gets a "busy" page.
WAIT_FOR_WRITERS_MS = 10_000


def configure_sqlite(app: Flask) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE for writes, so concurrent posters never see 'database is locked'."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    _install_sqlite_listeners(engine)


def _install_sqlite_listeners(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Take transaction control away from pysqlite so that our BEGIN is the one that runs.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={WAIT_FOR_WRITERS_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # A deferred transaction that reads then writes cannot wait for the lock; writers begin IMMEDIATE.
        immediate = conn.get_execution_options().get(_IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_IN_WRITE = "hearth_in_write"
_AFTER_COMMIT = "hearth_after_commit"

# The advisory lock every PostgreSQL write transaction takes first: any fixed 64-bit key that nothing else using
# the database picks. These are the bytes of "hearthwr"; pg_locks shows it as classid 1751474546, objid 1953003378.
WRITE_LOCK_KEY = 0x6865617274687772


def _wait_for_other_writers(conn: Connection) -> None:
    """On PostgreSQL, queue behind every other write transaction, as BEGIN IMMEDIATE does on SQLite."""
    if conn.dialect.name != "postgresql":
        return
    # Services check, then write ("already a member?", "report already sent?", "uses left?"), reasoning that
    # one writer runs at a time. Under READ COMMITTED two writers would both pass the check. This lock, held
    # until commit or rollback, lets one in at a time; each statement after it sees what earlier writers
    # committed. The cost: writes serialise across all processes (as on SQLite); reads never take it.
    # Wait as long as SQLite's busy timeout, then fail (is_busy) rather than queue behind a stuck writer forever.
    conn.execute(text(f"SET LOCAL lock_timeout = {WAIT_FOR_WRITERS_MS}"))
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def is_busy(err: BaseException) -> bool:
    """Whether a database error means another writer held the lock for longer than a writer waits."""
    if not isinstance(err, OperationalError):
        return False
    if getattr(err.orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available (lock_timeout)
        return True
    return "database is locked" in str(err.orig)  # SQLite, after busy_timeout


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in one write transaction (IMMEDIATE on SQLite), commit at the end, roll back on error.

    On PostgreSQL the transaction first takes a write lock (_wait_for_other_writers), so writers run one at a
    time there too. Work queued with after_commit() inside the block runs once the commit has succeeded, and
    never on a rollback. A write_transaction inside another joins it.
    """
    session = db.session()  # the request's Session behind the scoped proxy
    if session.info.get(_IN_WRITE):
        # Nested: the outer block holds the lock and commits; committing here would end it half-way.
        yield
        return
    if session.in_transaction():
        # End the read transaction of this request so the write one can begin IMMEDIATE.
        session.commit()
    conn = session.connection(execution_options={_IMMEDIATE: True})
    session.info[_IN_WRITE] = True
    try:
        _wait_for_other_writers(conn)
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info[_IN_WRITE] = False
        pending = session.info.pop(_AFTER_COMMIT, [])
    for fn in pending:
        fn()


def in_write_transaction() -> bool:
    """Whether the current session is inside write_transaction() (so holds the write lock)."""
    return bool(db.session().info.get(_IN_WRITE))


def after_commit(fn: Callable[[], object]) -> None:
    """Run `fn` once the current write transaction commits (dropped if it rolls back); at once outside one.

    Live announcements (a new review reaching moderators' sockets) must not name rows that are not committed yet.
    """
    session = db.session()
    if session.info.get(_IN_WRITE):
        session.info.setdefault(_AFTER_COMMIT, []).append(fn)
    else:
        fn()
