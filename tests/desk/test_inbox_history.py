"""No "watch this person" (Loughton §4, RIPA 2000): a person's message history opens only with a
recorded reason, is audited, is shown only to the one who gave the reason and only for a while,
and opening the same person's history again within the council's period warns the viewer and
tells the Clerk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.inbox import history, services
from civicpost.desk.inbox.models import HistoryView

from .conftest import Town, signed_in
from .inbox_support import arrive

REASON = "To check whether this threat repeats an earlier one before telling the police"


def _two_messages(town: Town) -> tuple[Any, Any]:
    earlier = arrive(town, "The bins on Mill Lane are a disgrace", author="Gary Doyle",
                     when=timezone.now() - dt.timedelta(days=3))
    latest = arrive(town, "I know where the clerk lives", author="Gary Doyle")
    arrive(town, "When is the library open?", author="Priti Shah")
    return earlier, latest


def test_the_history_opens_only_with_a_reason_which_is_audited(loughton: Town) -> None:
    earlier, latest = _two_messages(loughton)
    client = signed_in(loughton.officer)
    ask = client.get(f"/inbox/{latest.pk}/history").content.decode()
    assert "Regulation of Investigatory Powers Act 2000" in ask and "cannot authorise" in ask
    refused = client.post(f"/inbox/{latest.pk}/history", {"justification": "curious"})
    assert refused.status_code == 400 and HistoryView.objects.count() == 0
    response = client.post(f"/inbox/{latest.pk}/history", {"justification": REASON})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Mill Lane" in page and "where the clerk lives" in page
    assert "library" not in page  # someone else's message
    event = AuditEvent.objects.get(action="inbox.history-opened")
    assert event.actor == loughton.officer and event.details["justification"] == REASON
    assert event.details["person"] == latest.author_key


def test_the_third_view_in_28_days_warns_and_tells_the_clerk(loughton: Town, mailoutbox: list[Any],
                                                            django_capture_on_commit_callbacks: Any) -> None:
    _, latest = _two_messages(loughton)
    with django_capture_on_commit_callbacks(execute=True):
        history.open_history(latest, loughton.officer, REASON)
        history.open_history(latest, loughton.officer2, REASON)
    assert mailoutbox == []
    client = signed_in(loughton.officer)
    ask = client.get(f"/inbox/{latest.pk}/history").content.decode()
    assert "Opening it again will alert the Town Clerk" in ask
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/inbox/{latest.pk}/history", {"justification": REASON})
    page = client.get(response["Location"]).content.decode()
    assert "opened 3 times in 28 days" in page and "The Town Clerk has been told" in page
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [loughton.clerk.email]
    assert "Gary Doyle" in mailoutbox[0].subject and REASON in mailoutbox[0].body


def test_views_older_than_the_period_do_not_count(loughton: Town) -> None:
    _, latest = _two_messages(loughton)
    history.open_history(latest, loughton.officer, REASON)
    history.open_history(latest, loughton.officer, REASON)
    HistoryView.objects.update(at=timezone.now() - dt.timedelta(days=40))
    assert history.recent_views(latest) == 0
    assert not history.open_history(latest, loughton.officer, REASON).warned


def test_the_period_and_limit_are_the_councils(loughton: Town) -> None:
    _, latest = _two_messages(loughton)
    services.update_settings(loughton.council, loughton.clerk, {"history_views_warned": 2})
    history.open_history(latest, loughton.officer, REASON)
    assert history.open_history(latest, loughton.officer, REASON).warned


def test_a_view_is_only_for_its_viewer_and_ends(loughton: Town) -> None:
    _, latest = _two_messages(loughton)
    view = history.open_history(latest, loughton.officer, REASON)
    assert signed_in(loughton.officer2).get(f"/inbox/history/{view.pk}").status_code == 404
    with pytest.raises(services.NotAllowed, match="ended"):
        history.usable_view(loughton.council, loughton.officer, view.pk,
                            timezone.now() + dt.timedelta(hours=1))


def test_the_queue_cannot_be_filtered_by_person(loughton: Town) -> None:
    _two_messages(loughton)
    client = signed_in(loughton.officer)
    page = client.get("/inbox/", {"author": "Gary Doyle", "state": "all"}).content.decode()
    assert page.count("data-message=") == 3  # an unknown filter is ignored: no backdoor to one person
