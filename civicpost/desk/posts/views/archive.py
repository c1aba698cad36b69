"""The archive: every post ever drafted, searchable, each with its evidence pack."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.views.decorators.http import require_GET

from civicpost.desk.audit.log import record
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.posts import evidence
from civicpost.desk.posts.forms import ArchiveSearchForm
from civicpost.desk.posts.models import Status
from civicpost.desk.posts.search import containing
from civicpost.desk.posts.views.review import visible_posts


@council_page(Role.CLERK, Role.OFFICER, Role.PARTNER, Role.AUDITOR)
@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    form = ArchiveSearchForm(request.GET or None)
    posts = visible_posts(request)
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
    # Only what a row shows, as plain values: building 25 posts, their authors and versions as
    # models took four times as long as reading them.
    rows = posts.order_by("-created").values_list("pk", "status", "created", "author__name",
                                                  "current_version__text")
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "posts/archive.html", {"form": form, "page": page, "rows": _rows(page),
                                                  "query": query.urlencode(),
                                                  "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


def _rows(page: Page) -> SafeString:
    """The table's rows, written here rather than in the template: 25 rows of links, truncated
    texts and dates were most of the page's rendering time in the template engine."""
    return format_html_join(
        "", '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}">{}'
            '</a></td><td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
            '<td class="govuk-table__cell app-nowrap">{}</td></tr>',
        ((reverse("posts:detail", args=[pk]), Truncator(text or "").chars(90), Status(status).label, author,
          date_format(timezone.localtime(created), "j M Y"))
         for pk, status, created, author, text in page.object_list))


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
