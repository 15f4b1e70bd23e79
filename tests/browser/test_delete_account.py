"""Leaving in a real browser: settings, the deletion page (CSRF on), a wrong password first, then the confirmation."""

from playwright.sync_api import expect

from forum.services import accounts
from models import User, db

PASSPHRASE = "tide pools at dawn"


def test_delete_my_account(page, live_server):
    _, app = live_server
    with app.app_context():
        accounts.register("sea_glass", PASSPHRASE)
    page.goto("/auth/login")
    page.get_by_label("Handle").fill("sea_glass")
    page.get_by_label("Password").fill(PASSPHRASE)
    page.get_by_role("button", name="Log in").click()

    page.goto("/settings")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()
    expect(page.get_by_label("Keep my posts in the threads", exact=False)).to_be_checked()
    page.get_by_label("Erase the text of my posts", exact=False).check()
    page.get_by_label("Your password").fill("not the passphrase")
    page.get_by_label("I understand", exact=False).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("That is not your current password")).to_be_visible()

    page.get_by_label("Your password").fill(PASSPHRASE)
    page.get_by_label("I understand", exact=False).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    expect(page.get_by_text("[removed by its author]")).to_be_visible()
    expect(page.get_by_role("link", name="sea_glass")).to_have_count(0)  # logged out: no profile link
    with app.app_context():
        user = db.session.scalar(db.select(User))
        assert user.deleted_at is not None and user.handle == "a former member"
