"""Admins edit the crisis resource list; nobody else can."""

import re

import pytest
from sqlalchemy import update

from forum.services import resource_admin
from models import AuditEntry, CrisisResource, User, db
from tests.conftest import commit_before_the_write

GOOD = {"region": "gb", "name": "Test Line", "description": "A test service", "phone": "0800 000 000",
        "text": "", "web": "https://test-line.example", "hours": "24/7", "position": "3", "is_active": "y"}  # fmt: skip


@pytest.fixture
def admin(client, auth, make_user):
    make_user("site_admin", is_admin=True)
    auth.login("site_admin")


def test_only_admins_reach_the_list(client, auth, make_user):
    assert client.get("/admin/resources").status_code == 302  # to login
    make_user("plain")
    auth.login("plain")
    assert client.get("/admin/resources").status_code == 403
    assert client.post("/admin/resources/new", data=GOOD).status_code == 403


def test_admin_adds_resource_and_it_reaches_help_page(client, admin):
    r = client.post("/admin/resources/new", data=GOOD)
    assert r.status_code == 302
    res = db.session.scalar(db.select(CrisisResource).where(CrisisResource.name == "Test Line"))
    assert res.region == "GB" and res.is_active
    assert "Test Line" in client.get("/help").get_data(as_text=True)
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "resource.save"))
    assert entry.after["name"] == "Test Line"


def test_retiring_hides_from_help(client, admin):
    res = db.session.scalar(db.select(CrisisResource).where(CrisisResource.name == "Samaritans"))
    data = {
        **GOOD,
        "region": "GB",
        "name": "Samaritans",
        "phone": "116 123",
        "web": "https://www.samaritans.org",
    }
    data.pop("is_active")
    client.post(f"/admin/resources/{res.id}", data=data)
    db.session.refresh(res)
    assert not res.is_active
    assert "Samaritans</strong>" not in client.get("/help").get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region": "Narnia"}, "two-letter"),
        ({"region": "ZZ"}, "two-letter ISO country code"),
        ({"region": "UK"}, "GB for the United Kingdom"),
        ({"name": ""}, "required"),
        ({"web": "javascript:alert(1)"}, "https://"),
        ({"phone": "", "text": "", "web": ""}, "at least one way"),
        ({"phone": "call <b>me</b>"}, "digits"),
        ({"topics": "astrology"}, "not a valid choice"),
        ({"position": "-4"}, "between 0 and 999"),
    ],
)
def test_bad_input_changes_nothing(client, admin, change, message):
    before = db.session.scalar(db.select(db.func.count(CrisisResource.id)))
    r = client.post("/admin/resources/new", data={**GOOD, **change})
    assert r.status_code == 400 and message in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(CrisisResource.id))) == before


def test_unknown_resource_404(client, admin):
    assert client.get("/admin/resources/9999").status_code == 404


def test_an_admin_demoted_meanwhile_saves_nothing(client, admin, monkeypatch):
    demote = update(User).where(User.handle == "site_admin").values(is_admin=False)
    commit_before_the_write(monkeypatch, resource_admin, demote)
    r = client.post("/admin/resources/new", data=GOOD)
    assert r.status_code == 403
    assert resource_admin.ADMINS_ONLY in r.get_data(as_text=True)
    assert db.session.scalar(db.select(CrisisResource).where(CrisisResource.name == "Test Line")) is None


def test_any_iso_country_can_be_added_and_gets_its_name_on_the_help_page(client, admin):
    r = client.post("/admin/resources/new", data={**GOOD, "region": "fr", "name": "SOS Amitié"})
    assert r.status_code == 302
    assert (
        db.session.scalar(db.select(CrisisResource.region).where(CrisisResource.name == "SOS Amitié")) == "FR"
    )
    page = client.get("/help?region=FR").get_data(as_text=True)
    assert page.index("<h2") == page.index('<h2 id="region-FR">France</h2>')


def test_the_list_puts_the_international_entries_last(client, admin):
    page = client.get("/admin/resources").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td>([A-Z]+) ", page)
    # The help page's order, countries by name and INTL last, not the codes' (which put INTL between IE and NZ).
    assert list(dict.fromkeys(rows)) == ["AU", "CA", "IE", "NZ", "GB", "US", "INTL"]
    assert len(rows) == db.session.scalar(db.select(db.func.count(CrisisResource.id)))
