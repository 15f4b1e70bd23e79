"""Deleting an account closes its sockets in every browser, as a suspension does."""

from __future__ import annotations

from tests.chat.conftest import browser, join
from tests.conftest import PASSWORD


def test_deleting_the_account_closes_every_socket(room, connect) -> None:
    here, there, other = connect("member1"), connect("member1"), connect("mod1")
    for sc in (here, there, other):
        join(sc)
    resp = browser(here).post("/auth/delete", data={"writing": "keep", "password": PASSWORD, "confirm": "y"})
    assert resp.status_code == 302
    assert not here.is_connected() and not there.is_connected()
    assert other.is_connected()
