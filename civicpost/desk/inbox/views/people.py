"""Opening one person's message history: a recorded reason first, every time (Loughton §4, RIPA
2000). There is no list of people and no way to follow one; see :mod:`civicpost.desk.inbox.history`."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.inbox import history, services
from civicpost.desk.inbox.forms import HistoryForm
from civicpost.desk.inbox.models import HistoryView, Message, inbox_settings
from civicpost.desk.inbox.presenting import policy_clauses

STAFF = (Role.CLERK, Role.OFFICER)


@council_page(*STAFF)
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    message = get_object_or_404(Message.objects.select_related("channel", "council"), pk=pk, council=council)
    form = HistoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            view = history.open_history(message, request.user, form.cleaned_data["justification"])
        except services.NotAllowed as exc:
            form.add_error("justification", str(exc))
        else:
            return redirect("inbox:history", pk=view.pk)
    settings = inbox_settings(council)
    return render(request, "inbox/history_ask.html", {
        "message": message, "form": form, "error_form": form if form.errors else None,
        "views": history.recent_views(message), "settings": settings,
        "clauses": policy_clauses(council, "monitoring-log"),
    }, status=400 if form.errors else 200)


@council_page(*STAFF)
@require_GET
def show(request: HttpRequest, pk: int) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    try:
        view = history.usable_view(council, request.user, pk)
    except LookupError:
        raise Http404("no such view") from None
    except services.NotAllowed as exc:
        view = get_object_or_404(HistoryView, pk=pk, council=council, user=request.user)
        return render(request, "inbox/history_ended.html", {"view": view, "reason": str(exc)}, status=403)
    page = Paginator(history.messages_of(view), 50).get_page(request.GET.get("page"))
    return render(request, "inbox/history.html", {"view": view, "page": page,
                                                  "settings": inbox_settings(council)})
