"""The policy's pages: everyone reads the current version, every clause word for word, and
acknowledges it; the Clerk (and an auditor, reading) sees the versions with their dates and
review date, and the Clerk records dates, edits the pack and imports a document."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civicpost.desk.councils import services as council_services
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.policies import services
from civicpost.desk.policies.acknowledging import Document, documents_for, signed
from civicpost.desk.policies.dashboard import forget_outstanding
from civicpost.desk.policies.edit_form import PackEditForm
from civicpost.desk.policies.editing import apply
from civicpost.desk.policies.forms import AcknowledgeForm, DatesForm
from civicpost.desk.policies.models import PolicyVersion, current_version
from civicpost.desk.policies.presenting import changes, sections
from civicpost.desk.policies.review import schedule
from civicpost.engine import PolicyError, all_rules


def _current(request: HttpRequest) -> PolicyVersion:
    try:
        return current_version(request.council)  # type: ignore[attr-defined]
    except LookupError:
        raise Http404("This council has no policy yet") from None


@council_page()
@require_GET
def policy(request: HttpRequest) -> HttpResponse:
    return _policy_page(request)


def _policy_page(request: HttpRequest, form: AcknowledgeForm | None = None,
                 status: int = 200) -> HttpResponse:
    version = _current(request)
    membership = request.membership  # type: ignore[attr-defined]
    done = signed(version, [request.user.pk])
    asks = [{"document": d, "label": Document(d).label, "at": done.when(request.user.pk, d),
             "form": form if form is not None and form.data.get("document") == d
             else AcknowledgeForm(initial={"document": d}, auto_id=f"id_{d}_%s")}
            for d in documents_for(membership.role)]
    context = {"version": version, "pack": version.pack, "sections": sections(version.pack),
               "review": schedule(version), "today": timezone.localdate(), "asks": asks,
               "error_form": form if form is not None and form.errors else None}
    return render(request, "policies/policy.html", context, status=status)


@council_page()
@require_POST
def acknowledge(request: HttpRequest) -> HttpResponse:
    document = request.POST.get("document", "")
    form = AcknowledgeForm(request.POST, auto_id=f"id_{document}_%s")
    if not form.is_valid():
        return _policy_page(request, form, status=400)
    try:
        services.acknowledge(request.council, request.user, form.cleaned_data["document"])  # type: ignore[attr-defined]
    except services.NotAllowed as exc:
        form.add_error(None, str(exc))
        return _policy_page(request, form, status=400)
    forget_outstanding(request)
    messages.success(request, f"Thank you: your acknowledgement of the {Document(document).label} "
                              "is recorded")
    return redirect("policies:policy")


@council_page(Role.CLERK, Role.AUDITOR)
@require_GET
def versions(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    rows = (PolicyVersion.objects.filter(council=council).select_related("created_by", "council")
            .annotate(signed=Count("acknowledgements", filter=Q(acknowledgements__document=Document.POLICY)))
            .order_by("-number"))
    today = timezone.localdate()
    items = [{"version": v, "review": schedule(v), "pack": v.pack} for v in rows]
    imports = council.policy_imports.filter(state="draft").select_related("uploaded_by")
    return render(request, "policies/versions.html", {"items": items, "today": today, "imports": imports})


def _version(request: HttpRequest, pk: int) -> PolicyVersion:
    return get_object_or_404(PolicyVersion.objects.select_related("council", "created_by"),
                             pk=pk, council=request.council)  # type: ignore[attr-defined]


@council_page(Role.CLERK, Role.AUDITOR)
@require_http_methods(["GET", "POST"])
def version(request: HttpRequest, pk: int) -> HttpResponse:
    shown = _version(request, pk)
    form = DatesForm(request.POST or None, initial={k: getattr(shown, k) for k in services.DATE_FIELDS})
    if request.method == "POST":
        if request.membership.role != Role.CLERK:  # type: ignore[attr-defined]
            return _clerk_only(request)
        if form.is_valid():
            try:
                recorded = {k: form.cleaned_data[k] for k in services.DATE_FIELDS}
                services.record_dates(shown, request.user, recorded)
            except services.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Dates of version {shown.number} saved")
                return redirect("policies:version", pk=shown.pk)
    previous = (PolicyVersion.objects.filter(council=shown.council, number__lt=shown.number)
                .order_by("-number").first())
    context = {"version": shown, "pack": shown.pack, "review": schedule(shown), "today": timezone.localdate(),
               "sections": sections(shown.pack), "previous": previous,
               "changes": changes(previous.pack, shown.pack) if previous else None,
               "is_current": current_version(shown.council).pk == shown.pk,
               "form": form, "error_form": form if form.errors else None}
    return render(request, "policies/version.html", context, status=400 if form.errors else 200)


def _clerk_only(request: HttpRequest) -> HttpResponse:
    from civicpost.desk.councils.access import forbidden

    return forbidden(request, "Only the Town Clerk can record the policy's dates")


@council_page(Role.CLERK, Role.AUDITOR)
@require_GET
def pack_file(request: HttpRequest, pk: int) -> HttpResponse:
    shown = _version(request, pk)
    response = HttpResponse(shown.pack_toml, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{shown.council.slug}-v{shown.number}.toml"'
    return response


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    base = _current(request)
    if request.method == "POST":
        wanted = request.POST.get("base", "")
        if wanted.isdigit() and int(wanted) != base.pk:
            base = _version(request, int(wanted))
    form = PackEditForm(request.POST or None, pack_toml=base.pack_toml,
                        initial={"issues": council.controversial_issues})
    if request.method == "POST" and form.is_valid():
        saved = _save_edits(request, form, base)
        if saved is not None:
            return saved
    rules = [(code, rule.title) for code, rule in sorted(all_rules().items())]
    return render(request, "policies/edit.html", {"form": form, "base": base, "rules": rules,
                                                   "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


def _save_edits(request: HttpRequest, form: PackEditForm, base: PolicyVersion) -> HttpResponse | None:
    council = request.council  # type: ignore[attr-defined]
    latest = current_version(council)
    if latest.pk != base.pk:
        form.add_error(None, f"Version {latest.number} was saved while you were editing version "
                             f"{base.number}. Your changes are below, not saved: open Edit the policy "
                             "again and make them on the new version.")
        return None
    edits = form.edits()
    new_toml = apply(base.pack_toml, edits)
    issues = "\n".join(line.strip() for line in form.cleaned_data["issues"].splitlines() if line.strip())
    issues_changed = issues != council.controversial_issues
    if new_toml == base.pack_toml and not issues_changed:
        form.add_error(None, "Nothing has changed: change a clause, a severity or the issues, then save")
        return None
    try:
        with transaction.atomic():  # the new version and the issues are saved together or not at all
            if new_toml != base.pack_toml:
                saved = services.save_version(council, request.user, new_toml,
                                              note=form.cleaned_data["note"], source="edited in the desk")
                messages.success(request, f"Version {saved.number} saved. From now on every check uses "
                                          "it, and everyone is asked to acknowledge it again.")
            if issues_changed:
                council_services.update_settings(council, request.user, {"controversial_issues": issues})
                if new_toml == base.pack_toml:
                    messages.success(request, "Controversial issues saved; the policy itself is unchanged")
    except services.InvalidPack as exc:
        form.add_engine_problems(exc.problems, edits)
        return None
    except (services.NotAllowed, council_services.NotAllowed, PolicyError) as exc:
        form.add_error(None, str(exc))
        return None
    return redirect("policies:versions")
