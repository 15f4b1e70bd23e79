"""Sign-up and recovery when two requests arrive at the same moment."""

from __future__ import annotations

from sqlalchemy import func, select

from forum.services import accounts
from forum.services.errors import ValidationError
from models import User, db
from tests.conftest import run_at_once

PASSPHRASE = "a slow river of paper boats"


def test_two_sign_ups_racing_for_one_handle_make_one_account(app):
    handles = ["Robin_Sky", "robin_sky"]  # one handle: uniqueness ignores case

    def sign_up() -> str:
        user, _ = accounts.register(handles.pop(), PASSPHRASE)
        return user.handle

    outcomes = run_at_once(app, sign_up)
    taken = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(taken) == 1, outcomes
    assert (taken[0].message, taken[0].field) == ("That handle is taken. Please choose another.", "handle")
    assert db.session.scalar(select(func.count(User.id)).where(User.handle_key == "robin_sky")) == 1


def test_one_recovery_code_resets_the_password_once(app):
    user, codes = accounts.register("forgetful", PASSPHRASE)
    db.session.commit()
    new_passwords = ["first new passphrase here", "second new passphrase here"]

    def reset() -> str:
        accounts.reset_password("forgetful", codes[0], new_passwords.pop())
        return "reset"

    outcomes = run_at_once(app, reset)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and refused[0].field == "code", outcomes
    assert accounts.remaining_codes(db.session.get(User, user.id)) == len(codes) - 1
