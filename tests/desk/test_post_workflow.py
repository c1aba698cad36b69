"""A post's life through the desk's pages: draft with a finding, fix it, submit, approve,
publish by hand, and every step in the archive and the audit trail."""

from __future__ import annotations

import json
import re

import pytest

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.posts.models import Post, Publication, Status

from .conftest import Town, signed_in

LEAK = "Lost dog found near the library. Call Mrs Harris on 07700 900461 to collect him."


def compose(client, town: Town, text: str, action: str = "save", **extra):
    data = {"text": text, "post_type": "promotion", "kind": "post", "channels": [str(town.channel.pk)],
            "action": action, **extra}
    return client.post("/posts/new", data)


def test_a_private_mobile_number_is_found_with_its_clause_and_fix(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    page = compose(client, loughton, LEAK, action="check").content.decode()
    assert "Phone number" in page
    assert "07700 900461" in page
    assert "Never give out personal details" in page  # the Loughton clause, quoted
    assert re.search(r'<mark class="app-mark--block">07700 900461</mark>', page)
    assert "Apply this fix" in page


def test_applying_the_fix_redacts_the_number_without_saving(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    page = compose(client, loughton, LEAK, action="check").content.decode()
    fix = re.search(r'name="apply_fix" value=\'([^\']+)\'', page).group(1)
    fixed = compose(client, loughton, LEAK, action="check", apply_fix=fix).content.decode()
    assert "07700 900461" not in fixed
    assert "[phone number removed]" in fixed or "removed" in fixed
    assert Post.objects.count() == 0


def test_the_live_check_returns_findings_for_the_text_so_far(loughton: Town) -> None:
    client = signed_in(loughton.officer)
    answer = client.post("/posts/check", {"text": LEAK, "kind": "post"}).json()
    assert answer["verdict"] == "block"
    assert "07700 900461" in answer["html"]
    clean = client.post("/posts/check", {"text": "The library opens at 9am on Saturday.",
                                         "kind": "post"}).json()
    assert clean["verdict"] in {"clear", "advise"}


def test_the_whole_life_of_a_post(loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    text = "The Christmas lights switch-on is on Friday 5 December at 6pm in the High Road."
    response = compose(officer, loughton, text, action="submit")
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == Status.SUBMITTED

    clerk = signed_in(loughton.clerk)
    assert text[:40] in clerk.get("/posts/approvals").content.decode()
    assert clerk.post(f"/posts/{post.pk}/approve", {"comment": "Lovely"}).status_code == 302
    post.refresh_from_db()
    assert post.status == Status.APPROVED and post.approved_by == loughton.clerk

    assert officer.post(f"/posts/{post.pk}/publish").status_code == 302
    publication = Publication.objects.get(post=post)
    assert publication.state == Publication.State.AWAITING_LINK
    link = "https://www.facebook.com/loughtontc/posts/12345"
    response = officer.post(f"/posts/{post.pk}/live-link/{publication.pk}", {f"p{publication.pk}-url": link})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED

    archive = officer.get("/posts/archive", {"q": "lights switch-on"}).content.decode()
    assert f"/posts/{post.pk}" in archive
    page = officer.get(f"/posts/{post.pk}").content.decode()
    assert link in page
    actions = list(AuditEvent.objects.filter(subject_type="post", subject_id=str(post.pk))
                   .order_by("position").values_list("action", flat=True))
    assert actions == ["post.drafted", "post.submitted", "post.approved", "post.publishing",
                       "post.published", "post.published-everywhere"]


def test_publishing_twice_makes_one_publication_per_channel(loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    compose(officer, loughton, "Bin collections move to Saturday next week.", action="submit")
    post = Post.objects.get()
    signed_in(loughton.clerk).post(f"/posts/{post.pk}/approve", {})
    officer.post(f"/posts/{post.pk}/publish")
    officer.post(f"/posts/{post.pk}/publish")
    assert Publication.objects.filter(post=post).count() == 1


@pytest.mark.parametrize("bad", [
    {"text": ""},
    {"text": "x" * 20_001},
    {"text": "hello", "scheduled_date": "2027-02-30", "scheduled_time": "09:00"},
    {"text": "hello", "scheduled_date": "2020-01-01", "scheduled_time": "09:00"},
    {"text": "hello", "scheduled_date": "2030-01-01"},
    {"text": "hello", "in_reply_to": "not a link at all"},
    {"text": "hello", "post_type": "propaganda"},
    {"text": "hello\x00world"},
])
def test_bad_input_gives_an_error_summary_and_keeps_what_was_typed(loughton: Town, bad: dict) -> None:
    client = signed_in(loughton.officer)
    data = {"text": "", "post_type": "promotion", "kind": "post", "action": "save", **bad}
    response = client.post("/posts/new", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "govuk-error-summary" in page
    if bad["text"] and len(bad["text"]) < 100 and "\x00" not in bad["text"]:
        assert bad["text"] in page
    assert Post.objects.count() == 0


def test_an_upload_that_is_not_an_image_is_refused_and_the_text_kept(loughton: Town) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in(loughton.officer)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is not a picture", content_type="image/jpeg")
    response = client.post("/posts/new", {"text": "Our new benches", "post_type": "promotion",
                                          "kind": "post", "action": "save", "image": fake})
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be a JPEG, PNG, GIF or WebP image" in page
    assert "Our new benches" in page


def test_an_image_without_alt_text_is_found(loughton: Town) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
           b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
           b"\x00IEND\xaeB`\x82")
    client = signed_in(loughton.officer)
    response = client.post("/posts/new", {
        "text": "Our new benches in the park", "post_type": "promotion", "kind": "post", "action": "save",
        "channels": [str(loughton.channel.pk)], "image": SimpleUploadedFile("bench.png", png)})
    assert response.status_code == 302
    post = Post.objects.get()
    version = post.current_version
    assert version.media and version.media[0]["alt"] == ""
    assert any(f["family"] == "AX" for f in version.findings)


def test_the_evidence_pack_holds_the_history_with_checksums(loughton: Town) -> None:
    import hashlib
    import io
    import zipfile

    officer = signed_in(loughton.officer)
    compose(officer, loughton, "The pavilion reopens on Monday.", action="submit")
    post = Post.objects.get()
    signed_in(loughton.clerk).post(f"/posts/{post.pk}/return", {"comment": "Say which pavilion"})
    response = officer.get(f"/posts/{post.pk}/evidence.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"evidence.json", "evidence.html", "SHA256SUMS"} <= names
    for line in archive.read("SHA256SUMS").decode().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    facts = json.loads(archive.read("evidence.json"))
    assert [d["action"] for d in facts["decisions"]] == ["submitted", "returned"]
    assert facts["decisions"][1]["comment"] == "Say which pavilion"
    assert "Say which pavilion" in archive.read("evidence.html").decode()
    assert AuditEvent.objects.filter(action="post.evidence-exported").count() == 1
