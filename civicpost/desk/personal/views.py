"""Check my own post: Loughton's points on personal accounts, Ludgershall §4 and §7. Councillors
and staff check what they mean to post on their own accounts against the personal-use rules."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import F, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.personal.models import KeptCheck, PersonalCheckCount
from civicpost.desk.posts.checking import check_text
from civicpost.desk.posts.presenting import counts, pieces

KINDS = [("post", "My own post"), ("reply", "A reply to someone"),
         ("share", "Sharing, retweeting or liking someone else's post")]


class PersonalCheckForm(forms.Form):
    text = forms.CharField(label="What you intend to post", max_length=20_000, strip=False,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "Write or paste the post to check"})
    kind = forms.ChoiceField(label="What is it?", choices=KINDS, initial="post", widget=forms.RadioSelect)
    keep = forms.BooleanField(label="Keep this check so I can see it again (only you will see it)",
                              required=False)


@council_page(Role.CLERK, Role.OFFICER, Role.COUNCILLOR)
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    form = PersonalCheckForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    council, membership = request.council, request.membership  # type: ignore[attr-defined]
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "personal/check.html", {**context, "error_form": form}, status=400)
        text = form.cleaned_data["text"].replace("\r\n", "\n")
        checked = check_text(council, text, role=membership.role, kind=form.cleaned_data["kind"],
                             account="personal")
        findings = [f.to_dict() for f in checked.report.findings]
        _count(council, membership.role, checked.report.verdict)
        if form.cleaned_data["keep"]:
            KeptCheck.objects.create(user=request.user, council=council, text=text,
                                     kind=form.cleaned_data["kind"], verdict=checked.report.verdict,
                                     findings=findings)
        context.update(findings=findings, pieces=pieces(text, findings), counts=counts(findings),
                       policy=checked.policy, checked_text=text, verdict=checked.report.verdict)
    context["kept"] = KeptCheck.objects.filter(user=request.user, council=council)[:20]
    return render(request, "personal/check.html", context)


def _count(council: object, role: str, verdict: str) -> None:
    month = timezone.localdate().replace(day=1)
    with transaction.atomic():
        bucket, _ = PersonalCheckCount.objects.get_or_create(council=council, month=month, role=role,
                                                             verdict=verdict)
        PersonalCheckCount.objects.filter(pk=bucket.pk).update(checks=F("checks") + 1)


@council_page(Role.CLERK, Role.OFFICER, Role.COUNCILLOR)
@require_POST
def forget(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(KeptCheck, pk=pk, user=request.user).delete()
    messages.success(request, "That check is deleted")
    return redirect("personal:check")


def counts_panel(request: HttpRequest) -> list[object]:
    from civicpost.desk.councils.panels import Panel

    if not request.membership.is_clerk:  # type: ignore[attr-defined]
        return []
    month = timezone.localdate().replace(day=1)
    rows = (PersonalCheckCount.objects.filter(council=request.council, month=month)  # type: ignore[attr-defined]
            .values("verdict").annotate(n=Sum("checks")))
    by = {r["verdict"]: r["n"] for r in rows}
    total = sum(by.values())
    line = (f"{total} check{'s' if total != 1 else ''} of personal posts this month; "
            f"{by.get('block', 0)} found something that must not be posted. "
            "You see the numbers only, never the posts.")
    return [Panel("Personal accounts", [(line, "")], order=40)]
