"""The archive: every post ever drafted, searchable, each with its evidence pack."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from civicpost.desk.audit.log import record
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.posts import evidence
from civicpost.desk.posts.forms import ArchiveSearchForm
from civicpost.desk.posts.search import containing
from civicpost.desk.posts.views.review import visible_posts


@council_page(Role.CLERK, Role.OFFICER, Role.PARTNER, Role.AUDITOR)
@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    form = ArchiveSearchForm(request.GET or None)
    # Only what a row shows: the versions' findings and check contexts are JSON to decode.
    posts = (visible_posts(request).select_related("author", "current_version")
             .only("status", "created", "author__name", "current_version__text"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            posts = containing(posts, data["q"])
        if data["status"]:
            posts = posts.filter(status=data["status"])
        if data["date_from"]:
            posts = posts.filter(created__gte=_start_of(data["date_from"]))
        if data["date_to"]:
            posts = posts.filter(created__lt=_start_of(data["date_to"] + dt.timedelta(days=1)))
    page = Paginator(posts.order_by("-created"), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "posts/archive.html", {"form": form, "page": page,
                                                  "query": query.urlencode(),
                                                  "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@council_page(Role.CLERK, Role.OFFICER, Role.AUDITOR)
@require_GET
def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(visible_posts(request), pk=pk)
    content = evidence.build(post, request.user)
    record("post.evidence-exported", actor=request.user, council=post.council, subject=post,
           summary=f"Evidence pack of post {post.pk} exported by {request.user}")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="post-{post.pk}-evidence.zip"'
    return response
