"""Threads and posts through HTTP: start, reply, edit, delete, react, pagination, bad input."""

import pytest

from models import Post, PostRevision, Reaction, Thread, db


def _count(model):
    return db.session.scalar(db.select(db.func.count(model.id)))


@pytest.fixture
def member(client, auth, room):
    auth.login("member1")
    return room


def test_start_thread_and_reply(client, member):
    r = client.post(
        "/groups/test-room/new", data={"title": "Sleeping badly", "body": "Anyone else **awake**?"}
    )
    assert r.status_code == 302
    thread = db.session.scalar(db.select(Thread))
    assert thread.title == "Sleeping badly"
    first = thread.posts.first()
    assert (
        first.html == "<p>Anyone else <strong>awake</strong>?</p>"
        and first.source == "Anyone else **awake**?"
    )
    r = client.post(f"/t/{thread.id}/reply", data={"body": "Me too, tea helps."})
    assert r.status_code == 302
    db.session.refresh(thread)
    assert thread.reply_count == 1
    assert "Me too, tea helps." in client.get(f"/t/{thread.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "text"}, "Please write a title"),
        ({"title": "ab", "body": "text"}, "3 to 200"),
        ({"title": "x" * 201, "body": "text"}, "200 characters"),
        ({"title": "Fine title", "body": ""}, "Please write something"),
        ({"title": "Fine title", "body": "   "}, "Please write something"),
        ({"title": "Fine title", "body": "x" * 20_001}, "20,000"),
        ({"title": "Fine title", "body": "ok", "content_warning": "x" * 61}, "60 characters"),
    ],
)
def test_new_thread_bad_input_changes_nothing(client, member, data, message):
    r = client.post("/groups/test-room/new", data=data)
    assert r.status_code == 400
    assert message in r.get_data(as_text=True)
    assert _count(Thread) == 0 and _count(Post) == 0


def test_non_member_cannot_post(client, auth, room):
    auth.login("outsider")
    r = client.post("/groups/test-room/new", data={"title": "Hello there", "body": "hi"})
    assert r.status_code == 302
    assert _count(Thread) == 0


def test_anonymous_is_sent_to_login(client, room):
    r = client.post("/groups/test-room/new", data={"title": "Hello there", "body": "hi"})
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]
    assert _count(Thread) == 0


def _thread(client):
    client.post("/groups/test-room/new", data={"title": "A thread", "body": "First version"})
    return db.session.scalar(db.select(Thread))


def test_edit_keeps_history(client, member):
    thread = _thread(client)
    post = thread.posts.first()
    client.post(f"/p/{post.id}/edit", data={"body": "Second version", "content_warning": ""})
    db.session.refresh(post)
    assert post.source == "Second version" and post.edited_at is not None
    revs = db.session.scalars(db.select(PostRevision)).all()
    assert [r.source for r in revs] == ["First version"]
    page = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "First version" in page and "Second version" in page


def test_cannot_edit_someone_elses_post(client, auth, member):
    thread = _thread(client)
    post = thread.posts.first()
    auth.logout()
    auth.login("mod1")
    assert client.post(f"/p/{post.id}/edit", data={"body": "hijack"}).status_code == 403
    db.session.refresh(post)
    assert post.source == "First version"


def test_delete_leaves_tombstone(client, member):
    thread = _thread(client)
    client.post(f"/t/{thread.id}/reply", data={"body": "Regret this"})
    reply = db.session.scalar(db.select(Post).where(Post.is_first.is_(False)))
    client.post(f"/p/{reply.id}/delete")
    db.session.refresh(reply)
    assert reply.deleted_at is not None and reply.source == "Regret this"
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "This post was deleted." in page and "Regret this" not in page


def test_reactions_one_per_kind_and_toggle(client, auth, member):
    thread = _thread(client)
    post = thread.posts.first()
    auth.logout()
    auth.login("mod1")
    client.post(f"/p/{post.id}/react/strength")
    client.post(f"/p/{post.id}/react/me_too")
    assert _count(Reaction) == 2
    client.post(f"/p/{post.id}/react/strength")  # taken back
    assert [r.kind for r in db.session.scalars(db.select(Reaction))] == ["me_too"]
    client.post(f"/p/{post.id}/react/like")  # not a kind we have
    assert _count(Reaction) == 1


def test_cannot_react_to_own_post(client, member):
    thread = _thread(client)
    client.post(f"/p/{thread.posts.first().id}/react/strength")
    assert _count(Reaction) == 0


def test_content_warning_collapses_body(client, member):
    client.post("/groups/test-room/new", data={"title": "Hard day", "body": "It was the anniversary.",
                                              "content_warning": "loss"})  # fmt: skip
    thread = db.session.scalar(db.select(Thread))
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert '<details class="cw"' in page and "Content warning: loss" in page


def test_pagination_newest_activity_first(app, client, member):
    app.config["POSTS_PER_PAGE"] = 3
    thread = _thread(client)
    for i in range(5):
        client.post(f"/t/{thread.id}/reply", data={"body": f"reply number {i}"})
    page1 = client.get(f"/t/{thread.id}").get_data(as_text=True)
    page2 = client.get(f"/t/{thread.id}?page=2").get_data(as_text=True)
    assert "reply number 1" in page1 and "reply number 2" not in page1
    assert "reply number 4" in page2 and "Page 2 of 2" in page2
    assert client.get(f"/t/{thread.id}?page=abc").status_code == 200


def test_threads_ordered_by_latest_activity(client, member):
    client.post("/groups/test-room/new", data={"title": "Older thread", "body": "one"})
    client.post("/groups/test-room/new", data={"title": "Newer thread", "body": "two"})
    older = db.session.scalar(db.select(Thread).where(Thread.title == "Older thread"))
    client.post(f"/t/{older.id}/reply", data={"body": "bump"})
    page = client.get("/groups/test-room").get_data(as_text=True)
    assert page.index("Older thread") < page.index("Newer thread")


def test_unknown_thread_and_post_404(client):
    assert client.get("/t/999").status_code == 404
    assert client.get("/p/999/history").status_code == 404
