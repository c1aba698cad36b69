"""Check my own post: the personal-account rules, nothing kept unless asked, counts for the Clerk."""

from __future__ import annotations

from civicpost.desk.personal.models import KeptCheck, PersonalCheckCount

from .conftest import Town, signed_in

GRIPE = "Absolutely fed up with the Town Clerk, she is useless and should be sacked #loughton"


def test_a_councillor_checks_a_personal_post_and_nothing_is_kept(loughton: Town) -> None:
    client = signed_in(loughton.councillor)
    page = client.post("/my-post/", {"text": GRIPE, "kind": "post"}).content.decode()
    assert "What the check found" in page
    assert KeptCheck.objects.count() == 0
    assert PersonalCheckCount.objects.get().checks == 1


def test_keeping_a_check_is_for_its_writer_only(loughton: Town) -> None:
    signed_in(loughton.councillor).post("/my-post/", {"text": GRIPE, "kind": "post", "keep": "on"})
    assert KeptCheck.objects.filter(user=loughton.councillor).count() == 1
    assert "fed up with the Town Clerk" in signed_in(loughton.councillor).get("/my-post/").content.decode()
    assert "fed up with the Town Clerk" not in signed_in(loughton.officer).get("/my-post/").content.decode()


def test_the_clerk_sees_counts_never_the_text(loughton: Town) -> None:
    signed_in(loughton.councillor).post("/my-post/", {"text": GRIPE, "kind": "post", "keep": "on"})
    dashboard = signed_in(loughton.clerk).get("/").content.decode()
    assert "1 check of personal posts this month" in dashboard
    assert "fed up" not in dashboard


def test_a_partner_has_no_personal_check_page(loughton: Town) -> None:
    assert signed_in(loughton.partner).get("/my-post/").status_code == 403


def test_an_empty_check_gives_an_error_summary(loughton: Town) -> None:
    response = signed_in(loughton.councillor).post("/my-post/", {"text": "", "kind": "post"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
