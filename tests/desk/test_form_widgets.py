"""The desk writes plain form inputs itself, for speed (``pages/widgets.py``); every input on
every page any role can reach must come out exactly as Django's own widget templates write it,
blank, filled in and with errors."""

from __future__ import annotations

from unittest import mock

import pytest

from civicpost.desk.pages import widgets
from civicpost.desk.pages.templatetags import govuk

from .conftest import Town, draft, signed_in
from .test_isolation_crawl import crawl


@pytest.fixture
def compared():
    seen: list[str] = []
    original = widgets.render_field_widget

    def both_ways(field, attrs):
        ours = original(field, dict(attrs))
        assert ours == field.as_widget(attrs=dict(attrs)), field.html_name
        seen.append(f"{type(field.field.widget).__name__}:{field.form.is_bound}")
        return ours

    with mock.patch.object(govuk, "render_field_widget", both_ways):
        yield seen


@pytest.mark.parametrize("role", ["clerk", "officer", "partner"])
def test_every_input_on_every_page_is_written_as_django_writes_it(loughton: Town, compared,
                                                                 role: str) -> None:
    draft(loughton, "Loughton carol service on the green")
    crawl(signed_in(getattr(loughton, role)))
    kinds = {kind.split(":")[0] for kind in compared}
    assert {"TextInput", "Textarea", "Select"} <= kinds


def test_inputs_with_values_and_errors_are_written_as_django_writes_them(loughton: Town, compared) -> None:
    officer = signed_in(loughton.officer)
    officer.post("/posts/new", {"text": 'A "quoted" <b>bold</b> & more', "post_type": "nonsense",
                                "kind": "post", "scheduled_date": "2026-13-45", "action": "save"})
    officer.get("/posts/archive", {"q": "<script>", "date_from": "not a date", "status": "draft"})
    assert any(kind.endswith(":True") for kind in compared)
