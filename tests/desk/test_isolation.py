"""One installation, many councils: nobody sees another council's posts, people or trail."""

from __future__ import annotations

from civicpost.desk.posts import services
from civicpost.desk.posts.models import Post

from .conftest import Town, draft, signed_in


def _post(town: Town, text: str) -> Post:
    return draft(town, text)


def test_a_council_never_sees_another_councils_posts(loughton: Town, ludgershall: Town) -> None:
    theirs = _post(ludgershall, "Ludgershall castle open day on Sunday")
    ours = _post(loughton, "Loughton library reading group on Tuesday")
    client = signed_in(loughton.officer)
    assert client.get(f"/posts/{theirs.pk}").status_code == 404
    assert client.get(f"/posts/{theirs.pk}/edit").status_code == 404
    assert client.get(f"/posts/{theirs.pk}/evidence.zip").status_code == 404
    assert client.post(f"/posts/{theirs.pk}/submit").status_code == 404
    archive = client.get("/posts/archive", {"q": "open day"}).content.decode()
    assert "castle" not in archive
    assert "reading group" in client.get("/posts/archive").content.decode()
    assert client.get(f"/posts/{ours.pk}").status_code == 200


def test_a_clerk_cannot_approve_another_councils_post(loughton: Town, ludgershall: Town) -> None:
    theirs = _post(ludgershall, "Ludgershall market on Saturday")
    services.submit(theirs, ludgershall.officer)
    client = signed_in(loughton.clerk)
    assert client.post(f"/posts/{theirs.pk}/approve", {}).status_code == 404
    assert "Ludgershall market" not in client.get("/posts/approvals").content.decode()
    theirs.refresh_from_db()
    assert theirs.status == "submitted"


def test_a_channel_of_another_council_cannot_be_chosen(loughton: Town, ludgershall: Town) -> None:
    client = signed_in(loughton.officer)
    response = client.post("/posts/new", {"text": "hello", "post_type": "promotion", "kind": "post",
                                          "channels": [str(ludgershall.channel.pk)], "action": "save"})
    assert response.status_code == 400
    assert Post.objects.count() == 0


def test_the_audit_trail_shows_only_the_councils_own_chain(loughton: Town, ludgershall: Town) -> None:
    _post(ludgershall, "Ludgershall secret squirrel event")
    page = signed_in(loughton.auditor).get("/audit/").content.decode()
    assert "Post" not in page or "squirrel" not in page
    export = signed_in(ludgershall.clerk).get("/audit/export.jsonl").content.decode()
    chain = f'"chain": "council-{ludgershall.council.pk}"'
    assert all(chain in line for line in export.splitlines())


def test_settings_of_another_council_are_out_of_reach(loughton: Town, ludgershall: Town) -> None:
    client = signed_in(loughton.clerk)
    from civicpost.desk.councils.models import Membership

    theirs = Membership.objects.get(council=ludgershall.council, user=ludgershall.officer)
    response = client.post(f"/settings/people/{theirs.pk}", {"role": "auditor", "active": "on"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == "officer"
