"""Opening one person's message history (Loughton §4: "you must be able to justify the intrusion
before it is actioned").

Repeated viewing of an individual's social media to gather information about them can be
directed surveillance under RIPA 2000, and a town or parish council cannot authorise directed
surveillance at all. So the desk has no "watch this person" feature: each time someone opens a
named person's history they give a reason, which is recorded and audited, and when the same
person's history has been opened the council's limit of times within its period (3 times in 28
days unless the Clerk sets otherwise) the viewer is warned and the Clerk is told.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.inbox.models import HistoryView, Message, inbox_settings
from civicpost.desk.inbox.services import NotAllowed, _staff

MIN_JUSTIFICATION = 20
# A view shows the history for this long; after that a fresh reason is needed.
VIEW_LASTS = dt.timedelta(minutes=30)


def recent_views(message: Message, now: dt.datetime | None = None) -> int:
    """How many times this person's history was opened within the council's period."""
    settings = inbox_settings(message.council)
    since = (now or timezone.now()) - dt.timedelta(days=settings.history_period_days)
    return HistoryView.objects.filter(council=message.council, person_key=message.author_key,
                                      at__gte=since).count()


@transaction.atomic
def open_history(message: Message, actor: Any, justification: str) -> HistoryView:
    _staff(message.council, actor)
    reason = " ".join(justification.split())
    if len(reason) < MIN_JUSTIFICATION:
        raise NotAllowed(f"Say why you need to see this person's other messages (at least "
                         f"{MIN_JUSTIFICATION} characters): it is recorded")
    settings = inbox_settings(message.council)
    count = recent_views(message) + 1
    view = HistoryView.objects.create(
        council=message.council, user=actor, person_key=message.author_key,
        person_label=message.author_display[:300], from_message=message, justification=reason,
        views_in_period=count, warned=count >= settings.history_views_warned)
    record("inbox.history-opened", actor=actor, council=message.council, subject=view,
           summary=f"{actor} opened the message history of {view.person_label}: {reason}"
                   + (f" (opened {count} times in {settings.history_period_days} days)"
                      if view.warned else ""),
           details={"person": message.author_key, "from_message": message.pk, "justification": reason,
                    "views_in_period": count, "warned": view.warned})
    if view.warned:
        from civicpost.desk.inbox import alerts

        alerts.history_viewed_again(view)
    return view


def usable_view(council: Any, actor: Any, pk: int, now: dt.datetime | None = None) -> HistoryView:
    """A view its own viewer may still look at; anyone else, or later, must give a reason again."""
    view = HistoryView.objects.filter(pk=pk, council=council, user=actor).first()
    if view is None:
        raise LookupError(pk)
    if (now or timezone.now()) - view.at > VIEW_LASTS:
        raise NotAllowed("This view has ended: give your reason again to see the history")
    return view


def messages_of(view: HistoryView) -> QuerySet[Message]:
    return (Message.objects.filter(council=view.council, author_key=view.person_key)
            .select_related("channel").order_by("-received"))
