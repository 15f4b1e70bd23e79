"""Browsing, group pages, joining and leaving."""

from models import Membership, db


def _membership(user, group):
    return db.session.scalar(
        db.select(Membership).where(Membership.user_id == user.id, Membership.group_id == group.id)
    )


def test_browse_lists_public_and_members_rooms_not_unlisted(client, make_group):
    make_group("open-room")
    make_group("private-room", visibility="members")
    make_group("secret-room", visibility="unlisted")
    page = client.get("/groups/").get_data(as_text=True)
    assert "Open Room" in page and "Private Room" in page and "Secret Room" not in page
    assert "Secret Room" not in client.get("/groups/?q=secret").get_data(as_text=True)


def test_unlisted_room_is_404_for_outsiders_and_visible_to_members(
    client, auth, make_group, make_user, add_member
):
    group = make_group("secret-room", visibility="unlisted", joining="invite")
    assert client.get("/groups/secret-room").status_code == 404
    member = make_user("insider")
    add_member(member, group)
    auth.login("insider")
    assert client.get("/groups/secret-room").status_code == 200


def test_members_only_threads_hidden_from_non_members(client, auth, room, make_group, make_user, add_member):
    from forum.services.posting import create_thread

    group = make_group("private-room", visibility="members")
    author = make_user("author1")
    add_member(author, group)
    thread = create_thread(author, group, "Private thoughts", "Only for the group.").thread
    assert "Private thoughts" not in client.get("/groups/private-room").get_data(as_text=True)
    assert client.get(f"/t/{thread.id}").status_code == 403
    assert "Private thoughts" not in client.get("/").get_data(as_text=True)
    auth.login("author1")
    assert client.get(f"/t/{thread.id}").status_code == 200


def test_join_open_room(client, auth, make_group, make_user):
    group = make_group("open-room")
    user = make_user("joiner")
    auth.login("joiner")
    r = client.post("/groups/open-room/join", follow_redirects=True)
    assert "You joined Open Room" in r.get_data(as_text=True)
    assert _membership(user, group).state == "active"


def test_joining_again_says_so_instead_of_an_error_page(client, auth, make_group, make_user):
    group = make_group("open-room")
    user = make_user("double-clicker")
    auth.login("double-clicker")
    client.post("/groups/open-room/join")
    r = client.post("/groups/open-room/join")  # the second click of a double click, or a page left open
    assert r.status_code == 302
    assert "You are already a member of this group." in client.get("/groups/open-room").get_data(as_text=True)
    assert _membership(user, group).state == "active"


def test_asking_again_while_pending_says_the_request_waits(client, auth, make_group, make_user):
    group = make_group("ask-room", joining="request")
    user = make_user("asker")
    auth.login("asker")
    client.post("/groups/ask-room/join", data={"message": "first"})
    r = client.post("/groups/ask-room/join", data={"message": "second"})
    assert r.status_code == 302
    assert _membership(user, group).request_message == "first"


def test_join_by_request_is_pending(client, auth, make_group, make_user):
    group = make_group("ask-room", joining="request")
    user = make_user("asker")
    auth.login("asker")
    client.post("/groups/ask-room/join", data={"message": "I lost my mum last year."})
    m = _membership(user, group)
    assert m.state == "pending" and m.request_message == "I lost my mum last year."


def test_invite_only_room_refuses_join(client, auth, make_group, make_user):
    group = make_group("invite-room", joining="invite")
    user = make_user("hopeful")
    auth.login("hopeful")
    r = client.post("/groups/invite-room/join")
    assert r.status_code == 403
    assert _membership(user, group) is None


def test_join_message_too_long_changes_nothing(client, auth, make_group, make_user):
    group = make_group("ask-room", joining="request")
    user = make_user("asker")
    auth.login("asker")
    client.post("/groups/ask-room/join", data={"message": "x" * 501})
    assert _membership(user, group) is None


def test_banned_member_cannot_rejoin(client, auth, make_group, make_user, add_member):
    group = make_group("open-room")
    user = make_user("troll")
    add_member(user, group, state="banned")
    auth.login("troll")
    assert client.post("/groups/open-room/join").status_code == 403
    assert _membership(user, group).state == "banned"


def test_leave_and_last_leader_must_hand_over(client, auth, room):
    group, people = room
    auth.login("member1")
    client.post("/groups/test-room/leave")
    assert _membership(people["member1"], group) is None
    auth.logout()
    auth.login("leader1")
    r = client.post("/groups/test-room/leave", follow_redirects=True)
    assert "only leader" in r.get_data(as_text=True)
    assert _membership(people["leader1"], group).role == "leader"


def test_profile_shows_only_groups_viewer_may_see(client, auth, make_group, make_user, add_member):
    public = make_group("open-room")
    secret = make_group("secret-room", visibility="unlisted", joining="invite")
    user = make_user("both_rooms")
    add_member(user, public)
    add_member(user, secret)
    page = client.get("/u/both_rooms").get_data(as_text=True)
    assert "Open Room" in page and "Secret Room" not in page
    auth.login("both_rooms")
    assert "Secret Room" in client.get("/u/both_rooms").get_data(as_text=True)


def test_unknown_profile_404(client):
    assert client.get("/u/nobody").status_code == 404


def test_profile_hides_members_only_rooms_from_non_members(client, auth, make_group, make_user, add_member):
    public = make_group("open-room")
    private = make_group("quiet-circle", visibility="members")
    user = make_user("new_leaf")
    fellow, pending = make_user("fellow"), make_user("waiting")
    make_user("stranger")
    for member in (user, fellow):
        add_member(member, private)
    add_member(user, public)
    add_member(pending, private, state="pending")
    page = client.get("/u/new_leaf").get_data(as_text=True)  # logged out
    assert "Open Room" in page and "Quiet Circle" not in page
    for handle, sees in (("stranger", False), ("waiting", False), ("fellow", True), ("new_leaf", True)):
        auth.login(handle)
        page = client.get("/u/new_leaf").get_data(as_text=True)
        assert ("Quiet Circle" in page) is sees, handle
        assert "Open Room" in page
        auth.logout()


def test_a_member_can_hide_their_rooms_from_their_profile(client, auth, make_group, make_user, add_member):
    public = make_group("open-room")
    user = make_user("new_leaf")
    make_user("fellow")
    make_user("site_mod", is_site_moderator=True)
    add_member(user, public)
    auth.login("new_leaf")
    settings = client.get("/settings").get_data(as_text=True)
    assert 'name="show_groups"' in settings and "checked" in settings  # on by default: today's behaviour
    saved = client.post("/settings", data={"bio": "", "region": "GB", "timezone": "Europe/London"})
    assert saved.status_code == 302  # an unticked box is absent from the form, as a browser sends it
    db.session.refresh(user)
    assert user.show_groups is False
    assert "Open Room" in client.get("/u/new_leaf").get_data(as_text=True)  # the member still sees their own
    auth.logout()
    for handle in (None, "fellow"):
        if handle:
            auth.login(handle)
        page = client.get("/u/new_leaf").get_data(as_text=True)
        assert "Open Room" not in page and "new_leaf keeps their rooms private." in page
        auth.logout()
    auth.login("site_mod")
    assert "Open Room" in client.get("/u/new_leaf").get_data(as_text=True)  # staff, for moderation
    auth.logout()
    auth.login("new_leaf")
    client.post(
        "/settings", data={"bio": "", "region": "GB", "timezone": "Europe/London", "show_groups": "y"}
    )
    db.session.refresh(user)
    assert user.show_groups is True
