"""A post's page: where it stands, its findings, what the person looking may do next (submit,
approve, return, override, publish, record the live link, review an emergency post), and its
whole history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.posts import publishing, services
from civicpost.desk.posts.forms import DecisionForm, LiveLinkForm
from civicpost.desk.posts.models import Post, Publication, Status
from civicpost.desk.posts.presenting import counts, pieces


def visible_posts(request: HttpRequest) -> QuerySet[Post]:
    """A council's posts as this person may see them: a partner sees only its own."""
    posts = Post.objects.filter(council=request.council)  # type: ignore[attr-defined]
    if request.membership.role == Role.PARTNER:  # type: ignore[attr-defined]
        posts = posts.filter(author=request.user)
    return posts


@council_page(Role.CLERK, Role.OFFICER, Role.PARTNER, Role.AUDITOR)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(visible_posts(request).select_related(
        "current_version__policy_version__council", "author"), pk=pk)
    return _page(request, post)


def _page(request: HttpRequest, post: Post, *, decision_form: DecisionForm | None = None,
          link_forms: dict[int, LiveLinkForm] | None = None, status: int = 200) -> HttpResponse:
    version = post.current_version
    membership = request.membership  # type: ignore[attr-defined]
    may_decide = (membership.can_approve and post.status == Status.SUBMITTED
                  and request.user.pk not in {post.author_id, version.author_id})
    publications = list(post.publications.select_related("channel", "recorded_by"))
    events = AuditEvent.objects.filter(subject_type="post", subject_id=str(post.pk)).order_by("at", "pk")
    context: dict[str, Any] = {
        "post": post, "version": version, "findings": version.findings,
        "pieces": pieces(version.text, version.findings), "counts": counts(version.findings),
        "versions": post.versions.select_related("author", "policy_version")
                    .defer("findings", "check_context", "media").order_by("-number"),
        "decisions": post.decisions.select_related("by", "version"),
        "publications": publications, "events": events,
        "attachments": post.attachments.all(),
        "may_edit": post.editable and membership.can_draft and (
            membership.role != Role.PARTNER or post.author_id == request.user.pk),
        "may_submit": post.status in {Status.DRAFT, Status.RETURNED} and membership.can_draft,
        "may_decide": may_decide,
        "may_override": may_decide and membership.role == Role.CLERK and bool(version.blocking),
        "may_publish": post.status == Status.APPROVED and membership.is_staff_role,
        "may_fast_track": (post.post_type == "emergency" and membership.is_staff_role
                           and post.status in {Status.DRAFT, Status.SUBMITTED, Status.RETURNED}
                           and not version.blocking),
        "may_review": post.review_needed and membership.role == Role.CLERK,
        "may_withdraw": post.status in {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED}
                        and (membership.is_clerk or post.author_id == request.user.pk),
        "decision_form": decision_form or DecisionForm(),
        "link_forms": link_forms or {p.pk: LiveLinkForm(prefix=f"p{p.pk}") for p in publications
                                     if p.state == Publication.State.AWAITING_LINK},
        "error_form": decision_form if decision_form is not None and decision_form.errors else None,
    }
    return render(request, "posts/detail.html", context, status=status)


def _act(request: HttpRequest, pk: int, action: Callable[[Post, DecisionForm], str]) -> HttpResponse:
    post = get_object_or_404(visible_posts(request), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, post, decision_form=form, status=400)
    try:
        done = action(post, form)
    except services.NotAllowed as exc:
        form.add_error(None, str(exc))
        post.refresh_from_db()
        return _page(request, post, decision_form=form, status=400)
    messages.success(request, done)
    return redirect("posts:detail", pk=post.pk)


@council_page(Role.CLERK, Role.OFFICER, Role.PARTNER)
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda post, form: (services.submit(post, request.user),
                                                  "Submitted for approval")[1])


@council_page("approver")
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    def action(post: Post, form: DecisionForm) -> str:
        services.approve(post, request.user, comment=form.cleaned_data["comment"],
                         override_reason=form.cleaned_data["override_reason"])
        return "Approved"
    return _act(request, pk, action)


@council_page("approver")
@require_POST
def return_post(request: HttpRequest, pk: int) -> HttpResponse:
    def action(post: Post, form: DecisionForm) -> str:
        services.return_post(post, request.user, form.cleaned_data["comment"])
        return "Returned to the author with your comment"
    return _act(request, pk, action)


@council_page(Role.CLERK, Role.OFFICER, Role.PARTNER)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    def action(post: Post, form: DecisionForm) -> str:
        services.withdraw(post, request.user, form.cleaned_data["comment"])
        return "Withdrawn; it stays in the archive"
    return _act(request, pk, action)


@council_page(Role.CLERK, Role.OFFICER)
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    def action(post: Post, form: DecisionForm) -> str:
        publishing.publish_now(post, request.user)
        return "Released for publishing"
    return _act(request, pk, action)


@council_page(Role.CLERK, Role.OFFICER)
@require_POST
def fast_track(request: HttpRequest, pk: int) -> HttpResponse:
    def action(post: Post, form: DecisionForm) -> str:
        publishing.emergency_publish(post, request.user)
        return "Published as an emergency post; the Clerk has been told and will review it"
    return _act(request, pk, action)


@council_page(Role.CLERK)
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    def action(post: Post, form: DecisionForm) -> str:
        publishing.review_emergency(post, request.user, form.cleaned_data["comment"])
        return "Review recorded"
    return _act(request, pk, action)


@council_page(Role.CLERK, Role.OFFICER)
@require_POST
def live_link(request: HttpRequest, pk: int, publication: int) -> HttpResponse:
    post = get_object_or_404(visible_posts(request), pk=pk)
    target = get_object_or_404(Publication, pk=publication, post=post)
    form = LiveLinkForm(request.POST, prefix=f"p{target.pk}")
    if form.is_valid():
        try:
            publishing.record_live_link(target, request.user, form.cleaned_data["url"])
            messages.success(request, f"Live link recorded for {target.channel}")
            return redirect("posts:detail", pk=post.pk)
        except services.NotAllowed as exc:
            form.add_error("url", str(exc))
    forms = {p.pk: LiveLinkForm(prefix=f"p{p.pk}") for p in post.publications.all()
             if p.state == Publication.State.AWAITING_LINK}
    forms[target.pk] = form
    response = _page(request, post, link_forms=forms, status=400)
    return response


@council_page("approver")
@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    waiting = (Post.objects.filter(council=request.council, status=Status.SUBMITTED)  # type: ignore[attr-defined]
               .select_related("author", "current_version").order_by("updated"))
    review = Post.objects.filter(council=request.council, review_needed=True)  # type: ignore[attr-defined]
    page = Paginator(waiting, 50).get_page(request.GET.get("page"))
    return render(request, "posts/approvals.html", {"page": page, "review": review})
