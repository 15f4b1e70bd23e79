"""Sign-up refuses a handle that reads like a member's, a reserved name or a deleted account's, and never says whose."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from forum.services import account_deletion, accounts
from forum.services.accounts import TOO_CLOSE
from forum.services.errors import ValidationError
from models import RetiredHandle, User, db
from tests.conftest import PASSWORD, run_at_once

PASSPHRASE = "a slow river of paper boats"
LOOKALIKES = ["Iantern_keeper", "1antern_keeper", "lantern.keeper", "lantern-keeper", "lanternkeeper",
              "lantem_keeper", "LANTERN.KEEPER"]  # fmt: skip


def _refusal(handle: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        accounts.register(handle, PASSPHRASE)
    return caught.value


@pytest.mark.parametrize("handle", LOOKALIKES)
def test_a_lookalike_of_a_member_is_refused_without_naming_them(make_user, handle):
    make_user("lantern_keeper")
    err = _refusal(handle)
    assert (err.message, err.field) == (TOO_CLOSE, "handle")
    assert "lantern" not in err.message.lower()
    assert db.session.scalar(select(func.count(User.id))) == 1


@pytest.mark.parametrize(
    "handle", ["adm1n", "Adm1n_2", "m0derator", "m0d3rat0r", "5taff", "rnod", "0wner", "he1p"]
)
def test_a_lookalike_of_a_reserved_name_is_refused(app, handle):
    err = _refusal(handle)
    assert err.field == "handle" and err.message in (
        TOO_CLOSE,
        "That handle is reserved. Please choose another.",
    )


@pytest.mark.parametrize("handle", ["lantern_keeper2", "lantern_keeps", "river_admin", "slow_tide"])
def test_names_that_only_resemble_are_free(make_user, handle):
    make_user("lantern_keeper")
    user, _ = accounts.register(handle, PASSPHRASE)
    assert user.handle_skeleton == accounts.skeleton(handle)


def test_a_deleted_accounts_lookalikes_stay_reserved(make_user):
    user = make_user("lantern_keeper")
    account_deletion.delete_account(user, PASSWORD, "keep")
    db.session.rollback()
    assert db.session.get(User, user.id).handle_skeleton == ""  # the tombstone keeps no trace of the handle
    assert _refusal("lantern_keeper").message == "That handle is reserved. Please choose another."
    for handle in ("Iantern.keeper", "lantem_keeper"):
        assert _refusal(handle).message == TOO_CLOSE
    accounts.register("lantern_keeper2", PASSPHRASE)


def test_handles_retired_before_lookalike_keys_still_refuse_their_exact_handle(app):
    # A row from before the migration: the handle's digest only, no digest of its look-alike key.
    db.session.add(RetiredHandle(key_digest=accounts.handle_digest("old_timer")))
    db.session.commit()
    assert _refusal("Old_Timer").message == "That handle is reserved. Please choose another."
    accounts.register("o1d_timer", PASSPHRASE)  # its look-alikes could not be known; not refused


def test_deleting_a_handle_retired_before_the_keys_adds_its_lookalike_digest(make_user):
    db.session.add(RetiredHandle(key_digest=accounts.handle_digest("old_timer")))
    user = make_user("old_timer")  # reused before handles were retired, as an old database may hold
    account_deletion.delete_account(user, PASSWORD, "keep")
    db.session.rollback()
    row = db.session.scalar(select(RetiredHandle))
    assert row.skeleton_digest == accounts.skeleton_digest("old_timer")
    assert _refusal("o1d.timer").message == TOO_CLOSE


def test_members_who_already_look_alike_keep_their_accounts(make_user, auth):
    make_user("lantern_keeper")
    make_user("Iantern_keeper")  # signed up before look-alikes were refused
    assert auth.login("Iantern_keeper").status_code == 302
    assert _refusal("lantern.keeper").message == TOO_CLOSE


def test_two_lookalike_sign_ups_at_once_make_one_account(app):
    handles = ["lantern_keeper", "Iantern.keeper"]

    def sign_up() -> str:
        user, _ = accounts.register(handles.pop(), PASSPHRASE)
        return user.handle

    outcomes = run_at_once(app, sign_up)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and refused[0].message == TOO_CLOSE, outcomes
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_the_sign_up_form_shows_the_refusal(client, make_user):
    make_user("lantern_keeper")
    data = {
        "handle": "Iantern_keeper",
        "password": PASSPHRASE,
        "confirm": PASSPHRASE,
        "email": "",
        "region": "GB",
    }
    resp = client.post("/auth/signup", data=data)
    assert resp.status_code == 400
    assert "too close to an existing name" in resp.get_data(as_text=True)
