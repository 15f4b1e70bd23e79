"""The review queue in a real browser: an urgent item arrives live, without a reload."""

from __future__ import annotations

from tests.browser.test_chat import _member_page, live_server, pytestmark  # noqa: F401 (fixture, marks)


def test_urgent_item_reaches_the_open_queue_live(live_server, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    problems: list[str] = []
    mod = _member_page(browser, live_server, "mod1", problems)
    mod.goto(f"{live_server}/review")
    queue = mod.locator("#queue")
    expect(queue).to_be_visible()
    before = queue.locator("li.live-new").count()

    member = _member_page(browser, live_server, "member1", problems)
    expect(member.locator("#chat-connection")).to_have_text("Connected")
    member.fill("#chat-text", "i've been saving my pills and this is goodbye")
    member.press("#chat-text", "Enter")

    item = queue.locator("li.live-new").first
    expect(item).to_contain_text("New urgent item")
    expect(item).to_contain_text("Test Room")
    assert queue.locator("li.live-new").count() == before + 1
    expect(mod.locator("#live-banner")).to_contain_text("An urgent item just arrived")
    href = item.locator("a").get_attribute("href")
    mod.click(f"#queue li.live-new a[href='{href}']")
    expect(mod.locator("body")).to_contain_text("saving my pills")
    assert problems == []
