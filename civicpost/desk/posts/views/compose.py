"""Composing and editing a post. Without JavaScript the "Check" button shows the findings; with
it they appear as the officer types. Nothing typed is lost: every error re-shows the form as sent."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import DRAFTING_ROLES
from civicpost.desk.posts import limits, publishing, services
from civicpost.desk.posts.checking import check_text
from civicpost.desk.posts.forms import MAX_TEXT, ImageForm, PostForm
from civicpost.desk.posts.models import Post
from civicpost.desk.posts.presenting import apply_fix, counts, pieces

DRAFTERS = tuple(DRAFTING_ROLES)


def findings_context(request: HttpRequest, text: str, kind: str,
                     media: list[dict[str, Any]] | None = None,
                     channel_ids: Iterable[str | int] = ()) -> dict[str, Any]:
    council = request.council  # type: ignore[attr-defined]
    checked = check_text(council, text, role=request.membership.role,  # type: ignore[attr-defined]
                         kind=kind if kind in {"post", "reply", "share"} else "post", media=media)
    findings = [f.to_dict() for f in checked.report.findings]
    ids = [int(c) for c in channel_ids if str(c).isdigit()]
    if ids:
        findings += limits.findings(text, council.channels.filter(pk__in=ids), media)
        findings.sort(key=lambda f: (f["start"], f["code"]))
    verdict = "block" if any(f["family"] == "PL" for f in findings) else checked.report.verdict
    return {"findings": findings, "pieces": pieces(text, findings), "verdict": verdict,
            "counts": counts(findings), "policy": checked.policy, "checked_text": text}


def _media_from(image_form: ImageForm) -> list[dict[str, Any]]:
    if not image_form.is_valid() or not image_form.has_image:
        return []
    data = image_form.cleaned_data
    return [{"type": "image", "alt": data["alt"] or None, "credit": data["credit"] or None,
             "shows_people": data["shows_people"], "shows_children": data["shows_children"],
             "consent": data["consent"]}]


def _fixed(request: HttpRequest, form: PostForm) -> str | None:
    """The "Apply fix" button without JavaScript: the text with that finding's fix applied."""
    raw = request.POST.get("apply_fix")
    if raw is None or not form.is_valid():
        return None
    return _fix_in(request, form.cleaned_data["text"], form.cleaned_data["kind"], raw)


@council_page(*DRAFTERS)
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    post = get_object_or_404(Post, pk=pk, council=council) if pk else None
    if post is not None and not post.editable:
        messages.info(request, "This post can no longer be changed")
        return redirect("posts:detail", pk=post.pk)
    initial = _initial(post) if post else {}
    if request.method == "GET":
        form = PostForm(council=council, initial=initial)
        image_form = ImageForm()
        text = initial.get("text", "")
        extra = findings_context(request, text, initial.get("kind", "post")) if text else {}
        return _render(request, form, image_form, post, extra)

    form = PostForm(request.POST, council=council, initial=initial)
    image_form = ImageForm(request.POST, request.FILES)
    action = request.POST.get("action", "check")
    fixed = _fixed(request, form)
    if fixed is not None:
        data = request.POST.copy()
        data["text"] = fixed
        form = PostForm(data, council=council, initial=initial)
        action = "check"
    if not form.is_valid() or not image_form.is_valid():
        return _render(request, form, image_form, post, {}, status=400)
    media = _media_from(image_form) or _existing_media(post)
    extra = findings_context(request, form.cleaned_data["text"], form.cleaned_data["kind"], media,
                             form.cleaned_data.get("channels", []))
    if action == "check":
        return _render(request, form, image_form, post, extra)
    try:
        post = _save(request, form, image_form, post)
        if action == "submit":
            services.submit(post, request.user)
            messages.success(request, "Submitted for approval")
        elif action == "emergency":
            publishing.emergency_publish(post, request.user)
            messages.success(request, "Published as an emergency post; the Clerk has been told")
        else:
            messages.success(request, "Draft saved")
    except services.NotAllowed as exc:
        form.add_error(None, str(exc))
        return _render(request, form, image_form, post, extra, status=400)
    return redirect("posts:detail", pk=post.pk)


def _save(request: HttpRequest, form: PostForm, image_form: ImageForm, post: Post | None) -> Post:
    data = form.cleaned_data
    draft = services.Draft(text=data["text"], post_type=data["post_type"], kind=data["kind"],
                           channel_ids=form.channel_ids, scheduled_for=data["scheduled_for"],
                           in_reply_to=data["in_reply_to"] or "")
    if post is None:
        post = services.create_post(request.council, request.user, draft)  # type: ignore[attr-defined]
    else:
        services.edit_post(post, request.user, draft)
    if image_form.has_image:
        d = image_form.cleaned_data
        services.add_attachment(post, request.user, d["image"], alt=d["alt"], credit=d["credit"],
                                shows_people=d["shows_people"], shows_children=d["shows_children"],
                                consent=d["consent"])
    post.refresh_from_db()
    return post


def _existing_media(post: Post | None) -> list[dict[str, Any]]:
    if post is None:
        return []
    return [a.snapshot() for a in post.attachments.filter(removed=False)]


def _initial(post: Post) -> dict[str, Any]:
    when = timezone.localtime(post.scheduled_for) if post.scheduled_for else None
    return {"text": post.text, "post_type": post.post_type, "kind": post.kind,
            "in_reply_to": post.in_reply_to,
            "channels": [str(pk) for pk in post.channels.values_list("pk", flat=True)],
            "scheduled_date": when.date() if when else None,
            "scheduled_time": when.time().replace(second=0, microsecond=0) if when else None,
            "scheduled_for": post.scheduled_for}


def _render(request: HttpRequest, form: PostForm, image_form: ImageForm, post: Post | None,
            extra: dict[str, Any], status: int = 200) -> HttpResponse:
    context = {"form": form, "image_form": image_form, "post": post, "max_text": MAX_TEXT,
               "attachments": post.attachments.filter(removed=False) if post else [], **extra}
    errors = form if form.errors else image_form
    context["error_form"] = errors
    return render(request, "posts/compose.html", context, status=status)


@council_page(*DRAFTERS)
@require_POST
def live_check(request: HttpRequest) -> HttpResponse:
    """The check as you type: the findings panel for the text so far, as HTML to drop in."""
    text = request.POST.get("text", "")
    if len(text) > MAX_TEXT:
        return JsonResponse({"error": f"The post must be {MAX_TEXT:,} characters or fewer"}, status=400)
    kind = request.POST.get("kind", "post")
    text = text.replace("\r\n", "\n")
    fixed = None
    if request.POST.get("apply_fix"):
        fixed = _fix_in(request, text, kind, request.POST["apply_fix"])
        text = fixed if fixed is not None else text
    extra = findings_context(request, text, kind, channel_ids=request.POST.getlist("channels"))
    html = render_to_string("posts/_findings.html", extra, request=request)
    return JsonResponse({"verdict": extra["verdict"], "counts": extra["counts"], "html": html,
                         "text": fixed})


def _fix_in(request: HttpRequest, text: str, kind: str, raw: str) -> str | None:
    try:
        wanted = tuple(json.loads(raw))
    except (json.JSONDecodeError, TypeError):
        return None
    for finding in findings_context(request, text, kind)["findings"]:
        if (finding["code"], finding["start"], finding["end"]) == wanted:
            return apply_fix(text, finding)
    return None
