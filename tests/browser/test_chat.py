"""Two members in two real (headless Chromium) browsers chat in one room, against a real server thread."""

from __future__ import annotations

import os
import threading

import pytest
from werkzeug.serving import make_server

from bench.chat_server import free_port
from forum.moderation.policy import CRISIS_TITLE, HELPER_STEPS, HELPER_TITLE
from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium is not installed"),
    pytest.mark.skipif(not os.path.exists(os.path.join(os.path.dirname(__file__), "..", "..", "forum", "static",
                                                       "vendor", "socket.io.min.js")),
                       reason="the socket.io client is not set up (make setup)"),
]  # fmt: skip


@pytest.fixture
def live_server(app, room):
    """The app served by Werkzeug's threaded server (websockets via simple-websocket) on a free port."""
    from models import db

    db.session.commit()
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def _member_page(browser, base: str, handle: str, problems: list, sockets: list | None = None, page=None):  # noqa: ANN001, ANN202
    page = page or browser.new_context().new_page()
    if sockets is not None:
        page.on("websocket", lambda ws: ws.on("framereceived", lambda _frame: sockets.append(ws.url)))
    # Script errors and CSP violations show as console errors; failed loads are checked by response instead.
    page.on("console", lambda m: problems.append(f"{handle}: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)  # fmt: skip
    page.on("response", lambda r: problems.append(f"{handle}: {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)  # fmt: skip
    page.on("pageerror", lambda e: problems.append(f"{handle}: {e}"))
    page.goto(f"{base}/auth/login")
    page.fill("#handle", handle)
    page.fill("#password", PASSWORD)
    page.click("form.stack [type=submit]")
    page.wait_for_url(lambda url: "/auth/login" not in url)
    page.goto(f"{base}/groups/test-room/chat")
    return page


def test_two_members_chat_in_one_room(live_server, browser) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    sockets: list[str] = []
    alice = _member_page(browser, live_server, "member1", problems, sockets)
    bob = _member_page(browser, live_server, "mod1", problems)
    for page in (alice, bob):
        expect(page.locator("#chat-connection")).to_have_text("Connected")
    expect(alice.locator("#chat-presence")).to_contain_text("mod1")
    # The chat runs over a real websocket to the page's own host and port: CSP connect-src 'self' allows it.
    assert any(url.startswith(live_server.replace("http://", "ws://") + "/socket.io/") for url in sockets)

    alice.fill("#chat-text", "Hello from Alice <b>not bold</b>")
    alice.press("#chat-text", "Enter")
    line = bob.locator("#chat-log .chat-msg").filter(has_text="Hello from Alice")
    expect(line).to_have_count(1)
    expect(line.locator(".chat-author")).to_have_text("member1")
    assert line.locator(".chat-text b").count() == 0  # user markup arrives as text, never as HTML
    expect(line.locator(".chat-text")).to_contain_text("<b>not bold</b>")
    mine = alice.locator("#chat-log .chat-msg").filter(has_text="Hello from Alice")
    expect(mine).to_have_count(1)  # the local "sending" line was replaced by the stored message
    expect(mine).to_have_attribute("data-id", line.get_attribute("data-id"))

    bob.fill("#chat-text", "hello everyone, how was your week?")
    expect(alice.locator("#chat-typing")).to_contain_text("mod1 is typing")
    bob.click("#chat-form [type=submit]")
    expect(alice.locator("#chat-log")).to_contain_text("hello everyone, how was your week?")

    # A message at risk is delivered, and only its author sees the resource card.
    alice.fill("#chat-text", "i've been saving my pills")
    alice.press("#chat-text", "Enter")
    expect(bob.locator("#chat-log")).to_contain_text("saving my pills")
    expect(alice.locator("#chat-card")).to_be_visible()
    expect(alice.locator("#chat-card-resources li").first).to_be_visible()
    expect(alice.locator("#chat-card-title")).to_have_text(CRISIS_TITLE)
    expect(alice.locator("#chat-card-steps")).to_be_hidden()
    expect(bob.locator("#chat-card")).to_be_hidden()
    # Worried about someone else: the same card shows how to help them.
    alice.fill("#chat-text", "my sister keeps saying she wants to die, how do i help her")
    alice.press("#chat-text", "Enter")
    expect(alice.locator("#chat-card-title")).to_have_text(HELPER_TITLE)
    expect(alice.locator("#chat-card-steps li")).to_have_count(len(HELPER_STEPS))
    expect(bob.locator("#chat-log")).to_contain_text("she wants to die")
    expect(bob.locator("#chat-card")).to_be_hidden()

    # A moderator hides a message from the room; it disappears for everyone at once.
    bob.locator("#chat-log .chat-msg").filter(has_text="Hello from Alice").get_by_role(
        "button", name="Hide"
    ).click()
    expect(alice.locator("#chat-log .chat-msg").first).to_contain_text("Hidden by a moderator.")

    # After a reload the history comes back in order (the hidden message is gone for members).

    alice.reload()
    expect(alice.locator("#chat-log .chat-msg")).to_have_count(3)
    expect(alice.locator("#chat-log .chat-msg").first).to_contain_text("hello everyone")
    assert problems == []


def _mute(handle: str) -> None:
    """Mute a member in the test room straight in the database (no live notice reaches their open page)."""
    from datetime import timedelta

    from models import Membership, User, db
    from models.base import utcnow

    user = db.session.scalar(db.select(User).where(User.handle == handle))
    m = db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))
    m.muted_until = utcnow() + timedelta(hours=1)
    db.session.commit()


def test_muted_member_sees_no_message_box(live_server, browser) -> None:
    from playwright.sync_api import expect

    _mute("member1")
    problems: list[str] = []
    page = _member_page(browser, live_server, "member1", problems)
    expect(page.locator("#chat-connection")).to_have_text("Connected")
    expect(page.locator("#chat-readonly")).to_contain_text("aren't muted")
    expect(
        page.locator("#chat-form")
    ).to_be_hidden()  # the hidden attribute wins over .chat-form's display: grid
    expect(page.locator("#chat-text")).to_be_hidden()
    assert problems == []


def test_refused_send_offers_no_retry_and_hides_the_box(live_server, browser) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    page = _member_page(browser, live_server, "member1", problems)
    expect(page.locator("#chat-connection")).to_have_text("Connected")
    expect(page.locator("#chat-form")).to_be_visible()
    _mute("member1")  # muted while the page is open: the send is refused, and retrying cannot help
    page.fill("#chat-text", "can I still talk?")
    page.press("#chat-text", "Enter")
    line = page.locator("#chat-log .chat-msg").filter(has_text="can I still talk?")
    expect(line).to_contain_text("Not sent: You are muted in this group for now.")
    expect(line.get_by_role("button", name="Retry")).to_have_count(0)
    expect(page.locator("#chat-form")).to_be_hidden()  # the room's state was read afresh
    assert problems == []


class Outage:
    """Cuts one page's chat connection, and holds its attempts to reconnect until `restore()` lets them through."""

    def __init__(self, page) -> None:  # noqa: ANN001
        self.down, self.open, self.held = False, [], []
        page.route_web_socket("**/socket.io/**", self._socket)
        page.route("**/socket.io/**", lambda r: r.abort() if self.down else r.continue_())  # and polling

    def _socket(self, ws) -> None:  # noqa: ANN001
        if self.down:
            self.held.append(ws)  # open for the page, but no answer yet: socket.io waits for the handshake
        else:
            self.open.append((ws, ws.connect_to_server()))

    def cut(self) -> None:
        self.down = True
        for ws, server in self.open:
            server.close()
            ws.close()
        self.open.clear()

    def restore(self) -> None:
        self.down = False
        while self.held:
            ws = self.held.pop()
            self.open.append((ws, ws.connect_to_server()))


def test_erased_messages_change_in_open_windows(live_server, browser) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    leaver = _member_page(browser, live_server, "member1", problems)
    reader = _member_page(browser, live_server, "leader1", problems)
    away = browser.new_context().new_page()  # its connection is down while the words are erased
    outage = Outage(away)
    away = _member_page(browser, live_server, "mod1", problems, page=away)
    for page in (leaver, reader, away):
        expect(page.locator("#chat-connection")).to_have_text("Connected")
    for words in ("words I will take back", "and these too"):  # two lines: one event carries both ids
        leaver.fill("#chat-text", words)
        leaver.press("#chat-text", "Enter")
        for page in (reader, away):
            line = page.locator("#chat-log .chat-msg").filter(has_text=words)
            expect(line.get_by_role("button", name="Report")).to_have_count(1)

    outage.cut()
    expect(away.locator("#chat-connection")).not_to_have_text("Connected")
    leaver.goto(f"{live_server}/auth/delete")
    leaver.check("#writing-1")  # erase
    leaver.fill("#password", PASSWORD)
    leaver.check("#confirm")
    leaver.click("form.stack [type=submit]")
    leaver.wait_for_url(lambda url: "/auth/deleted" in url)

    # The reader's open window changes at once, without a reload: the words, the name, the buttons.
    for erased in (reader.locator("#chat-log .chat-msg").first, reader.locator("#chat-log .chat-msg").nth(1)):
        expect(erased.locator(".chat-text")).to_have_text("[removed by its author]")
        expect(erased.locator(".chat-author")).to_have_text("a former member")
        expect(erased.get_by_role("button")).to_have_count(0)
    # The window that was away still shows the words; reconnecting, it catches up on the erasure, without a reload.
    gone = away.locator("#chat-log .chat-msg").first
    expect(gone.locator(".chat-text")).to_have_text("words I will take back")
    outage.restore()
    expect(away.locator("#chat-connection")).to_have_text("Connected", timeout=15000)
    expect(gone.locator(".chat-text")).to_have_text("[removed by its author]")
    expect(gone.locator(".chat-author")).to_have_text("a former member")
    expect(gone.get_by_role("button")).to_have_count(0)
    reader.reload()  # and after a reload too, with no Report button
    expect(reader.locator("#chat-log .chat-msg").first).to_contain_text("[removed by its author]")
    expect(reader.locator("#chat-log .chat-msg").first.get_by_role("button", name="Report")).to_have_count(0)
    assert problems == []
