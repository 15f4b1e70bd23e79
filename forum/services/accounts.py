"""Accounts: sign-up, login sessions, recovery codes, profiles."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta
from functools import lru_cache

from flask import current_app
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from models import LoginSession, RecoveryCode, RetiredHandle, User, db, utcnow

from ..database import write_transaction
from ..lookalike import skeleton
from ..text_input import has_hidden_characters
from .errors import ValidationError

HANDLE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,22}[A-Za-z0-9]$")
HANDLE_MIN, HANDLE_MAX = 3, 24
PASSWORD_MIN, PASSWORD_MAX = 10, 256
RESERVED_HANDLES = frozenset(
    [
        "admin",
        "administrator",
        "root",
        "moderator",
        "mod",
        "mods",
        "moderators",
        "staff",
        "support",
        "help",
        "helpdesk",
        "system",
        "hearth",
        "official",
        "team",
        "security",
        "abuse",
        "crisis",
        "sysop",
        "owner",
        "leader",
        "leaders",
        "anonymous",
        "null",
        "undefined",
        "deleted",
        "everyone",
        "here",
        "safety",
        "trust",
        "webmaster",
        "postmaster",
        "info",
        "contact",
        # Deleted accounts' posts read "a former member": nobody may sign up to look like one.
        "formermember",
        "aformermember",
    ]
)
HIDDEN_IN_HANDLE = ("A handle can't contain invisible or direction-changing characters (such as a zero-width "
                    "space). Please type it again with plain letters and digits.")  # fmt: skip
NOT_PLAIN_LETTERS = ("Use the plain letters a to z, digits, dots, dashes and underscores: letters with accents or "
                     "from other alphabets can look just like another member's handle.")  # fmt: skip
# One answer for every look-alike, of a member, a reserved name or a deleted account: it must not say which.
TOO_CLOSE = "That handle is too close to an existing name. Please choose another."
RECOVERY_CODE_COUNT = 10
REGIONS = {"US": "United States", "GB": "United Kingdom", "IE": "Ireland", "AU": "Australia",
           "CA": "Canada", "NZ": "New Zealand", "INTL": "Elsewhere"}  # fmt: skip
_DUMMY_HASH = generate_password_hash("not-a-real-password-just-timing")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords, from zxcvbn's local list (no network)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def handle_key(handle: str) -> str:
    """The case-insensitive form handles are unique by."""
    return handle.strip().casefold()


def validate_handle(handle: str) -> str:
    """Return the cleaned handle or raise ValidationError with a clear message."""
    handle = (handle or "").strip()
    if has_hidden_characters(handle):
        # Refused, not removed: a handle with a zero-width or direction character looks like someone else's.
        raise ValidationError(HIDDEN_IN_HANDLE, "handle")
    if not HANDLE_MIN <= len(handle) <= HANDLE_MAX:
        raise ValidationError(f"A handle is {HANDLE_MIN} to {HANDLE_MAX} characters long.", "handle")
    if not handle.isascii():
        # Letters from other alphabets (Cyrillic "а") or full-width ones pass for plain ones: no lookalikes.
        raise ValidationError(NOT_PLAIN_LETTERS, "handle")
    if not HANDLE_RE.match(handle) or ".." in handle:
        raise ValidationError(
            "Use letters, digits, dots, dashes and underscores, starting and ending with a letter or digit.",
            "handle",
        )
    if re.sub(r"[^a-z]", "", handle.casefold()) in RESERVED_HANDLES or handle.casefold() in RESERVED_HANDLES:
        raise ValidationError("That handle is reserved. Please choose another.", "handle")
    if is_retired(handle):
        # The same words as above: the form must not tell anyone that a member of that name left.
        raise ValidationError("That handle is reserved. Please choose another.", "handle")
    taken = db.session.scalar(select(func.count()).where(User.handle_key == handle_key(handle)))
    if taken:
        raise ValidationError("That handle is taken. Please choose another.", "handle")
    if looks_like_another(handle):
        raise ValidationError(TOO_CLOSE, "handle")
    return handle


def looks_like_another(handle: str) -> bool:
    """Whether the handle reads like a reserved name, a member's handle or a deleted account's ("Iantern.keeper")."""
    if _reads_as_reserved(handle):
        return True
    key = skeleton(handle)
    if db.session.scalar(select(func.count()).where(User.handle_skeleton == key)):
        return True
    retired = RetiredHandle.skeleton_digest == _digest(key)
    return bool(db.session.scalar(select(func.count()).where(retired)))


@lru_cache(maxsize=1)
def _reserved_skeletons() -> frozenset[str]:
    return frozenset(skeleton(name) for name in RESERVED_HANDLES)


def _reads_as_reserved(handle: str) -> bool:
    # Digits at the ends count as a number added to the name ("adm1n_2"), as the letters-only check above treats them.
    trimmed = handle.strip("0123456789._-") or handle
    return not {skeleton(handle), skeleton(trimmed)}.isdisjoint(_reserved_skeletons())


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def handle_digest(handle: str) -> str:
    """The digest a deleted account's handle is kept under (see RetiredHandle)."""
    return _digest(handle_key(handle))


def skeleton_digest(handle: str) -> str:
    """The digest a deleted account's look-alike key is kept under (RetiredHandle.skeleton_digest)."""
    return _digest(skeleton(handle))


def is_retired(handle: str) -> bool:
    """Whether the handle belonged to a deleted account (it stays reserved, against impersonation)."""
    digest = handle_digest(handle)
    return bool(db.session.scalar(select(func.count()).where(RetiredHandle.key_digest == digest)))


def validate_password(password: str, handle: str = "") -> str:
    """Length rules and the common-password list; no composition rules (NIST 800-63B)."""
    password = password or ""
    if len(password) < PASSWORD_MIN:
        raise ValidationError(f"Use at least {PASSWORD_MIN} characters.", "password")
    if len(password) > PASSWORD_MAX:
        raise ValidationError(f"Use at most {PASSWORD_MAX} characters.", "password")
    lowered = password.casefold()
    if lowered in _common_passwords() or (handle and handle.casefold() in lowered):
        raise ValidationError(
            "That password is too common or easy to guess. Please choose another.", "password"
        )
    return password


def validate_email(email: str | None) -> str | None:
    """An optional email: empty becomes None; otherwise a plausible, unused address."""
    email = (email or "").strip()
    if not email:
        return None
    if len(email) > 254 or not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        raise ValidationError("That does not look like an email address.", "email")
    if db.session.scalar(select(func.count()).where(func.lower(User.email) == email.lower())):
        raise ValidationError("That email is already used by another account.", "email")
    return email


def hash_password(password: str) -> str:
    """A scrypt hash (Werkzeug's default KDF)."""
    return generate_password_hash(password, method="scrypt")


def register(
    handle: str, password: str, email: str | None = None, region: str = "INTL"
) -> tuple[User, list[str]]:
    """Create an account; return it with its one-time recovery codes (shown once, stored hashed)."""
    handle = validate_handle(handle)
    validate_password(password, handle)
    email = validate_email(email)
    if region not in REGIONS:
        raise ValidationError("Choose a region from the list.", "region")
    password_hash = hash_password(password)  # slow on purpose: not while holding the write lock
    with write_transaction():
        # Again under the write lock: of two sign-ups racing for one handle or email, the second is told it is
        # taken (the unique index would otherwise turn it into a server error); of two racing look-alikes, the
        # second is told it is too close (the look-alike index is not unique, so only this check holds that).
        validate_handle(handle)
        validate_email(email)
        user = User(handle=handle, handle_key=handle_key(handle), handle_skeleton=skeleton(handle),
                    password_hash=password_hash, email=email, region=region)  # fmt: skip
        db.session.add(user)
        db.session.flush()
        codes = _issue_recovery_codes(user)
    return user, codes


# 16 characters from 31 unambiguous symbols (no i, l, o, 0, 1): 79 random bits, so a fast salted hash is safe to
# store (unlike a password, a code cannot be guessed from a dictionary) and checking ten codes costs nothing.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 16


def _code_hash(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    return f"sha256${salt}${hashlib.sha256((salt + normalise_code(code)).encode()).hexdigest()}"


def _code_matches(code: str, stored: str) -> bool:
    _, salt, _ = stored.split("$", 2)
    return hmac.compare_digest(_code_hash(code, salt), stored)


def _issue_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
             for _ in range(RECOVERY_CODE_COUNT)]  # fmt: skip
    for code in codes:
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_code_hash(code)))
    return codes


def format_code(raw: str) -> str:
    """Group a code as xxxx-xxxx-xxxx-xxxx for reading aloud or copying."""
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_code(code: str) -> str:
    """Codes are compared without dashes, spaces or case."""
    return re.sub(r"[^0-9a-z]", "", (code or "").lower())


def regenerate_recovery_codes(user: User) -> list[str]:
    """Replace every recovery code; the old ones stop working."""
    with write_transaction():
        return _issue_recovery_codes(user)


def authenticate(handle: str, password: str) -> User | None:
    """The user whose handle and password match, or None (same work either way, against timing probes)."""
    user = db.session.scalar(select(User).where(User.handle_key == handle_key(handle or "")))
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    return user


def start_session(user: User, remember: bool = False) -> str:
    """Open a server-side login session; its fresh token is the only thing the cookie carries."""
    days = current_app.config["LOGIN_SESSION_DAYS"] if remember else 1
    token = secrets.token_urlsafe(32)
    with write_transaction():
        db.session.add(LoginSession(token=token, user_id=user.id, expires_at=utcnow() + timedelta(days=days)))
        user.last_seen_at = utcnow()
    user.session_token = token
    return token


def end_session(token: str | None) -> None:
    """Delete a login session: every copy of its cookie stops working."""
    if not token:
        return
    with write_transaction():
        db.session.execute(delete(LoginSession).where(LoginSession.token == token))


def end_all_sessions(user: User) -> None:
    """Log the user out everywhere (password reset, suspension, account deletion)."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


def load_session(token: str) -> User | None:
    """The active user behind a live login session, or None."""
    row = db.session.scalar(select(LoginSession).where(LoginSession.token == token))
    if row is None or row.expires_at < utcnow():
        return None
    user = row.user
    if not user.is_active:
        return None
    user.session_token = token
    return user


def reset_password(handle: str, code: str, new_password: str) -> User:
    """Use one recovery code to set a new password; logs out every session."""
    failure = ValidationError("That handle and recovery code do not match an unused code.", "code")
    user = db.session.scalar(select(User).where(User.handle_key == handle_key(handle or "")))
    if user is None:
        raise failure
    validate_password(new_password, user.handle)
    wanted = normalise_code(code)
    unused = db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ).all()
    match = next((rc for rc in unused if _code_matches(wanted, rc.code_hash)), None)
    if match is None:
        raise failure
    password_hash = hash_password(new_password)  # slow on purpose: not while holding the write lock
    with write_transaction():
        # Again under the write lock: a code used by a request that committed meanwhile is used up.
        db.session.refresh(match)
        if match.used_at is not None:
            raise failure
        match.used_at = utcnow()
        user.password_hash = password_hash
        end_all_sessions(user)
    return user


def change_password(user: User, current: str, new_password: str) -> None:
    """Set a new password after checking the current one; every other login session of the user ends."""
    if not check_password_hash(user.password_hash, current or ""):
        raise ValidationError("That is not your current password.", "current")
    validate_password(new_password, user.handle)
    if check_password_hash(user.password_hash, new_password):
        raise ValidationError("Choose a password different from your current one.", "password")
    password_hash = hash_password(new_password)  # slow on purpose: not while holding the write lock
    with write_transaction():
        user.password_hash = password_hash
        # A stolen session (or a device left logged in) is what a password change is often for: end the others.
        db.session.execute(
            delete(LoginSession).where(
                LoginSession.user_id == user.id, LoginSession.token != user.session_token
            )
        )


def remaining_codes(user: User) -> int:
    """How many recovery codes are still unused."""
    return db.session.scalar(
        select(func.count()).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
