"""Importing a policy document: upload it, look through the importer's draft clause by clause
(the families and capabilities it chose, with the confidence and the words that led to each),
confirm or change each, and save it as the council's next version."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.policies import importing
from civicpost.desk.policies.forms import ConfirmImportForm, UploadForm
from civicpost.desk.policies.models import PolicyImport, current_version
from civicpost.engine import shipped_packs


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            started = importing.upload(request.council, request.user, document.name,  # type: ignore[attr-defined]
                                       document.read())
        except importing.NotAllowed as exc:
            form.add_error("document", str(exc))
        else:
            return redirect("policies:import-review", pk=started.pk)
    return render(request, "policies/import_upload.html",
                  {"form": form, "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


def _default_template(request: HttpRequest) -> str:
    try:
        based_on = current_version(request.council).based_on  # type: ignore[attr-defined]
    except LookupError:
        based_on = ""
    return based_on if based_on in shipped_packs() else "loughton-2019"


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    started = get_object_or_404(PolicyImport, pk=pk, council=request.council)  # type: ignore[attr-defined]
    draft = started.draft
    form = ConfirmImportForm(request.POST or None, draft=draft, initial={
        "council_name": request.council.name,  # type: ignore[attr-defined]
        "title": draft.get("title") or "", "template": _default_template(request)})
    if request.method == "POST" and started.state == PolicyImport.State.DRAFT and form.is_valid():
        try:
            version = importing.confirm(started, request.user, choices=form.choices(),
                                        council_name=form.cleaned_data["council_name"],
                                        title=form.cleaned_data["title"],
                                        template=form.cleaned_data["template"],
                                        note=form.cleaned_data["note"])
        except importing.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{started.file_name} is now version {version.number} of the policy. "
                                      "Everyone is asked to acknowledge it.")
            return redirect("policies:version", pk=version.pk)
    return render(request, "policies/import_review.html", {
        "started": started, "draft": draft, "form": form, "rows": _rows(form, draft),
        "error_form": form if form.errors else None}, status=400 if form.errors else 200)


def _rows(form: ConfirmImportForm, draft: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for index, clause in enumerate(draft["clauses"]):
        field = form[f"clause-{index}"]
        chosen = set(field.value() or [])
        considered = clause.get("also_considered", {})
        options = []
        for target in importing.TARGETS:
            options.append({
                "value": target, "label": importing.target_label(target), "checked": target in chosen,
                "confidence": clause["confidence"].get(target, considered.get(target)),
                "why": clause["why"].get(target, []), "suggested": target in clause["confidence"],
                "id": f"{field.auto_id}_{target.replace(':', '-')}"})
        rows.append({"clause": clause, "field": field, "options": options,
                     "families": [o for o in options if ":" not in o["value"]],
                     "capabilities": [o for o in options if ":" in o["value"]]})
    return rows


@council_page(Role.CLERK)
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    started = get_object_or_404(PolicyImport, pk=pk, council=request.council)  # type: ignore[attr-defined]
    try:
        importing.discard(started, request.user)
        messages.success(request, f"The import of {started.file_name} is set aside")
    except importing.NotAllowed as exc:
        messages.error(request, str(exc))
    return redirect("policies:versions")
