"""A newcomer's path in a real browser: sign up, join a room, post with a content warning, read it back."""

import re

from playwright.sync_api import expect

from forum.moderation.policy import HELPER_STEPS, HELPER_TITLE
from models import Thread, db


def test_signup_join_post_and_read(page, live_server):
    _, app = live_server
    page.goto("/")
    page.get_by_role("link", name="Join Hearth").first.click()
    page.get_by_label("Handle").fill("sea_glass")
    page.get_by_label("Password", exact=True).fill("tide pools at dawn")
    page.get_by_label("Repeat password").fill("tide pools at dawn")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    assert len(page.locator("ol.codes code").all_inner_texts()) == 10

    page.get_by_role("link", name="I've saved them, continue").click()
    page.get_by_role("link", name="Groups", exact=True).click()
    page.get_by_role("link", name="Depression support").click()
    page.get_by_role("button", name="Join this group").click()
    expect(page.get_by_text("You joined Depression support.")).to_be_visible()
    expect(page.get_by_role("heading", name="Welcome to Depression support")).to_be_visible()

    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill("A heavy week")
    page.get_by_label("Your post").fill("The anniversary was on **Tuesday**.")
    page.get_by_label("Content warning").fill("loss")
    page.get_by_role("button", name="Post thread").click()

    expect(page.get_by_role("heading", name="A heavy week")).to_be_visible()
    summary = page.locator("details.cw summary").first
    expect(summary).to_contain_text("Content warning: loss")
    body = page.locator(".prose strong", has_text="Tuesday")
    expect(body).to_be_hidden()
    summary.click()
    expect(body).to_be_visible()
    with app.app_context():
        assert db.session.scalar(db.select(Thread.title)) == "A heavy week"

    # A reply worried about someone else: the post is up, and only its author sees how to help, once.
    page.get_by_label("Your reply").fill("my little brother keeps saying he wants to die. how do i help him?")
    page.get_by_role("button", name="Post reply").click()
    card = page.get_by_role("alert").filter(has_text=HELPER_TITLE)
    expect(card).to_be_visible()
    expect(card.locator(".helper-steps li")).to_have_count(len(HELPER_STEPS))
    expect(page.locator(".prose").filter(has_text="keeps saying he wants to die")).to_be_visible()
    page.reload()
    expect(page.get_by_text(HELPER_TITLE)).to_have_count(0)


def test_bad_login_shows_message_and_keyboard_focus_is_visible(page):
    page.goto("/auth/login")
    page.get_by_label("Handle").fill("nobody")
    page.get_by_label("Password").fill("whatever it is")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("don't match an account")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert re.match(r"solid|auto", outline)
