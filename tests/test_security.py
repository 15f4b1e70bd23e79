"""Security headers and the absence of inline script on every page."""

import re

import pytest

PAGES = ["/", "/groups/", "/help", "/auth/login", "/auth/signup", "/auth/reset", "/nope"]


@pytest.mark.parametrize("path", PAGES)
def test_strict_csp_on_every_page(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    # Sockets only to the site itself: no bare ws:/wss: scheme that would allow any host.
    assert "connect-src 'self';" in csp and " ws:" not in csp and " wss:" not in csp
    assert r.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_scripts_or_handlers(client, path):
    html = client.get(path).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "style=" not in html


def test_footer_links_help_page_everywhere(client):
    for path in PAGES:
        assert 'href="/help"' in client.get(path).get_data(as_text=True)


def test_help_page_lists_seeded_resources(client):
    page = client.get("/help").get_data(as_text=True)
    assert "988 Suicide &amp; Crisis Lifeline" in page and "116 123" in page and "13 11 14" in page
    assert "Find a Helpline" in page


def test_internal_errors_do_not_leak(app, client):
    @app.route("/boom")
    def boom():  # noqa: ANN202
        raise RuntimeError("secret detail")

    r = client.get("/boom")
    assert r.status_code == 500 and "secret detail" not in r.get_data(as_text=True)
