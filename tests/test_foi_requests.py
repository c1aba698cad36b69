"""Recognising Freedom of Information requests made on social media, and saying what a
request has and lacks to be valid under FOIA s.8 (a real name, an address for
correspondence, a description of the information)."""

from __future__ import annotations

import pytest

from civicpost.engine.triage import foi_validity, looks_like_real_name, triage


@pytest.mark.parametrize("text", [
    "Under the Freedom of Information Act 2000, please provide all invoices paid for the fireworks.",
    "FOI request: the number of parking fines issued in the station car park in 2025.",
    "Please treat this as a Freedom of Information request for the minutes of the staffing committee.",
    "Please send me all the invoices for the new bus shelter.",
    "Can you provide a copy of the contract with Greenway Grounds?",
    "How much did the council pay for the new website?",
    "What did the jubilee celebrations cost in total?",
    "Environmental Information Regulations request: the tree survey for the recreation ground.",
])
def test_a_request_for_recorded_information_is_an_foi_request(text: str) -> None:
    assert triage(text).has("foi")


@pytest.mark.parametrize("text", [
    "How do I make a Freedom of Information request to the council?",
    "I sent an FOI request six weeks ago and still haven't had a reply.",
    "Can I have a copy of the allotment application form?",
    "Do you have a copy of the bus timetable for the 20?",
    "How much does it cost to hire the hall for a wake?",
    "Can you provide a skip for the street clean-up day?",
    "I'd like to report a broken streetlight on Mill Lane.",
])
def test_routine_requests_and_talk_about_foi_are_not_new_requests(text: str) -> None:
    assert not triage(text).has("foi")


def test_a_complete_request_is_valid() -> None:
    validity = foi_validity("Under FOI please send me the invoices for the Christmas lights. "
                            "Jo Marsh, jo.marsh@example.com")
    assert validity.valid, validity.note
    assert validity.name == "Jo Marsh"
    assert validity.address == "jo.marsh@example.com"
    assert "invoices for the Christmas lights" in (validity.description or "")


def test_the_author_s_display_name_counts_when_it_is_a_real_name() -> None:
    validity = foi_validity("Please send me all correspondence about the car park to 3 Mill Lane, "
                            "Loughton IG10 4RB", author_name="Kevin O'Neill")
    assert validity.valid, validity.note
    assert validity.address == "3 Mill Lane, Loughton IG10 4RB"


def test_a_social_media_handle_alone_is_not_an_address_for_correspondence() -> None:
    validity = foi_validity("Please send me the minutes of the finance committee.",
                            author_name="Sandra Pike", author_handle="@sandrapike")
    assert not validity.valid
    assert validity.missing == ("address",)
    assert "handle alone is not one" in validity.note


def test_a_council_may_decide_to_accept_the_handle_as_the_address() -> None:
    validity = foi_validity("Please send me the minutes of the finance committee.",
                            author_name="Sandra Pike", author_handle="@sandrapike",
                            handle_is_address=True)
    assert validity.valid
    assert validity.address == "@sandrapike"


@pytest.mark.parametrize("name", ["Loughton Resident", "ParishWatch", "Mum of 3", "Concerned Citizen",
                                  "Dave", "forest dweller", "@kev_ltn"])
def test_a_pseudonym_is_not_a_name(name: str) -> None:
    assert not looks_like_real_name(name)
    validity = foi_validity("Please send me the invoices for the fireworks. me@example.com",
                            author_name=name)
    assert validity.missing == ("name",)
    assert "real name" in validity.note


@pytest.mark.parametrize("name", ["Ravi Chauhan", "Kevin O'Neill", "Bernadette Quinn", "Priti Shah",
                                  "Mary-Jane Watts"])
def test_real_names_are_names(name: str) -> None:
    assert looks_like_real_name(name)


def test_a_request_that_does_not_say_what_it_wants_lacks_a_description() -> None:
    validity = foi_validity("This is an FOI request. Regards, Sarah Jones, sarah@example.com")
    assert validity.missing == ("description",)
    assert "description" in validity.note


def test_triage_reports_validity_for_an_foi_request_and_not_otherwise() -> None:
    request = triage("Please send me the invoices for the fireworks.",
                     {"author_name": "Loughton Resident", "author_handle": "@ltnres"})
    assert request.foi is not None and set(request.foi.missing) == {"name", "address"}
    assert triage("What time does the library open?").foi is None
