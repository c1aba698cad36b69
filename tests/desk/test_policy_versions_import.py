"""Importing a policy document in the desk: a Word document built here with python-docx becomes
a draft pack shown clause by clause (families, confidence, the words that led to each); the Clerk
changes a mapping and confirms; the result is the council's next version, checked by the
engine. Documents that cannot be read get one clear line and change nothing."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.policies.models import PolicyImport, PolicyVersion
from civicpost.desk.posts.checking import check_text

from .conftest import Town, signed_in


def word_document() -> bytes:
    document = docx.Document()
    document.add_heading("Little Brampton Parish Council", level=1)
    document.add_heading("Social Media Policy", level=1)
    document.add_paragraph("Approved by Full Council in January 2024. "
                           "This policy will be reviewed every two years.")
    document.add_heading("1. Posting for the council", level=2)
    for point in ("Never post a resident's home address or telephone number.",
                  "Do not post anything that is abusive, threatening or discriminatory.",
                  "Always credit the photographer of every picture you use.",
                  "Staff must log out of council accounts at the end of the working day."):
        document.add_paragraph(point, style="List Bullet")
    document.add_heading("2. Elections", level=2)
    document.add_paragraph("During the pre-election period do not publish anything about candidates or "
                           "controversial issues.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "little-brampton-policy.docx"):
    return client.post("/policy/import", {"document": SimpleUploadedFile(name, data)})


def confirm_data(page: str) -> dict[str, object]:
    data: dict[str, object] = {}
    for name, value in re.findall(r'<input class="govuk-checkboxes__input" id="[^"]+" name="([^"]+)" '
                                  r'type="checkbox" value="([^"]+)"[^>]* checked', page):
        data.setdefault(name, []).append(value)  # type: ignore[union-attr]
    for name in ("council_name", "title"):
        match = re.search(rf'name="{name}" value="([^"]*)"', page)
        data[name] = match.group(1) if match else ""
    data["template"] = "loughton-2019"
    return data


def clause_field(page: str, text: str) -> str:
    block = page[:page.index(text)]
    return re.findall(r'name="(clause-\d+)"', block[block.rindex("<fieldset"):] + page[page.index(text):])[0]


def test_a_word_document_becomes_a_draft_and_then_the_next_version(ludgershall: Town) -> None:
    clerk = signed_in(ludgershall.clerk)
    response = upload(clerk, word_document())
    assert response.status_code == 302
    started = PolicyImport.objects.get(council=ludgershall.council)
    page = clerk.get(response["Location"]).content.decode()
    assert "Never post a resident&#x27;s home address or telephone number." in page
    phone_field = clause_field(page, "Never post a resident&#x27;s home address")
    phone_box = re.search(rf'id="id_{phone_field}_PD" name="{phone_field}" type="checkbox" value="PD"'
                          r'[^>]* checked[^>]*>.*?<div id="[^"]+-hint"[^>]*>([^<]+)', page, re.S)
    assert phone_box, "personal data is suggested and ticked for the address clause"
    assert "confidence" in phone_box.group(1) and "telephone number" in phone_box.group(1)

    data = confirm_data(page)
    credit = clause_field(page, "Always credit the photographer")
    assert "CP" in data[credit]
    data[credit] = [t for t in data[credit] if t != "CP"] + ["desk:approval"]  # the Clerk's change
    data["note"] = "Adopted from Little Brampton's policy"
    response = clerk.post(f"/policy/import/{started.pk}", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    version = PolicyVersion.objects.get(council=ludgershall.council, number=2)
    pack = version.pack
    assert pack.council == "Ludgershall Town Council"
    by_text = {c.text: c for c in pack.clauses}
    photo = by_text["Always credit the photographer of every picture you use."]
    assert not any(code.startswith("CP") for code in photo.rules)
    assert photo.enforced_by == ("desk:approval",)
    address = by_text["Never post a resident's home address or telephone number."]
    assert any(code.startswith("PD") for code in address.rules)
    started.refresh_from_db()
    assert started.state == "confirmed" and started.version == version
    confirmed = AuditEvent.objects.get(action="policy.import-confirmed", council=ludgershall.council)
    changed = next(iter(confirmed.details["changed"].values()))
    assert changed == {"added": ["desk:approval"], "removed": ["CP"]}
    # Every later check runs under the imported pack.
    checked = check_text(ludgershall.council, "Ring Mrs Harris on 07700 900461", role="officer")
    assert checked.policy == version and checked.report.verdict == "block"


def test_a_confirmed_import_cannot_be_confirmed_twice(ludgershall: Town) -> None:
    clerk = signed_in(ludgershall.clerk)
    location = upload(clerk, word_document())["Location"]
    data = confirm_data(clerk.get(location).content.decode())
    assert clerk.post(location, data).status_code == 302
    assert clerk.post(location, data).status_code == 200  # shown, with nothing to confirm
    assert PolicyVersion.objects.filter(council=ludgershall.council).count() == 2


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png", "PNG image"),
    (b"", "empty.txt", "The file is empty"),
    (b"PK\x03\x04not really a zip", "broken.docx", "docx"),
])
def test_a_file_that_is_not_a_policy_gets_one_clear_line(ludgershall: Town, data: bytes, name: str,
                                                         message: str) -> None:
    response = upload(signed_in(ludgershall.clerk), data, name)
    page = response.content.decode()
    assert response.status_code == 400
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S).group(1)
    assert message.lower() in summary.lower()
    assert "Traceback" not in page
    assert not PolicyImport.objects.exists()


def test_plain_text_imports_too_and_only_the_clerk_may(ludgershall: Town, loughton: Town) -> None:
    text = (b"Little Brampton Parish Council\n\nSocial Media Policy\n\n1. Rules\n\n"
            b"- Never post a resident's telephone number.\n- Be polite to everyone.\n")
    assert upload(signed_in(ludgershall.officer), text, "policy.txt").status_code == 403
    clerk = signed_in(ludgershall.clerk)
    location = upload(clerk, text, "policy.txt")["Location"]
    assert "Be polite to everyone." in clerk.get(location).content.decode()
    started = PolicyImport.objects.get(council=ludgershall.council)
    assert signed_in(loughton.clerk).get(f"/policy/import/{started.pk}").status_code == 404
    clerk.post(f"/policy/import/{started.pk}/discard")
    started.refresh_from_db()
    assert started.state == "discarded"
